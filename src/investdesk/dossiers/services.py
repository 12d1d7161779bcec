"""Every change to a dossier: receipt, steps, pauses, results, assignment.

Each function checks the actor's permission and the row, runs in one transaction with the dossier
row locked (so two people acting on the same step cannot both succeed), records history, and takes
an optional ``at`` (the instant of the action; now by default) so imports and demo data replay a
dossier's life through exactly the same rules.
"""

import json
import uuid
from datetime import date, datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Count, F, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from investdesk.accounts.choices import Role
from investdesk.core.choices import JobStatus
from investdesk.core.exceptions import ConcurrentEditError, DomainError, PermissionDeniedError
from investdesk.core.jobs import start_job
from investdesk.core.models import BackgroundJob
from investdesk.core.uploads import check_upload
from investdesk.procedures.catalogue import NEW_LAW_FROM
from investdesk.procedures.choices import ProcessRole
from investdesk.procedures.models import Procedure
from investdesk.worktime.loader import get_calendar

from . import access, engine, imports, rules, sheets, timing
from .choices import Channel, DossierStatus, ImportStatus, PauseKind, Result
from .models import (
    DefaultAssignee,
    Dossier,
    DossierCounter,
    DossierDocument,
    DossierImport,
    Pause,
    ReceiptRefusal,
    Step,
)
from .rules import outcome

User = get_user_model()
FOLLOWED_UP_BY_OFFICER = {ProcessRole.PPC_CHAIRMAN, ProcessRole.CONSULTED_AGENCY}
ROLE_GROUPS = {
    ProcessRole.RECEPTION: Role.RECEPTION,
    ProcessRole.OFFICER: Role.OFFICER,
    ProcessRole.DIVISION_HEAD: Role.DIVISION_HEAD,
    ProcessRole.DEPARTMENT_LEADER: Role.DEPARTMENT_LEADER,
}
# Steps any suitable person of the department takes; the others stay in the dossier's division.
DEPARTMENT_WIDE_ROLES = {ProcessRole.RECEPTION, ProcessRole.DEPARTMENT_LEADER}


# The investor's time to supplement or explain when the officer sets none (a product default; the
# request must state a deadline: NĐ 96/2026 Điều 6 khoản 1 điểm d, đ).
DEFAULT_REPLY_WORKING_DAYS = 10


def _now(at: datetime | None) -> datetime:
    return at or timezone.now()


def _local(instant: datetime) -> str:
    return timezone.localtime(instant).strftime("%H:%M %d/%m/%Y")


def _history_actor(instance, actor) -> None:
    if actor is not None and getattr(actor, "is_authenticated", False):
        instance._history_user = actor


def next_code(at: datetime) -> str:
    """The next dossier number of ``at``'s year, e.g. 2026-00042 (pattern: DOSSIER_CODE_PATTERN)."""
    year = timezone.localtime(at).year
    counter, _created = DossierCounter.objects.select_for_update().get_or_create(year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return settings.DOSSIER_CODE_PATTERN.format(year=year, number=counter.last)


def least_loaded(group: str, people=None):
    """The active person of ``group`` with the fewest open steps; on a tie, the one given a step
    least recently (so equal loads take turns instead of all falling to one person).

    Both are correlated subqueries answered by indexes: (assignee, finished_at) for the open count,
    (assignee, started_at) for the last assignment.
    """
    open_steps = (
        Step.objects.filter(assignee=OuterRef("pk"), finished_at__isnull=True)
        .order_by()
        .values("assignee")
        .annotate(total=Count("pk"))
        .values("total")
    )
    last_given = Step.objects.filter(assignee=OuterRef("pk")).order_by("-started_at").values("started_at")[:1]
    if people is None:
        people = User.objects.filter(is_active=True, groups__name=group)
    return (
        people.annotate(open_steps=Coalesce(Subquery(open_steps), 0), last_given=Subquery(last_given))
        .order_by("open_steps", F("last_given").asc(nulls_first=True), "pk")
        .first()
    )


def dossier_division_id(dossier: Dossier):
    """The division the dossier belongs to: its procedure's, else its responsible officer's."""
    if dossier.procedure.division_id:
        return dossier.procedure.division_id
    return dossier.responsible.division_id if dossier.responsible_id else None


def role_group(role: str) -> str:
    """The user role whose people do a step of process ``role`` (officers follow up on the
    chairman's and the consulted agencies' steps)."""
    return ROLE_GROUPS.get(role, Role.OFFICER)


def assignment_candidates(role: str, dossier: Dossier):
    """The people a step of ``role`` of ``dossier`` may go to: active, holding the role's user
    role, and, for the division's own work (officers and heads), in the dossier's division."""
    people = User.objects.filter(is_active=True, groups__name=role_group(role))
    division = dossier_division_id(dossier)
    if role not in DEPARTMENT_WIDE_ROLES and division:
        people = people.filter(division_id=division)
    return people.distinct().order_by("full_name", "pk")


def pick_assignee(role: str, dossier: Dossier, actor):
    default = (
        DefaultAssignee.objects.filter(Q(procedure=dossier.procedure) | Q(procedure__isnull=True), role=role)
        .filter(person__is_active=True)
        .select_related("person")
        .order_by("procedure_id")  # the procedure's own choice before the general one
        .first()
    )
    if default is not None and (default.procedure_id or not dossier.responsible_id or role != ProcessRole.OFFICER):
        return default.person
    if role == ProcessRole.OFFICER and dossier.responsible_id:
        return dossier.responsible
    if role in FOLLOWED_UP_BY_OFFICER:
        return dossier.responsible or least_loaded(Role.OFFICER, assignment_candidates(role, dossier))
    # The desk clerk who receives the dossier keeps its reception step.
    at_the_desk = role == ProcessRole.RECEPTION and access.is_active(actor)
    if at_the_desk and assignment_candidates(role, dossier).filter(pk=actor.pk).exists():
        return actor
    return least_loaded(role_group(role), assignment_candidates(role, dossier))


def open_ready_steps(dossier: Dossier, workflow, at: datetime, actor) -> list[Step]:
    calendar = get_calendar()
    known = set(dossier.steps.values_list("task_id", flat=True))
    loop_elements = set(dossier.procedure_version.steps.filter(in_loop=True).values_list("element_id", flat=True))
    created = []
    for task in engine.ready_tasks(workflow):
        task_id = str(task.id)
        if task_id in known:
            continue
        props = engine.properties(dossier.procedure_version, task)
        role = props.get("role", ProcessRole.OFFICER)
        days = props.get("working_days", "0")
        counts = task.task_spec.bpmn_id not in loop_elements
        step = Step(
            dossier=dossier,
            task_id=task_id,
            element_id=task.task_spec.bpmn_id,
            name=(task.task_spec.bpmn_name or task.task_spec.bpmn_id)[:500],
            role=role,
            assignee=pick_assignee(role, dossier, actor),
            working_days=days,
            counts_time=counts,
            silence_means_consent=props.get("silence_means_consent", "").lower() == "true",
            started_at=at,
            due_at=calendar.add_working_time(at, days) if counts else None,
        )
        _history_actor(step, actor)
        step.save()
        created.append(step)
        if role == ProcessRole.OFFICER and dossier.responsible_id is None and step.assignee_id:
            dossier.responsible = step.assignee
    return created


@transaction.atomic
def receive_dossier(
    actor,
    *,
    procedure: Procedure,
    applicant_name: str,
    channel: str,
    received_at: datetime | None = None,
    components: list[str] | None = None,
    applicant_tax_code: str = "",
    applicant_address: str = "",
    applicant_phone: str = "",
    applicant_email: str = "",
    note: str = "",
    check_permission: bool = True,
) -> Dossier:
    """Receives a dossier: its number, the version in force, the appointment, the first steps."""
    if check_permission and not (actor and actor.has_perm("dossiers.receive_dossier")):
        raise PermissionDeniedError()
    if channel not in Channel.values:
        raise DomainError(_("Hình thức nộp không hợp lệ: dùng online, direct hoặc post."), field="channel")
    applicant_name = (applicant_name or "").strip()
    if not applicant_name:
        raise DomainError(_("Hãy ghi tên tổ chức, cá nhân nộp hồ sơ."), field="applicant")
    at = _now(received_at)
    if at > timezone.now() + timezone.timedelta(minutes=5):
        raise DomainError(_("Thời điểm tiếp nhận không thể ở tương lai."), field="received_at")
    version = procedure.version_at(timezone.localtime(at).date())
    if version is None:
        raise DomainError(
            _("Thủ tục %(p)s chưa có quy trình được phê duyệt có hiệu lực ngày %(d)s.")
            % {"p": procedure.name, "d": timezone.localtime(at).strftime("%d/%m/%Y")},
            field="procedure",
        )
    calendar = get_calendar()
    due = calendar.add_working_time(at, version.statutory_days)
    dossier = Dossier(
        code=next_code(at),
        procedure=procedure,
        procedure_version=version,
        applicant_name=applicant_name[:255],
        applicant_tax_code=applicant_tax_code,
        applicant_address=applicant_address,
        applicant_phone=applicant_phone,
        applicant_email=applicant_email,
        channel=channel,
        components_received=list(components or []),
        received_at=at,
        received_by=actor if getattr(actor, "is_authenticated", False) else None,
        due_at=due,
        original_due_at=due,
        note=note,
    )
    dossier._change_reason = _("Tiếp nhận hồ sơ")
    _history_actor(dossier, actor)
    dossier.save()
    workflow = engine.start(version)
    open_ready_steps(dossier, workflow, at, actor)
    dossier.workflow_state = engine.save(workflow)
    dossier.save(update_fields=["workflow_state", "responsible", "updated_at"])
    return dossier


def can_act_on(actor, step: Step) -> bool:
    """The step's assignee, the head of the dossier's division, an administrator (``access``)."""
    return access.is_active(actor) and Step.objects.restrict(actor, "act").filter(pk=step.pk).exists()


def can_assign(actor, step: Step) -> bool:
    return access.assigns_work(actor) and Step.objects.restrict(actor, "assign").filter(pk=step.pk).exists()


def questions_for(step: Step) -> list[str]:
    """The yes/no answers this step must give (e.g. ``valid`` before "Hồ sơ hợp lệ?")."""
    return engine.version_spec(step.dossier.procedure_version).questions.get(step.element_id, [])


@transaction.atomic
def complete_step(
    actor,
    step: Step,
    *,
    answers: dict[str, bool] | None = None,
    note: str = "",
    result: str = "",
    result_number: str = "",
    result_date: date | None = None,
    at: datetime | None = None,
    check_permission: bool = True,
    reply_by: datetime | None = None,
    exception_reason: str = "",
) -> Dossier:
    """Finishes ``step`` and moves the dossier on.

    ``answers`` are the gateway's questions (``valid``: the dossier is complete; False asks the
    investor to supplement and pauses the clock). Receiving the supplement (the loop step) resumes
    it; ``reply_by`` is the investor's deadline stated in the request (form 02), and a second request
    needs ``exception_reason``. The step that ends the workflow needs the result.
    """
    at = _now(at)
    dossier = (
        Dossier.objects.select_for_update().select_related("procedure_version", "procedure").get(pk=step.dossier_id)
    )
    current = Step.objects.select_for_update().get(pk=step.pk)
    if current.finished_at is not None:
        raise ConcurrentEditError(_("Bước này đã được xử lý (có thể bởi người khác). Hãy tải lại trang."))
    if check_permission and not can_act_on(actor, current):
        raise PermissionDeniedError(_("Bước này được giao cho người khác."))
    if not dossier.is_open:
        raise DomainError(_("Hồ sơ đã kết thúc."))
    if at < current.started_at:
        raise DomainError(_("Thời điểm hoàn thành không thể trước khi bước bắt đầu."))
    if dossier.pauses.filter(ended_at__isnull=True, kind=PauseKind.EXPLANATION).exists():
        raise DomainError(_("Hồ sơ đang chờ nhà đầu tư giải trình; hãy ghi nhận giải trình trước."))

    needed = questions_for(current)
    answers = {k: bool(v) for k, v in (answers or {}).items() if k in needed}
    for question in needed:
        answers.setdefault(question, question == "valid")
    if answers.get("valid") is False:
        _check_supplement_allowed(actor, dossier, check_permission, exception_reason)
        reply_by = _reply_deadline(reply_by, at)

    workflow = engine.restore(dossier.procedure_version, dossier.workflow_state)
    task = engine.find_task(workflow, current.task_id)
    if task is None:
        raise DomainError(_("Bước này không còn chờ xử lý trong quy trình."))
    task.set_data(**answers)
    try:
        task.run()
        workflow.do_engine_steps()
    except Exception as error:
        raise DomainError(_("Quy trình không chạy tiếp được: %(e)s") % {"e": error}) from error

    if result:
        if result not in Result.values:
            raise DomainError(_("Kết quả giải quyết không hợp lệ."), field="result")
        dossier.result, dossier.result_number, dossier.result_date = result, result_number, result_date
    if workflow.is_completed() and not dossier.result:
        raise DomainError(
            _("Hãy ghi kết quả giải quyết (chấp thuận hoặc từ chối) trước khi trả kết quả."), field="result"
        )

    current.finished_at = at
    current.finished_by = actor if getattr(actor, "is_authenticated", False) else None
    if current.counts_time:
        # Judged by its limit as at the finish: a pause still open then has counted up to it.
        pauses = timing.spans(dossier.pauses.all())
        calendar = get_calendar()
        current.paused_seconds = timing.paused_seconds(calendar, pauses, current.started_at, at)
        current.due_at = timing.due(calendar, current.started_at, current.working_days, pauses, as_at=at)
        current.outcome = outcome(at, current.due_at)
    else:
        current.outcome = ""
    current.answer = answers
    current.note = note
    _history_actor(current, actor)
    current.save()

    if not current.counts_time:
        _end_pause(dossier, at, actor)
    open_ready_steps(dossier, workflow, at, actor)
    if answers.get("valid") is False:
        _start_pause(
            dossier,
            at,
            actor,
            note or _("Yêu cầu bổ sung, hoàn thiện hồ sơ"),
            reply_by=reply_by,
            exception_reason=exception_reason,
        )

    if workflow.is_completed():
        calendar = get_calendar()
        dossier.status = DossierStatus.RESOLVED
        dossier.finished_at = at
        dossier.outcome = outcome(at, due_time(dossier, as_at=at))
        # Stored once, so averages per procedure (the 766 service index) stay SQL aggregates.
        dossier.processing_days = rules.processing_days(calendar, dossier.received_at, at, dossier.paused_seconds)
        dossier._change_reason = _("Trả kết quả")
    else:
        dossier._change_reason = _("Hoàn thành bước: %(s)s") % {"s": current.name}
    dossier.workflow_state = engine.save(workflow)
    dossier.version += 1
    _history_actor(dossier, actor)
    dossier.save()
    return dossier


def _check_supplement_allowed(actor, dossier: Dossier, check_permission: bool, exception_reason: str = "") -> None:
    # NĐ 96/2026 Điều 6: one written request listing everything; a second one is exceptional.
    if dossier.supplement_requests < 1 or not check_permission:
        return
    if not actor.has_perm("dossiers.assign_dossier"):
        raise PermissionDeniedError(
            _("Hồ sơ đã được yêu cầu bổ sung một lần; yêu cầu lần nữa phải do lãnh đạo phòng quyết định.")
        )
    if not (exception_reason or "").strip():
        raise DomainError(
            _("Yêu cầu bổ sung lần nữa là ngoại lệ (pháp luật chỉ cho yêu cầu một lần): hãy ghi lý do."),
            field="exception_reason",
        )


def _reply_deadline(reply_by: datetime | None, at: datetime) -> datetime:
    if reply_by is None:
        return get_calendar().add_working_time(at, DEFAULT_REPLY_WORKING_DAYS)
    if reply_by <= at:
        raise DomainError(_("Hạn nhà đầu tư bổ sung, giải trình phải sau thời điểm yêu cầu."), field="reply_by")
    return reply_by


def _request_basis(dossier: Dossier, point: str) -> str:
    """The legal basis a supplementation or explanation request states: the procedure's texts and,
    under the new law, NĐ 96/2026 Điều 6 khoản 1 (point d: supplement; đ: explanation)."""
    version = dossier.procedure_version
    parts = [version.legal_basis or dossier.procedure.legal_basis]
    if version.effective_from is None or version.effective_from >= NEW_LAW_FROM:
        parts.append(_("Nghị định 96/2026/NĐ-CP, Điều 6 khoản 1 điểm %(p)s") % {"p": point})
    return "; ".join(part for part in parts if part)[:500]


def _start_pause(
    dossier: Dossier, at: datetime, actor, reason: str, *, reply_by: datetime, exception_reason: str = ""
) -> Pause:
    dossier.supplement_requests += 1
    pause = Pause(
        dossier=dossier,
        kind=PauseKind.SUPPLEMENT,
        started_at=at,
        reason=reason,
        requested_by=actor if getattr(actor, "is_authenticated", False) else None,
        flagged=dossier.supplement_requests > 1,
        legal_basis=_request_basis(dossier, "d"),
        reply_by=reply_by,
        exception_reason=(exception_reason or "").strip(),
    )
    _history_actor(pause, actor)
    pause.save()
    dossier.status = DossierStatus.PAUSED
    refresh_times(dossier, actor=actor)
    return pause


def missed_reply(dossier: Dossier, at: datetime | None = None) -> Pause | None:
    """The open request whose deadline for the investor has passed by ``at`` (then the dossier may
    be stopped: NĐ 96/2026 Điều 6 khoản 2 điểm a), or None."""
    return dossier.pauses.filter(ended_at__isnull=True, reply_by__lt=_now(at)).order_by("started_at").first()


def _end_pause(dossier: Dossier, at: datetime, actor) -> None:
    pause = dossier.pauses.filter(ended_at__isnull=True).order_by("-started_at").first()
    if pause is None:
        return
    pause.ended_at = max(at, pause.started_at)
    _history_actor(pause, actor)
    pause.save()
    refresh_times(dossier, actor=actor)
    dossier.status = DossierStatus.IN_PROGRESS


def refresh_times(dossier: Dossier, *, actor=None, calendar=None, pauses=None, steps=None) -> list[Step]:
    """Every time limit of ``dossier`` from its pause records, through ``timing`` (the one place):
    the due time, the due time before any pause, the paused time, each pause's marks for "due as
    at an instant", and the limit and paused time of each open step. Sets the dossier's fields
    (the caller saves it); writes the pauses and steps that changed, and returns those steps."""
    calendar = calendar or get_calendar()
    if pauses is None:
        pauses = list(dossier.pauses.order_by("started_at", "pk"))
    days = dossier.procedure_version.statutory_days
    for pause, marks in zip(pauses, timing.pause_marks(calendar, dossier.received_at, days, pauses), strict=True):
        fields = {
            "due_before": marks.due_before,
            "left_seconds": marks.left_seconds,
            "due_after": marks.due_after,
            "seconds": marks.seconds,
        }
        if any(getattr(pause, name) != value for name, value in fields.items()):
            Pause.objects.filter(pk=pause.pk).update(**fields)  # derived marks: no history row
            for name, value in fields.items():
                setattr(pause, name, value)
    dossier.paused_seconds = timing.paused_seconds(calendar, pauses, dossier.received_at)
    dossier.original_due_at = timing.due(calendar, dossier.received_at, days)
    dossier.due_at = timing.due(calendar, dossier.received_at, days, pauses)
    if steps is None:
        steps = dossier.steps.filter(finished_at__isnull=True, counts_time=True) if dossier.pk else []
    changed = []
    for step in steps:
        paused = timing.paused_seconds(calendar, pauses, step.started_at)
        step_due = timing.due(calendar, step.started_at, step.working_days, pauses)
        if (step.paused_seconds, step.due_at) != (paused, step_due):
            step.paused_seconds, step.due_at = paused, step_due
            _history_actor(step, actor)
            step.save(update_fields=["paused_seconds", "due_at"])
            changed.append(step)
    return changed


def due_time(dossier: Dossier, as_at: datetime | None = None) -> datetime:
    """Received + the version's working days + the working time paused (as at ``as_at``: a pause
    open then counts up to it; without it, the pauses ended so far)."""
    return timing.due(
        get_calendar(), dossier.received_at, dossier.procedure_version.statutory_days, dossier.pauses.all(), as_at
    )


def step_due_time(step: Step, calendar=None, as_at: datetime | None = None) -> datetime:
    """Started + the step's working days + the working time the dossier was paused during it."""
    return timing.due(calendar or get_calendar(), step.started_at, step.working_days, step.dossier.pauses.all(), as_at)


@transaction.atomic
def reassign_step(actor, step: Step, person, reason: str) -> Step:
    """The division head gives an open step to someone else, with a reason kept in the history.

    Only to a person who can do the step and then open the dossier: active, holding the step's
    role, in the dossier's division (``assignment_candidates``); a head only within the division.
    """
    if not access.assigns_work(actor):
        raise PermissionDeniedError()
    current = (
        Step.objects.select_for_update(of=("self",))
        .select_related("dossier__procedure", "dossier__responsible")
        .get(pk=step.pk)
    )
    if not can_assign(actor, current):
        raise PermissionDeniedError(_("Hồ sơ này không thuộc phòng của bạn; bạn không điều chuyển được bước này."))
    if current.finished_at is not None:
        raise ConcurrentEditError(_("Bước này đã được xử lý; không thể chuyển người xử lý."))
    if not person.is_active:
        raise DomainError(_("Người được giao đã ngừng hoạt động."), field="assignee")
    if not assignment_candidates(current.role, current.dossier).filter(pk=person.pk).exists():
        raise DomainError(
            _(
                "Không thể giao bước “%(step)s” cho %(name)s: chỉ giao được cho người đang làm việc, "
                "giữ vai trò %(role)s của phòng giải quyết hồ sơ."
            )
            % {"step": current.name, "name": person.get_full_name(), "role": Role(role_group(current.role)).label},
            field="assignee",
        )
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Hãy ghi lý do điều chuyển."), field="reason")
    current.assignee = person
    current._change_reason = _("Điều chuyển: %(r)s") % {"r": reason}
    _history_actor(current, actor)
    current.save(update_fields=["assignee"])
    if current.role == ProcessRole.OFFICER:
        dossier = current.dossier
        dossier.responsible = person
        dossier._change_reason = current._change_reason
        _history_actor(dossier, actor)
        dossier.save(update_fields=["responsible", "updated_at"])
    return current


def close_silent_consultations(at: datetime | None = None) -> int:
    """Consultations past their limit with no answer are deemed to agree (NĐ 96/2026 Điều 6)."""
    at = _now(at)
    closed = 0
    overdue = Step.objects.open().filter(silence_means_consent=True, due_at__lte=at).order_by("due_at")
    for step in overdue.iterator():
        try:
            complete_step(
                None,
                step,
                note=_("Quá thời hạn không có ý kiến: được coi là đồng ý."),
                at=max(step.due_at, step.started_at),
                check_permission=False,
            )
        except (ConcurrentEditError, DomainError):
            continue
        closed += 1
    return closed


def recompute_due_times(dates=None) -> int:
    """After a calendar change: every time limit of every open dossier and its open steps, computed
    again from the pause records (``refresh_times``). Pauses of finished dossiers that lack their
    marks (recorded before the marks were kept) get them too, so reports of past periods can read
    them."""
    calendar = get_calendar()
    changed = 0
    open_dossiers = Dossier.objects.filter(status__in=[DossierStatus.IN_PROGRESS, DossierStatus.PAUSED])
    unmarked = Dossier.objects.filter(pauses__left_seconds__isnull=True).exclude(pk__in=open_dossiers.values("pk"))
    fields = ("due_at", "original_due_at", "paused_seconds")
    for queryset, open_ones in ((open_dossiers, True), (unmarked.distinct(), False)):
        open_steps = Prefetch("steps", queryset=Step.objects.open().filter(counts_time=True), to_attr="open_steps")
        dossiers = queryset.select_related("procedure_version").prefetch_related("pauses", open_steps).order_by("pk")
        for dossier in dossiers.iterator(chunk_size=500):
            before = {name: getattr(dossier, name) for name in fields}
            steps = dossier.open_steps if open_ones else []
            pauses = sorted(dossier.pauses.all(), key=lambda p: (p.started_at, p.pk))
            changed += len(refresh_times(dossier, calendar=calendar, pauses=pauses, steps=steps))
            after = {name: getattr(dossier, name) for name in fields}
            if not open_ones:
                after.pop("due_at")  # a finished dossier keeps the appointment it ended with
            if any(before[name] != after[name] for name in after):
                Dossier.objects.filter(pk=dossier.pk).update(**after)
                changed += 1
    return changed


def _close_open_steps(dossier: Dossier, at: datetime, actor, note: str) -> None:
    for step in dossier.steps.select_for_update().filter(finished_at__isnull=True):
        step.finished_at = at
        step.finished_by = actor if getattr(actor, "is_authenticated", False) else None
        step.note = note
        _history_actor(step, actor)
        step.save()
    pause = dossier.pauses.filter(ended_at__isnull=True).first()
    if pause is not None:
        pause.ended_at = max(at, pause.started_at)
        _history_actor(pause, actor)
        pause.save()
        refresh_times(dossier, actor=actor, steps=[])


def _locked_open(dossier: Dossier) -> Dossier:
    locked = Dossier.objects.select_for_update().select_related("procedure_version").get(pk=dossier.pk)
    if not locked.is_open:
        raise DomainError(_("Hồ sơ đã kết thúc."))
    return locked


@transaction.atomic
def withdraw_dossier(actor, dossier: Dossier, *, reason: str, at: datetime | None = None) -> Dossier:
    """The investor withdraws the dossier (counted apart, not in the on-time rate)."""
    if not (actor.has_perm("dossiers.receive_dossier") or actor.has_perm("dossiers.assign_dossier")):
        raise PermissionDeniedError()
    return _close(actor, dossier, DossierStatus.WITHDRAWN, reason, at, _("Nhà đầu tư rút hồ sơ"))


@transaction.atomic
def stop_processing(
    actor, dossier: Dossier, *, reason: str, at: datetime | None = None, override: bool = False
) -> Dossier:
    """Dừng giải quyết (Mẫu 05): NĐ 96/2026 Điều 6 — when the investor did not supplement or explain
    by the deadline of the request. Before that deadline (or with no request) only with
    ``override`` (a stop for another reason the law allows), recorded as such in the history."""
    if not actor.has_perm("dossiers.assign_dossier"):
        raise PermissionDeniedError()
    at = _now(at)
    locked = _locked_open(dossier)
    missed = missed_reply(locked, at)
    if missed is None and not override:
        waiting = locked.pauses.filter(ended_at__isnull=True, reply_by__isnull=False).first()
        if waiting is not None:
            message = _(
                "Nhà đầu tư còn hạn bổ sung, giải trình đến %(d)s: chỉ dừng giải quyết khi quá hạn này. "
                "Nếu dừng vì lý do khác, hãy chọn “Dừng vì lý do khác” và ghi rõ lý do."
            ) % {"d": _local(waiting.reply_by)}
        else:
            message = _(
                "Hồ sơ không có yêu cầu bổ sung, giải trình nào đã quá hạn. Nếu dừng vì lý do khác, hãy chọn "
                "“Dừng vì lý do khác” và ghi rõ lý do."
            )
        raise DomainError(message, field="reason")
    if missed is not None:
        history_reason = _("Dừng giải quyết: nhà đầu tư không bổ sung, giải trình trong hạn (đến %(d)s)") % {
            "d": _local(missed.reply_by)
        }
    else:
        history_reason = _("Dừng giải quyết vì lý do khác")
    return _close(actor, locked, DossierStatus.STOPPED, reason, at, history_reason)


def _close(actor, dossier: Dossier, status: str, reason: str, at, history_reason: str) -> Dossier:
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Hãy ghi lý do."), field="reason")
    at = _now(at)
    locked = _locked_open(dossier)
    _close_open_steps(locked, at, actor, reason)
    locked.status = status
    locked.finished_at = at
    locked.closing_reason = reason
    locked.version += 1
    locked._change_reason = history_reason
    _history_actor(locked, actor)
    locked.save()
    return locked


@transaction.atomic
def extend_with_apology(
    actor, dossier: Dossier, *, new_due_at: datetime, reason: str, at: datetime | None = None
) -> Dossier:
    """Văn bản xin lỗi và hẹn lại ngày trả (Mẫu 04), sent at ``at`` (now by default): it must be sent
    before the due time passes. An administrator may record one sent later; it is marked late.

    The appointment shown to the investor moves; the statistics keep judging by the due time.
    """
    is_administrator = getattr(actor, "is_administrator", False)
    if not (actor.has_perm("dossiers.assign_dossier") or actor.has_role(Role.DEPARTMENT_LEADER) or is_administrator):
        raise PermissionDeniedError()
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Hãy ghi lý do chậm trễ."), field="reason")
    at = _now(at)
    if at > timezone.now() + timezone.timedelta(minutes=5):
        raise DomainError(_("Thời điểm gửi văn bản xin lỗi không thể ở tương lai."), field="at")
    locked = _locked_open(dossier)
    if at < locked.received_at:
        raise DomainError(_("Thời điểm gửi văn bản xin lỗi không thể trước khi tiếp nhận hồ sơ."), field="at")
    due_then = due_time(locked, as_at=at)
    late = at > due_then
    if late and not is_administrator:
        raise DomainError(
            _(
                "Hạn giải quyết đã hết lúc %(due)s: văn bản xin lỗi và hẹn lại phải gửi trước thời điểm đó. "
                "Văn bản gửi muộn chỉ quản trị viên ghi nhận được, và được đánh dấu là gửi muộn."
            )
            % {"due": _local(due_then)},
            field="at",
        )
    current = max(locked.extended_due_at or due_then, due_then, at)
    if new_due_at <= current:
        raise DomainError(
            _("Ngày hẹn mới phải sau ngày hẹn hiện tại (%(d)s).") % {"d": _local(current)}, field="new_due_at"
        )
    locked.extended_due_at = new_due_at
    locked.apology_reason = reason
    locked.apology_at = at
    locked.apology_late = late
    locked.version += 1
    locked._change_reason = (
        _("Ghi văn bản xin lỗi gửi sau khi quá hạn, hẹn lại ngày trả kết quả")
        if late
        else _("Gửi văn bản xin lỗi, hẹn lại ngày trả kết quả")
    )
    _history_actor(locked, actor)
    locked.save()
    return locked


@transaction.atomic
def request_explanation(
    actor, dossier: Dossier, *, reason: str, at: datetime | None = None, reply_by: datetime | None = None
) -> Pause:
    """Asks the investor to explain by ``reply_by``: the clock stops until the explanation arrives."""
    if not (actor.has_role(Role.OFFICER) or actor.has_perm("dossiers.assign_dossier")):
        raise PermissionDeniedError()
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Hãy ghi nội dung cần giải trình."), field="reason")
    at = _now(at)
    locked = _locked_open(dossier)
    if locked.status == DossierStatus.PAUSED:
        raise DomainError(_("Hồ sơ đang tạm dừng."))
    pause = Pause(
        dossier=locked,
        kind=PauseKind.EXPLANATION,
        started_at=at,
        reason=reason,
        requested_by=actor,
        legal_basis=_request_basis(locked, "đ"),
        reply_by=_reply_deadline(reply_by, at),
    )
    _history_actor(pause, actor)
    pause.save()
    refresh_times(locked, actor=actor)
    locked.status = DossierStatus.PAUSED
    locked.version += 1
    locked._change_reason = _("Yêu cầu giải trình")
    _history_actor(locked, actor)
    locked.save()
    return pause


@transaction.atomic
def receive_explanation(actor, dossier: Dossier, *, at: datetime | None = None) -> Dossier:
    """The explanation arrived: the clock runs again and the due times move by the paused time."""
    if not (
        actor.has_role(Role.OFFICER) or actor.has_role(Role.RECEPTION) or actor.has_perm("dossiers.assign_dossier")
    ):
        raise PermissionDeniedError()
    at = _now(at)
    locked = _locked_open(dossier)
    pause = locked.pauses.filter(ended_at__isnull=True, kind=PauseKind.EXPLANATION).first()
    if pause is None:
        raise DomainError(_("Hồ sơ không chờ giải trình."))
    if at < pause.started_at:
        raise DomainError(_("Thời điểm nhận giải trình không thể trước khi yêu cầu giải trình."), field="at")
    # The open steps were waiting too: ``refresh_times`` moves their limits by every pause.
    _end_pause(locked, at, actor)
    locked.version += 1
    locked._change_reason = _("Nhận giải trình")
    _history_actor(locked, actor)
    locked.save()
    return locked


@transaction.atomic
def refuse_receipt(actor, *, procedure: Procedure, applicant_name: str, channel: str, reason: str):
    """Phiếu từ chối tiếp nhận (Mẫu 03): the desk does not accept a dossier, and says why."""
    if not actor.has_perm("dossiers.receive_dossier"):
        raise PermissionDeniedError()
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Hãy ghi lý do từ chối tiếp nhận."), field="reason")
    if not (applicant_name or "").strip():
        raise DomainError(_("Hãy ghi tên tổ chức, cá nhân nộp hồ sơ."), field="applicant_name")
    refusal = ReceiptRefusal(
        procedure=procedure,
        applicant_name=applicant_name.strip(),
        channel=channel,
        reason=reason,
        refused_at=timezone.now(),
        refused_by=actor,
    )
    _history_actor(refusal, actor)
    refusal.save()
    return refusal


@transaction.atomic
def attach_document(actor, dossier: Dossier, *, title: str, upload):
    """Adds a checked file to the dossier (anyone who may see the dossier and acts on it)."""
    if not Dossier.objects.restrict(actor, "change").filter(pk=dossier.pk).exists():
        raise PermissionDeniedError()
    content_type = check_upload(upload)
    document = DossierDocument(
        dossier=dossier,
        title=(title or upload.name)[:255],
        size=upload.size,
        content_type=content_type,
        uploaded_at=timezone.now(),
        uploaded_by=actor,
    )
    document.file.save(upload.name.rsplit("/", 1)[-1][-120:], upload, save=False)
    _history_actor(document, actor)
    document.save()
    return document


ASSIGNABLE_ROLES = (
    ProcessRole.RECEPTION,
    ProcessRole.OFFICER,
    ProcessRole.DIVISION_HEAD,
    ProcessRole.DEPARTMENT_LEADER,
)


@transaction.atomic
def set_default_assignee(actor, *, procedure: Procedure | None, role: str, person) -> None:
    """Who takes ``role``'s steps of ``procedure`` (or of every procedure) by default; None clears it."""
    if not actor.has_perm("dossiers.assign_dossier"):
        raise PermissionDeniedError()
    if role not in ASSIGNABLE_ROLES:
        raise DomainError(_("Vai trò này không có người xử lý mặc định."), field="role")
    existing = DefaultAssignee.objects.filter(procedure=procedure, role=role).first()
    if person is None:
        if existing is not None:
            _history_actor(existing, actor)
            existing.delete()
        return
    if not person.is_active or not person.has_role(ROLE_GROUPS[role]):
        raise DomainError(
            _("%(name)s không giữ vai trò %(role)s.")
            % {"name": person.get_full_name(), "role": ProcessRole(role).label},
            field="person",
        )
    record = existing or DefaultAssignee(procedure=procedure, role=role)
    record.person = person
    _history_actor(record, actor)
    record.save()


# Importing historical dossiers from a one-stop system's .xlsx ------------------------------------


def may_import(actor) -> bool:
    """The reception desk and the division's leaders bring in the history of their own dossiers."""
    return actor.has_perm("dossiers.receive_dossier") or actor.has_perm("dossiers.assign_dossier")


def visible_imports(actor):
    """An import is seen by the person who uploaded it, and by those who assign work (the head)."""
    if actor.has_perm("dossiers.assign_dossier") or actor.is_administrator:
        return DossierImport.objects.all()
    return DossierImport.objects.filter(uploaded_by=actor)


def upload_import(actor, upload) -> DossierImport:
    """Keeps a checked .xlsx and starts reading its column names in the background.

    In the request the file's whole structure is checked (a real, unbroken workbook, no zip bomb, no
    DTD in its XML) but no sheet is read: a sheet's rows are read only by the job, which maps the
    columns by guess; a file refused there is removed with its record (nothing is left behind)."""
    from .tasks import sheet_layout_job  # the tasks module imports this one

    if not may_import(actor):
        raise PermissionDeniedError()
    check_upload(upload, allowed=("xlsx",))
    record = DossierImport(original_name=upload.name[:255], uploaded_by=actor, status=ImportStatus.CHECKING)
    record.file.save(f"{timezone.now():%Y%m%d%H%M%S}.xlsx", upload, save=False)
    try:
        with transaction.atomic():
            record.save()
            title = _("Đọc tệp %(f)s") % {"f": record.original_name}
            record.job = start_job(kind=LAYOUT_JOB, title=title, user=actor, task=sheet_layout_job, import_id=record.pk)
            record.save(update_fields=["job"])
    except BaseException:
        record.file.delete(save=False)
        raise
    return record


LAYOUT_JOB = "dossier-import-read"


def refused_reads(actor, hours: int = 24):
    """The person's sheets refused by the background reading lately (the job keeps the reason)."""
    since = timezone.now() - timedelta(hours=hours)
    return BackgroundJob.objects.filter(
        kind=LAYOUT_JOB, created_by=actor, status=JobStatus.FAILED, finished_at__gte=since
    ).order_by("-finished_at")[:5]


def read_import_layout(record_id: int, progress) -> str:
    """The background reading of an uploaded sheet: column names, row count, first rows. A sheet the
    reader refuses (too big, damaged, no heading row) is removed with its record; the job keeps why."""
    record = DossierImport.objects.get(pk=record_id)
    try:
        layout = sheets.read_layout(Path(record.file.path), progress=progress)
    except BaseException:
        record.file.delete(save=False)
        record.delete()
        raise
    record.headings, record.row_count, record.preview = layout["headings"], layout["rows"], layout["preview"]
    record.mapping = sheets.guess_mapping(record.headings)
    record.status = ImportStatus.UPLOADED
    record.save()
    return _("Đã đọc %(n)s dòng hồ sơ; hãy ghép cột.") % {"n": record.row_count}


def _validated_mapping(record: DossierImport, mapping: dict) -> dict:
    clean: dict[str, int | None] = {}
    used: dict[int, str] = {}
    for target in sheets.TARGETS:
        index = mapping.get(target.name)
        if index is None or index == "":
            if target.required:
                raise DomainError(_("Hãy chọn cột cho “%(f)s”.") % {"f": target.label}, field=target.name)
            clean[target.name] = None
            continue
        try:
            index = int(index)
        except (TypeError, ValueError):
            index = -1
        if not 0 <= index < len(record.headings):
            raise DomainError(_("Cột không có trong tệp."), field=target.name)
        if index in used:
            raise DomainError(
                _("Cột “%(c)s” đã dùng cho “%(f)s”.")
                % {"c": record.headings[index], "f": sheets.TARGET_LABELS[used[index]]},
                field=target.name,
            )
        used[index] = target.name
        clean[target.name] = index
    return clean


def check_import(actor, record: DossierImport, mapping: dict):
    """Saves the mapping and starts the dry run: every row checked, nothing written."""
    return _start_import_run(actor, record, mapping=mapping, dry_run=True)


def start_import(actor, record: DossierImport):
    """Starts the import of a file whose dry run with the same mapping found no error."""
    return _start_import_run(actor, record, mapping=None, dry_run=False)


def _start_import_run(actor, record: DossierImport, *, mapping: dict | None, dry_run: bool):
    from .tasks import sheet_import_job  # the tasks module imports this one

    if not may_import(actor) or not visible_imports(actor).filter(pk=record.pk).exists():
        raise PermissionDeniedError()
    with transaction.atomic():
        record = DossierImport.objects.select_for_update().get(pk=record.pk)
        if record.is_busy:
            raise DomainError(_("Tệp này đang được kiểm tra hoặc nhập; hãy chờ kết thúc."))
        if record.status == ImportStatus.IMPORTED:
            raise DomainError(_("Tệp này đã được nhập."))
        if dry_run:
            record.mapping = _validated_mapping(record, mapping)
            record.checked_mapping = None
            record.status = ImportStatus.CHECKING
            title = _("Kiểm tra tệp %(f)s") % {"f": record.original_name}
        else:
            if not record.can_import:
                raise DomainError(_("Hãy kiểm tra tệp (không còn lỗi) trước khi nhập."))
            record.status = ImportStatus.IMPORTING
            title = _("Nhập hồ sơ từ tệp %(f)s") % {"f": record.original_name}
        record.errors = []
        record.job = start_job(
            kind="dossier-import", title=title, user=actor, task=sheet_import_job, import_id=record.pk, dry_run=dry_run
        )
        record.save()
    return record.job


def run_sheet_import(record_id: int, actor, *, dry_run: bool, progress) -> str:
    """The background work of a dry run or an import; the record keeps the outcome and the errors."""
    record = DossierImport.objects.get(pk=record_id)
    try:
        with sheets.SheetRows(Path(record.file.path), record.mapping) as rows:
            result = imports.import_batches(
                actor, rows, total=record.row_count, dry_run=dry_run, progress=progress, run=f"sheet-{record.pk}"
            )
    except Exception:
        DossierImport.objects.filter(pk=record_id).update(status=ImportStatus.FAILED)
        raise
    record.errors = [_described_error(record, error) for error in result["errors"]]
    record.created_count, record.updated_count = result["created"], result["updated"]
    if record.errors:
        record.status, record.checked_mapping = ImportStatus.INVALID, None
        record.save()
        return _("Có %(n)s lỗi; chưa ghi hồ sơ nào.") % {"n": len(record.errors)}
    if dry_run:
        record.status, record.checked_mapping = ImportStatus.READY, record.mapping
        record.save()
        return _("Không có lỗi: sẽ thêm %(c)s và cập nhật %(u)s hồ sơ.") % {
            "c": result["created"],
            "u": result["updated"],
        }
    record.status = ImportStatus.IMPORTED
    record.save()
    return _("Đã thêm %(c)s và cập nhật %(u)s hồ sơ.") % {"c": result["created"], "u": result["updated"]}


def _described_error(record: DossierImport, error: dict) -> dict:
    """An import error as a person reads it in Excel: the row number and the column's heading."""
    field = (error.get("field") or "").split("[")[0]
    target = "pause_start" if field == "pauses" else field
    index = record.mapping.get(target)
    if index is not None:
        column = record.headings[index]
    else:
        column = str(sheets.TARGET_LABELS.get(target, "")) if target else ""
    return {"row": error.get("index"), "column": column, "message": error["message"]}


# Importing the API's JSON rows in the background -----------------------------------------------

API_IMPORT_JOB = "dossier-import-api"


def import_later(actor, rows: list, *, dry_run: bool) -> BackgroundJob:
    """A large JSON import as a background job (the API answers 202 with it): the rows wait in a
    file for the worker, and the job's result file keeps the answer the API would have given."""
    from .tasks import api_import_job  # the tasks module imports this one

    if not may_import(actor):
        raise PermissionDeniedError()
    name = default_storage.save(f"imports/api/{uuid.uuid4().hex}.json", ContentFile(json.dumps(rows).encode()))
    if dry_run:
        title = _("Kiểm tra %(n)s hồ sơ cũ gửi qua API") % {"n": len(rows)}
    else:
        title = _("Nhập %(n)s hồ sơ cũ gửi qua API") % {"n": len(rows)}
    with transaction.atomic():
        return start_job(kind=API_IMPORT_JOB, title=title, user=actor, task=api_import_job, name=name, dry_run=dry_run)


def import_saved_rows(job: BackgroundJob, name: str, *, dry_run: bool, progress) -> str:
    """The worker's part of ``import_later``; run again after a crash, it starts over cleanly."""
    with default_storage.open(name) as handle:
        rows = json.load(handle)
    result = imports.import_dossiers(job.created_by, rows, dry_run=dry_run, progress=progress, run=f"api-{job.pk}")
    body = json.dumps(result, ensure_ascii=False).encode()
    job.result_file.save(f"import-{job.pk}.json", ContentFile(body), save=False)
    default_storage.delete(name)
    if result["errors"]:
        return _("Có %(n)s lỗi; chưa ghi hồ sơ nào.") % {"n": len(result["errors"])}
    if dry_run:
        return _("Không có lỗi: sẽ thêm %(c)s và cập nhật %(u)s hồ sơ.") % {
            "c": result["created"],
            "u": result["updated"],
        }
    return _("Đã thêm %(c)s và cập nhật %(u)s hồ sơ.") % {"c": result["created"], "u": result["updated"]}


def import_result(job: BackgroundJob) -> dict | None:
    """The answer of a finished API import job (the synchronous answer's body), else None."""
    if job.kind != API_IMPORT_JOB or job.status != JobStatus.SUCCEEDED or not job.result_file:
        return None
    with job.result_file.open("rb") as handle:
        return json.load(handle)
