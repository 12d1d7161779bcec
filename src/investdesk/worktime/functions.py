"""Working time on the installation's calendar: what the rest of the system calls.

Thin wrappers over the cached ``WorkCalendar`` (see ``calendar.py`` for the rules).
"""

from datetime import date, datetime
from decimal import Decimal

from .loader import get_calendar


def is_working_day(day: date) -> bool:
    return get_calendar().is_working_day(day)


def next_opening(instant: datetime) -> datetime:
    return get_calendar().next_opening(instant)


def add_working_time(start: datetime, working_days) -> datetime:
    return get_calendar().add_working_time(start, working_days)


def working_time_between(start: datetime, end: datetime) -> Decimal:
    return get_calendar().working_time_between(start, end)


def working_hours_between(start: datetime, end: datetime) -> Decimal:
    return get_calendar().working_hours_between(start, end)
