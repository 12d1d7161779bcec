"""The working-time rules (DOMAIN.md §4) on the official 2026 calendar: tables and properties."""

from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from investdesk.worktime.loader import law_calendar
from investdesk.worktime.working_calendar import OutOfCalendarRange, WorkCalendar

TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def at(text: str) -> datetime:
    """'08:00 02/03/2026' → an aware local instant."""
    return datetime.strptime(text, "%H:%M %d/%m/%Y").replace(tzinfo=TZ)


@pytest.fixture(scope="module")
def cal() -> WorkCalendar:
    """The 2026 civil-service calendar: the package plus the 02/01 ↔ 10/01 swap."""
    law = law_calendar()
    days_off = {d for d in law if d.weekday() < 5} | {date(2026, 1, 2)}
    working = set(law.weekend_workdays) | {date(2026, 1, 10)}
    return WorkCalendar(days_off=days_off, working_days=working)


@pytest.mark.parametrize(
    ("day", "working"),
    [
        ("01/01/2026", False),  # Tết Dương lịch
        ("02/01/2026", False),  # swapped with Saturday 10/01
        ("05/01/2026", True),
        ("10/01/2026", True),  # a working Saturday
        ("11/01/2026", False),
        ("13/02/2026", True),
        ("16/02/2026", False),  # Tết 14–22/02
        ("20/02/2026", False),
        ("23/02/2026", True),
        ("24/04/2026", True),
        ("27/04/2026", False),  # Giỗ Tổ on Sunday 26/04, observed Monday
        ("30/04/2026", False),
        ("01/05/2026", False),
        ("04/05/2026", True),
        ("22/08/2026", True),  # Saturday worked for 31/08
        ("28/08/2026", True),
        ("31/08/2026", False),  # Quốc khánh 29/08–02/09
        ("01/09/2026", False),
        ("02/09/2026", False),
        ("03/09/2026", True),
        ("24/11/2026", False),  # Ngày Văn hóa Việt Nam (from the package)
    ],
)
def test_2026_working_days(cal, day, working):
    assert cal.is_working_day(datetime.strptime(day, "%d/%m/%Y").date()) is working


def test_2026_has_the_expected_number_of_working_days(cal):
    # 261 weekdays − 14 weekday holidays (01/01, 02/01, Tết ×5, 27/04, 30/04, 01/05, 31/08,
    # 01/09, 02/09, 24/11) + 2 working Saturdays (10/01, 22/08).
    assert cal.working_days_in(date(2026, 1, 1), date(2026, 12, 31)) == 249


@pytest.mark.parametrize(
    ("start", "days", "due"),
    [
        ("08:00 05/01/2026", "1", "08:00 06/01/2026"),
        ("07:00 05/01/2026", "1", "17:00 05/01/2026"),  # runs out at a session's end: that end
        ("07:00 05/01/2026", "0.5625", "11:30 05/01/2026"),  # 4.5 h: the morning's end, not 13:30
        ("07:00 05/01/2026", "0.5", "11:00 05/01/2026"),
        ("11:00 05/01/2026", "0.125", "14:00 05/01/2026"),  # lunch is not counted: ½ h + ½ h
        ("12:15 05/01/2026", "0.4375", "17:00 05/01/2026"),  # received at lunch: from 13:30
        ("12:15 05/01/2026", "0.5", "07:30 06/01/2026"),
        ("18:45 05/01/2026", "0.5", "11:00 06/01/2026"),  # at night: from the next opening
        ("06:00 05/01/2026", "0.5", "11:00 05/01/2026"),  # before opening
        ("15:00 31/12/2025", "1", "15:00 05/01/2026"),  # 01/01, 02/01 off, weekend
        ("15:00 09/01/2026", "1", "15:00 10/01/2026"),  # Friday → the working Saturday
        ("16:00 13/02/2026", "1", "16:00 23/02/2026"),  # across Tết
        ("15:00 24/04/2026", "1", "15:00 28/04/2026"),  # Giỗ Tổ observed on Monday 27/04
        ("10:00 29/04/2026", "2", "10:00 05/05/2026"),  # 30/04 and 01/05
        ("09:00 21/08/2026", "1", "09:00 22/08/2026"),  # the working Saturday 22/08
        ("09:00 28/08/2026", "1", "09:00 03/09/2026"),  # Quốc khánh 29/08–02/09
        ("14:00 10/01/2026", "0", "14:00 10/01/2026"),  # zero: the start itself in office hours
        ("20:00 10/01/2026", "0", "07:00 12/01/2026"),  # zero at night: the next opening
        ("08:00 02/03/2026", "17", "08:00 25/03/2026"),  # policy approval, NĐ 96/2026
        # 7 h on 28/12, 3 days to 31/12, 01/01 off, 5 days, 8 h on 11/01, 5 h on 12/01
        ("08:00 28/12/2026", "10.5", "14:00 12/01/2027"),
    ],
)
def test_due_times(cal, start, days, due):
    assert cal.add_working_time(at(start), Decimal(days)) == at(due)


def test_naive_instants_are_local_and_answers_aware(cal):
    due = cal.add_working_time(datetime(2026, 1, 5, 8, 0), 1)
    assert due.tzinfo is not None and due == at("08:00 06/01/2026")
    utc = datetime(2026, 1, 5, 1, 0, tzinfo=ZoneInfo("UTC"))  # 08:00 in Khánh Hòa
    assert cal.add_working_time(utc, 1) == at("08:00 06/01/2026")


@pytest.mark.parametrize(
    ("a", "b", "days"),
    [
        ("08:00 05/01/2026", "08:00 06/01/2026", "1.0000"),
        ("07:00 05/01/2026", "17:00 05/01/2026", "1.0000"),
        ("11:30 05/01/2026", "13:30 05/01/2026", "0.0000"),
        ("16:00 13/02/2026", "16:00 23/02/2026", "1.0000"),
        ("08:00 06/01/2026", "08:00 05/01/2026", "-1.0000"),
        ("20:00 03/01/2026", "07:00 05/01/2026", "0.0000"),
    ],
)
def test_working_time_between(cal, a, b, days):
    assert cal.working_time_between(at(a), at(b)) == Decimal(days)


def test_hours_between(cal):
    assert cal.working_hours_between(at("07:00 05/01/2026"), at("13:30 05/01/2026")) == Decimal("4.50")


def test_bad_durations_and_dates_are_refused(cal):
    for bad in ["-1", "abc", "NaN", "Infinity"]:
        with pytest.raises(ValueError):
            cal.add_working_time(at("08:00 05/01/2026"), bad)
    with pytest.raises(OutOfCalendarRange):
        cal.is_working_day(date(1800, 1, 1))


def test_sessions_are_validated():
    with pytest.raises(ValueError):
        WorkCalendar(days_off=set(), sessions=[(datetime(1, 1, 1, 11).time(), datetime(1, 1, 1, 7).time())])


def test_other_office_hours_change_the_day_length():
    from datetime import time

    cal = WorkCalendar(days_off=set(), sessions=[(time(7, 30), time(11, 30)), (time(13, 0), time(17, 0))])
    assert cal.day_seconds == 8 * 3600
    assert cal.add_working_time(at("07:30 05/01/2026"), "0.5") == at("11:30 05/01/2026")


# --- properties -------------------------------------------------------------------------------

instants = st.datetimes(min_value=datetime(2025, 6, 1), max_value=datetime(2027, 6, 30)).map(
    lambda d: d.replace(microsecond=0, tzinfo=TZ)
)
durations = st.decimals(min_value=0, max_value=400, places=2, allow_nan=False, allow_infinity=False)


@settings(max_examples=300, deadline=None)
@given(start=instants, days=durations)
def test_adding_then_measuring_gives_back_the_duration(cal, start, days):
    due = cal.add_working_time(start, days)
    assert cal.working_time_between(start, due) == days.quantize(Decimal("0.0001"))


@settings(max_examples=300, deadline=None)
@given(start=instants, days=durations)
def test_due_times_fall_inside_office_time(cal, start, days):
    due = cal.add_working_time(start, days)
    assert cal.is_working_day(due.date())
    assert any(s <= due.time() <= e for s, e in cal.sessions)
    assert due >= start


@settings(max_examples=300, deadline=None)
@given(start=instants, days=durations, later=st.integers(min_value=0, max_value=10 * 24 * 3600))
def test_monotonic_in_start(cal, start, days, later):
    assert cal.add_working_time(start + timedelta(seconds=later), days) >= cal.add_working_time(start, days)


@settings(max_examples=300, deadline=None)
@given(start=instants, a=durations, b=durations)
def test_monotonic_in_duration(cal, start, a, b):
    small, large = sorted((a, b))
    assert cal.add_working_time(start, small) <= cal.add_working_time(start, large)


positive = st.decimals(min_value=Decimal("0.01"), max_value=400, places=2)


# With a zero second step the due time of the first (say 17:00) would become a start, which counts
# from the next opening: the identity holds for every positive step.
@settings(max_examples=200, deadline=None)
@given(start=instants, a=durations, b=positive)
def test_adding_in_two_steps_equals_adding_once(cal, start, a, b):
    assert cal.add_working_time(cal.add_working_time(start, a), b) == cal.add_working_time(start, a + b)
