"""Scoring periods (kỳ đánh giá): a month, a quarter or a year, read from ``YYYY-MM``, ``YYYY-Qn`` or
``YYYY`` and turned into local dates. Pure: no database."""

import calendar
import re
from dataclasses import dataclass
from datetime import date

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
