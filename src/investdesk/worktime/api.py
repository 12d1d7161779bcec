"""API: due times and the calendar of a year."""

from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Schema

from investdesk.core.api import READ_ERRORS, error_responses
from investdesk.core.exceptions import DomainError
from investdesk.core.years import MAX_YEAR, MIN_YEAR, check_year, year_in_range, year_range_message

from .loader import get_calendar
from .working_calendar import OutOfCalendarRange

router = Router(tags=["Lịch làm việc"])


class DueOut(Schema):
    start: datetime
    opening: datetime
    working_days: str
    due: datetime


class CalendarDayOut(Schema):
    date: date
    name: str
    source: str
    reference: str


class CalendarOut(Schema):
    year: int
    working_day_count: int
    days_off: list[date]
    working_weekend_days: list[date]
    notes: list[CalendarDayOut]


def parse_instant(text: str, *, field: str = "start") -> datetime:
    """An ISO 8601 instant as an aware local (Asia/Ho_Chi_Minh) datetime; a naive one is local.

    Its local year must be in the calendar's range: an offset can move an instant written in 2100
    into 2101 here, or one written near year 1 or 9999 out of what a datetime can hold."""
    try:
        value = datetime.fromisoformat(text.strip())
    except (ValueError, AttributeError) as error:
        raise DomainError(
            _('Thời điểm không hợp lệ: "%(v)s". Dùng dạng ISO 8601, ví dụ 2026-03-02T08:00:00+07:00.') % {"v": text},
            field=field,
        ) from error
    try:
        local = timezone.make_aware(value) if timezone.is_naive(value) else timezone.localtime(value)
    except OverflowError:
        local = None
    if local is None or not year_in_range(local.year):
        raise DomainError(year_range_message(), field=field)
    return local


def parse_days(text: str) -> Decimal:
    try:
        days = Decimal(text.strip())
    except (InvalidOperation, AttributeError) as error:
        raise DomainError(_("Số ngày làm việc phải là một số, ví dụ 10 hoặc 0.5."), field="working_days") from error
    if not days.is_finite() or days < 0:
        raise DomainError(_("Số ngày làm việc phải lớn hơn hoặc bằng 0."), field="working_days")
    if days > 3650:
        raise DomainError(_("Số ngày làm việc quá lớn (tối đa 3650)."), field="working_days")
    return days


@router.get(
    "/worktime/due", response={200: DueOut, **error_responses(*READ_ERRORS)}, summary="Tính hạn theo ngày làm việc"
)
def due(request, start: str, working_days: str):
    """The due time ``working_days`` of office time after ``start`` (a naive ``start`` is local
    time, Asia/Ho_Chi_Minh). Outside office hours the count starts at the next opening; time that
    runs out at the end of a session is due at that end."""
    instant = parse_instant(start)
    days = parse_days(working_days)
    calendar = get_calendar()
    try:
        due_at = calendar.add_working_time(instant, days)
    except OutOfCalendarRange as error:
        raise DomainError(
            _("Hạn rơi ra ngoài phạm vi lịch (%(a)s–%(b)s).") % {"a": MIN_YEAR, "b": MAX_YEAR}, field="working_days"
        ) from error
    return {
        "start": calendar.local(instant),
        "opening": calendar.next_opening(instant),
        "working_days": str(days),
        "due": due_at,
    }


@router.get(
    "/worktime/calendar",
    response={200: CalendarOut, **error_responses(*READ_ERRORS)},
    summary="Lịch làm việc của một năm",
)
def year_calendar(request, year: str):
    try:
        number = int(year)
    except ValueError as error:
        raise DomainError(_("Năm phải là số nguyên, ví dụ 2026."), field="year") from error
    check_year(number)
    calendar = get_calendar()
    start, end = date(number, 1, 1), date(number, 12, 31)
    days = [date.fromordinal(o) for o in range(start.toordinal(), end.toordinal() + 1)]
    return {
        "year": number,
        "working_day_count": calendar.working_days_in(start, end),
        "days_off": [d for d in days if d.weekday() < 5 and not calendar.is_working_day(d)],
        "working_weekend_days": [d for d in days if d.weekday() >= 5 and calendar.is_working_day(d)],
        "notes": [
            {"date": d, "name": n.label, "source": n.source, "reference": n.reference}
            for d, n in sorted(calendar.notes.items())
            if d.year == number
        ],
    }
