"""Pages of the project database: declarations on core's generic views, plus the dashboard and import."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from investdesk.core import generic
from investdesk.core.downloads import DOCX, XLSX, attachment
from investdesk.core.exceptions import DomainError, report_domain_error
from investdesk.core.jobs import with_live_progress
from investdesk.core.text import search_terms

from . import access, capital, exports, imports, linking, services, stats
from .choices import LATE_STATUSES, DecisionStatus, ProjectStatus
from .filters import InvestorFilterSet, ProjectFilterSet, ReportGapFilterSet
from .forms import (
    DecisionForm,
    ImportForm,
    ImportMappingForm,
    InspectionForm,
    InvestorForm,
    MergeForm,
    MilestoneForm,
    ProjectForm,
    ReportForm,
    SavedFilterForm,
)
from .models import (
    DecisionVersion,
    Inspection,
    Investor,
    InvestorReport,
    Milestone,
    Project,
    ProjectImport,
    SavedFilter,
)
from .reporting import report_due_on
from .tables import InvestorTable, ProjectTable, ReportGapTable, WatchTable, delay_badge

VIEW = "projects.view_project"
CHANGE = "projects.change_project"
LIST_CRUMB = {"url": "/projects/", "label": gettext_lazy("Dự án đầu tư")}


# Lists -----------------------------------------------------------------------------------------


class ProjectListView(generic.ObjectListView):
    template_name = "projects/project_list.html"
    model = Project
    table_class = ProjectTable
    filterset_class = ProjectFilterSet
    permission_required = VIEW
    select_related = ("investor",)
    title = gettext_lazy("Dự án đầu tư")
    export_label = gettext_lazy("Xuất Excel")
    export_filename = "danh-sach-du-an.xlsx"
    export_ordering = ("code",)
    export_limit = exports.EXPORT_LIMIT

    def get_queryset(self):
        return super().get_queryset().defer("search_key", "objectives", "scale", "incentives")

    def export_title(self) -> str:
        return str(self.title)  # the button says "Xuất Excel"; the job names the list

    def build_export(self, rows) -> bytes:
        return exports.build_list(rows)

    def get_context_data(self, **kwargs):
        user = self.request.user
        self.links = [
            {"url": reverse("projects:watch"), "icon": "alert-triangle", "label": _("Dự án chậm tiến độ")},
            {"url": reverse("projects:report_gaps"), "icon": "bell", "label": _("Chưa báo cáo")},
            {"url": _with_filters(reverse("projects:map"), self.request), "icon": "map-pin", "label": _("Bản đồ")},
            {"url": reverse("projects:dashboard"), "icon": "chart-bar", "label": _("Tổng hợp")},
            {"url": reverse("projects:annual_report"), "icon": "file-text", "label": _("Báo cáo năm (.docx)")},
            {"url": reverse("projects:investors"), "icon": "building", "label": _("Nhà đầu tư")},
        ]
        if access.may_import(user):
            self.links.append({"url": reverse("projects:import"), "icon": "upload", "label": _("Nhập từ Excel")})
        if access.may_create_project(user):
            self.create_url, self.create_label = reverse("projects:create"), _("Thêm dự án")
        context = super().get_context_data(**kwargs)
        context["saved_filters"] = list(
            SavedFilter.objects.restrict(user).select_related("owner", "shared_with").order_by("name", "pk")[:50]
        )
        context["saved_filter_form"] = SavedFilterForm(user=user)
        return context


class WatchListView(ProjectListView):
    """Danh sách theo dõi: the late projects, the longest delay first."""

    template_name = "core/object_list.html"
    table_class = WatchTable
    title = gettext_lazy("Dự án chậm tiến độ")
    parents = [LIST_CRUMB]

    def get_queryset(self):
        return super().get_queryset().filter(delay_status__in=LATE_STATUSES)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["links"] = []
        return context


class ReportGapListView(generic.ObjectListView):
    """Who has not reported: the projects whose report of the chosen period was not received by its
    due date, filtered like the project list, and exported to .xlsx."""

    model = Project
    table_class = ReportGapTable
    filterset_class = ReportGapFilterSet
    permission_required = VIEW
    select_related = ("investor", "officer")
    title = gettext_lazy("Nhà đầu tư chưa báo cáo")
    export_label = gettext_lazy("Xuất Excel")
    export_filename = "chua-bao-cao.xlsx"
    export_ordering = ("code",)
    parents = [LIST_CRUMB]

    def get_queryset(self):
        return super().get_queryset().defer("search_key", "objectives", "scale", "incentives")

    def export_refusal(self) -> str:
        # The file names the report and its due date: without a chosen period there is nothing to export.
        return super().export_refusal() or (
            "" if self.chosen_report() else _("Hãy chọn loại báo cáo, năm và kỳ hợp lệ.")
        )

    def export_title(self) -> str:
        return str(self.title)

    def chosen_report(self) -> tuple | None:
        filterset = self.get_filterset(self.get_filterset_class())
        return (filterset.qs is not None and filterset.chosen()) or None

    def build_export(self, rows) -> bytes:
        kind, year, period = self.chosen_report()
        return exports.build_report_gaps(
            rows,
            title=_("Dự án chưa nộp %(r)s") % {"r": _report_label(kind, year, period)},
            due=report_due_on(kind, year, period),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        chosen = context["filter"].chosen()
        if chosen:
            due = report_due_on(*chosen)
            context["scope_note"] = _("%(r)s · hạn nộp %(d)s") % {
                "r": _report_label(*chosen),
                "d": due.strftime("%d/%m/%Y"),
            }
        return context


def _with_filters(url: str, request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return f"{url}?{query.urlencode()}" if query else url


def _report_label(kind: str, year: int, period: int) -> str:
    return str(InvestorReport(kind=kind, year=year, period=period))


class InvestorListView(generic.ObjectListView):
    model = Investor
    table_class = InvestorTable
    filterset_class = InvestorFilterSet
    permission_required = VIEW
    title = gettext_lazy("Nhà đầu tư")
    parents = [LIST_CRUMB]

    def get_queryset(self):
        return super().get_queryset().filter(merged_into__isnull=True)

    def get_context_data(self, **kwargs):
        if access.may_manage_investors(self.request.user):
            self.create_url, self.create_label = reverse("projects:investor_create"), _("Thêm nhà đầu tư")
        return super().get_context_data(**kwargs)


# A project and its tabs --------------------------------------------------------------------------

TABS = (
    generic.Tab("info", gettext_lazy("Thông tin"), "projects:detail", ("code",)),
    generic.Tab("decisions", gettext_lazy("Quyết định"), "projects:decisions", ("code",)),
    generic.Tab("milestones", gettext_lazy("Tiến độ"), "projects:milestones", ("code",)),
    generic.Tab("reports", gettext_lazy("Báo cáo"), "projects:reports", ("code",)),
    generic.Tab("inspections", gettext_lazy("Kiểm tra, đánh giá"), "projects:inspections", ("code",)),
    generic.Tab("dossiers", gettext_lazy("Hồ sơ"), "projects:dossiers", ("code",)),
    generic.Tab("history", generic.HISTORY_LABEL, "projects:history", ("code",)),
)


class ProjectPage(generic.ObjectView):
    model = Project
    lookup_field = "code"
    tabs = TABS
    permission_required = VIEW
    select_related = ("investor", "officer", "division")
    parents = [LIST_CRUMB]
    context_object_name = "project"

    def get_title(self, obj) -> str:
        return obj.name


class ProjectDetailView(ProjectPage, generic.ObjectDetailView):
    template_name = "projects/project_detail.html"

    def get_extra_context(self, project):
        user = self.request.user
        context = {
            "can_edit": access.can_edit_project(user, project),
            "can_confirm": access.can_confirm_decision(user, project),
            "can_close": access.can_close_inspection(user, project),
            "delay_badge": delay_badge(project),
        }
        tab = self.active_tab
        if tab == "info":
            context["decision"] = services.decision_in_force(project)
            context["other_investors"] = list(project.other_investors.all())
            context["capital"] = _capital(user, project)
            context["capital_chart"] = {
                "years": [row["year"] for row in context["capital"]],
                "registered": [float(row["registered"]) for row in context["capital"]],
                "realised": [float(row["realised"]) for row in context["capital"]],
                "cumulative": [float(row["cumulative"]) for row in context["capital"]],
                "labels": [_("Vốn đăng ký"), _("Vốn thực hiện trong năm"), _("Lũy kế thực hiện")],
            }
        elif tab == "decisions":
            context["decisions"] = list(
                DecisionVersion.objects.restrict(user).filter(project=project).select_related("confirmed_by")
            )
        elif tab == "milestones":
            milestones = list(Milestone.objects.restrict(user).filter(project=project).select_related("decision"))
            context["milestones"] = milestones
            context["timeline"] = _timeline(milestones)
        elif tab == "reports":
            context["reports"] = list(InvestorReport.objects.restrict(user).filter(project=project))
        elif tab == "inspections":
            context["inspections"] = list(
                Inspection.objects.restrict(user).filter(project=project).select_related("closed_by")
            )
        elif tab == "dossiers":
            context.update(_dossiers_of(self.request, project, context["can_edit"]))
        return context


def _dossiers_of(request, project, can_edit: bool) -> dict:
    """The project's dossiers the person may read, a page at a time, each with its outcome and, for a
    resolved one that gives a decision not yet recorded, the way to its review screen."""
    from investdesk.dossiers.models import Dossier

    rows = (
        Dossier.objects.restrict(request.user)
        .filter(project=project)
        .select_related("procedure")
        .order_by("-received_at", "-pk")
    )
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    recorded = set(
        DecisionVersion.objects.filter(source_dossier__in=[d.pk for d in page]).values_list(
            "source_dossier_id", flat=True
        )
    )
    for dossier in page:
        dossier.gives_decision = linking.decision_kind(dossier.procedure.code, dossier.status, dossier.result)
        dossier.proposal_open = can_edit and dossier.gives_decision and dossier.pk not in recorded
    return {"dossiers_page": page}


def _capital(user, project) -> list[dict]:
    """The capital chart's rows: the confirmed decisions' capital and the investor's reports."""
    from django.utils import timezone

    decisions = DecisionVersion.objects.restrict(user).filter(project=project, status=DecisionStatus.CONFIRMED)
    reports = InvestorReport.objects.restrict(user).filter(project=project)
    return capital.capital_by_year(
        registered_on=project.registered_on,
        total_capital=project.total_capital_vnd,
        decisions=decisions.values_list("decided_on", "total_capital_vnd"),
        realised=capital.realised_by_year(reports.values_list("kind", "year", "realised_capital_vnd")),
        today=timezone.localdate(),
    )


def _timeline(milestones) -> dict:
    """Bars for the committed-vs-actual chart: each milestone's committed and actual (or today)
    position on one shared time axis, in percent."""
    from django.utils import timezone

    if not milestones:
        return {}
    today = timezone.localdate()
    days = [m.committed_on for m in milestones] + [m.actual_on or today for m in milestones]
    first, last = min(days), max(days)
    span = max((last - first).days, 1)

    def at(day):
        return round(100 * (day - first).days / span, 1)

    return {
        "first": first,
        "last": last,
        "rows": [
            {
                "milestone": m,
                "committed": at(m.committed_on),
                "actual": at(m.actual_on or today),
                "start": min(at(m.committed_on), at(m.actual_on or today)),
                "gap": round(abs(at(m.actual_on or today) - at(m.committed_on)), 1),
                "done": m.actual_on is not None,
            }
            for m in milestones
        ],
    }


class DecisionsView(ProjectDetailView):
    active_tab = "decisions"


class MilestonesView(ProjectDetailView):
    active_tab = "milestones"


class ReportsView(ProjectDetailView):
    active_tab = "reports"


class InspectionsView(ProjectDetailView):
    active_tab = "inspections"


class DossiersView(ProjectDetailView):
    active_tab = "dossiers"


class ProjectHistoryView(ProjectPage, generic.ObjectHistoryView):
    pass


class ProjectEditView(generic.ObjectEditView):
    model = Project
    form_class = ProjectForm
    lookup_field = "code"
    service = services.save_project
    permission_required = CHANGE
    success_message = gettext_lazy("Đã lưu dự án %(object)s.")
    create_title = gettext_lazy("Thêm dự án")
    parents = [LIST_CRUMB]

    def has_object_permission(self, project):
        return access.can_edit_project(self.request.user, project)

    def get_object(self):
        if self.is_create() and not access.may_create_project(self.request.user):
            raise PermissionDenied
        return super().get_object()


class PartEditView(generic.ObjectEditView):
    """Create (under a project, by its code) or edit a row that belongs to a project."""

    permission_required = CHANGE
    success_message = gettext_lazy("Đã lưu.")
    parents = [LIST_CRUMB]

    def new_object(self):
        project = get_object_or_404(Project.objects.restrict(self.request.user, "change"), code=self.kwargs["code"])
        return self.model(project=project)

    def has_object_permission(self, obj):
        return access.can_edit_project(self.request.user, obj.project)

    def get_parents(self, obj):
        return [LIST_CRUMB, {"url": obj.project.get_absolute_url(), "label": obj.project.code}]


class DecisionEditView(PartEditView):
    model = DecisionVersion
    form_class = DecisionForm
    service = services.save_decision
    create_title = gettext_lazy("Thêm quyết định, giấy chứng nhận")


class MilestoneEditView(PartEditView):
    model = Milestone
    form_class = MilestoneForm
    service = services.save_milestone
    create_title = gettext_lazy("Thêm mốc tiến độ")


class ReportEditView(PartEditView):
    model = InvestorReport
    form_class = ReportForm
    service = services.save_report
    create_title = gettext_lazy("Ghi nhận báo cáo của nhà đầu tư")


class InspectionEditView(PartEditView):
    model = Inspection
    form_class = InspectionForm
    service = services.save_inspection
    create_title = gettext_lazy("Ghi nhận kiểm tra, đánh giá")


@require_POST
@permission_required("projects.confirm_decision", raise_exception=True)
def confirm_decision(request, pk: int):
    decision = get_object_or_404(DecisionVersion.objects.restrict(request.user, "confirm"), pk=pk)
    version = _version(request)
    generic.perform(
        request, lambda: services.confirm_decision(request.user, decision, version), _("Đã xác nhận quyết định.")
    )
    return redirect(decision.get_absolute_url())


@require_POST
@permission_required("projects.close_inspection", raise_exception=True)
def close_inspection(request, pk: int):
    inspection = get_object_or_404(Inspection.objects.restrict(request.user, "close"), pk=pk)
    version = _version(request)
    generic.perform(
        request, lambda: services.close_inspection(request.user, inspection, version), _("Đã kết thúc đợt kiểm tra.")
    )
    return redirect(inspection.get_absolute_url())


def _version(request) -> int | None:
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return None


# Investors -------------------------------------------------------------------------------------


class InvestorDetailView(generic.ObjectDetailView):
    model = Investor
    tabs = generic.info_history_tabs("projects:investor_history")
    permission_required = VIEW
    template_name = "projects/investor_detail.html"
    parents = [LIST_CRUMB, {"url": "/projects/investors/", "label": gettext_lazy("Nhà đầu tư")}]
    context_object_name = "investor"

    def get_extra_context(self, investor):
        user = self.request.user
        return {
            "projects": Project.objects.restrict(user).filter(investor=investor).order_by("code")[:100],
            "can_edit": access.may_manage_investors(user) and investor.merged_into_id is None,
            "merge_form": MergeForm(keep=investor) if access.may_manage_investors(user) else None,
        }


class InvestorHistoryView(generic.ObjectHistoryView):
    model = Investor
    tabs = generic.info_history_tabs("projects:investor_history")
    permission_required = VIEW


class InvestorEditView(generic.ObjectEditView):
    model = Investor
    form_class = InvestorForm
    service = services.save_investor
    permission_required = CHANGE
    success_message = gettext_lazy("Đã lưu nhà đầu tư %(object)s.")
    create_title = gettext_lazy("Thêm nhà đầu tư")
    parents = [LIST_CRUMB, {"url": "/projects/investors/", "label": gettext_lazy("Nhà đầu tư")}]


@require_POST
@permission_required(CHANGE, raise_exception=True)
def merge_investor(request, pk: int):
    keep = get_object_or_404(Investor.objects.restrict(request.user, "change"), pk=pk)
    form = MergeForm(request.POST, keep=keep)
    if form.is_valid():
        duplicate = form.cleaned_data["duplicate"]
        generic.perform(
            request,
            lambda: services.merge_investors(request.user, keep, duplicate),
            _("Đã gộp %(dup)s vào %(keep)s.") % {"dup": duplicate.name, "keep": keep.name},
        )
    else:
        messages.error(request, _("Hãy chọn nhà đầu tư trùng."))
    return redirect(keep)


# Dashboard -------------------------------------------------------------------------------------


@permission_required(VIEW, raise_exception=True)
def dashboard(request):
    figures = stats.dashboard(Project.objects.restrict(request.user))
    return render(
        request,
        "projects/dashboard.html",
        {"title": _("Tổng hợp dự án đầu tư"), "parents": [LIST_CRUMB], "figures": figures},
    )


PICK_LIMIT = 10


@permission_required(VIEW, raise_exception=True)
def pick(request):
    """Suggestions for a field that names a project (the dossier receipt form's): the projects the
    person reads whose code, name or investor holds every typed word, as ``<option>``s of a datalist
    whose value is the code."""
    query = request.GET.get("project") or request.GET.get("q") or ""
    projects = []
    if search_terms(query):
        rows = Project.objects.restrict(request.user).search(query).select_related("investor")
        projects = rows.only("code", "name", "investor__name").order_by("code")[:PICK_LIMIT]
    return render(request, "projects/_pick_options.html", {"projects": projects})


# Saved filters -----------------------------------------------------------------------------------


@require_POST
@permission_required(VIEW, raise_exception=True)
def save_filter(request):
    """Keeps the list's current filters (sent as ``query``) under a name, perhaps for a group."""
    form = SavedFilterForm(request.POST, user=request.user)
    query = QueryDict(request.POST.get("query", ""))
    if not form.is_valid():
        messages.error(request, " ".join(" ".join(errors) for errors in form.errors.values()))
        return redirect(_with_query(reverse("projects:list"), query))
    data = form.cleaned_data
    saved = []
    generic.perform(
        request,
        lambda: saved.append(
            services.save_filter(request.user, name=data["name"], query=query, group=data["shared_with"])
        ),
        _("Đã lưu bộ lọc."),
    )
    return redirect(saved[0].get_absolute_url() if saved else _with_query(reverse("projects:list"), query))


@require_POST
def delete_filter(request, pk: int):
    saved = get_object_or_404(SavedFilter.objects.restrict(request.user, "delete"), pk=pk)
    generic.perform(request, lambda: services.delete_filter(request.user, saved), _("Đã xóa bộ lọc."))
    return redirect("projects:list")


def _with_query(url: str, query: QueryDict) -> str:
    return f"{url}?{query.urlencode()}" if query else url


# Map -------------------------------------------------------------------------------------------

MAP_LIMIT = 5_000  # markers drawn at most; the page says when a filter leaves more


@permission_required(VIEW, raise_exception=True)
def project_map(request):
    """The filtered list on a map, coloured by status; the markers come from ``map_markers`` with the
    same filters. With no tile server set the markers are drawn on a plain background."""
    filterset = ProjectFilterSet(request.GET, queryset=Project.objects.restrict(request.user))
    context = {
        "title": _("Bản đồ dự án"),
        "parents": [LIST_CRUMB],
        "filter": filterset,
        "statuses": [{"value": value, "label": label} for value, label in ProjectStatus.choices],
        "tile_url": settings.PROJECT_MAP_TILE_URL,
        "markers_url": reverse("projects:map_markers") + ("?" + request.GET.urlencode() if request.GET else ""),
    }
    return render(request, "projects/map.html", context)


@permission_required(VIEW, raise_exception=True)
def map_markers(request):
    """The located projects of the filtered list the person may read, as JSON (one query)."""
    filterset = ProjectFilterSet(request.GET, queryset=Project.objects.restrict(request.user))
    if not filterset.is_valid():
        return JsonResponse({"errors": filterset.errors}, status=400)
    rows = (
        filterset.qs.filter(latitude__isnull=False, longitude__isnull=False)
        .order_by("code")
        .values_list("code", "name", "status", "latitude", "longitude")[: MAP_LIMIT + 1]
    )
    rows = list(rows)
    markers = [
        {
            "code": code,
            "name": name,
            "status": status,
            "lat": float(latitude),
            "lng": float(longitude),
            "url": reverse("projects:detail", args=[code]),
        }
        for code, name, status, latitude, longitude in rows[:MAP_LIMIT]
    ]
    return JsonResponse({"markers": markers, "truncated": len(rows) > MAP_LIMIT})


# Import ----------------------------------------------------------------------------------------


def _may_import(request) -> None:
    if not access.may_import(request.user):
        raise PermissionDenied


def import_page(request):
    """Upload a list of projects; below, the earlier imports of the division with their outcome."""
    _may_import(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            record = services.upload_import(request.user, form.cleaned_data["file"])
        except DomainError as error:
            report_domain_error(error, form=form)
        else:
            return redirect(record)
    records = ProjectImport.objects.restrict(request.user).select_related("uploaded_by")[:30]
    context = {"form": form, "records": records, "title": _("Nhập danh sách dự án từ Excel"), "parents": [LIST_CRUMB]}
    return render(request, "projects/import.html", context)


def import_detail(request, pk: int):
    """Map the columns, run the check (nothing written), read every error and change, then import."""
    _may_import(request)
    record = get_object_or_404(ProjectImport.objects.restrict(request.user).select_related("job"), pk=pk)
    form = ImportMappingForm(request.POST or None, record=record)
    if request.method == "POST":
        try:
            if request.POST.get("action") == "import":
                services.start_import(request.user, record)
            elif form.is_valid():
                services.check_import(request.user, record, form.mapping())
            else:
                raise DomainError(_("Hãy sửa các ô được đánh dấu."))
        except DomainError as error:
            # A mapping's error goes under its column; any other (busy, already imported) above the page.
            report_domain_error(error, form=form if error.field in form.fields else None, request=request)
        else:
            return redirect(record)
    context = {
        "record": record,
        "form": form,
        "job": _live_job(record),
        "errors_page": Paginator(record.errors, 100).get_page(request.GET.get("page")),
        "changes_page": Paginator(record.changes, 100).get_page(request.GET.get("changes")),
        "title": record.original_name,
        "parents": [LIST_CRUMB, {"url": reverse("projects:import"), "label": _("Nhập từ Excel")}],
    }
    return render(request, "projects/import_detail.html", context)


def import_status(request, pk: int):
    """Polled while the check or the import runs; once it ends, the page reloads to show the outcome."""
    _may_import(request)
    record = get_object_or_404(ProjectImport.objects.restrict(request.user).select_related("job"), pk=pk)
    if not record.is_busy:
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"
        return response
    status_url = reverse("projects:import_status", args=[record.pk])
    return render(request, "core/_import_progress.html", {"status_url": status_url, "job": _live_job(record)})


def _live_job(record):
    return with_live_progress(record.job) if record.job else None


def dossier_proposal(request, pk: int):
    """The review screen of a resolved dossier that gives a project decision: the decision version
    (and, when the dossier named no project, the new project) read from the dossier, for the
    officer to correct and confirm. Nothing is written before the confirmation."""
    from django.utils import timezone

    from investdesk.dossiers.models import Dossier

    if not access.may_create_project(request.user) and not request.user.has_perm(CHANGE):
        raise PermissionDenied
    dossier = get_object_or_404(Dossier.objects.restrict(request.user).select_related("procedure", "project"), pk=pk)
    if linking.decision_kind(dossier.procedure.code, dossier.status, dossier.result) is None:
        raise Http404
    project = dossier.project
    if project is not None and not access.can_edit_project(request.user, project):
        raise PermissionDenied
    decided_on = dossier.result_date or timezone.localdate(dossier.finished_at)
    initial = linking.proposed_decision(
        procedure_code=dossier.procedure.code,
        procedure_name=dossier.procedure.name,
        dossier_code=dossier.code,
        result_number=dossier.result_number,
        decided_on=decided_on,
    )
    data = request.POST if request.method == "POST" else None
    decision_form = DecisionForm(data, initial=initial, prefix="decision")
    project_form = None
    if project is None:
        investor = (
            Investor.objects.filter(merged_into__isnull=True, enterprise_code=dossier.applicant_tax_code).first()
            if dossier.applicant_tax_code
            else None
        )
        project_initial = {"investor": investor.pk if investor else None, "registered_on": decided_on}
        project_form = ProjectForm(data, initial=project_initial, prefix="project")
    if request.method == "POST" and decision_form.is_valid() and (project_form is None or project_form.is_valid()):
        try:
            decision = services.record_dossier_decision(
                request.user,
                dossier,
                decision_form.save(commit=False),
                new_project=project_form.save(commit=False) if project_form else None,
            )
        except DomainError as error:
            report_domain_error(error, form=decision_form, request=request)
        else:
            messages.success(request, _("Đã ghi %(d)s; chờ lãnh đạo phòng xác nhận.") % {"d": decision})
            return redirect("projects:decisions", decision.project.code)
    context = {
        "dossier": dossier,
        "project": project,
        "decision_form": decision_form,
        "project_form": project_form,
        "title": _("Đề xuất từ hồ sơ %(c)s") % {"c": dossier.code},
        "parents": [LIST_CRUMB],
    }
    return render(request, "projects/dossier_proposal.html", context)


@permission_required(VIEW, raise_exception=True)
def annual_report(request):
    """Báo cáo giám sát, đánh giá năm gửi UBND tỉnh, from the projects the person may read."""
    from django.utils import timezone

    from .report import build_annual_report

    today = timezone.localdate()
    try:
        year = int(request.GET.get("year") or today.year)
    except ValueError:
        year = today.year
    if not 2000 <= year <= today.year:
        year = today.year
    content = build_annual_report(Project.objects.restrict(request.user), year, today)
    return attachment(content, f"bao-cao-giam-sat-danh-gia-{year}.docx", DOCX)


@permission_required(VIEW, raise_exception=True)
def import_template(request):
    return attachment(imports.build_template(), "mau-nhap-du-an.xlsx", XLSX)
