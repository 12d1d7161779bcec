"""The time rules of dossiers and steps (DOMAIN.md §4) in one place: pure functions, no database.

Every limit — the dossier's appointment with the investor and each step's own limit — is

    start + allowed working time + the working time paused during it,

where "paused" is the time the investor takes to supplement or explain (NĐ 96/2026 Điều 6): the
pause records of the dossier, each cut to the part after ``start``. The same pause records move the
dossier and every step it overlaps, so the two can never disagree, and a calendar change recomputes
both from the records rather than from running totals.

"Due as at T" is the due time as it stood at the instant T: pauses ended by T count in full, a pause
still open at T counts up to T, a pause that began after T does not count. A report for a closed
period compares due times as at the period's end, so later pauses never change its figures.

The statistics need this in SQL over many dossiers, so each pause keeps the marks the rule needs
(``pause_marks``): the due time when it began, the working seconds then left, and the due time
once it ended. ``overdue_from_marks`` is the predicate the SQL of ``stats`` implements, written
here in Python so that it is tested against ``due(…, as_at=T) < T``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

from .choices import Outcome


@dataclass(frozen=True)
class Span:
    """A pause: from ``started_at`` until ``ended_at`` (None while it lasts)."""

    started_at: datetime
    ended_at: datetime | None = None


def spans(pauses: Iterable) -> list[Span]:
    """Pause records (anything with ``started_at`` and ``ended_at``) in the order they began."""
    return sorted((Span(p.started_at, p.ended_at) for p in pauses), key=lambda s: s.started_at)


def paused_seconds(calendar, pauses: Iterable, start: datetime, as_at: datetime | None = None) -> int:
    """Working seconds of ``pauses`` after ``start``, as at ``as_at``.

    A pause counts from ``start`` at the earliest; one still open at ``as_at`` counts up to it; one
    that began after ``as_at`` counts nothing. Without ``as_at`` ended pauses count in full and an
    open pause counts nothing yet (the limit as it stood when that pause began).
    """
    total = 0
    for pause in pauses:
        begin = max(pause.started_at, start)
        end = pause.ended_at
        if as_at is not None:
            end = as_at if end is None else min(end, as_at)
        if end is None or end <= begin:
            continue
        total += max(0, calendar.working_seconds_between(begin, end))
    return total


def due(calendar, start: datetime, working_days, pauses: Iterable = (), as_at: datetime | None = None) -> datetime:
    """The limit of something started at ``start`` with ``working_days`` allowed: the dossier's due
    time (``start`` = received) or a step's limit (``start`` = the step's start)."""
    allowed = calendar.days_to_seconds(working_days)
    return calendar.add_working_seconds(start, allowed + paused_seconds(calendar, pauses, start, as_at))


def outcome(finished_at: datetime, due_at: datetime) -> str:
    """Late if finished after the due time; early if on an earlier calendar day (local) than the
    due day; otherwise on time."""
    if finished_at > due_at:
        return Outcome.LATE
    if timezone.localtime(finished_at).date() < timezone.localtime(due_at).date():
        return Outcome.EARLY
    return Outcome.ON_TIME


def finished_outcome(calendar, start: datetime, working_days, pauses: Iterable, finished_at: datetime) -> str:
    """The outcome of something finished at ``finished_at``, judged by its limit as at that
    instant (a step finished while the dossier waits for the investor keeps the waited time)."""
    return outcome(finished_at, due(calendar, start, working_days, pauses, as_at=finished_at))


@dataclass(frozen=True)
class PauseMarks:
    """What a pause record keeps so "due as at T" is a comparison of stored columns.

    ``due_before``: the dossier's due time when the pause began; ``left_seconds``: the working
    seconds then left before it (negative when already overdue); ``due_after``: the due time once
    the pause ended (None while open); ``seconds``: the pause's working time (0 while open).
    """

    due_before: datetime
    left_seconds: int
    due_after: datetime | None
    seconds: int


def pause_marks(calendar, received_at: datetime, working_days, pauses: Sequence) -> list[PauseMarks]:
    """The marks of each of ``pauses`` (in the order given) for a dossier received at
    ``received_at`` with ``working_days`` allowed."""
    records = [Span(p.started_at, p.ended_at) for p in pauses]
    marks = []
    for pause in records:
        before = due(calendar, received_at, working_days, records, as_at=pause.started_at)
        after = None
        seconds = 0
        if pause.ended_at is not None:
            after = due(calendar, received_at, working_days, records, as_at=pause.ended_at)
            seconds = paused_seconds(calendar, [pause], received_at, pause.ended_at)
        left = calendar.working_seconds_between(max(pause.started_at, received_at), before)
        marks.append(PauseMarks(due_before=before, left_seconds=left, due_after=after, seconds=seconds))
    return marks


def zero_left_is_overdue(calendar, instant: datetime) -> bool:
    """Whether a dossier paused with no working time left is overdue as at ``instant``.

    Its due time as at ``instant`` is the last office instant at or before ``instant``; that is
    earlier than ``instant`` unless ``instant`` falls within a session (not at its opening).
    """
    return calendar.instant_at(calendar.position(instant), prefer_end=True) < instant


def overdue_from_marks(
    calendar,
    original_due_at: datetime,
    pauses: Sequence[tuple[datetime, datetime | None, PauseMarks]],
    instant: datetime,
) -> bool:
    """Whether a dossier open at ``instant`` is overdue then, from stored columns only (the
    predicate ``stats`` writes in SQL; equal to ``due(…, as_at=instant) < instant``).

    - Paused at ``instant``: overdue when no working time was left at the pause's start (none at
      all, or exactly none and ``instant`` is outside a session): the clock has stood still since.
    - Otherwise: its due time as at ``instant`` is the due time after the last pause ended by then,
      or the original due time; due times only grow with each pause, so "that is before
      ``instant``" = the original is before it and no pause ended by then left a due time at or
      after it.
    """
    for started, ended, marks in pauses:
        if started <= instant and (ended is None or ended > instant):
            if marks.left_seconds < 0:
                return True
            return marks.left_seconds == 0 and zero_left_is_overdue(calendar, instant)
    if original_due_at >= instant:
        return False
    return not any(
        ended is not None and ended <= instant and marks.due_after >= instant for _started, ended, marks in pauses
    )


def pause_rows(calendar, received_at: datetime, working_days, pauses: Sequence[tuple]) -> list[dict]:
    """The fields of pause records for ``(started_at, ended_at)`` pairs, marks included (for writers
    that insert pauses in bulk, such as the import of historical dossiers)."""
    records = [Span(start, end) for start, end in pauses]
    return [
        {
            "started_at": record.started_at,
            "ended_at": record.ended_at,
            "due_before": marks.due_before,
            "left_seconds": marks.left_seconds,
            "due_after": marks.due_after,
            "seconds": marks.seconds,
        }
        for record, marks in zip(records, pause_marks(calendar, received_at, working_days, records), strict=True)
    ]
