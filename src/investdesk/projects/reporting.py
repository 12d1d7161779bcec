"""When investors' reports are due (DOMAIN §5): pure dates, no database.

Quarterly activity reports before the 10th of the next quarter; annual activity reports before
31/03 of the next year; six-monthly M&E reports before 10/07; annual M&E reports before 10/02 of
the next year. "Before the 10th" is read as "by the 10th": a report received on the 10th is on time.
"""

from datetime import date, timedelta

from .choices import ReportKind

PERIODS = {
    ReportKind.QUARTERLY_ACTIVITY: (1, 2, 3, 4),
    ReportKind.ANNUAL_ACTIVITY: (0,),
    ReportKind.SEMIANNUAL_ME: (1,),
    ReportKind.ANNUAL_ME: (0,),
}


def report_due_on(kind: str, year: int, period: int) -> date:
    if period not in PERIODS[kind]:
        raise ValueError(f"period {period} is not valid for {kind}")
    if kind == ReportKind.QUARTERLY_ACTIVITY:
        return date(year + 1, 1, 10) if period == 4 else date(year, 3 * period + 1, 10)
    if kind == ReportKind.ANNUAL_ACTIVITY:
        return date(year + 1, 3, 31)
    if kind == ReportKind.SEMIANNUAL_ME:
        return date(year, 7, 10)
    return date(year + 1, 2, 10)


def period_end(kind: str, year: int, period: int) -> date:
    """The last day of the period a report covers: a project registered after it owes none."""
    if period not in PERIODS[kind]:
        raise ValueError(f"period {period} is not valid for {kind}")
    if kind == ReportKind.QUARTERLY_ACTIVITY:
        return date(year + 1, 1, 1) - timedelta(days=1) if period == 4 else date(year, 3 * period + 1, 1) - timedelta(1)
    if kind == ReportKind.SEMIANNUAL_ME:
        return date(year, 6, 30)
    return date(year, 12, 31)


def latest_due_period(kind: str, today: date) -> tuple[int, int]:
    """(year, period) of the latest report of ``kind`` whose due date has passed by ``today``."""
    candidates = [
        (report_due_on(kind, year, period), year, period)
        for year in (today.year - 2, today.year - 1, today.year)
        for period in PERIODS[kind]
    ]
    _due, year, period = max(c for c in candidates if c[0] < today)
    return year, period
