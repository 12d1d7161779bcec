"""Builds the process's ``WorkCalendar`` from the holidays package, overrides and office hours.

The calendar is built once per process and cached. A change made in this process replaces it at
once (``invalidate``); other processes (web workers, job consumers) notice the shared version
number in the cache within ``WORKTIME_CHECK_SECONDS`` and rebuild.
"""

import threading
import time as clock
import uuid
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays
from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext as _

from .choices import DaySource, OverrideKind
from .models import CalendarOverride, OfficeHours
from .working_calendar import FIRST_YEAR, LAST_YEAR, DayNote, WorkCalendar

VERSION_KEY = "investdesk:worktime:version"

_lock = threading.Lock()
_state = {"calendar": None, "version": None, "checked": 0.0}


@lru_cache(maxsize=1)
def law_calendar(first_year: int = FIRST_YEAR, last_year: int = LAST_YEAR):
    """The holidays package's Vietnam calendar, in Vietnamese (it never changes at run time)."""
    return holidays.Vietnam(years=range(first_year, last_year + 1), language="vi")


def build_calendar() -> WorkCalendar:
    law = law_calendar()
    notes: dict = {}
    days_off = set()
    working = set()
    for day, name in law.items():
        notes[day] = DayNote(label=name, source=DaySource.LAW)
        if day.weekday() < 5:
            days_off.add(day)
    for day in law.weekend_workdays:
        if FIRST_YEAR <= day.year <= LAST_YEAR:
            working.add(day)
            notes[day] = DayNote(label=_("Ngày làm việc bù"), source=DaySource.LAW)
    for override in CalendarOverride.objects.all():
        days_off.discard(override.date)
        working.discard(override.date)
        if override.kind == OverrideKind.WORKING_DAY:
            working.add(override.date)
        elif override.date.weekday() < 5:  # a weekend day "off" is off anyway: only its note counts
            days_off.add(override.date)
        notes[override.date] = DayNote(
            label=override.reason, source=DaySource.OVERRIDE, reference=override.legal_reference
        )
    return WorkCalendar(
        days_off=days_off,
        working_days=working,
        sessions=OfficeHours.current().sessions,
        tz=ZoneInfo(settings.TIME_ZONE),
        notes=notes,
    )


def get_calendar() -> WorkCalendar:
    now = clock.monotonic()
    state = _state
    if state["calendar"] is not None and now - state["checked"] < settings.WORKTIME_CHECK_SECONDS:
        return state["calendar"]
    with _lock:
        shared = cache.get(VERSION_KEY)
        if state["calendar"] is None or shared != state["version"]:
            state["calendar"] = build_calendar()
            state["version"] = shared
        state["checked"] = clock.monotonic()
        return state["calendar"]


def invalidate() -> None:
    """Forget the calendar here and tell every other process to rebuild theirs."""
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)
    with _lock:
        _state["calendar"] = None
