"""Working-time arithmetic on the civil-service calendar: pure functions, no database.

A ``WorkCalendar`` is built once from the holidays, the administrators' overrides and the office
hours, then answers every question with array lookups: for each date it knows how many working days
came before it, so an instant maps to a position on a "working-time line" (seconds of office time
since the calendar's first day) and back. Adding time and measuring between two instants are then
arithmetic on positions: O(1) per call, whatever the span.

Rules (DOMAIN.md §4): one working day is the day's office hours (8 h by default) and durations are
decimal working days added as working seconds; a start outside office hours counts from the next
opening; when time runs out exactly at the end of a session the due time is that end (11:30,
17:00), not the next opening. Naive datetimes are local (Asia/Ho_Chi_Minh); answers are aware.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass
from datetime import date, datetime, time, tzinfo
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from zoneinfo import ZoneInfo

DEFAULT_SESSIONS = ((time(7, 0), time(11, 30)), (time(13, 30), time(17, 0)))
FIRST_YEAR = 1999
LAST_YEAR = 2101


class OutOfCalendarRange(ValueError):
    """The instant lies outside the years the calendar was built for."""


@dataclass(frozen=True)
class DayNote:
    """Why a date is what it is: a holiday's name, an override's reason, and where it came from."""

    label: str
    source: str  # "law" (the holidays package), "override"
    reference: str = ""


def to_seconds(value: time) -> int:
    return value.hour * 3600 + value.minute * 60 + value.second


class WorkCalendar:
    """The working calendar for ``first_year``..``last_year``.

    ``days_off`` are dates not worked although they fall Monday–Friday (holidays, compensation days,
    swapped days); ``working_days`` are Saturdays or Sundays that are worked; ``notes`` explain
    dates.
    """

    def __init__(
        self,
        *,
        days_off: set[date] | frozenset[date],
        working_days: set[date] | frozenset[date] = frozenset(),
        sessions=DEFAULT_SESSIONS,
        tz: tzinfo | None = None,
        notes: dict[date, DayNote] | None = None,
        first_year: int = FIRST_YEAR,
        last_year: int = LAST_YEAR,
    ):
        self.tz = tz or ZoneInfo("Asia/Ho_Chi_Minh")
        self.first_year, self.last_year = first_year, last_year
        self.notes = dict(notes or {})
        self.days_off = frozenset(days_off)
        self.extra_working_days = frozenset(working_days)

        spans = [(to_seconds(start), to_seconds(end)) for start, end in sessions]
        if not spans or any(end <= start for start, end in spans):
            raise ValueError("office sessions must be non-empty and end after they start")
        if any(spans[i][1] > spans[i + 1][0] for i in range(len(spans) - 1)):
            raise ValueError("office sessions must be in order and must not overlap")
        self.sessions = tuple(sessions)
        self._spans = tuple((start, end, end - start) for start, end in spans)
        self.day_seconds = sum(length for _start, _end, length in self._spans)
        self._seconds_for = {}

        self._base = date(first_year, 1, 1).toordinal()
        last = date(last_year, 12, 31).toordinal()
        # before[i]: working days strictly before the date base + i (one extra slot at the end).
        before = array("l", [0]) * (last - self._base + 2)
        working = array("l")
        count = 0
        for ordinal in range(self._base, last + 1):
            before[ordinal - self._base] = count
            day = date.fromordinal(ordinal)
            if (day.weekday() < 5 and day not in self.days_off) or day in self.extra_working_days:
                working.append(ordinal)
                count += 1
        before[last - self._base + 1] = count
        self._before = before
        self._working = working

    # --- days -------------------------------------------------------------------------------------

    def _index(self, day: date) -> int:
        index = day.toordinal() - self._base
        if index < 0 or index >= len(self._before) - 1:
            raise OutOfCalendarRange(f"{day.isoformat()} is outside {self.first_year}–{self.last_year}")
        return index

    def is_working_day(self, day: date) -> bool:
        index = self._index(day)
        return self._before[index + 1] > self._before[index]

    def working_days_in(self, start: date, end: date) -> int:
        """Working days from ``start`` to ``end`` inclusive."""
        return self._before[self._index(end) + 1] - self._before[self._index(start)]

    # --- the working-time line -------------------------------------------------------------------

    def local(self, instant: datetime) -> datetime:
        if instant.tzinfo is None:
            return instant.replace(tzinfo=self.tz)
        return instant.astimezone(self.tz)

    def position(self, instant: datetime) -> int:
        """Seconds of office time from the calendar's start to ``instant``.

        An instant outside office hours sits at the position of the next opening.
        """
        local = self.local(instant)
        index = self._index(local.date())
        done = self._before[index]
        position = done * self.day_seconds
        if self._before[index + 1] == done:  # not a working day: the next working day's opening
            return position
        seconds = local.hour * 3600 + local.minute * 60 + local.second
        for start, end, length in self._spans:
            if seconds < start:
                return position
            if seconds < end:
                return position + seconds - start
            position += length
        return position

    def instant_at(self, position: int, *, prefer_end: bool) -> datetime:
        """The instant at ``position``. Where a position is both the end of a session and the start
        of the next one, ``prefer_end`` chooses the end (a due time) over the start (an opening)."""
        day_index, rest = divmod(position, self.day_seconds)
        if prefer_end and rest == 0 and day_index > 0:
            day_index -= 1
            rest = self.day_seconds
        if day_index < 0 or day_index >= len(self._working):
            raise OutOfCalendarRange(f"working-time position {position} is outside the calendar")
        day = date.fromordinal(self._working[day_index])
        for start, _end, length in self._spans:
            if rest < length or (prefer_end and rest == length):
                seconds = start + rest
                break
            rest -= length
        else:  # pragma: no cover - rest < day_seconds guarantees a session
            raise AssertionError(position)
        hour, remainder = divmod(seconds, 3600)
        return datetime(day.year, day.month, day.day, hour, *divmod(remainder, 60), tzinfo=self.tz)

    # --- the questions people ask -----------------------------------------------------------------

    def days_to_seconds(self, working_days: Decimal | int | float | str) -> int:
        # Procedures use a handful of durations over and over: remember their conversions.
        try:
            return self._seconds_for[working_days]
        except (KeyError, TypeError):
            pass
        seconds = self._convert_days(working_days)
        if len(self._seconds_for) < 4096:
            self._seconds_for[working_days] = seconds
        return seconds

    def _convert_days(self, working_days) -> int:
        try:
            days = Decimal(str(working_days))
        except (InvalidOperation, ValueError) as error:
            raise ValueError(f"not a number of working days: {working_days!r}") from error
        if not days.is_finite() or days < 0:
            raise ValueError(f"working days must be a finite number ≥ 0, not {working_days!r}")
        return int((days * self.day_seconds).to_integral_value(rounding=ROUND_HALF_UP))

    def next_opening(self, instant: datetime) -> datetime:
        """``instant`` itself during office hours, else the next session's start."""
        return self.instant_at(self.position(instant), prefer_end=False)

    def add_working_time(self, start: datetime, working_days) -> datetime:
        """The due time: ``working_days`` of office time after ``start`` (counted from the next
        opening when ``start`` is outside office hours)."""
        seconds = self.days_to_seconds(working_days)
        if seconds == 0:
            return self.next_opening(start)
        return self.instant_at(self.position(start) + seconds, prefer_end=True)

    def add_working_seconds(self, start: datetime, seconds: int) -> datetime:
        if seconds <= 0:
            return self.next_opening(start)
        return self.instant_at(self.position(start) + seconds, prefer_end=True)

    def working_seconds_between(self, start: datetime, end: datetime) -> int:
        """Office seconds from ``start`` to ``end`` (negative when ``end`` is earlier)."""
        return self.position(end) - self.position(start)

    def working_time_between(self, start: datetime, end: datetime) -> Decimal:
        """Working days from ``start`` to ``end`` as a Decimal (4 places), negative when earlier."""
        seconds = self.working_seconds_between(start, end)
        return (Decimal(seconds) / Decimal(self.day_seconds)).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)

    def working_hours_between(self, start: datetime, end: datetime) -> Decimal:
        seconds = self.working_seconds_between(start, end)
        return (Decimal(seconds) / Decimal(3600)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)

    def day_kind(self, day: date) -> str:
        """``working``, ``weekend``, ``day_off`` (a weekday not worked) or ``working_weekend``."""
        if day.weekday() >= 5:
            return "working_weekend" if self.is_working_day(day) else "weekend"
        return "working" if self.is_working_day(day) else "day_off"
