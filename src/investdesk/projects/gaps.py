"""Who has not reported: the projects that owed an investor report of one period and had not sent
it by its due date (missing, or received late). A project owes the report when it was registered
by the period's end and is still monitored (not terminated or revoked)."""

from datetime import date

from django.db.models import OuterRef, Q, Subquery

from .choices import CLOSED_STATUSES
from .models import InvestorReport
from .reporting import period_end, report_due_on

MISSING, LATE = "missing", "late"


def unreported(projects, kind: str, year: int, period: int, gap: str | None, today: date):
    """``projects`` narrowed to those whose report of the period was not received by its due date,
    each with ``report_received_on`` (None: not received). Nothing before the due date has passed."""
    due = report_due_on(kind, year, period)
    if due >= today:
        return projects.none()
    received = InvestorReport.objects.filter(project=OuterRef("pk"), kind=kind, year=year, period=period)
    rows = (
        projects.exclude(status__in=CLOSED_STATUSES)
        .filter(registered_on__lte=period_end(kind, year, period))
        .annotate(report_received_on=Subquery(received.values("received_on")[:1]))
    )
    missing, late = Q(report_received_on__isnull=True), Q(report_received_on__gt=due)
    if gap == MISSING:
        return rows.filter(missing)
    if gap == LATE:
        return rows.filter(late)
    return rows.filter(missing | late)
