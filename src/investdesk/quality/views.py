"""Pages of the quality system: the year's dashboard, the objectives (Table 1), the risk and
opportunity register (Table 2) with its heat map, the actions, the legal documents, and the exports."""

from datetime import date
from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from investdesk.core.downloads import attachment
from investdesk.core.exceptions import DomainError
from investdesk.core.forms import apply_domain_error
from investdesk.core.views import ObjectListView, object_history

from . import documents, indicators, overview, services
from .choices import RiskKind, RiskSection
from .filters import ActionFilterSet, LegalDocumentFilterSet
from .forms import (
    ActionForm,
    ActionReportForm,
    EvidenceForm,
    LegalDocumentForm,
    MilestoneForm,
    ObjectiveForm,
    ObjectiveReviewForm,
    QualityYearForm,
    RiskForm,
    RiskReviewForm,
)
from .models import Action, Evidence, LegalDocument, Milestone, Objective, QualityYear, Risk
from .tables import ActionTable, LegalDocumentTable

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _manager(request) -> None:
    if not services.can_manage(request.user):
        raise PermissionDenied


class NoYear(Exception):
    """The year has no quality records yet (a manager opens it)."""

    def __init__(self, year: int):
        super().__init__(year)
        self.year = year


def _plan(year: int) -> QualityYear:
    if not 2000 <= year <= 2100:
        raise Http404
    plan = QualityYear.objects.filter(year=year).first()
    if plan is None:
        raise NoYear(year)
    return plan


def shows_unopened_years(view):
    """A page of a year nobody has opened shows that, with the button to open it for managers,
    rather than creating records on a visit."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except NoYear as missing:
            return render(
                request,
                "quality/no_year.html",
                {
                    "year": missing.year,
                    "can_manage": services.can_manage(request.user),
                    "title": _("Hệ thống quản lý chất lượng năm %(y)s") % {"y": missing.year},
                },
                status=404,
            )

    return wrapper


@require_POST
def open_year(request, year: int):
    try:
        services.open_year(request.user, year)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("quality:home")
    messages.success(request, _("Đã mở hồ sơ chất lượng năm %(y)s.") % {"y": year})
    return redirect("quality:dashboard", year=year)


def _saved(request, form, save, message) -> bool:
    """Runs ``save`` for a valid form; a refusal shows on the form. True when saved."""
    if request.method != "POST" or not form.is_valid():
        return False
    try:
        save()
    except DomainError as error:
        apply_domain_error(form, error)
        return False
    messages.success(request, message)
    return True


# The year --------------------------------------------------------------------------------------


def home(request):
    """The current year, or the latest year opened before it (a new year starts before its plan)."""
    this_year = timezone.localdate().year
    latest = QualityYear.objects.filter(year__lte=this_year).order_by("-year").values_list("year", flat=True).first()
    return redirect("quality:dashboard", year=latest or this_year)


@shows_unopened_years
def dashboard(request, year: int):
    plan = _plan(year)
    today = timezone.localdate()
    overdue = Action.objects.filter(plan=plan).overdue(today).select_related("owner", "risk", "objective")
    return render(
        request,
        "quality/dashboard.html",
        {
            "plan": plan,
            "years": _years(plan),
            "objectives": overview.objectives_with_readings(plan),
            "risk_map": overview.heat_map(plan, RiskKind.RISK),
            "opportunity_map": overview.heat_map(plan, RiskKind.OPPORTUNITY),
            "bands": overview.band_counts(plan),
            "mismatches": [risk for risk in plan.risks.assessed() if risk.written_level_mismatch],
            "overdue": overdue[:20],
            "overdue_count": overdue.count(),
            "open_count": Action.objects.filter(plan=plan).open().count(),
            "documents_changed": _documents_changed(year).count(),
            "title": _("Hệ thống quản lý chất lượng năm %(y)s") % {"y": year},
        },
    )


def _years(plan: QualityYear) -> list[int]:
    known = set(QualityYear.objects.values_list("year", flat=True))
    return sorted(known | {plan.year, timezone.localdate().year}, reverse=True)


@shows_unopened_years
def year_settings(request, year: int):
    _manager(request)
    plan = _plan(year)
    form = QualityYearForm(request.POST or None, instance=plan)
    saved = _saved(
        request,
        form,
        lambda: services.update_year(request.user, form.instance, form.cleaned_data["expected_version"]),
        _("Đã lưu thiết lập năm %(y)s.") % {"y": year},
    )
    if saved:
        return redirect("quality:dashboard", year=year)
    return render(
        request,
        "quality/form.html",
        {"form": form, "plan": plan, "title": _("Thiết lập năm %(y)s: thang mức rủi ro, người ký") % {"y": year}},
    )


# Objectives (Table 1) --------------------------------------------------------------------------


@shows_unopened_years
def objectives(request, year: int):
    plan = _plan(year)
    return render(
        request,
        "quality/objectives.html",
        {
            "plan": plan,
            "objectives": overview.objectives_with_readings(plan),
            "can_manage": services.can_manage(request.user),
            "title": _("Mục tiêu chất lượng năm %(y)s") % {"y": year},
        },
    )


def objective_detail(request, pk: int):
    objective = get_object_or_404(Objective.objects.select_related("plan", "owner"), pk=pk)
    return render(
        request,
        "quality/objective_detail.html",
        {
            "objective": objective,
            "plan": objective.plan,
            "reading": indicators.read(objective),
            "milestones": objective.milestones.all(),
            "reviews": objective.reviews.select_related("reviewer"),
            "evidence": objective.evidence.select_related("added_by"),
            "actions": objective.actions.select_related("owner"),
            "can_manage": services.can_manage(request.user),
            "milestone_form": MilestoneForm(),
            "review_form": ObjectiveReviewForm(),
            "evidence_form": EvidenceForm() if services.can_manage(request.user) else None,
            "tabs": _tabs(objective, "quality:objective_history"),
            "title": _("Mục tiêu %(n)s năm %(y)s") % {"n": objective.number, "y": objective.plan.year},
        },
    )


@shows_unopened_years
def objective_form(request, year: int, pk: int | None = None):
    _manager(request)
    plan = _plan(year)
    objective = get_object_or_404(Objective, pk=pk, plan=plan) if pk else Objective(plan=plan)
    form = ObjectiveForm(request.POST or None, instance=objective)
    saved = _saved(
        request,
        form,
        lambda: services.save_objective(request.user, form.instance, form.cleaned_data["expected_version"]),
        _("Đã lưu mục tiêu."),
    )
    if saved:
        return redirect(form.instance)
    title = _("Sửa mục tiêu %(n)s") % {"n": objective.number} if pk else _("Thêm mục tiêu năm %(y)s") % {"y": year}
    return render(request, "quality/form.html", {"form": form, "plan": plan, "title": title})


@require_POST
def objective_action(request, pk: int, action: str):
    """Milestones, quarterly reviews and evidence of an objective (each through its service)."""
    objective = get_object_or_404(Objective, pk=pk)
    forms = {"milestone": MilestoneForm, "review": ObjectiveReviewForm, "evidence": EvidenceForm}
    if action not in forms:
        raise Http404
    form = forms[action](request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Hãy điền đủ các ô bắt buộc."))
        return redirect(objective)
    data = form.cleaned_data
    try:
        if action == "milestone":
            services.add_milestone(request.user, objective, title=data["title"], due_on=data["due_on"])
        elif action == "review":
            services.review_objective(request.user, objective, quarter=data["quarter"], comment=data["comment"])
        else:
            services.add_evidence(
                request.user, objective=objective, title=data["title"], link=data["link"], upload=data["file"]
            )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Đã ghi."))
    return redirect(objective)


@require_POST
def milestone_toggle(request, pk: int):
    milestone = get_object_or_404(Milestone.objects.select_related("objective"), pk=pk)
    done_on = None if milestone.done_on else timezone.localdate()
    try:
        services.set_milestone_done(request.user, milestone, done_on)
    except DomainError as error:
        messages.error(request, error.message)
    return redirect(milestone.objective)


def _history(request, model, pk: int, url_name: str):
    instance = get_object_or_404(model, pk=pk)
    return object_history(request, instance, extra={"tabs": _tabs(instance, url_name), "title": str(instance)})


def objective_history(request, pk: int):
    return _history(request, Objective, pk, "quality:objective_history")


# The register (Table 2) ------------------------------------------------------------------------


@shows_unopened_years
def register(request, year: int):
    plan = _plan(year)
    rows = plan.risks.all()
    picked = {}
    for name in ("likelihood", "severity"):
        value = request.GET.get(name, "")
        if value.isdigit() and 1 <= int(value) <= 5:
            picked[name] = int(value)
    kind = request.GET.get("kind", "")
    band = request.GET.get("band", "")
    if kind in RiskKind.values:
        picked["kind"] = kind
    if band in ("low", "medium", "high"):
        picked["band"] = band
    if request.GET.get("mismatch") == "1":
        mismatched = [risk.pk for risk in plan.risks.assessed() if risk.written_level_mismatch]
        rows = rows.filter(pk__in=mismatched)
    if picked:
        rows = rows.filter(is_heading=False, **picked)
    rows = list(rows.search(request.GET.get("q")) if request.GET.get("q") else rows)
    return render(
        request,
        "quality/register.html",
        {
            "plan": plan,
            "sections": _by_section(rows),
            "filtered": bool(picked) or request.GET.get("mismatch") == "1" or bool(request.GET.get("q")),
            "risk_map": overview.heat_map(plan, RiskKind.RISK),
            "opportunity_map": overview.heat_map(plan, RiskKind.OPPORTUNITY),
            "can_manage": services.can_manage(request.user),
            "title": _("Rủi ro và cơ hội năm %(y)s") % {"y": year},
        },
    )


def _by_section(rows: list[Risk]) -> list[tuple[str, list[Risk]]]:
    return [(section.label, [r for r in rows if r.section == section]) for section in RiskSection]


def risk_detail(request, pk: int):
    risk = get_object_or_404(Risk.objects.select_related("register"), pk=pk)
    return render(
        request,
        "quality/risk_detail.html",
        {
            "risk": risk,
            "plan": risk.register,
            "reviews": risk.reviews.select_related("reviewer"),
            "actions": risk.actions.select_related("owner"),
            "can_manage": services.can_manage(request.user),
            "review_form": RiskReviewForm(
                initial={
                    "likelihood": risk.likelihood,
                    "severity": risk.severity,
                    "reviewed_on": timezone.localdate(),
                }
            ),
            "tabs": _tabs(risk, "quality:risk_history"),
            "title": _("Rủi ro, cơ hội %(s)s.%(n)s") % {"s": risk.section, "n": risk.number},
        },
    )


@shows_unopened_years
def risk_form(request, year: int, pk: int | None = None):
    _manager(request)
    plan = _plan(year)
    risk = get_object_or_404(Risk, pk=pk, register=plan) if pk else Risk(register=plan)
    form = RiskForm(request.POST or None, instance=risk)
    saved = _saved(
        request,
        form,
        lambda: services.save_risk(
            request.user,
            form.instance,
            form.cleaned_data["expected_version"],
            comment=form.cleaned_data["comment"],
        ),
        _("Đã lưu."),
    )
    if saved:
        return redirect(form.instance)
    title = _("Sửa dòng %(s)s.%(n)s") % {"s": risk.section, "n": risk.number} if pk else _("Thêm rủi ro, cơ hội")
    return render(request, "quality/form.html", {"form": form, "plan": plan, "title": title})


@require_POST
def risk_review(request, pk: int):
    risk = get_object_or_404(Risk.objects.select_related("register"), pk=pk)
    form = RiskReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Hãy điền đủ P, S, ngày và nhận xét."))
        return redirect(risk)
    try:
        services.review_risk(request.user, risk, **form.cleaned_data)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Đã ghi lần rà soát."))
    return redirect(risk)


def risk_history(request, pk: int):
    return _history(request, Risk, pk, "quality:risk_history")


def _tabs(instance, history_url: str) -> list[dict]:
    return [
        {"key": "info", "label": _("Thông tin"), "url": instance.get_absolute_url()},
        {"key": "history", "label": _("Lịch sử thay đổi"), "url": reverse(history_url, args=[instance.pk])},
    ]


# Exports in the signed layout ------------------------------------------------------------------


EXPORTS = {
    ("objectives", "docx"): (documents.objectives_docx, DOCX, "muc-tieu-chat-luong-{year}.docx"),
    ("objectives", "xlsx"): (documents.objectives_xlsx, XLSX, "muc-tieu-chat-luong-{year}.xlsx"),
    ("risks", "docx"): (documents.register_docx, DOCX, "rui-ro-co-hoi-{year}.docx"),
    ("risks", "xlsx"): (documents.register_xlsx, XLSX, "rui-ro-co-hoi-{year}.xlsx"),
}


@shows_unopened_years
def export(request, year: int, table: str, fmt: str):
    if (table, fmt) not in EXPORTS:
        raise Http404
    build, content_type, name = EXPORTS[table, fmt]
    return attachment(build(_plan(year)), name.format(year=year), content_type)


# Actions ---------------------------------------------------------------------------------------


class ActionListView(ObjectListView):
    model = Action
    table_class = ActionTable
    filterset_class = ActionFilterSet
    title = gettext_lazy("Hành động xử lý rủi ro, thực hiện mục tiêu")

    def get_queryset(self):
        return Action.objects.select_related("owner", "risk", "objective")

    def get_context_data(self, **kwargs):
        if services.can_manage(self.request.user):
            self.create_url = reverse("quality:action_new", args=[timezone.localdate().year])
            self.create_label = _("Thêm hành động")
        self.parents = [{"url": reverse("quality:home"), "label": _("Chất lượng")}]
        mine = reverse("quality:actions") + f"?owner={self.request.user.pk}"
        self.links = [{"url": mine, "icon": "user", "label": _("Việc của tôi")}]
        return super().get_context_data(**kwargs)


def action_detail(request, pk: int):
    action = get_object_or_404(Action.objects.select_related("plan", "owner", "risk", "objective"), pk=pk)
    report_form = ActionReportForm(request.POST or None, instance=action)
    may_report = services.may_report(request.user, action)
    if request.method == "POST":
        if not may_report:
            raise PermissionDenied
        saved = _saved(
            request,
            report_form,
            lambda: services.report_action(
                request.user,
                report_form.instance,
                status=report_form.cleaned_data["status"],
                result=report_form.cleaned_data["result"],
                expected_version=report_form.cleaned_data["expected_version"],
            ),
            _("Đã cập nhật tiến độ."),
        )
        if saved:
            return redirect(action)
    return render(
        request,
        "quality/action_detail.html",
        {
            "action": action,
            "plan": action.plan,
            "report_form": report_form if may_report else None,
            "evidence_form": EvidenceForm() if may_report else None,
            "evidence": action.evidence.select_related("added_by"),
            "can_manage": services.can_manage(request.user),
            "tabs": _tabs(action, "quality:action_history"),
            "title": _("Hành động"),
        },
    )


@shows_unopened_years
def action_form(request, year: int, pk: int | None = None):
    _manager(request)
    plan = _plan(year)
    action = get_object_or_404(Action, pk=pk, plan=plan) if pk else Action(plan=plan)
    initial = {}
    if not pk and request.GET.get("risk", "").isdigit():
        initial["risk"] = request.GET["risk"]
    if not pk and request.GET.get("objective", "").isdigit():
        initial["objective"] = request.GET["objective"]
    form = ActionForm(request.POST or None, instance=action, plan=plan, initial=initial)
    saved = _saved(
        request,
        form,
        lambda: services.save_action(request.user, form.instance, form.cleaned_data["expected_version"]),
        _("Đã lưu hành động."),
    )
    if saved:
        return redirect(form.instance)
    title = _("Sửa hành động") if pk else _("Thêm hành động năm %(y)s") % {"y": year}
    return render(request, "quality/form.html", {"form": form, "plan": plan, "title": title})


@require_POST
def action_evidence(request, pk: int):
    action = get_object_or_404(Action, pk=pk)
    form = EvidenceForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.add_evidence(
                request.user,
                action=action,
                title=form.cleaned_data["title"],
                link=form.cleaned_data["link"],
                upload=form.cleaned_data["file"],
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Đã thêm bằng chứng."))
    else:
        messages.error(request, _("Liên kết không hợp lệ."))
    return redirect(action)


def _file(model, pk: int) -> FileResponse:
    """A stored file for download; every signed-in person reads the quality records."""
    instance = get_object_or_404(model, pk=pk)
    if not instance.file:
        raise Http404
    return FileResponse(instance.file.open("rb"), as_attachment=True)


def evidence_file(request, pk: int):
    return _file(Evidence, pk)


def action_history(request, pk: int):
    return _history(request, Action, pk, "quality:action_history")


# Legal documents -------------------------------------------------------------------------------


class LegalDocumentListView(ObjectListView):
    model = LegalDocument
    table_class = LegalDocumentTable
    filterset_class = LegalDocumentFilterSet
    title = gettext_lazy("Văn bản pháp luật")

    def get_queryset(self):
        return LegalDocument.objects.select_related("replaced_by")

    def get_context_data(self, **kwargs):
        if services.can_manage(self.request.user):
            self.create_url = reverse("quality:document_new")
            self.create_label = _("Thêm văn bản")
        year = timezone.localdate().year
        self.parents = [{"url": reverse("quality:home"), "label": _("Chất lượng")}]
        self.links = [
            {
                "url": reverse("quality:document_changes", args=[year]),
                "icon": "calendar",
                "label": _("Thay đổi năm %(y)s") % {"y": year},
            }
        ]
        return super().get_context_data(**kwargs)


def document_detail(request, pk: int):
    document = get_object_or_404(LegalDocument.objects.select_related("replaced_by"), pk=pk)
    return render(
        request,
        "quality/document_detail.html",
        {
            "document": document,
            "replaces": document.replaces.all(),
            "procedures": document.procedures.all(),
            "can_manage": services.can_manage(request.user),
            "tabs": _tabs(document, "quality:document_history"),
            "title": str(document),
        },
    )


def document_form(request, pk: int | None = None):
    _manager(request)
    document = get_object_or_404(LegalDocument, pk=pk) if pk else LegalDocument()
    form = LegalDocumentForm(request.POST or None, request.FILES or None, instance=document)
    saved = _saved(
        request,
        form,
        lambda: services.save_document(
            request.user,
            form.instance,
            form.cleaned_data["expected_version"],
            procedures=form.cleaned_data["procedures"],
            upload=request.FILES.get("file"),
        ),
        _("Đã lưu văn bản."),
    )
    if saved:
        return redirect(form.instance)
    title = _("Sửa văn bản %(n)s") % {"n": document.number} if pk else _("Thêm văn bản pháp luật")
    return render(request, "quality/form.html", {"form": form, "title": title})


def document_file(request, pk: int):
    return _file(LegalDocument, pk)


def document_history(request, pk: int):
    return _history(request, LegalDocument, pk, "quality:document_history")


def _documents_changed(year: int):
    first, last = date(year, 1, 1), date(year, 12, 31)
    return LegalDocument.objects.filter(
        Q(effective_from__range=(first, last)) | Q(replaced_by__effective_from__range=(first, last))
    )


def document_changes(request, year: int):
    """What changed in the year: documents that took effect, and those they replaced."""
    if not 2000 <= year <= 2100:
        raise Http404
    first, last = date(year, 1, 1), date(year, 12, 31)
    return render(
        request,
        "quality/document_changes.html",
        {
            "year": year,
            "new": LegalDocument.objects.filter(effective_from__range=(first, last))
            .prefetch_related("replaces")
            .order_by("effective_from", "number"),
            "replaced": LegalDocument.objects.filter(replaced_by__effective_from__range=(first, last))
            .select_related("replaced_by")
            .order_by("replaced_by__effective_from", "number"),
            "title": _("Văn bản pháp luật thay đổi năm %(y)s") % {"y": year},
        },
    )
