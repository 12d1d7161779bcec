"""API: receive a dossier, read it with its steps and pauses, complete a step."""

from datetime import date, datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError

from investdesk.core.api import READ_ERRORS, WRITE_ERRORS, ErrorOut, error_responses
from investdesk.core.exceptions import DomainError
from investdesk.core.jobs import with_live_progress
from investdesk.core.models import BackgroundJob
from investdesk.core.years import check_date
from investdesk.procedures.models import Procedure
from investdesk.worktime.api import parse_instant

from . import access, imports, services, stats
from .models import Dossier, Step

router = Router(tags=["Hồ sơ"])


class ApplicantIn(Schema):
    name: str
    tax_code: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""


class DossierIn(Schema):
    procedure: str
    applicant: ApplicantIn
    received_at: str | None = None
    channel: str
    components: list[str] = []


class StepOut(Schema):
    id: int
    name: str
    role: str
    assignee: str | None
    assignee_id: int | None
    started_at: datetime
    due_at: datetime | None
    finished_at: datetime | None
    outcome: str | None


class PauseOut(Schema):
    kind: str
    start: datetime
    end: datetime | None
    reason: str


class DossierOut(Schema):
    id: int
    code: str
    procedure: str
    procedure_version: int
    applicant: str
    channel: str
    received_at: datetime
    due_at: datetime
    original_due_at: datetime
    status: str
    outcome: str | None
    result: str | None
    finished_at: datetime | None
    responsible: str | None
    steps: list[StepOut]
    pauses: list[PauseOut]


class CompleteIn(Schema):
    answers: dict[str, bool] = {}
    note: str = ""
    result: str = ""
    result_number: str = ""
    result_date: date | None = None


def dossier_out(dossier: Dossier) -> dict:
    steps = dossier.steps.select_related("assignee").order_by("started_at", "id")
    return {
        "id": dossier.pk,
        "code": dossier.code,
        "procedure": dossier.procedure.code,
        "procedure_version": dossier.procedure_version.number,
        "applicant": dossier.applicant_name,
        "channel": dossier.channel,
        "received_at": dossier.received_at,
        "due_at": dossier.due_at,
        "original_due_at": dossier.original_due_at,
        "status": dossier.status,
        "outcome": dossier.outcome or None,
        "result": dossier.result or None,
        "finished_at": dossier.finished_at,
        "responsible": dossier.responsible.get_full_name() if dossier.responsible else None,
        "steps": [
            {
                "id": s.pk,
                "name": s.name,
                "role": s.role,
                "assignee": s.assignee.get_full_name() if s.assignee else None,
                "assignee_id": s.assignee_id,
                "started_at": s.started_at,
                "due_at": s.due_at,
                "finished_at": s.finished_at,
                "outcome": s.outcome or None,
            }
            for s in steps
        ],
        "pauses": [
            {"kind": p.kind, "start": p.started_at, "end": p.ended_at, "reason": p.reason} for p in dossier.pauses.all()
        ],
    }


class StatsOut(Schema):
    received: dict[str, int]
    resolved: dict[str, int]
    in_progress: dict[str, int]
    withdrawn: int
    stopped: int
    on_time_rate: float | None


class StatsQuery(Schema):
    date_from: date = Field(alias="from")
    date_to: date = Field(alias="to")
    procedure: str = ""


@router.get(
    "/dossiers/stats",
    response={200: StatsOut, **error_responses(*READ_ERRORS)},
    summary="Thống kê tình hình giải quyết hồ sơ",
)
def dossier_stats(request, filters: Query[StatsQuery]):
    """The period report's figures (DOMAIN.md §4): the state at the end of ``to`` (or now), whenever
    it is asked. ``on_time_rate`` is in percent, null when nothing was resolved."""
    check_date(filters.date_from, field="from")
    check_date(filters.date_to, field="to")
    if filters.date_to < filters.date_from:
        raise DomainError(_("Ngày cuối kỳ phải từ ngày đầu kỳ trở đi."), field="to")
    queryset = Dossier.objects.all()
    if filters.procedure:
        if not Procedure.objects.filter(code=filters.procedure).exists():
            raise DomainError(_('Không có thủ tục mã "%(c)s".') % {"c": filters.procedure}, field="procedure")
        queryset = queryset.filter(procedure__code=filters.procedure)
    return stats.summary(stats.Period.of(filters.date_from, filters.date_to), queryset)


class ImportErrorOut(Schema):
    index: int | None
    field: str | None
    message: str


class ImportOut(Schema):
    created: int
    updated: int
    errors: list[ImportErrorOut]


class ImportJobOut(Schema):
    job: int
    status: str
    status_url: str


@router.post(
    "/dossiers/import",
    # 400: the rows' errors (nothing written), or a body that is not a list of rows at all.
    response={200: ImportOut, 202: ImportJobOut, 400: ImportOut | ErrorOut, **error_responses(401, 403, 413)},
    summary="Nhập hồ sơ cũ",
)
def import_history(request, payload: list[Any], dry_run: bool = False):
    """Historical dossiers from another one-stop system, all or nothing: with any error nothing is
    written and every row's errors are listed. Due times and outcomes are computed here. More than
    ``SYNC_ROWS`` (2,000) rows are imported in the background: the answer is 202 with the job, whose
    status (``GET /api/v1/jobs/{id}``) gives the progress and then the same result."""
    if imports.SYNC_ROWS < len(payload) <= imports.MAX_ROWS:
        job = services.import_later(request.user, payload, dry_run=dry_run)
        url = reverse("api:job_status", kwargs={"job_id": job.pk})
        return Status(202, {"job": job.pk, "status": job.status, "status_url": url})
    result = imports.import_dossiers(request.user, payload, dry_run=dry_run)
    return Status(400 if result["errors"] else 200, result)


class JobOut(Schema):
    id: int
    kind: str
    title: str
    status: str
    done: int
    total: int
    percent: int
    message: str
    result: ImportOut | None = None


@router.get(
    "/jobs/{job_id}",
    response={200: JobOut, **error_responses(*READ_ERRORS, 404)},
    url_name="job_status",
    summary="Tiến độ một công việc nền",
)
def job_status(request, job_id: int):
    """A background job the caller started (a large import answered 202): ``status`` queued,
    running, succeeded or failed, the progress, and once it succeeded the import's result — the
    body a synchronous answer would have had (its ``errors`` listed when nothing was written)."""
    job = with_live_progress(get_object_or_404(BackgroundJob.objects.filter(created_by=request.user), pk=job_id))
    return {
        "id": job.pk,
        "kind": job.kind,
        "title": job.title,
        "status": job.status,
        "done": job.done,
        "total": job.total,
        "percent": job.percent,
        "message": job.message,
        "result": services.import_result(job),
    }


@router.post("/dossiers", response={201: DossierOut, **error_responses(*WRITE_ERRORS)}, summary="Tiếp nhận hồ sơ")
def create_dossier(request, payload: DossierIn):
    """Receives a dossier: its number, the appointment (due time) and the first step with its person."""
    procedure = Procedure.objects.filter(code=payload.procedure).first()
    if procedure is None:
        raise DomainError(_('Không có thủ tục mã "%(c)s".') % {"c": payload.procedure}, field="procedure")
    received = parse_instant(payload.received_at, field="received_at") if payload.received_at else None
    dossier = services.receive_dossier(
        request.user,
        procedure=procedure,
        applicant_name=payload.applicant.name,
        applicant_tax_code=payload.applicant.tax_code,
        applicant_address=payload.applicant.address,
        applicant_phone=payload.applicant.phone,
        applicant_email=payload.applicant.email,
        channel=payload.channel,
        received_at=received,
        components=payload.components,
    )
    return Status(201, dossier_out(dossier))


@router.get(
    "/dossiers/{dossier_id}", response={200: DossierOut, **error_responses(*READ_ERRORS, 404)}, summary="Một hồ sơ"
)
def get_dossier(request, dossier_id: int):
    dossier = get_object_or_404(
        Dossier.objects.restrict(request.user).select_related("procedure", "procedure_version", "responsible"),
        pk=dossier_id,
    )
    return dossier_out(dossier)


@router.post(
    "/dossiers/{dossier_id}/steps/{step_id}/complete",
    response={200: DossierOut, **error_responses(*WRITE_ERRORS, 404, 409)},
    summary="Hoàn thành một bước",
)
def complete_step(request, dossier_id: int, step_id: int, payload: CompleteIn):
    dossier = get_object_or_404(Dossier.objects.restrict(request.user), pk=dossier_id)
    step = get_object_or_404(Step, pk=step_id, dossier=dossier)
    if payload.result_date is not None:
        check_date(payload.result_date, field="result_date")
    if not access.can_complete(request.user, step):
        raise HttpError(403, _("Bước này được giao cho người khác."))
    dossier = services.complete_step(
        request.user,
        step,
        answers=payload.answers,
        note=payload.note,
        result=payload.result,
        result_number=payload.result_number,
        result_date=payload.result_date,
    )
    return dossier_out(dossier)


class ReasonIn(Schema):
    reason: str


class StopIn(Schema):
    reason: str
    # A stop for another reason the law allows, before any supplementation deadline has passed.
    other_reason: bool = False


class ApologyIn(Schema):
    new_due_at: str
    reason: str
    # When the letter was sent (an instant; now when absent): it must be before the due time.
    sent_at: str | None = None


class ReassignIn(Schema):
    assignee_id: int
    reason: str


def _visible(request, dossier_id: int) -> Dossier:
    return get_object_or_404(
        Dossier.objects.restrict(request.user).select_related("procedure", "procedure_version", "responsible"),
        pk=dossier_id,
    )


@router.post(
    "/dossiers/{dossier_id}/withdraw",
    response={200: DossierOut, **error_responses(*WRITE_ERRORS, 404)},
    summary="Nhà đầu tư rút hồ sơ",
)
def withdraw(request, dossier_id: int, payload: ReasonIn):
    return dossier_out(services.withdraw_dossier(request.user, _visible(request, dossier_id), reason=payload.reason))


@router.post(
    "/dossiers/{dossier_id}/stop",
    response={200: DossierOut, **error_responses(*WRITE_ERRORS, 404)},
    summary="Dừng giải quyết (Mẫu 05)",
)
def stop(request, dossier_id: int, payload: StopIn):
    dossier = services.stop_processing(
        request.user, _visible(request, dossier_id), reason=payload.reason, override=payload.other_reason
    )
    return dossier_out(dossier)


@router.post(
    "/dossiers/{dossier_id}/apology",
    response={200: DossierOut, **error_responses(*WRITE_ERRORS, 404)},
    summary="Xin lỗi và hẹn lại (Mẫu 04)",
)
def apology(request, dossier_id: int, payload: ApologyIn):
    new_due = parse_instant(payload.new_due_at, field="new_due_at")
    sent = parse_instant(payload.sent_at, field="sent_at") if payload.sent_at else None
    dossier = services.extend_with_apology(
        request.user, _visible(request, dossier_id), new_due_at=new_due, reason=payload.reason, at=sent
    )
    return dossier_out(dossier)


@router.post(
    "/dossiers/{dossier_id}/explanation",
    response={200: DossierOut, **error_responses(*WRITE_ERRORS, 404)},
    summary="Yêu cầu giải trình",
)
def request_explanation(request, dossier_id: int, payload: ReasonIn):
    dossier = _visible(request, dossier_id)
    services.request_explanation(request.user, dossier, reason=payload.reason)
    return dossier_out(_visible(request, dossier_id))


@router.post(
    "/dossiers/{dossier_id}/explanation/received",
    response={200: DossierOut, **error_responses(*WRITE_ERRORS, 404)},
    summary="Đã nhận giải trình",
)
def explanation_received(request, dossier_id: int):
    return dossier_out(services.receive_explanation(request.user, _visible(request, dossier_id)))


@router.post(
    "/dossiers/{dossier_id}/steps/{step_id}/reassign",
    response={200: DossierOut, **error_responses(*WRITE_ERRORS, 404, 409)},
    summary="Điều chuyển người xử lý",
)
def reassign(request, dossier_id: int, step_id: int, payload: ReassignIn):
    dossier = _visible(request, dossier_id)
    step = get_object_or_404(Step, pk=step_id, dossier=dossier)
    person = get_object_or_404(get_user_model(), pk=payload.assignee_id)
    services.reassign_step(request.user, step, person, payload.reason)
    return dossier_out(_visible(request, dossier_id))
