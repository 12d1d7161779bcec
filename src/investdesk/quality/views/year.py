"""The year: its dashboard, settings, opening it, and the exports in the signed layout."""

from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from investdesk.core import generic
from investdesk.core.downloads import DOCX, XLSX
from investdesk.legal.models import LegalDocument

from .. import exports, overview, services
from ..choices import RiskKind
from ..forms import QualityYearForm
from ..models import Action, QualityYear
from .common import InYear, plan_of, shows_unopened_years


@require_POST
def open_year(request, year: int):
    if generic.perform(
        request,
        lambda: services.open_year(request.user, year),
        _("Đã mở hồ sơ chất lượng năm %(y)s.") % {"y": year},
    ):
        return redirect("quality:dashboard", year=year)
    return redirect("quality:home")


def home(request):
    """The current year, or the latest year opened before it (a new year starts before its plan)."""
    this_year = timezone.localdate().year
    latest = QualityYear.objects.filter(year__lte=this_year).order_by("-year").values_list("year", flat=True).first()
    return redirect("quality:dashboard", year=latest or this_year)


@shows_unopened_years
def dashboard(request, year: int):
    plan = plan_of(year)
    today = timezone.localdate()
    actions = Action.objects.restrict(request.user).filter(plan=plan)
    overdue = actions.overdue(today).select_related("owner", "risk", "objective")
    return render(
        request,
        "quality/dashboard.html",
        {
            "plan": plan,
            "years": years_around(plan),
            "objectives": overview.objectives_with_readings(plan),
            "risk_map": overview.heat_map(plan, RiskKind.RISK),
            "opportunity_map": overview.heat_map(plan, RiskKind.OPPORTUNITY),
            "bands": overview.band_counts(plan),
            "mismatches": list(plan.risks.assessed().filter(level_mismatch=True)),
            "overdue": overdue[:20],
            "overdue_count": overdue.count(),
            "open_count": actions.open().count(),
            "documents_changed": LegalDocument.objects.restrict(request.user).changed_in(year).count(),
            "title": _("Hệ thống quản lý chất lượng năm %(y)s") % {"y": year},
        },
    )


def years_around(plan: QualityYear) -> list[int]:
    known = set(QualityYear.objects.values_list("year", flat=True))
    return sorted(known | {plan.year, timezone.localdate().year}, reverse=True)


class YearSettingsView(InYear, generic.ObjectEditView):
    model = QualityYear
    form_class = QualityYearForm
    service = services.update_year
    template_name = "quality/form.html"
    lookup_field = "year"

    def get_object(self):
        return self.plan

    def get_title(self, plan):
        return _("Thiết lập năm %(y)s: thang mức rủi ro, người ký") % {"y": plan.year}

    def get_success_message(self, plan):
        return _("Đã lưu thiết lập năm %(y)s.") % {"y": plan.year}

    def get_success_url(self, plan):
        return redirect("quality:dashboard", year=plan.year).url


EXPORTS = {
    ("objectives", "docx"): (exports.objectives_docx, DOCX, "muc-tieu-chat-luong-{year}.docx"),
    ("objectives", "xlsx"): (exports.objectives_xlsx, XLSX, "muc-tieu-chat-luong-{year}.xlsx"),
    ("risks", "docx"): (exports.register_docx, DOCX, "rui-ro-co-hoi-{year}.docx"),
    ("risks", "xlsx"): (exports.register_xlsx, XLSX, "rui-ro-co-hoi-{year}.xlsx"),
}


class ExportView(InYear, generic.ObjectDownloadView):
    """Table 1 or Table 2 of the year in the signed layout, as Word or Excel."""

    model = QualityYear
    permission_required = ()
    lookup_field = "year"

    def get(self, request, *args, **kwargs):
        if (kwargs["table"], kwargs["fmt"]) not in EXPORTS:
            raise Http404
        self.build, self.content_type, self.filename = EXPORTS[kwargs["table"], kwargs["fmt"]]
        return super().get(request, *args, **kwargs)

    def get_object(self):
        return self.plan

    def get_filename(self, plan):
        return self.filename.format(year=plan.year)

    def get_content(self, plan):
        return self.build(plan)
