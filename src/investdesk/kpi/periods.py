"""Scoring periods (kỳ đánh giá): a month, a quarter or a year, read from ``YYYY-MM``, ``YYYY-Qn`` or
``YYYY`` and turned into local dates. Pure: no database."""

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

MONTH = "month"
QUARTER = "quarter"
YEAR = "year"

_PATTERN = re.compile(r"^(?P<year>\d{4})(?:-(?:(?P<month>\d{2})|[Qq](?P<quarter>[1-4])))?$")


@dataclass(frozen=True, order=True)
class Span:
    """One period: its kind, year and number (month 1–12, quarter 1–4, 1 for a year)."""

    year: int
    kind: str
    number: int

    @property
    def starts_on(self) -> date:
        if self.kind == MONTH:
            return date(self.year, self.number, 1)
        if self.kind == QUARTER:
            return date(self.year, 3 * self.number - 2, 1)
        return date(self.year, 1, 1)

    @property
    def ends_on(self) -> date:
        if self.kind == MONTH:
            last_month = self.number
        elif self.kind == QUARTER:
            last_month = 3 * self.number
        else:
            last_month = 12
        return date(self.year, last_month, calendar.monthrange(self.year, last_month)[1])

    @property
    def code(self) -> str:
        if self.kind == MONTH:
            return f"{self.year}-{self.number:02d}"
        if self.kind == QUARTER:
            return f"{self.year}-Q{self.number}"
        return str(self.year)

    def contains(self, other: "Span") -> bool:
        return self.starts_on <= other.starts_on and other.ends_on <= self.ends_on


def parse(text: str) -> Span:
    """``2026-03`` → March 2026, ``2026-Q1`` → the first quarter, ``2026`` → the year; ValueError else."""
    match = _PATTERN.match((text or "").strip())
    if not match:
        raise ValueError(text)
    year = int(match["year"])
    if not 2000 <= year <= 2100:
        raise ValueError(text)
    if match["month"]:
        month = int(match["month"])
        if not 1 <= month <= 12:
            raise ValueError(text)
        return Span(year, MONTH, month)
    if match["quarter"]:
        return Span(year, QUARTER, int(match["quarter"]))
    return Span(year, YEAR, 1)


def containing(day: date, kind: str) -> Span:
    """The period of ``kind`` that holds ``day``."""
    if kind == MONTH:
        return Span(day.year, MONTH, day.month)
    if kind == QUARTER:
        return Span(day.year, QUARTER, (day.month - 1) // 3 + 1)
    return Span(day.year, YEAR, 1)


def periods_of_year(year: int, kind: str) -> list[Span]:
    count = {MONTH: 12, QUARTER: 4, YEAR: 1}[kind]
    return [Span(year, kind, number) for number in range(1, count + 1)]


# The year's cut-off (NĐ 335/2025: the year is rated before 15 December). Work counted on a later day
# cannot be in that rating, so it belongs to the first period of the next year.
DEFAULT_CUTOFF = (12, 15)  # (month, day)


def first_day_past_cutoff(cutoff: tuple[int, int] | None, year: int) -> date | None:
    """The first day of ``year`` past its cut-off, or None when nothing is (cut-off on 31/12)."""
    if cutoff is None or cutoff == (12, 31):
        return None
    month, day = cutoff
    return date(year, month, day) + timedelta(days=1)


def scoring_day(day: date, cutoff: tuple[int, int] | None) -> date:
    """The day an item counts on for scoring: itself, or 1 January of the next year once past the
    year's cut-off (16 December with the default 15/12)."""
    after = first_day_past_cutoff(cutoff, day.year)
    if after is not None and day >= after:
        return date(day.year + 1, 1, 1)
    return day


def month_window(month: date, cutoff_before: tuple[int, int] | None, cutoff: tuple[int, int] | None):
    """The days whose items are scored in ``month`` (its first day) as a half-open range
    (first, end): January also takes the previous year's days past its cut-off (``cutoff_before``);
    the months of ``cutoff``'s year lose the days past it (empty: first == end)."""
    first = start = month.replace(day=1)
    end = date(first.year + (first.month == 12), first.month % 12 + 1, 1)
    earlier = first_day_past_cutoff(cutoff_before, first.year - 1) if first.month == 1 else None
    if earlier is not None:
        start = earlier
    after = first_day_past_cutoff(cutoff, first.year)
    if after is not None and after < end:
        end = max(after, first)
    return start, end


def span_window(span: Span, cutoff_before: tuple[int, int] | None, cutoff: tuple[int, int] | None):
    """The days whose items are scored in ``span`` as a half-open range (first, end): its months'
    windows (``month_window``) joined, so a list of items matches the tallies added up for it."""
    first, _end = month_window(span.starts_on, cutoff_before, cutoff)
    _start, end = month_window(span.ends_on.replace(day=1), cutoff_before, cutoff)
    return first, end
