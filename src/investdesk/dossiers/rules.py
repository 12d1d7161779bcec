"""Pure rules of time (DOMAIN.md §4): outcomes against a due time, and how much time is left."""

from datetime import datetime

from django.utils import timezone

from .choices import Outcome


def outcome(finished_at: datetime, due_at: datetime) -> str:
    """Late if finished after the due time; early if on an earlier calendar day (local) than the
    due day; otherwise on time."""
    if finished_at > due_at:
        return Outcome.LATE
    if timezone.localtime(finished_at).date() < timezone.localtime(due_at).date():
        return Outcome.EARLY
    return Outcome.ON_TIME
