"""The steps of a dossier's workflow: opening the ready ones, completing one (and with it the
supplementation request of a "not valid" answer, or the result), silent consultations."""

from datetime import date, datetime

from django.db import transaction
from django.utils.translation import gettext as _

from investdesk.core.exceptions import ConcurrentEditError, DomainError, PermissionDeniedError
from investdesk.core.services import record_change, save_versioned
from investdesk.procedures.choices import ProcessRole
from investdesk.worktime.loader import get_calendar

from .. import access, daily, engine, rules, timing
from ..assignees import pick_assignee
from ..choices import DossierStatus, PauseKind, Result
from ..models import Dossier, Step
from ..rules import outcome
from .common import now_or
from .deadlines import due_time
from .pauses import check_supplement_allowed, end_pause, reply_deadline, start_pause


def questions_for(step: Step) -> list[str]:
    """The yes/no answers this step must give (e.g. ``valid`` before "Hồ sơ hợp lệ?")."""
    return engine.version_spec(step.dossier.procedure_version).questions.get(step.element_id, [])


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
        step.at_risk_from = rules.at_risk_from(step.started_at, step.due_at, calendar)
        record_change(step, actor)
        step.save()
        created.append(step)
        if role == ProcessRole.OFFICER and dossier.responsible_id is None and step.assignee_id:
            dossier.responsible = step.assignee
    return created


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
    at = now_or(at)
    daily.hold(at)
    dossier = (
        Dossier.objects.select_for_update().select_related("procedure_version", "procedure").get(pk=step.dossier_id)
    )
    current = Step.objects.select_for_update().get(pk=step.pk)
    if current.finished_at is not None:
        raise ConcurrentEditError(_("Bước này đã được xử lý (có thể bởi người khác). Hãy tải lại trang."))
    if check_permission and not access.can_complete(actor, current):
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
        check_supplement_allowed(actor, dossier, check_permission, exception_reason)
        reply_by = reply_deadline(reply_by, at)

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
    record_change(current, actor)
    current.save()

    if not current.counts_time:
        end_pause(dossier, at, actor)
    open_ready_steps(dossier, workflow, at, actor)
    if answers.get("valid") is False:
        start_pause(
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
        record_change(dossier, actor, _("Trả kết quả"))
    else:
        record_change(dossier, actor, _("Hoàn thành bước: %(s)s") % {"s": current.name})
    dossier.workflow_state = engine.save(workflow)
    save_versioned(dossier, dossier.version, actor=actor)
    return dossier


def close_silent_consultations(at: datetime | None = None) -> int:
    """Consultations past their limit with no answer are deemed to agree (NĐ 96/2026 Điều 6)."""
    at = now_or(at)
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
