"""A project's capital year by year, for its chart: registered (the capital in force at the year's
end) against realised (what the investor reported spending that year, and the running total).

Pure: plain dates and amounts in, rows out. The realised capital of a year is the sum of its
quarterly activity reports; a year with none counts its annual activity report instead (the annual
report repeats the quarters, so the two are never added together).
"""

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

QUARTERLY, ANNUAL = "quarterly_activity", "annual_activity"
MAX_YEARS = 30


def realised_by_year(reports: Iterable[tuple[str, int, Decimal]]) -> dict[int, Decimal]:
    """``reports`` = (kind, year, realised capital); other kinds (M&E reports) carry no figure here."""
    quarterly: dict[int, Decimal] = {}
    annual: dict[int, Decimal] = {}
    for kind, year, amount in reports:
        if kind == QUARTERLY:
            quarterly[year] = quarterly.get(year, Decimal(0)) + amount
        elif kind == ANNUAL:
            annual[year] = annual.get(year, Decimal(0)) + amount
    return {year: quarterly.get(year, annual.get(year, Decimal(0))) for year in quarterly.keys() | annual.keys()}


def capital_by_year(
    *,
    registered_on: date | None,
    total_capital: Decimal,
    decisions: Iterable[tuple[date, Decimal]],
    realised: dict[int, Decimal],
    today: date,
) -> list[dict]:
    """One row per year from the first registration (or report) to this year: ``registered`` the
    capital of the latest decision in force by the year's end (the project's own figure when no
    decision gives one), ``realised`` that year's, ``cumulative`` the running total realised."""
    decisions = sorted((day, amount) for day, amount in decisions if amount is not None)
    starts = [day.year for day, _amount in decisions] + list(realised)
    if registered_on is not None:
        starts.append(registered_on.year)
    if not starts:
        return []
    first = max(min(starts), today.year - MAX_YEARS + 1)
    rows, cumulative = [], Decimal(0)
    for year in range(first, today.year + 1):
        end = date(year, 12, 31)
        in_force = [amount for day, amount in decisions if day <= end]
        if in_force:
            registered = in_force[-1]
        elif registered_on is not None and registered_on <= end:
            registered = total_capital
        else:
            registered = Decimal(0)
        cumulative += realised.get(year, Decimal(0))
        rows.append(
            {
                "year": year,
                "registered": registered,
                "realised": realised.get(year, Decimal(0)),
                "cumulative": cumulative,
            }
        )
    return rows
