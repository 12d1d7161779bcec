"""The delay engine: hand-computed examples and properties that must hold for any dates."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from investdesk.projects import delay
from investdesk.projects.delay import MilestoneFacts, add_months, milestone_delay, project_delay, whole_months

TODAY = date(2026, 11, 30)


def test_add_months_keeps_inside_the_month():
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2026, 11, 15), 14) == date(2028, 1, 15)


def test_whole_months():
    assert whole_months(date(2026, 1, 15), date(2026, 2, 14)) == 0
    assert whole_months(date(2026, 1, 15), date(2026, 2, 15)) == 1
    assert whole_months(date(2026, 1, 31), date(2026, 2, 28)) == 1
    assert whole_months(date(2026, 3, 1), date(2026, 1, 1)) == 0


def test_on_time_and_done_milestones_do_not_make_the_project_late():
    assert milestone_delay(MilestoneFacts(date(2026, 12, 1)), TODAY).status == delay.ON_TRACK
    done_late = milestone_delay(MilestoneFacts(date(2025, 1, 10), actual_on=date(2025, 7, 20)), TODAY)
    assert (done_late.months, done_late.status, done_late.overdue) == (6, delay.ON_TRACK, False)


def test_a_day_past_due_is_late_with_zero_months():
    result = milestone_delay(MilestoneFacts(date(2026, 11, 29)), TODAY)
    assert (result.months, result.status, result.overdue) == (0, delay.LATE, True)


def test_hand_computed_thresholds():
    # Committed 30/11/2025: exactly 12 months today is not "more than 12": late, 12 months.
    assert milestone_delay(MilestoneFacts(date(2025, 11, 30)), TODAY) == delay.Delay(12, delay.LATE, True)
    # 29/11/2025: 12 months and a day: seriously late.
    assert milestone_delay(MilestoneFacts(date(2025, 11, 29)), TODAY).status == delay.SERIOUSLY_LATE
    # 15/06/2024: 29 months: review for termination.
    assert milestone_delay(MilestoneFacts(date(2024, 6, 15)), TODAY) == delay.Delay(
        29, delay.REVIEW_FOR_TERMINATION, True
    )


def test_exempt_months_are_not_counted():
    # 15/06/2024 + 8 months of late land hand-over = due 15/02/2025: 21 months late, seriously.
    result = milestone_delay(MilestoneFacts(date(2024, 6, 15), exempt_months=8), TODAY)
    assert (result.months, result.status) == (21, delay.SERIOUSLY_LATE)


def test_thresholds_are_configurable():
    result = milestone_delay(MilestoneFacts(date(2026, 5, 1)), TODAY, serious_months=6, review_months=12)
    assert result.status == delay.SERIOUSLY_LATE


def test_project_takes_the_worst_open_milestone():
    milestones = [
        MilestoneFacts(date(2024, 1, 1), actual_on=date(2026, 1, 1)),  # 24 months late, but done
        MilestoneFacts(date(2026, 6, 30)),  # 5 months late
        MilestoneFacts(date(2027, 6, 30)),  # not yet due
    ]
    assert project_delay(milestones, TODAY) == delay.Delay(5, delay.LATE, True)
    assert project_delay([], TODAY).status == delay.ON_TRACK


dates = st.dates(min_value=date(2000, 1, 1), max_value=date(2060, 12, 31))
facts = st.builds(
    MilestoneFacts,
    committed_on=dates,
    actual_on=st.none() | dates,
    exempt_months=st.integers(min_value=0, max_value=60),
)


@given(facts, dates, st.integers(min_value=0, max_value=400))
def test_delay_never_shrinks_as_days_pass(milestone, today, days):
    earlier = milestone_delay(milestone, today)
    later = milestone_delay(milestone, today + timedelta(days=days))
    assert later.months >= earlier.months
    assert delay.SEVERITY.index(later.status) >= delay.SEVERITY.index(earlier.status)


@given(facts, dates, st.integers(min_value=1, max_value=24))
def test_an_exemption_never_adds_delay(milestone, today, extra):
    more_exempt = MilestoneFacts(milestone.committed_on, milestone.actual_on, milestone.exempt_months + extra)
    assert milestone_delay(more_exempt, today).months <= milestone_delay(milestone, today).months


@given(facts, dates)
def test_status_agrees_with_months(milestone, today):
    result = milestone_delay(milestone, today)
    if milestone.actual_on is not None or today <= delay.due_on(milestone):
        assert result.status == delay.ON_TRACK and not result.overdue
        return
    assert result.overdue
    if result.months > 24:
        assert result.status == delay.REVIEW_FOR_TERMINATION
    elif result.months > 12:
        assert result.status in (delay.SERIOUSLY_LATE, delay.REVIEW_FOR_TERMINATION)
    elif result.months < 12:
        assert result.status == delay.LATE


@given(st.lists(facts, max_size=8), dates)
def test_project_is_as_late_as_its_worst_overdue_milestone(milestones, today):
    result = project_delay(milestones, today)
    overdue = [milestone_delay(m, today) for m in milestones if milestone_delay(m, today).overdue]
    if not overdue:
        assert result == delay.Delay(0, delay.ON_TRACK, False)
    else:
        assert result.months == max(d.months for d in overdue)
        assert delay.SEVERITY.index(result.status) == max(delay.SEVERITY.index(d.status) for d in overdue)


@given(dates, st.integers(min_value=0, max_value=600))
def test_whole_months_inverts_add_months(start, months):
    assert whole_months(start, add_months(start, months)) == months
