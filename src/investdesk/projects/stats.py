"""The dashboard's figures: SQL aggregates over indexed columns, never rows loaded into Python."""

from django.db.models import Count, IntegerField, Sum
from django.db.models.functions import ExtractYear

from .choices import LATE_STATUSES, ProjectStatus, Sector, commune_name
from .models import InvestorReport


class RegistrationYear(ExtractYear):
    """The year of a date. On SQLite Django extracts it through a Python function called once per
    row (20,000 calls for the dashboard's yearly sums); the date is stored as ISO text there, so
    SQLite's own ``strftime`` gives the same year without leaving C."""

    output_field = IntegerField()

    def as_sqlite(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.lhs)
        return f"CAST(strftime('%%Y', {sql}) AS INTEGER)", params


def dashboard(projects) -> dict:
    """Figures for ``projects`` (already restricted to what the person may see)."""
    by_status = dict(projects.order_by().values_list("status").annotate(n=Count("pk")))
    sectors = dict(Sector.choices)
    by_sector = [
        {"label": sectors.get(row["sector"], row["sector"]), "n": row["n"], "capital": row["capital"] or 0}
        for row in projects.order_by()
        .values("sector")
        .annotate(n=Count("pk"), capital=Sum("total_capital_vnd"))
        .order_by("-capital")
    ]
    by_commune = [
        {"label": commune_name(row["commune"]), "n": row["n"], "capital": row["capital"] or 0}
        for row in projects.order_by()
        .values("commune")
        .annotate(n=Count("pk"), capital=Sum("total_capital_vnd"))
        .order_by("-capital")[:15]
    ]
    registered = dict(
        projects.filter(registered_on__isnull=False)
        .order_by()
        .annotate(year=RegistrationYear("registered_on"))
        .values_list("year")
        .annotate(capital=Sum("total_capital_vnd"))
    )
    realised = dict(
        InvestorReport.objects.filter(project__in=projects.values("pk"))
        .order_by()
        .values_list("year")
        .annotate(capital=Sum("realised_capital_vnd"))
    )
    years = sorted(set(registered) | set(realised))[-10:]
    totals = projects.aggregate(n=Count("pk"), capital=Sum("total_capital_vnd"))
    return {
        "total": totals["n"],
        "capital": totals["capital"] or 0,
        "late": projects.filter(delay_status__in=LATE_STATUSES).count(),
        "by_status": [
            {"key": value, "label": label, "n": by_status.get(value, 0)} for value, label in ProjectStatus.choices
        ],
        "by_sector": by_sector,
        "by_commune": by_commune,
        "by_year": [
            {"year": year, "registered": registered.get(year) or 0, "realised": realised.get(year) or 0}
            for year in years
        ],
        "most_delayed": list(
            projects.filter(delay_status__in=LATE_STATUSES)
            .select_related("investor")
            .only("code", "name", "delay_months", "investor__name")
            .order_by("-delay_months", "code")[:10]
        ),
    }
