"""The capital chart's figures: registered in force at each year's end against realised."""

from datetime import date
from decimal import Decimal
from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from investdesk.projects.capital import capital_by_year, realised_by_year

B = Decimal(1_000_000_000)


def test_quarters_are_summed_and_an_annual_report_counts_only_without_them():
    reports = [
        ("quarterly_activity", 2025, 10 * B),
        ("quarterly_activity", 2025, 5 * B),
        ("annual_activity", 2025, 15 * B),
        ("annual_activity", 2024, 7 * B),
        ("semiannual_me", 2024, 99 * B),
    ]
    assert realised_by_year(reports) == {2025: 15 * B, 2024: 7 * B}


def test_registered_follows_the_decision_in_force_at_each_year_end():
    rows = capital_by_year(
        registered_on=date(2023, 5, 1),
        total_capital=300 * B,
        decisions=[(date(2023, 5, 1), 200 * B), (date(2025, 12, 31), 300 * B), (date(2024, 3, 1), None)],
        realised={2024: 20 * B, 2026: 30 * B},
        today=date(2026, 11, 30),
    )
    assert [(r["year"], r["registered"], r["realised"], r["cumulative"]) for r in rows] == [
        (2023, 200 * B, 0, 0),
        (2024, 200 * B, 20 * B, 20 * B),
        (2025, 300 * B, 0, 20 * B),
        (2026, 300 * B, 30 * B, 50 * B),
    ]


def test_without_a_decision_the_project_figure_counts_from_its_registration():
    rows = capital_by_year(
        registered_on=date(2025, 6, 1), total_capital=80 * B, decisions=[], realised={}, today=date(2026, 1, 5)
    )
    assert [(r["year"], r["registered"]) for r in rows] == [(2025, 80 * B), (2026, 80 * B)]
    assert capital_by_year(registered_on=None, total_capital=B, decisions=[], realised={}, today=date(2026, 1, 1)) == []


@given(
    st.dictionaries(st.integers(1990, 2026), st.integers(0, 10**15).map(Decimal), max_size=12),
    st.one_of(st.none(), st.dates(date(1990, 1, 1), date(2026, 12, 31))),
)
def test_the_running_total_ends_at_the_sum_of_the_shown_years(realised, registered_on):
    today = date(2026, 12, 31)
    rows = capital_by_year(registered_on=registered_on, total_capital=B, decisions=[], realised=realised, today=today)
    if rows:
        assert rows[-1]["cumulative"] == sum(r["realised"] for r in rows)
        assert rows[-1]["year"] == today.year and len(rows) <= 30
        assert all(later["cumulative"] >= earlier["cumulative"] for earlier, later in pairwise(rows))
