"""API: due times and the calendar of a year."""

from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from ninja import Router, Schema

from investdesk.core.exceptions import DomainError

from .calendar import OutOfCalendarRange
from .loader import get_calendar
from .services import MAX_YEAR, MIN_YEAR

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


def parse_instant(text: str) -> datetime:
    try:
        value = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except (ValueError, AttributeError) as error:
        raise DomainError(
            _('Thời điểm bắt đầu không hợp lệ: "%(v)s". Dùng dạng ISO 8601, ví dụ 2026-03-02T08:00:00+07:00.')
            % {"v": text},
            field="start",
        ) from error
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise DomainError(_("Năm phải trong khoảng %(a)s–%(b)s.") % {"a": MIN_YEAR, "b": MAX_YEAR}, field="start")
    return value


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


@router.get("/worktime/due", response=DueOut, summary="Tính hạn theo ngày làm việc")
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
        raise DomainError(_("Hạn rơi ra ngoài phạm vi lịch (2000–2100).")) from error
    return {
        "start": calendar.local(instant),
        "opening": calendar.next_opening(instant),
        "working_days": str(days),
        "due": due_at,
    }


@router.get("/worktime/calendar", response=CalendarOut, summary="Lịch làm việc của một năm")
def year_calendar(request, year: str):
    try:
        number = int(year)
    except ValueError as error:
        raise DomainError(_("Năm phải là số nguyên, ví dụ 2026."), field="year") from error
    if not MIN_YEAR <= number <= MAX_YEAR:
        raise DomainError(_("Năm phải trong khoảng %(a)s–%(b)s.") % {"a": MIN_YEAR, "b": MAX_YEAR}, field="year")
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
