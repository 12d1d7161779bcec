"""KPI pages: my KPI, an evaluation with its items and the review flow, the division head's team
view, the leaders' overview, the item list behind every figure, the BM02.2 export and the year's
rule. Thin: rows through ``restrict``, rights through ``access``, changes through ``services``."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from investdesk.accounts.models import Division
from investdesk.core import generic
from investdesk.core.downloads import DOCX, XLSX, attachment

from . import access, export, periods, services, sync, templates_fill
from .choices import AdjustmentStatus, EvaluationStatus
from .filters import WorkItemFilterSet
from .forms import (
    AdjustmentForm,
    AssessForm,
    DecisionForm,
    ItemForm,
    RuleForm,
    ScoresForm,
    TemplateForm,
    end_of_day,
)
from .models import Evaluation, ExportTemplate, ScoringRule, WorkItem
from .summary import division_summary
from .tables import WorkItemTable

KPI = gettext_lazy("KPI")


def _home_crumb() -> list[dict]:
    return [{"url": reverse("kpi:home"), "label": str(KPI)}]


def _span(request, default_kind: str | None = None) -> periods.Span:
    """The period asked for in ``?period=``, else the current scoring period."""
    value = request.GET.get("period", "")
    if value:
        try:
            return periods.parse(value)
        except ValueError:
            raise Http404 from None
    # The period the home card shows: past the cut-off, the next year's first one.
    current = services.find_period(timezone.localdate())
    if default_kind:
        return periods.containing(current.starts_on, default_kind)
    return current.span


def items_url(**filters) -> str:
    return reverse("kpi:items") + "?" + urlencode({k: v for k, v in filters.items() if v not in (None, "")})


# My KPI and a person's period -------------------------------------------------------------------


@require_GET
def home(request):
    """My KPI: my evaluation for the current scoring period (or ``?period=``)."""
    return person_period(request, request.user.pk, _span(request).code)


def _person(request, person_id: int):
    from django.contrib.auth import get_user_model

    person = get_object_or_404(get_user_model().objects.restrict(request.user), pk=person_id)
    if not access.can_view_person(request.user, person):
        raise PermissionDenied
    return person


def _period_span(period: str) -> periods.Span:
    try:
        return periods.parse(period)
    except ValueError:
        raise Http404 from None


@require_GET
def person_period(request, person_id: int, period: str):
    """A person's scoring period: their evaluation if it has been started, else the period as it
    stands (items and figures, empty scores) with the forms that start it. Reading writes nothing."""
    person = _person(request, person_id)
    scoring_period = services.find_period(_period_span(period).starts_on)
    if scoring_period.pk is not None:
        evaluation = Evaluation.objects.filter(person=person, period=scoring_period).first()
        if evaluation is not None:
            return redirect(evaluation.get_absolute_url())
    view = PersonPeriodView(request=request, kwargs={}, draft=services.draft_evaluation(person, scoring_period))
    return view.get(request)


@require_POST
def person_period_action(request, person_id: int, period: str, action: str):
    """The first self-assessment or scores of a period with no evaluation yet: starts it."""
    if action not in ("self-assess", "review"):
        raise Http404
    person = _person(request, person_id)
    span = _period_span(period)
    # The criteria of the rule the evaluation will be scored by: that of the period's year.
    _period, year_rule = services.find_period_and_rule(span.starts_on)
    form = ScoresForm(request.POST, criteria=year_rule.as_rule().criteria)
    if not form.is_valid():
        _form_errors(request, form)
        return redirect("kpi:person_period", person.pk, span.code)
    reviewing = action == "review"
    generic.perform(
        request,
        lambda: services.assess_period(
            request.user,
            person,
            span,
            reviewing=reviewing,
            scores=form.scores(),
            comment=form.cleaned_data["comment"],
        ),
        _("Đã chấm điểm.") if reviewing else _("Đã ghi tự đánh giá."),
    )
    # Done or refused, the period page shows what is stored: the new evaluation, or the one
    # somebody else started meanwhile.
    return redirect("kpi:person_period", person.pk, span.code)


EVALUATION_TABS = generic.info_history_tabs("kpi:evaluation_history")


class EvaluationDetailView(generic.ObjectDetailView):
    model = Evaluation
    tabs = EVALUATION_TABS
    context_object_name = "evaluation"
    template_name = "kpi/evaluation_detail.html"
    select_related = ("person", "period", "division", "reviewed_by", "approved_by")

    def get_title(self, evaluation) -> str:
        return _("KPI của %(person)s — %(period)s") % {"person": evaluation.person, "period": evaluation.period}

    def get_parents(self, evaluation):
        parents = _home_crumb()
        if evaluation.division_id and access.can_view_division(self.request.user, evaluation.division):
            url = (
                reverse("kpi:team")
                + "?"
                + urlencode({"division": evaluation.division_id, "period": evaluation.period.code})
            )
            parents.append({"url": url, "label": str(evaluation.division)})  # the name says "Phòng …" itself
        return parents

    def get_extra_context(self, evaluation):
        user = self.request.user
        if evaluation.pk is not None:
            services.refresh(evaluation)
            self_assess_url = reverse("kpi:evaluation_action", args=[evaluation.pk, "self-assess"])
            review_url = reverse("kpi:evaluation_action", args=[evaluation.pk, "review"])
        else:
            target = [evaluation.person_id, evaluation.period.code]
            self_assess_url = reverse("kpi:person_period_action", args=[*target, "self-assess"])
            review_url = reverse("kpi:person_period_action", args=[*target, "review"])
        rule = services.rule_for(evaluation.period.year).as_rule()
        criteria = rule.criteria
        items = (
            WorkItem.objects.restrict(user)
            .filter(person_id=evaluation.person_id, period_id=evaluation.period_id)
            .select_related("step__dossier")
            .order_by("counts_on", "pk")
        )
        base = {"person": evaluation.person_id, "period": evaluation.period.code}
        context = {
            "items": items,
            "criteria": [
                {
                    "name": c.name,
                    "maximum": c.maximum,
                    "self": evaluation.self_scores.get(c.code),
                    "leader": evaluation.general_scores.get(c.code),
                }
                for c in criteria
            ],
            "links": {
                "assigned": items_url(**base),
                "on_time": items_url(**base, state="on_time"),
                "late": items_url(**base, state="late"),
                "open": items_url(**base, state="open"),
            },
            "add_item_url": reverse("kpi:item_new", args=[evaluation.person_id]),
            "self_assess_url": self_assess_url,
            "review_url": review_url,
            "can_add_item": access.can_add_item(user, evaluation.person) and not evaluation.is_frozen,
        }
        if access.can_self_assess(user, evaluation):
            context["self_form"] = ScoresForm(
                criteria=criteria,
                initial_scores=evaluation.self_scores,
                initial={"comment": evaluation.self_comment, "expected_version": evaluation.version},
            )
        if access.can_review(user, evaluation):
            context["review_form"] = ScoresForm(
                criteria=criteria,
                initial_scores=evaluation.general_scores or evaluation.self_scores,
                initial={"comment": evaluation.review_comment, "expected_version": evaluation.version},
            )
        if access.can_approve(user, evaluation):
            context["approve_form"] = DecisionForm(initial={"expected_version": evaluation.version})
        return context


class PersonPeriodView(EvaluationDetailView):
    """The evaluation page over an unsaved draft: same figures and forms, posted to the period."""

    draft: Evaluation | None = None

    def get_object(self):
        return self.draft

    def get(self, request, *args, **kwargs):
        return render(request, self.template_name, self.get_context(self.draft))


class EvaluationHistoryView(generic.ObjectHistoryView):
    model = Evaluation
    tabs = EVALUATION_TABS


def _evaluation(request, pk: int) -> Evaluation:
    return get_object_or_404(Evaluation.objects.restrict(request.user).select_related("period", "person"), pk=pk)


@require_POST
def evaluation_action(request, pk: int, action: str):
    """Self-assessment, the head's review, the leader's approval or sending back."""
    evaluation = _evaluation(request, pk)
    rule = services.rule_for(evaluation.period.year).as_rule()
    if action in ("self-assess", "review"):
        form = ScoresForm(request.POST, criteria=rule.criteria)
        service = services.self_assess if action == "self-assess" else services.review
        message = _("Đã ghi tự đánh giá.") if action == "self-assess" else _("Đã chấm điểm.")
        if form.is_valid():
            generic.perform(
                request,
                lambda: service(
                    request.user,
                    evaluation,
                    form.cleaned_data["expected_version"],
                    scores=form.scores(),
                    comment=form.cleaned_data["comment"],
                ),
                message,
            )
        else:
            _form_errors(request, form)
    elif action in ("approve", "send-back"):
        form = DecisionForm(request.POST)
        if form.is_valid():
            if action == "approve":
                call, message = services.approve, _("Đã phê duyệt kết quả KPI.")
            else:
                call, message = services.send_back, _("Đã trả lại để chấm lại.")
            generic.perform(
                request,
                lambda: call(
                    request.user,
                    evaluation,
                    form.cleaned_data["expected_version"],
                    comment=form.cleaned_data["comment"],
                ),
                message,
            )
        else:
            _form_errors(request, form)
    else:
        raise Http404
    return redirect(evaluation.get_absolute_url())


def _form_errors(request, form) -> None:
    from django.contrib import messages

    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else error)


# Work items ------------------------------------------------------------------------------------


class WorkItemListView(generic.ObjectListView):
    model = WorkItem
    table_class = WorkItemTable
    filterset_class = WorkItemFilterSet
    title = gettext_lazy("Đầu mục công việc")
    select_related = ("person",)

    def get_context_data(self, **kwargs):
        self.parents = _home_crumb()
        return super().get_context_data(**kwargs)


ITEM_TABS = generic.info_history_tabs("kpi:item_history")


class WorkItemDetailView(generic.ObjectDetailView):
    model = WorkItem
    tabs = ITEM_TABS
    context_object_name = "item"
    template_name = "kpi/item_detail.html"
    select_related = ("person", "period", "step__dossier")

    def get_parents(self, item):
        return [
            *_home_crumb(),
            {"url": items_url(person=item.person_id, period=item.period.code), "label": _("Đầu mục")},
        ]

    def get_extra_context(self, item):
        user = self.request.user
        context = {
            "holders": sync.holders(item.step) if item.step_id else [],
            "adjustments": item.adjustments.select_related("proposed_by", "decided_by"),
            "can_decide": access.can_assess_item(user, item),
            "proposed": AdjustmentStatus.PROPOSED,
            "evaluation_url": reverse("kpi:person_period", args=[item.person_id, item.period.code]),
        }
        if access.can_assess_item(user, item):
            context["assess_form"] = AssessForm(instance=item)
        if user.pk == item.person_id or access.can_add_item(user, item.person):
            context["adjust_form"] = AdjustmentForm()
            context["can_finish"] = item.finished_at is None and item.source != "dossier_step"
        return context


class WorkItemHistoryView(generic.ObjectHistoryView):
    model = WorkItem
    tabs = ITEM_TABS


def item_new(request, person_id: int):
    from django.contrib.auth import get_user_model

    person = get_object_or_404(get_user_model().objects.restrict(request.user), pk=person_id)
    if not access.can_add_item(request.user, person):
        raise PermissionDenied
    form = ItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = {}
        if generic.perform(
            request,
            lambda: saved.setdefault(
                "item",
                services.add_item(
                    request.user,
                    person,
                    title=data["title"],
                    weight=data["weight"],
                    deadline=end_of_day(data["deadline_on"]),
                    source=data["source"],
                    note=data["note"],
                ),
            ),
            _("Đã thêm đầu mục."),
            form=form,
        ):
            return redirect(saved["item"].get_absolute_url())
    return render(
        request,
        "core/object_edit.html",
        {
            "form": form,
            "title": _("Thêm đầu mục công việc cho %(p)s") % {"p": person},
            "parents": _home_crumb(),
            "cancel_url": reverse("kpi:home"),
            "object": WorkItem(),
        },
    )


@require_POST
def item_action(request, pk: int, action: str):
    """Finish, assess, propose an adjustment."""
    item = get_object_or_404(WorkItem.objects.restrict(request.user).select_related("person"), pk=pk)
    if action == "finish":
        generic.perform(
            request,
            lambda: services.finish_item(request.user, item, int(request.POST.get("expected_version") or 0)),
            _("Đã ghi hoàn thành."),
        )
    elif action == "assess":
        form = AssessForm(request.POST, instance=WorkItem.objects.get(pk=item.pk))
        if form.is_valid():
            data = form.cleaned_data
            generic.perform(
                request,
                lambda: services.assess_item(
                    request.user,
                    item,
                    data["expected_version"],
                    quality=data["quality"],
                    has_error=data["has_error"],
                    is_late=data["is_late"],
                    note=data["note"],
                ),
                _("Đã ghi đánh giá sản phẩm."),
            )
        else:
            _form_errors(request, form)
    elif action == "adjust":
        form = AdjustmentForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            generic.perform(
                request,
                lambda: services.propose_adjustment(
                    request.user,
                    item,
                    reason=data["reason"],
                    weight=data["weight"],
                    deadline=end_of_day(data["deadline_on"]),
                    withdraw=data["withdraw"],
                ),
                _("Đã gửi đề xuất điều chỉnh."),
            )
        else:
            _form_errors(request, form)
    else:
        raise Http404
    return redirect(item.get_absolute_url())


@require_POST
def adjustment_decide(request, pk: int):
    from .models import Adjustment

    adjustment = get_object_or_404(Adjustment.objects.restrict(request.user).select_related("item__person"), pk=pk)
    approve = request.POST.get("decision") == "approve"
    generic.perform(
        request,
        lambda: services.decide_adjustment(
            request.user, adjustment, approve=approve, note=request.POST.get("note", "")
        ),
        _("Đã chấp thuận đề xuất.") if approve else _("Đã không chấp thuận đề xuất."),
    )
    return redirect(adjustment.item.get_absolute_url())


# The division and the department -----------------------------------------------------------------


def _division(request) -> Division:
    value = request.GET.get("division", "")
    if value.isdigit() and len(value) < 10:
        division = get_object_or_404(Division, pk=int(value))
    elif request.user.division_id:
        division = request.user.division
    else:
        raise Http404
    if not access.can_view_division(request.user, division):
        raise PermissionDenied
    return division


def team(request):
    """The division head's view of a period: one row per person with links to the evaluation and
    to the items behind every figure; the excellent quota; the export. A fixed number of queries."""
    division = _division(request)
    span = _span(request)
    summary = division_summary(division, span, approved_only=False)
    over = set(summary.quota.over)
    # The figures above the table are the whole division's; the table shows a page of people, so
    # a large division renders in the same time as a small one.
    page = Paginator(summary.rows, settings.LIST_PAGE_SIZE).get_page(request.GET.get("page"))
    items_base = reverse("kpi:items")
    rows = []
    for row in page.object_list:
        base = f"{items_base}?person={row.person.pk}&period={span.code}"
        rows.append(
            {
                "row": row,
                "url": reverse("kpi:person_period", args=[row.person.pk, span.code])
                if span.kind != periods.YEAR
                else None,
                "status": EvaluationStatus(row.evaluations[0]["status"]).label if len(row.evaluations) == 1 else "",
                "over_quota": row.person.pk in over,
                "links": {
                    "assigned": base,
                    "on_time": base + "&state=on_time",
                    "late": base + "&state=late",
                    "open": base + "&state=open",
                },
            }
        )
    query = urlencode({"division": division.pk, "period": span.code})
    return render(
        request,
        "kpi/team.html",
        {
            "title": _("KPI phòng %(d)s — %(p)s") % {"d": division, "p": span.code},
            "parents": _home_crumb(),
            "division": division,
            "span": span,
            "summary": summary,
            "rows": rows,
            "page_obj": page,
            "page_query": urlencode({"division": division.pk, "period": span.code}),
            "over_names": [row.person for row in summary.rows if row.person.pk in over],
            "export_xlsx": reverse("kpi:export", args=["xlsx"]) + "?" + query,
            "export_docx": reverse("kpi:export", args=["docx"]) + "?" + query,
            "division_items": items_url(division=division.pk, period=span.code),
        },
    )


def overview(request):
    """The department leaders' overview: every division's coverage and bands for a period."""
    if not access.sees_all(request.user):
        raise PermissionDenied
    span = _span(request, periods.YEAR) if "period" not in request.GET else _span(request)
    divisions = []
    for division in Division.objects.filter(is_active=True).order_by("sort_order", "name"):
        summary = division_summary(division, span)
        if not summary.staff:
            continue
        bands = {}
        for row in summary.rows:
            if row.band:
                bands[row.band] = bands.get(row.band, 0) + 1
        divisions.append(
            {
                "division": division,
                "summary": summary,
                "bands": bands,
                "url": reverse("kpi:team") + "?" + urlencode({"division": division.pk, "period": span.code}),
                "over": [row.person for row in summary.rows if row.person.pk in set(summary.quota.over)],
            }
        )
    return render(
        request,
        "kpi/overview.html",
        {
            "title": _("KPI các phòng — %(p)s") % {"p": span.code},
            "parents": _home_crumb(),
            "span": span,
            "divisions": divisions,
        },
    )


def export_summary(request, fmt: str):
    """Form BM02.2 for a division and a period."""
    if fmt not in ("xlsx", "docx"):
        raise Http404
    division = _division(request)
    span = _span(request)
    summary = division_summary(division, span)
    name = f"BM02.2-{division.code}-{span.code}.{fmt}"
    own = ExportTemplate.objects.restrict(request.user).filter(kind=fmt, is_active=True).first()
    if own is not None:
        with own.file.open("rb") as stored:
            layout = stored.read()
        filled = (templates_fill.fill_xlsx if fmt == "xlsx" else templates_fill.fill_docx)(layout, summary)
        return attachment(filled, name, XLSX if fmt == "xlsx" else DOCX)
    if fmt == "xlsx":
        return attachment(export.xlsx(summary), name, XLSX)
    return attachment(export.docx(summary), name, DOCX)


# The year's rule -------------------------------------------------------------------------------


class RuleEditView(generic.ObjectEditView):
    model = ScoringRule
    form_class = RuleForm
    lookup_field = "year"
    success_message = gettext_lazy("Đã lưu cách tính điểm.")

    def get_object(self):
        year = self.kwargs["year"]
        if not 2000 <= year <= 2100:
            raise Http404
        return ScoringRule.objects.restrict(self.request.user, "change").filter(year=year).first() or ScoringRule(
            year=year
        )

    def has_object_permission(self, rule) -> bool:
        return access.can_configure(self.request.user)

    def checked_object(self):
        rule = self.get_object()
        if not self.has_object_permission(rule):
            raise PermissionDenied
        return rule

    def get_parents(self, rule):
        return _home_crumb()

    def save(self, form):
        return services.save_rule(self.request.user, form.instance, form.cleaned_data.get("expected_version"))

    def get_success_url(self, rule) -> str:
        return reverse("kpi:rule", args=[rule.year])


def export_templates(request):
    """The department's own BM02.2 layouts: the placeholders, the uploaded files, a new upload."""
    if not access.can_configure(request.user):
        raise PermissionDenied
    form = TemplateForm(request.POST or None, request.FILES or None)
    uploaded = (
        request.method == "POST"
        and form.is_valid()
        and generic.perform(
            request,
            lambda: services.upload_template(request.user, form.cleaned_data["file"], name=form.cleaned_data["name"]),
            _("Đã tải lên mẫu; các lần xuất BM02.2 sau sẽ dùng mẫu này."),
            form=form,
        )
    )
    if uploaded:
        return redirect(reverse("kpi:templates"))
    return render(
        request,
        "kpi/templates.html",
        {
            "title": _("Mẫu BM02.2 của Sở"),
            "parents": _home_crumb(),
            "form": form,
            "templates": ExportTemplate.objects.restrict(request.user).select_related("uploaded_by"),
            "placeholders": templates_fill.__doc__,
        },
    )
