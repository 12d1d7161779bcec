"""The delay engine: how far a project's schedule has slipped, from its milestones alone.

Pure computation (no database): ``milestone_delay`` and ``project_delay`` take plain facts and a
day, so the same answer comes from a service, the nightly job, the import's preview or a test.

Rules (DOMAIN §5):
- A milestone's due date is its committed date moved on by the months the law does not count
  (late land hand-over, force majeure: ``exempt_months``).
- Its slippage is the whole months from that due date to the day it happened, or to ``today`` while
  it has not happened; a milestone done on or before its due date has none.
- A project is late when a milestone is past due and not done; seriously late when one is more
  than ``serious_months`` (12) past due; up for termination review when one is more than
  ``review_months`` (24) past due (2024 Land Law Điều 81 k8). A milestone done late is history: it
  shows its slippage but no longer makes the project late.
"""

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

ON_TRACK = "on_track"
LATE = "late"
SERIOUSLY_LATE = "seriously_late"
REVIEW_FOR_TERMINATION = "review_for_termination"
# Worst last: a project's status is the worst of its open milestones'.
SEVERITY = (ON_TRACK, LATE, SERIOUSLY_LATE, REVIEW_FOR_TERMINATION)


@dataclass(frozen=True)
class MilestoneFacts:
    committed_on: date
    actual_on: date | None = None
    exempt_months: int = 0


@dataclass(frozen=True)
class Delay:
    months: int  # whole months of slippage (0 when on time)
    status: str  # one of SEVERITY
    overdue: bool  # past due and not done: counts towards the project's status


def add_months(day: date, months: int) -> date:
    """``day`` moved by whole calendar months, kept inside the target month (31/01 + 1 → 28/02)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def whole_months(start: date, end: date) -> int:
    """Whole calendar months from ``start`` to ``end`` (0 when ``end`` is not after ``start``)."""
    if end <= start:
        return 0
    months = (end.year - start.year) * 12 + end.month - start.month
    if add_months(start, months) > end:
        months -= 1
    return months


def due_on(facts: MilestoneFacts) -> date:
    return add_months(facts.committed_on, max(0, facts.exempt_months))


def _status(due: date, end: date, serious_months: int, review_months: int) -> str:
    if end <= due:
        return ON_TRACK
    if end > add_months(due, review_months):
        return REVIEW_FOR_TERMINATION
    if end > add_months(due, serious_months):
        return SERIOUSLY_LATE
    return LATE


def milestone_delay(facts: MilestoneFacts, today: date, *, serious_months: int = 12, review_months: int = 24) -> Delay:
    due = due_on(facts)
    if facts.actual_on is not None:
        return Delay(whole_months(due, facts.actual_on), ON_TRACK, overdue=False)
    status = _status(due, today, serious_months, review_months)
    return Delay(whole_months(due, today), status, overdue=status != ON_TRACK)


def project_delay(
    milestones: Iterable[MilestoneFacts], today: date, *, serious_months: int = 12, review_months: int = 24
) -> Delay:
    """The project's current delay: the worst of its overdue milestones (on track when none is)."""
    worst = Delay(0, ON_TRACK, overdue=False)
    for facts in milestones:
        delay = milestone_delay(facts, today, serious_months=serious_months, review_months=review_months)
        if not delay.overdue:
            continue
        if (SEVERITY.index(delay.status), delay.months) > (SEVERITY.index(worst.status), worst.months):
            worst = delay
    return worst
