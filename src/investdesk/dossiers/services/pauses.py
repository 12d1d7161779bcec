"""Pauses of the clock: the supplementation request a step's "not valid" answer makes (form 02),
the explanation request and its answer, and the investor's deadline to reply."""

from datetime import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from investdesk.core.exceptions import DomainError, PermissionDeniedError
from investdesk.core.services import record_change, required_text, save_versioned
from investdesk.procedures.catalogue import NEW_LAW_FROM
from investdesk.worktime.loader import get_calendar

from .. import access
from ..choices import DossierStatus, PauseKind
from ..models import Dossier, Pause
from .common import locked_open, now_or
from .deadlines import refresh_times

# The investor's time to supplement or explain when the officer sets none (a product default; the
# request must state a deadline: NĐ 96/2026 Điều 6 khoản 1 điểm d, đ).
DEFAULT_REPLY_WORKING_DAYS = 10


def check_supplement_allowed(actor, dossier: Dossier, check_permission: bool, exception_reason: str = "") -> None:
    # NĐ 96/2026 Điều 6: one written request listing everything; a second one is exceptional.
    if dossier.supplement_requests < 1 or not check_permission:
        return
    if not access.can_request_supplement_again(actor, dossier):
        raise PermissionDeniedError(
            _("Hồ sơ đã được yêu cầu bổ sung một lần; yêu cầu lần nữa phải do lãnh đạo phòng quyết định.")
        )
    required_text(
        exception_reason,
        _("Yêu cầu bổ sung lần nữa là ngoại lệ (pháp luật chỉ cho yêu cầu một lần): hãy ghi lý do."),
        field="exception_reason",
    )


def reply_deadline(reply_by: datetime | None, at: datetime) -> datetime:
    if reply_by is None:
        return get_calendar().add_working_time(at, DEFAULT_REPLY_WORKING_DAYS)
    if reply_by <= at:
        raise DomainError(_("Hạn nhà đầu tư bổ sung, giải trình phải sau thời điểm yêu cầu."), field="reply_by")
    return reply_by


def request_basis(dossier: Dossier, point: str) -> str:
    """The legal basis a supplementation or explanation request states: the procedure's texts and,
    under the new law, NĐ 96/2026 Điều 6 khoản 1 (point d: supplement; đ: explanation)."""
    version = dossier.procedure_version
    parts = [version.legal_basis or dossier.procedure.legal_basis]
    if version.effective_from is None or version.effective_from >= NEW_LAW_FROM:
        parts.append(_("Nghị định 96/2026/NĐ-CP, Điều 6 khoản 1 điểm %(p)s") % {"p": point})
    return "; ".join(part for part in parts if part)[:500]


def start_pause(
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
        legal_basis=request_basis(dossier, "d"),
        reply_by=reply_by,
        exception_reason=(exception_reason or "").strip(),
    )
    record_change(pause, actor)
    pause.save()
    dossier.status = DossierStatus.PAUSED
    refresh_times(dossier, actor=actor)
    return pause


def end_pause(dossier: Dossier, at: datetime, actor) -> None:
    pause = dossier.pauses.filter(ended_at__isnull=True).order_by("-started_at").first()
    if pause is None:
        return
    pause.ended_at = max(at, pause.started_at)
    record_change(pause, actor)
    pause.save()
    refresh_times(dossier, actor=actor)
    dossier.status = DossierStatus.IN_PROGRESS


def missed_reply(dossier: Dossier, at: datetime | None = None) -> Pause | None:
    """The open request whose deadline for the investor has passed by ``at`` (then the dossier may
    be stopped: NĐ 96/2026 Điều 6 khoản 2 điểm a), or None."""
    return dossier.pauses.filter(ended_at__isnull=True, reply_by__lt=now_or(at)).order_by("started_at").first()


@transaction.atomic
def request_explanation(
    actor, dossier: Dossier, *, reason: str, at: datetime | None = None, reply_by: datetime | None = None
) -> Pause:
    """Asks the investor to explain by ``reply_by``: the clock stops until the explanation arrives."""
    if not access.can_request_explanation(actor, dossier):
        raise PermissionDeniedError()
    reason = required_text(reason, _("Hãy ghi nội dung cần giải trình."), field="reason")
    at = now_or(at)
    locked = locked_open(dossier)
    if locked.status == DossierStatus.PAUSED:
        raise DomainError(_("Hồ sơ đang tạm dừng."))
    pause = Pause(
        dossier=locked,
        kind=PauseKind.EXPLANATION,
        started_at=at,
        reason=reason,
        requested_by=actor,
        legal_basis=request_basis(locked, "đ"),
        reply_by=reply_deadline(reply_by, at),
    )
    record_change(pause, actor)
    pause.save()
    refresh_times(locked, actor=actor)
    locked.status = DossierStatus.PAUSED
    record_change(locked, actor, _("Yêu cầu giải trình"))
    save_versioned(locked, locked.version, actor=actor)
    return pause


@transaction.atomic
def receive_explanation(actor, dossier: Dossier, *, at: datetime | None = None) -> Dossier:
    """The explanation arrived: the clock runs again and the due times move by the paused time."""
    if not access.can_receive_explanation(actor, dossier):
        raise PermissionDeniedError()
    at = now_or(at)
    locked = locked_open(dossier)
    pause = locked.pauses.filter(ended_at__isnull=True, kind=PauseKind.EXPLANATION).first()
    if pause is None:
        raise DomainError(_("Hồ sơ không chờ giải trình."))
    if at < pause.started_at:
        raise DomainError(_("Thời điểm nhận giải trình không thể trước khi yêu cầu giải trình."), field="at")
    # The open steps were waiting too: ``refresh_times`` moves their limits by every pause.
    end_pause(locked, at, actor)
    record_change(locked, actor, _("Nhận giải trình"))
    save_versioned(locked, locked.version, actor=actor)
    return locked
