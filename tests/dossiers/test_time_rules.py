"""The time rules module against a plain minute-by-minute reference (property tests), and the
predicate the statistics write in SQL against the rule it stands for."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from investdesk.dossiers import timing
from investdesk.worktime.working_calendar import WorkCalendar

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
# Tết 2026 (14–22/02) and Giỗ Tổ (27/04) off; Saturday 10/01 worked.
DAYS_OFF = {date(2026, 2, 16) + timedelta(days=n) for n in range(5)} | {date(2026, 4, 27)}
WORKING = {date(2026, 1, 10)}
CALENDAR = WorkCalendar(days_off=DAYS_OFF, working_days=WORKING, first_year=2025, last_year=2027)
SESSIONS = ((time(7, 0), time(11, 30)), (time(13, 30), time(17, 0)))
MINUTE = timedelta(minutes=1)


def is_working_minute(instant: datetime) -> bool:
    day = instant.date()
    if not ((day.weekday() < 5 and day not in DAYS_OFF) or day in WORKING):
        return False
    return any(start <= instant.time() < end for start, end in SESSIONS)


def reference_working_minutes(start: datetime, end: datetime) -> int:
    count, moment = 0, start
    while moment < end:
        count += is_working_minute(moment)
        moment += MINUTE
    return count


def reference_due(start: datetime, minutes: int, pauses, as_at=None) -> datetime:
    """Walks the clock a minute at a time: the allowed minutes plus the paused working minutes."""
    for pause_start, pause_end in pauses:
        begin = max(pause_start, start)
        end = pause_end if as_at is None else (as_at if pause_end is None else min(pause_end, as_at))
        if end is not None and end > begin:
            minutes += reference_working_minutes(begin, end)
    moment = start
    while True:
        if is_working_minute(moment):
            minutes -= 1
            if minutes == 0:
                return moment + MINUTE
        moment += MINUTE


FIRST = datetime(2026, 2, 2, 0, 0, tzinfo=TZ)
instants = st.integers(min_value=0, max_value=40 * 24 * 60).map(lambda m: FIRST + m * MINUTE)
half_days = st.integers(min_value=1, max_value=12).map(lambda n: n / 2)


@st.composite
def dossier_lives(draw):
    """A receipt, an allowed time, one to three pauses after it (the last maybe still open)."""
    received = draw(instants)
    days = draw(half_days)
    count = draw(st.integers(min_value=0, max_value=3))
    cursor = received
    pauses = []
    for number in range(count):
        start = cursor + draw(st.integers(min_value=0, max_value=6 * 24 * 60)) * MINUTE
        length = draw(st.integers(min_value=0, max_value=6 * 24 * 60)) * MINUTE
        still_open = number == count - 1 and draw(st.booleans())
        pauses.append((start, None if still_open else start + length))
        cursor = start + length
    return received, days, pauses


class Pause:
    def __init__(self, started_at, ended_at):
        self.started_at, self.ended_at = started_at, ended_at


@settings(max_examples=60, deadline=None)
@given(dossier_lives())
def test_due_matches_the_minute_by_minute_reference(life):
    received, days, pauses = life
    records = [Pause(s, e) for s, e in pauses]
    assert timing.due(CALENDAR, received, days, records) == reference_due(received, int(days * 8 * 60), pauses)


@settings(max_examples=60, deadline=None)
@given(dossier_lives(), instants)
def test_due_as_at_an_instant_matches_the_reference(life, instant):
    received, days, pauses = life
    records = [Pause(s, e) for s, e in pauses]
    expected = reference_due(received, int(days * 8 * 60), pauses, as_at=instant)
    assert timing.due(CALENDAR, received, days, records, as_at=instant) == expected


@settings(max_examples=200, deadline=None)
@given(dossier_lives(), instants, st.sampled_from([timedelta(0), timedelta(seconds=59, microseconds=999999)]))
def test_the_stored_marks_decide_overdue_as_the_rule_does(life, instant, fraction):
    received, days, pauses = life
    instant += fraction
    records = [Pause(s, e) for s, e in pauses]
    marks = timing.pause_marks(CALENDAR, received, days, records)
    original = timing.due(CALENDAR, received, days)
    if instant < received:
        return
    expected = timing.due(CALENDAR, received, days, records, as_at=instant) < instant
    stored = [(s, e, m) for (s, e), m in zip(pauses, marks, strict=True)]
    assert timing.overdue_from_marks(CALENDAR, original, stored, instant) == expected


def at(text: str) -> datetime:
    return datetime.strptime(text, "%H:%M %d/%m/%Y").replace(tzinfo=TZ)


def test_two_and_three_pauses_all_move_a_limit():
    start = at("08:00 02/03/2026")
    two = [Pause(at("08:00 03/03/2026"), at("08:00 05/03/2026")), Pause(at("08:00 06/03/2026"), at("08:00 09/03/2026"))]
    # 3 working days allowed; 16 h + 8 h paused: the limit moves by 3 working days in all.
    assert timing.due(CALENDAR, start, 3, two) == at("08:00 10/03/2026")
    three = [*two, Pause(at("08:00 10/03/2026"), at("12:00 10/03/2026"))]
    # …and 08:00–12:00 more is 3.5 working hours (the office closes at 11:30).
    assert timing.due(CALENDAR, start, 3, three) == at("11:30 10/03/2026")


def test_a_pause_before_a_step_began_counts_only_from_its_start():
    pause = Pause(at("08:00 02/03/2026"), at("08:00 04/03/2026"))
    step_start = at("08:00 03/03/2026")
    assert timing.due(CALENDAR, step_start, 1, [pause]) == at("08:00 05/03/2026")


def test_a_pause_still_open_counts_up_to_the_instant_asked_about():
    received = at("08:00 02/03/2026")
    pause = Pause(at("08:00 03/03/2026"), None)
    assert timing.due(CALENDAR, received, 2, [pause]) == at("08:00 04/03/2026")
    assert timing.due(CALENDAR, received, 2, [pause], as_at=at("23:59 31/03/2026")) == at("17:00 01/04/2026")


def test_outcomes():
    due = at("17:00 10/03/2026")
    assert timing.outcome(at("09:00 09/03/2026"), due) == "early"
    assert timing.outcome(at("16:59 10/03/2026"), due) == "on_time"
    assert timing.outcome(at("17:01 10/03/2026"), due) == "late"
