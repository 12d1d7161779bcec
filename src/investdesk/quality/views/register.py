"""The risk and opportunity register (Table 2): the year's rows by section with the heat maps and
their filters, a row with its reviews, and its edit and history pages."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from investdesk.core import generic

from .. import overview, services
from ..choices import RiskBand, RiskKind, RiskSection
from ..filters import RiskFilterSet
from ..forms import RiskForm, RiskReviewForm
from ..models import Risk
from .common import InYear, plan_of, shows_unopened_years

TABS = generic.info_history_tabs("quality:risk_history")


@shows_unopened_years
def register(request, year: int):
    plan = plan_of(year)
    filters = RiskFilterSet(request.GET, queryset=Risk.objects.restrict(request.user).filter(register=plan))
    rows = list(filters.qs)
    return render(
        request,
        "quality/register.html",
        {
            "plan": plan,
            "sections": by_section(rows),
            "filter": filters,
            "bands": RiskBand.choices,
            "filtered": filters.active,
            "risk_map": overview.heat_map(plan, RiskKind.RISK),
            "opportunity_map": overview.heat_map(plan, RiskKind.OPPORTUNITY),
            "can_manage": services.can_manage(request.user),
            "title": _("Rủi ro và cơ hội năm %(y)s") % {"y": year},
        },
    )


def by_section(rows: list[Risk]) -> list[tuple[str, list[Risk]]]:
    return [(section.label, [r for r in rows if r.section == section]) for section in RiskSection]


class RiskDetailView(generic.ObjectDetailView):
    model = Risk
    select_related = ("register",)
    context_object_name = "risk"
    template_name = "quality/risk_detail.html"
    tabs = TABS

    def get_title(self, risk):
        return _("Rủi ro, cơ hội %(s)s.%(n)s") % {"s": risk.section, "n": risk.number}

    def get_extra_context(self, risk):
        return {
            "plan": risk.register,
            "reviews": risk.reviews.select_related("reviewer"),
            "actions": risk.actions.select_related("owner"),
            "can_manage": services.can_manage(self.request.user),
            "review_form": RiskReviewForm(
                initial={"likelihood": risk.likelihood, "severity": risk.severity, "reviewed_on": timezone.localdate()}
            ),
        }


class RiskEditView(InYear, generic.ObjectEditView):
    model = Risk
    form_class = RiskForm
    service = services.save_risk
    template_name = "quality/form.html"

    def get_queryset(self):
        return super().get_queryset().filter(register=self.plan)

    def new_object(self):
        return Risk(register=self.plan)

    def get_service_kwargs(self, form):
        return {"comment": form.cleaned_data["comment"]}

    def get_title(self, risk):
        if risk.pk:
            return _("Sửa dòng %(s)s.%(n)s") % {"s": risk.section, "n": risk.number}
        return _("Thêm rủi ro, cơ hội")


@require_POST
def risk_review(request, pk: int):
    risk = get_object_or_404(Risk.objects.restrict(request.user).select_related("register"), pk=pk)
    form = RiskReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Hãy điền đủ P, S, ngày và nhận xét."))
        return redirect(risk)
    generic.perform(
        request, lambda: services.review_risk(request.user, risk, **form.cleaned_data), _("Đã ghi lần rà soát.")
    )
    return redirect(risk)


class RiskHistoryView(generic.ObjectHistoryView):
    model = Risk
    tabs = TABS
