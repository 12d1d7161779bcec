"""Ending a dossier other than by its result: withdrawal, a stop (form 05); and the apology with a
new appointment (form 04) when the result will be late."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from investdesk.core.exceptions import DomainError, PermissionDeniedError
from investdesk.core.services import record_change, required_text, save_versioned

from .. import access
from ..choices import DossierStatus
from ..models import Dossier
from .common import local, locked_open, now_or
from .deadlines import due_time, refresh_times
from .pauses import missed_reply


def close_open_steps(dossier: Dossier, at: datetime, actor, note: str) -> None:
    for step in dossier.steps.select_for_update().filter(finished_at__isnull=True):
        step.finished_at = at
        step.finished_by = actor if getattr(actor, "is_authenticated", False) else None
        step.note = note
        record_change(step, actor)
        step.save()
    pause = dossier.pauses.filter(ended_at__isnull=True).first()
    if pause is not None:
        pause.ended_at = max(at, pause.started_at)
        record_change(pause, actor)
        pause.save()
        refresh_times(dossier, actor=actor, steps=[])


@transaction.atomic
def withdraw_dossier(actor, dossier: Dossier, *, reason: str, at: datetime | None = None) -> Dossier:
    """The investor withdraws the dossier (counted apart, not in the on-time rate)."""
    if not access.can_withdraw(actor, dossier):
        raise PermissionDeniedError()
    return _close(actor, dossier, DossierStatus.WITHDRAWN, reason, at, _("Nhà đầu tư rút hồ sơ"))


@transaction.atomic
def stop_processing(
    actor, dossier: Dossier, *, reason: str, at: datetime | None = None, override: bool = False
) -> Dossier:
    """Dừng giải quyết (Mẫu 05): NĐ 96/2026 Điều 6 — when the investor did not supplement or explain
    by the deadline of the request. Before that deadline (or with no request) only with
    ``override`` (a stop for another reason the law allows), recorded as such in the history."""
    if not access.can_stop(actor, dossier):
        raise PermissionDeniedError()
    at = now_or(at)
    locked = locked_open(dossier, finishing_at=at)
    missed = missed_reply(locked, at)
    if missed is None and not override:
        waiting = locked.pauses.filter(ended_at__isnull=True, reply_by__isnull=False).first()
        if waiting is not None:
            message = _(
                "Nhà đầu tư còn hạn bổ sung, giải trình đến %(d)s: chỉ dừng giải quyết khi quá hạn này. "
                "Nếu dừng vì lý do khác, hãy chọn “Dừng vì lý do khác” và ghi rõ lý do."
            ) % {"d": local(waiting.reply_by)}
        else:
            message = _(
                "Hồ sơ không có yêu cầu bổ sung, giải trình nào đã quá hạn. Nếu dừng vì lý do khác, hãy chọn "
                "“Dừng vì lý do khác” và ghi rõ lý do."
            )
        raise DomainError(message, field="reason")
    if missed is not None:
        history_reason = _("Dừng giải quyết: nhà đầu tư không bổ sung, giải trình trong hạn (đến %(d)s)") % {
            "d": local(missed.reply_by)
        }
    else:
        history_reason = _("Dừng giải quyết vì lý do khác")
    return _close(actor, locked, DossierStatus.STOPPED, reason, at, history_reason)


def _close(actor, dossier: Dossier, status: str, reason: str, at, history_reason: str) -> Dossier:
    reason = required_text(reason, _("Hãy ghi lý do."), field="reason")
    at = now_or(at)
    locked = locked_open(dossier, finishing_at=at)
    close_open_steps(locked, at, actor, reason)
    locked.status = status
    locked.finished_at = at
    locked.closing_reason = reason
    record_change(locked, actor, history_reason)
    save_versioned(locked, locked.version, actor=actor)
    return locked


@transaction.atomic
def extend_with_apology(
    actor, dossier: Dossier, *, new_due_at: datetime, reason: str, at: datetime | None = None
) -> Dossier:
    """Văn bản xin lỗi và đề nghị gia hạn (Mẫu 04 of TT 03/2025/TT-VPCP), sent at ``at`` (now by
    default): it must be sent before the due time passes. An administrator may record one sent later; it is marked late.

    The appointment shown to the investor moves; the statistics keep judging by the due time.
    """
    if not access.can_extend_with_apology(actor, dossier):
        raise PermissionDeniedError()
    reason = required_text(reason, _("Hãy ghi lý do chậm trễ."), field="reason")
    at = now_or(at)
    if at > timezone.now() + timezone.timedelta(minutes=5):
        raise DomainError(_("Thời điểm gửi văn bản xin lỗi không thể ở tương lai."), field="at")
    locked = locked_open(dossier, finishing_at=at)
    if at < locked.received_at:
        raise DomainError(_("Thời điểm gửi văn bản xin lỗi không thể trước khi tiếp nhận hồ sơ."), field="at")
    due_then = due_time(locked, as_at=at)
    late = at > due_then
    if late and not access.can_record_late_apology(actor):
        raise DomainError(
            _(
                "Hạn giải quyết đã hết lúc %(due)s: văn bản xin lỗi và hẹn lại phải gửi trước thời điểm đó. "
                "Văn bản gửi muộn chỉ quản trị viên ghi nhận được, và được đánh dấu là gửi muộn."
            )
            % {"due": local(due_then)},
            field="at",
        )
    current = max(locked.extended_due_at or due_then, due_then, at)
    if new_due_at <= current:
        raise DomainError(
            _("Ngày hẹn mới phải sau ngày hẹn hiện tại (%(d)s).") % {"d": local(current)}, field="new_due_at"
        )
    locked.extended_due_at = new_due_at
    locked.apology_reason = reason
    locked.apology_at = at
    locked.apology_late = late
    record_change(
        locked,
        actor,
        _("Ghi văn bản xin lỗi và đề nghị gia hạn (Mẫu 04) gửi sau khi quá hạn")
        if late
        else _("Gửi văn bản xin lỗi và đề nghị gia hạn (Mẫu 04)"),
    )
    save_versioned(locked, locked.version, actor=actor)
    return locked
