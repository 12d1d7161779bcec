"""Changes to the working calendar: permission, transaction, history, then the change signal."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from investdesk.core.exceptions import DomainError, PermissionDeniedError
from investdesk.core.services import record_change, required_text, save_versioned
from investdesk.core.years import MAX_YEAR, MIN_YEAR, year_in_range

from . import loader
from .choices import OverrideKind
from .models import CalendarOverride, OfficeHours
from .signals import calendar_changed


def _require_manager(actor) -> None:
    if not (actor.is_authenticated and actor.has_perm("worktime.manage_calendar")):
        raise PermissionDeniedError()


def _announce(dates: list[date] | None) -> None:
    """After the commit: rebuild calendars everywhere, then let receivers move due times."""

    def send():
        loader.invalidate()
        calendar_changed.send(sender=CalendarOverride, dates=dates)

    transaction.on_commit(send)


@transaction.atomic
def save_override(
    actor,
    *,
    day: date,
    kind: str,
    reason: str,
    legal_reference: str = "",
    override: CalendarOverride | None = None,
    expected_version: int | None = None,
) -> CalendarOverride:
    """Adds an override for ``day``, or changes ``override``."""
    _require_manager(actor)
    if not year_in_range(day.year):
        raise DomainError(
            _("Chỉ điều chỉnh được ngày trong các năm %(a)s–%(b)s.") % {"a": MIN_YEAR, "b": MAX_YEAR},
            field="date",
        )
    if kind not in OverrideKind.values:
        raise DomainError(_("Loại ngày không hợp lệ."), field="kind")
    reason = required_text(reason, _("Hãy ghi lý do (ví dụ: Nghỉ bù Tết Dương lịch)."), field="reason")
    if kind == OverrideKind.WORKING_DAY and day.weekday() < 5 and day not in loader.law_calendar():
        raise DomainError(
            _(
                '%(d)s là ngày thường, vốn đã là ngày làm việc. "Ngày làm việc" dùng cho thứ Bảy, '
                "Chủ nhật làm bù hoặc để bỏ một ngày nghỉ lễ không được áp dụng."
            )
            % {"d": day.strftime("%d/%m/%Y")},
            field="kind",
        )
    existing = CalendarOverride.objects.filter(date=day).exclude(pk=getattr(override, "pk", None))
    if existing.exists():
        raise DomainError(
            _("Ngày %(d)s đã có điều chỉnh; hãy sửa điều chỉnh đó.") % {"d": day.strftime("%d/%m/%Y")},
            field="date",
        )
    target = override or CalendarOverride()
    old_day = target.date if target.pk else None
    target.date, target.kind, target.reason = day, kind, reason
    target.legal_reference = (legal_reference or "").strip()
    target._change_reason = _("Cập nhật lịch làm việc")
    save_versioned(target, expected_version, actor=actor)
    _announce(sorted({d for d in (old_day, day) if d}))
    return target


@transaction.atomic
def delete_override(actor, override: CalendarOverride) -> None:
    _require_manager(actor)
    day = override.date
    override._change_reason = _("Xóa điều chỉnh lịch làm việc")
    record_change(override, actor)
    override.delete()
    _announce([day])


@transaction.atomic
def update_office_hours(actor, *, expected_version: int | None, **times) -> OfficeHours:
    _require_manager(actor)
    hours = OfficeHours.current()
    for name, value in times.items():
        setattr(hours, name, value)
    try:
        hours.clean()
    except ValidationError as error:
        raise DomainError(" ".join(error.messages)) from error
    hours._change_reason = _("Cập nhật giờ làm việc")
    save_versioned(hours, expected_version if hours.pk else None, actor=actor)
    _announce(None)
    return hours
