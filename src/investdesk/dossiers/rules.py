"""Pure rules of time (DOMAIN.md §4): outcomes against a due time, and how much time is left."""

from datetime import datetime
from decimal import Decimal

from .timing import outcome  # noqa: F401  (the rule lives with the other time rules)


def risk(now: datetime, started_at: datetime, due_at: datetime | None, calendar) -> str:
    """``overdue`` past the due time; ``at_risk`` when at most WARNING_SHARE of the allowed working
    time is left, or less than WARNING_DAYS working days are left once WARNING_ELAPSED of the time
    has passed; otherwise ``on_track`` (DOMAIN.md §4, docs/decisions.md).

    The days rule alone would flag every step allowed less than WARNING_DAYS the moment it starts
    (a half-day reception step would open "sắp đến hạn"); for such short steps the warning comes
    when the time is half gone, for longer ones nothing changes."""
    if due_at is None:
        return "paused"
    if now > due_at:
        return "overdue"
    return warning(calendar.position(now), calendar.position(started_at), calendar.position(due_at), calendar)


def stored_risk(now: datetime, due_at: datetime | None, at_risk_from: datetime | None) -> str:
    """``risk`` read from a step's stored instants (``at_risk_from`` kept by the services), so a row
    shown agrees with the counts the database made from the same columns."""
    if due_at is None:
        return "paused"
    if now > due_at:
        return "overdue"
    return "at_risk" if at_risk_from is not None and at_risk_from <= now else "on_track"


def warning(now: int, started: int, due: int, calendar) -> str:
    """``risk`` of a step not yet overdue, from positions on the working-time line (``calendar.
    position``): a page judging thousands of steps places "now" once."""
    from django.conf import settings

    allowed = due - started
    left = due - now
    if left <= allowed * settings.WARNING_SHARE:
        return "at_risk"
    if left < settings.WARNING_DAYS * calendar.day_seconds and left <= allowed * (1 - settings.WARNING_ELAPSED):
        return "at_risk"
    return "on_track"


def at_risk_from(started_at: datetime, due_at: datetime | None, calendar) -> datetime | None:
    """The first instant from which ``risk`` calls a step started at ``started_at`` and due at
    ``due_at`` "at risk" (until it is overdue), or None while it has no due time (paused).

    Both branches of ``warning`` only grow truer as the working time left shrinks, so there is one
    first working-time position from which the step is at risk. Stored per open step, it lets the
    database count and page the steps at risk without placing every open step on the calendar."""
    if due_at is None:
        return None
    started, due = calendar.position(started_at), calendar.position(due_at)
    first = min(_first_position(started, due, calendar), due)
    # The earliest instant at that position: the end of the session before it, not the next opening.
    return max(calendar.instant_at(first, prefer_end=True), started_at)


def _first_position(started: int, due: int, calendar) -> int:
    """The least position ``now`` at which ``warning(now, started, due)`` says "at risk", found by
    bisection over the positions from the start to the due time (the answer is exact whatever the
    rounding of the shares, since it asks the rule itself)."""
    if warning(started, started, due, calendar) == "at_risk":
        return started
    low, high = started, due  # not at risk at ``low``; at risk at ``high`` (no time left)
    while high - low > 1:
        middle = (low + high) // 2
        if warning(middle, started, due, calendar) == "at_risk":
            high = middle
        else:
            low = middle
    return high


def due_time(calendar, received_at: datetime, statutory_days, paused_seconds: int) -> datetime:
    """Received + the version's working days + the working time paused so far."""
    return calendar.add_working_seconds(received_at, calendar.days_to_seconds(statutory_days) + paused_seconds)


def processing_days(calendar, received_at: datetime, finished_at: datetime, paused_seconds: int) -> Decimal:
    """Working days from receipt to result, less the paused time (the 766 index's processing time)."""
    taken = calendar.working_seconds_between(received_at, finished_at) - paused_seconds
    return (Decimal(max(taken, 0)) / calendar.day_seconds).quantize(Decimal("0.01"))
