"""Every change to the project database: permission, one transaction, history with who and when,
and the project's delay picture recomputed from its milestones in the same transaction.

Views, the API, the import, the demo and the nightly job all come through here.
"""

from datetime import date

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _

from investdesk.accounts.models import Division
from investdesk.core.exceptions import DomainError, PermissionDeniedError
from investdesk.core.jobs import start_job
from investdesk.core.services import save_versioned
from investdesk.core.uploads import check_upload

from . import access, delay
from .choices import CLOSED_STATUSES, DecisionStatus, DelayStatus, InspectionStatus, commune_choices
from .models import (
    DecisionVersion,
    ImportStatus,
    Inspection,
    Investor,
    InvestorReport,
    Milestone,
    Project,
    ProjectImport,
    SavedFilter,
)
from .reporting import report_due_on

INVESTMENT_DIVISION = "dtnns"


def _actor(instance, actor, reason: str | None = None) -> None:
    if actor is not None and getattr(actor, "is_authenticated", False):
        instance._history_user = actor
    if reason:
        instance._change_reason = reason


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDeniedError()


def _today(at) -> date:
    return timezone.localdate(at) if at is not None else timezone.localdate()


# Delay -------------------------------------------------------------------------------------------


def facts_of(milestone: Milestone) -> delay.MilestoneFacts:
    return delay.MilestoneFacts(milestone.committed_on, milestone.actual_on, milestone.exempt_months)


def compute_delay(project: Project, milestones, today: date) -> tuple[str, int]:
    """The project's delay status and months as of ``today`` (not monitored once it has ended)."""
    if project.status in CLOSED_STATUSES:
        return DelayStatus.NOT_MONITORED, 0
    result = delay.project_delay(
        [facts_of(m) for m in milestones],
        today,
        serious_months=settings.PROJECT_SERIOUS_DELAY_MONTHS,
        review_months=settings.PROJECT_TERMINATION_REVIEW_MONTHS,
    )
    return result.status, result.months


def refresh_delay(project: Project, *, at=None) -> bool:
    """Recomputes and stores the project's and its milestones' delay; True if anything changed.

    Written with ``update()``: the delay follows from the milestones and the day, it is not an edit
    by a person, so it neither bumps the version (an open edit form stays valid) nor adds history."""
    today = _today(at)
    milestones = list(project.milestones.all())
    changed = False
    for milestone in milestones:
        months = delay.milestone_delay(
            facts_of(milestone),
            today,
            serious_months=settings.PROJECT_SERIOUS_DELAY_MONTHS,
            review_months=settings.PROJECT_TERMINATION_REVIEW_MONTHS,
        ).months
        if months != milestone.delay_months:
            Milestone.objects.filter(pk=milestone.pk).update(delay_months=months)
            milestone.delay_months = months
            changed = True
    status, months = compute_delay(project, milestones, today)
    if (status, months, today) != (project.delay_status, project.delay_months, project.delay_checked_on):
        Project.objects.filter(pk=project.pk).update(delay_status=status, delay_months=months, delay_checked_on=today)
        changed = changed or (status, months) != (project.delay_status, project.delay_months)
        project.delay_status, project.delay_months, project.delay_checked_on = status, months, today
    return changed


def refresh_all_delays(*, at=None, batch: int = 500) -> int:
    """The nightly job: every project's delay as of today. Idempotent; returns how many changed."""
    today = _today(at)
    changed = 0
    ids = list(Project.objects.exclude(delay_checked_on=today).values_list("pk", flat=True))
    for start in range(0, len(ids), batch):
        with transaction.atomic():
            for project in Project.objects.filter(pk__in=ids[start : start + batch]).prefetch_related("milestones"):
                changed += refresh_delay(project, at=at)
    return changed


# Investors ---------------------------------------------------------------------------------------


def save_investor(actor, investor: Investor, expected_version: int | None = None, *, reason=None) -> Investor:
    _require(access.may_manage_investors(actor))
    if investor.merged_into_id:
        raise DomainError(_("Nhà đầu tư này đã được gộp vào nhà đầu tư khác; hãy sửa bản ghi còn lại."))
    with transaction.atomic():
        _actor(investor, actor, reason)
        same = {"name": investor.name, "enterprise_code": investor.enterprise_code}
        renamed = investor.pk is not None and Investor.objects.filter(pk=investor.pk).exclude(**same).exists()
        save_versioned(investor, expected_version, actor=actor)
        if renamed:
            _refresh_search_keys(Project.objects.filter(investor=investor))
    return investor


def _refresh_search_keys(projects) -> None:
    rows = list(projects.select_related("investor"))
    for project in rows:
        project.refresh_search_key()
    Project.objects.bulk_update(rows, ["search_key"], batch_size=500)


def merge_investors(actor, keep: Investor, duplicate: Investor) -> Investor:
    """Moves the duplicate's projects to ``keep`` and marks it merged (kept, for the history)."""
    _require(access.may_manage_investors(actor))
    if keep.pk == duplicate.pk:
        raise DomainError(_("Không thể gộp một nhà đầu tư với chính nó."))
    if keep.merged_into_id or duplicate.merged_into_id:
        raise DomainError(_("Nhà đầu tư đã được gộp trước đó."))
    with transaction.atomic():
        for project in Project.objects.select_for_update().filter(investor=duplicate):
            project.investor = keep
            _actor(project, actor, _("Gộp nhà đầu tư trùng"))
            save_versioned(project, project.version, actor=actor)
        for project in Project.objects.filter(other_investors=duplicate):
            project.other_investors.remove(duplicate)
            if project.investor_id != keep.pk:
                project.other_investors.add(keep)
        duplicate.merged_into = keep
        _actor(duplicate, actor, _("Gộp vào %(name)s") % {"name": keep.name})
        save_versioned(duplicate, duplicate.version, actor=actor)
    return keep


# Projects ----------------------------------------------------------------------------------------


def _check_project(project: Project) -> None:
    if project.commune not in dict(commune_choices()):
        raise DomainError(_("Xã, phường không thuộc tỉnh."), field="commune")
    if project.contributed_capital_vnd + project.mobilised_capital_vnd > project.total_capital_vnd > 0:
        raise DomainError(_("Vốn góp cộng vốn huy động vượt tổng vốn đầu tư."), field="mobilised_capital_vnd")
    if (project.latitude is None) != (project.longitude is None):
        raise DomainError(_("Cần nhập cả vĩ độ và kinh độ, hoặc bỏ trống cả hai."), field="longitude")


def default_division(actor) -> Division:
    if actor is not None and getattr(actor, "division_id", None) and not actor.has_perm(access.ALL_DIVISIONS):
        return actor.division
    return Division.objects.get(code=INVESTMENT_DIVISION)


def save_project(actor, project: Project, expected_version: int | None = None, *, at=None, reason=None) -> Project:
    """Creates or edits a project; the delay is recomputed (its status may end monitoring)."""
    if project.pk is None:
        _require(access.may_create_project(actor))
        if project.division_id is None:
            project.division = default_division(actor)
    _require(access.can_edit_project(actor, project))
    _check_project(project)
    try:
        with transaction.atomic():
            _actor(project, actor, reason)
            save_versioned(project, expected_version, actor=actor)
            refresh_delay(project, at=at)
    except IntegrityError as error:
        raise DomainError(_("Mã số dự án %(code)s đã có.") % {"code": project.code}, field="code") from error
    return project


def _locked_project(actor, project: Project, allowed) -> Project:
    _require(allowed(actor, project))
    return Project.objects.select_for_update().get(pk=project.pk)


# Decisions ---------------------------------------------------------------------------------------


def add_decision(actor, project: Project, decision: DecisionVersion, *, at=None) -> DecisionVersion:
    """Records a new dated version (approval, certificate, adjustment); it waits for the head."""
    with transaction.atomic():
        project = _locked_project(actor, project, access.can_edit_project)
        decision.project = project
        decision.number = (project.decisions.aggregate(n=Max("number"))["n"] or 0) + 1
        decision.status = DecisionStatus.DRAFT
        _actor(decision, actor)
        save_versioned(decision, None, actor=actor)
    return decision


def save_decision(actor, decision: DecisionVersion, expected_version: int | None = None, *, at=None) -> DecisionVersion:
    if decision.pk is None:
        return add_decision(actor, decision.project, decision, at=at)
    _require(access.can_edit_project(actor, decision.project))
    if decision.status == DecisionStatus.CONFIRMED and not access.can_confirm_decision(actor, decision.project):
        raise DomainError(_("Quyết định đã được xác nhận; chỉ lãnh đạo phòng được sửa."))
    with transaction.atomic():
        _actor(decision, actor)
        save_versioned(decision, expected_version, actor=actor)
    return decision


def confirm_decision(actor, decision: DecisionVersion, expected_version: int | None, *, at=None) -> DecisionVersion:
    """The division head confirms the version: it is in force; a certificate or approval gives the
    project its registration date and the version's capital becomes the project's."""
    _require(access.can_confirm_decision(actor, decision.project))
    if decision.status == DecisionStatus.CONFIRMED:
        raise DomainError(_("Quyết định này đã được xác nhận."))
    with transaction.atomic():
        decision.status = DecisionStatus.CONFIRMED
        decision.confirmed_by = actor
        decision.confirmed_at = at or timezone.now()
        _actor(decision, actor, _("Xác nhận"))
        save_versioned(decision, expected_version, actor=actor)
        project = Project.objects.select_for_update().get(pk=decision.project_id)
        changed = False
        if project.registered_on is None or decision.decided_on < project.registered_on:
            project.registered_on, changed = decision.decided_on, True
        if decision.total_capital_vnd is not None and decision.total_capital_vnd != project.total_capital_vnd:
            project.total_capital_vnd, changed = decision.total_capital_vnd, True
        if changed:
            _actor(project, actor, str(decision))
            save_versioned(project, project.version, actor=actor)
    return decision


def decision_in_force(project: Project) -> DecisionVersion | None:
    return project.decisions.filter(status=DecisionStatus.CONFIRMED).order_by("-decided_on", "-number").first()


# Milestones --------------------------------------------------------------------------------------


def save_milestone(actor, milestone: Milestone, expected_version: int | None = None, *, at=None) -> Milestone:
    """Creates or edits a milestone; its committed date comes from the decision in force unless
    one is named, and the project's delay is recomputed."""
    project = milestone.project
    if milestone.exempt_months and not milestone.exemption_reason:
        raise DomainError(_("Cần nêu lý do không tính chậm."), field="exemption_reason")
    if not milestone.exempt_months:
        milestone.exemption_reason = ""
    if milestone.actual_on is not None and milestone.actual_on > _today(at):
        raise DomainError(_("Ngày thực hiện không được sau hôm nay."), field="actual_on")
    with transaction.atomic():
        project = _locked_project(actor, project, access.can_edit_project)
        if milestone.decision_id is None:
            milestone.decision = decision_in_force(project)
        elif milestone.decision.project_id != project.pk:
            raise DomainError(_("Quyết định không thuộc dự án này."), field="decision")
        _actor(milestone, actor)
        try:
            with transaction.atomic():
                save_versioned(milestone, expected_version, actor=actor)
        except IntegrityError as error:
            raise DomainError(_("Dự án đã có mốc này trong giai đoạn này."), field="kind") from error
        refresh_delay(project, at=at)
    return milestone


# Investor reports --------------------------------------------------------------------------------


def save_report(actor, report: InvestorReport, expected_version: int | None = None, *, at=None) -> InvestorReport:
    try:
        report.due_on = report_due_on(report.kind, report.year, report.period)
    except ValueError as error:
        raise DomainError(_("Kỳ báo cáo không hợp với loại báo cáo."), field="period") from error
    if report.received_on is not None and report.received_on > _today(at):
        raise DomainError(_("Ngày nhận không được sau hôm nay."), field="received_on")
    with transaction.atomic():
        _locked_project(actor, report.project, access.can_edit_project)
        _actor(report, actor)
        try:
            with transaction.atomic():
                save_versioned(report, expected_version, actor=actor)
        except IntegrityError as error:
            raise DomainError(_("Dự án đã có báo cáo của kỳ này."), field="period") from error
    return report


# Inspections -------------------------------------------------------------------------------------


def save_inspection(actor, inspection: Inspection, expected_version: int | None = None, *, at=None) -> Inspection:
    if inspection.pk and Inspection.objects.filter(pk=inspection.pk, status=InspectionStatus.CLOSED).exists():
        raise DomainError(_("Đợt kiểm tra đã kết thúc, không sửa được nữa."))
    if inspection.inspected_on > _today(at):
        raise DomainError(_("Ngày kiểm tra không được sau hôm nay."), field="inspected_on")
    with transaction.atomic():
        _locked_project(actor, inspection.project, access.can_edit_project)
        _actor(inspection, actor)
        save_versioned(inspection, expected_version, actor=actor)
    return inspection


def close_inspection(actor, inspection: Inspection, expected_version: int | None, *, at=None) -> Inspection:
    _require(access.can_close_inspection(actor, inspection.project))
    if inspection.status == InspectionStatus.CLOSED:
        raise DomainError(_("Đợt kiểm tra đã kết thúc."))
    with transaction.atomic():
        inspection.status = InspectionStatus.CLOSED
        inspection.closed_by = actor
        inspection.closed_at = at or timezone.now()
        _actor(inspection, actor, _("Kết thúc"))
        save_versioned(inspection, expected_version, actor=actor)
    return inspection


# Importing a list of projects from .xlsx ----------------------------------------------------------


def upload_import(actor, upload, *, at=None) -> ProjectImport:
    """Keeps a checked .xlsx with its headings, row count and first rows, and the column mapping last
    used for the same heading layout (else guessed from the usual headings). A file whose structure
    or heading row is refused is not kept."""
    from . import imports

    _require(access.may_import(actor))
    check_upload(upload, allowed=("xlsx",))
    layout = imports.read_layout(upload)
    key = imports.layout_key(layout["headings"])
    remembered = (
        ProjectImport.objects.filter(layout_key=key)
        .exclude(status__in=[ImportStatus.UPLOADED, ImportStatus.FAILED])
        .values_list("mapping", flat=True)
        .first()
    )
    record = ProjectImport(
        original_name=upload.name[:255],
        uploaded_by=actor,
        uploaded_at=at or timezone.now(),
        headings=layout["headings"],
        layout_key=key,
        preview=layout["preview"],
        row_count=layout["rows"],
        mapping=remembered or imports.guess_mapping(layout["headings"]),
    )
    upload.seek(0)
    record.file.save(f"{record.uploaded_at:%Y%m%d%H%M%S}.xlsx", upload, save=False)
    try:
        record.save()
    except BaseException:
        record.file.delete(save=False)
        raise
    return record


def _import_for_run(actor, record: ProjectImport) -> ProjectImport:
    _require(ProjectImport.objects.restrict(actor).filter(pk=record.pk).exists())
    record = ProjectImport.objects.select_for_update().get(pk=record.pk)
    if record.is_busy:
        raise DomainError(_("Tệp này đang được kiểm tra hoặc nhập; hãy chờ kết thúc."))
    if record.status == ImportStatus.IMPORTED:
        raise DomainError(_("Tệp này đã được nhập."))
    return record


def check_import(actor, record: ProjectImport, mapping: dict) -> ProjectImport:
    """Keeps the person's mapping (the next file of the same layout starts from it) and starts the
    check in the background: every row, nothing written."""
    from .import_jobs import CHECK_JOB, check_import_job
    from .imports import validated_mapping

    with transaction.atomic():
        record = _import_for_run(actor, record)
        record.mapping = validated_mapping(record.headings, mapping)
        record.checked_mapping, record.checked_state = None, ""
        record.status, record.errors, record.changes = ImportStatus.CHECKING, [], []
        title = _("Kiểm tra tệp %(f)s") % {"f": record.original_name}
        record.job = start_job(kind=CHECK_JOB, title=title, user=actor, task=check_import_job, import_id=record.pk)
        record.save()
    return record


def start_import(actor, record: ProjectImport) -> ProjectImport:
    """Starts the import of a file whose check with the same mapping found no error."""
    from .import_jobs import IMPORT_JOB, run_import_job

    with transaction.atomic():
        record = _import_for_run(actor, record)
        if not record.can_import:
            raise DomainError(_("Hãy kiểm tra tệp (không còn lỗi) trước khi nhập."))
        record.status = ImportStatus.IMPORTING
        title = _("Nhập dự án từ tệp %(f)s") % {"f": record.original_name}
        record.job = start_job(kind=IMPORT_JOB, title=title, user=actor, task=run_import_job, import_id=record.pk)
        record.save()
    return record


# Decisions proposed by resolved dossiers ----------------------------------------------------------


def record_dossier_decision(
    actor, dossier, decision: DecisionVersion, *, new_project: Project | None = None, at=None
) -> DecisionVersion:
    """What an officer confirms on the review screen of a resolved dossier: the decision version it
    proposes (waiting for the head's confirmation, as any other), under the dossier's project or, if
    it named none, under ``new_project`` created now and linked to the dossier — all or nothing."""
    from investdesk.dossiers import services as dossier_services

    from .linking import decision_kind

    if decision_kind(dossier.procedure.code, dossier.status, dossier.result) is None:
        raise DomainError(_("Hồ sơ này không cho ra quyết định của dự án."))
    with transaction.atomic():
        if DecisionVersion.objects.select_for_update().filter(source_dossier=dossier).exists():
            raise DomainError(_("Quyết định từ hồ sơ này đã được ghi."))
        project = dossier.project
        if project is None:
            if new_project is None:
                raise DomainError(_("Hãy chọn dự án của hồ sơ hoặc thêm dự án mới."))
            project = save_project(actor, new_project, at=at, reason=_("Thêm từ hồ sơ %(c)s") % {"c": dossier.code})
            dossier_services.link_project(actor, dossier, project.code, at=at)
        decision.source_dossier = dossier
        return add_decision(actor, project, decision, at=at)


# Saved filters of the project list -----------------------------------------------------------------


def save_filter(actor, *, name: str, query: QueryDict, group=None, at=None) -> SavedFilter:
    """Keeps the list's current filters under ``name`` (the same name replaces the person's earlier
    one), shared with ``group`` if given — one of the person's own groups."""
    from .filters import ProjectFilterSet

    _require(access.sees_projects(actor))
    name = (name or "").strip()
    if not name:
        raise DomainError(_("Hãy đặt tên cho bộ lọc."), field="name")
    if group is not None and not actor.groups.filter(pk=group.pk).exists():
        raise DomainError(_("Chỉ chia sẻ được với nhóm mình thuộc về."), field="shared_with")
    kept = QueryDict(mutable=True)
    for key in [*ProjectFilterSet.base_filters, "sort"]:
        values = [value for value in query.getlist(key) if value]
        if values:
            kept.setlist(key, values)
    if not kept:
        raise DomainError(_("Chưa có điều kiện lọc nào để lưu."), field="name")
    with transaction.atomic():
        saved = SavedFilter.objects.filter(owner=actor, name=name).first() or SavedFilter(owner=actor, name=name)
        saved.query, saved.shared_with = kept.urlencode()[:1000], group
        if at is not None and saved.pk is None:
            saved.created_at = at
        _actor(saved, actor)
        saved.save()
    return saved


def delete_filter(actor, saved: SavedFilter, *, at=None) -> None:
    """Removes one of the person's own saved filters (kept in its history)."""
    _require(SavedFilter.objects.restrict(actor, "delete").filter(pk=saved.pk).exists())
    _actor(saved, actor)
    saved.delete()
