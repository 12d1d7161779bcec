"""On-time statistics as SQL aggregates, with the report-period semantics of DOMAIN.md §4.

A report for [from, to] (local dates, inclusive) describes the state at the end of ``to`` — or now,
if that is earlier — whenever it is run:
- received = new in the period (online; direct or post) + carried over (received before the
  period and not finished before it starts);
- resolved = approved or rejected with the finish in the period, split early / on time / late;
  withdrawn and stopped likewise by finish time, counted apart;
- in progress = received by the end and not finished by the end, split within time / overdue by
  comparing the due time AS IT STOOD AT THE END with the end (a dossier finished after the period is
  in progress in it; a pause open at the end counts up to the end, later pauses not at all, so a
  closed period gives the same figures whenever it is run — see ``overdue_at``).
On-time rate = (early + on time) / resolved, in percent; None when nothing was resolved.

The report's figures are read from the dossiers; the dashboard's breakdowns (by month, procedure,
channel, person, step) from the totals kept by ``daily``: the whole months of a period from the
monthly totals, the days before its first and after its last whole month from the per-day ones.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum
from django.utils import timezone

from investdesk.procedures.models import Procedure
from investdesk.worktime.loader import get_calendar

from . import timing
from .choices import Channel, DossierStatus, Outcome
from .models import DailyOutcome, DailyStepOutcome, Dossier, MonthlyOutcome, MonthlyStepOutcome, Pause


@dataclass(frozen=True)
class Period:
    start: datetime
    end: datetime

    @classmethod
    def of(cls, first: date, last: date, now: datetime | None = None) -> "Period":
        tz = timezone.get_current_timezone()
        start = datetime.combine(first, time.min, tz)
        end = datetime.combine(last + timedelta(days=1), time.min, tz) - timedelta(microseconds=1)
        now = now or timezone.now()
        return cls(start=start, end=min(end, now))


NEVER = datetime(9000, 1, 1, tzinfo=UTC)  # later than any finishing time


def overdue_at(end: datetime) -> Q:
    """Dossiers whose due time as at ``end`` is before ``end`` (``timing.overdue_from_marks`` in SQL,
    from the marks each pause keeps):

    - paused at ``end`` (a pause began by then and had not ended): overdue when no working time was
      left when that pause began — the clock has stood still since;
    - otherwise: the original due time is before ``end`` and no pause ended by then left a due time
      at or after ``end`` (each pause only moves the due time later, so the last one decides).
    """
    pauses = Pause.objects.filter(dossier=OuterRef("pk"))
    paused = pauses.filter(started_at__lte=end).filter(Q(ended_at__isnull=True) | Q(ended_at__gt=end))
    no_time_left = Q(left_seconds__lte=0) if timing.zero_left_is_overdue(get_calendar(), end) else Q(left_seconds__lt=0)
    moved_past_end = pauses.filter(ended_at__lte=end, due_after__gte=end)
    return Q(Exists(paused.filter(no_time_left))) | (
        ~Q(Exists(paused)) & Q(original_due_at__lt=end) & ~Q(Exists(moved_past_end))
    )


# The raw counts of one report row (``shape`` turns them into the report's figures).
REPORT_COUNTS = (
    "received_online",
    "received_direct_or_post",
    "carried_over",
    "resolved_early",
    "resolved_on_time",
    "resolved_late",
    "late_with_apology",
    "late_with_late_apology",
    "withdrawn",
    "stopped",
    "open_within_time",
    "open_overdue",
)


def shape(row: dict) -> dict:
    """Raw counts → the report's figures (API.md ``/dossiers/stats``)."""
    resolved = row["resolved_early"] + row["resolved_on_time"] + row["resolved_late"]
    received_new = row["received_online"] + row["received_direct_or_post"]
    rate = None
    if resolved:
        rate = float(
            (Decimal(100) * (row["resolved_early"] + row["resolved_on_time"]) / resolved).quantize(
                Decimal("0.01"), rounding=ROUND_HALF_UP
            )
        )
    return {
        "received": {
            "total": received_new + row["carried_over"],
            "online": row["received_online"],
            "direct_or_post": row["received_direct_or_post"],
            "carried_over": row["carried_over"],
        },
        "resolved": {
            "total": resolved,
            "early": row["resolved_early"],
            "on_time": row["resolved_on_time"],
            "late": row["resolved_late"],
            "late_with_apology": row["late_with_apology"],
            "late_with_late_apology": row["late_with_late_apology"],
        },
        "in_progress": {
            "total": row["open_within_time"] + row["open_overdue"],
            "within_time": row["open_within_time"],
            "overdue": row["open_overdue"],
        },
        "withdrawn": row["withdrawn"],
        "stopped": row["stopped"],
        "on_time_rate": rate,
    }


def relevant_parts(queryset: QuerySet, period: Period) -> list[tuple[QuerySet, dict]]:
    """The dossiers that can count in the period — received by its end and not finished before it —
    as three disjoint sets that each follow one index range, with the counts each needs: finished in
    the period, finished after it, not finished. (Written as one OR, the database scans every dossier
    ever received.) A count whose condition the set already settles is left out or derived from the
    others: each one costs the database time for every row of the set."""
    start, end = period.start, period.end
    # What each count counts: the receipt time, never empty in these sets (they are filtered on it),
    # and held by the counting index, so that PostgreSQL counts from the index alone; a count of
    # the key made it read a year of rows from the table (281 ms against 43 at a million dossiers).
    row = "received_at"
    received = queryset.filter(received_at__lte=end)
    new = Q(received_at__gte=start)
    arrivals = {
        "rows": Count(row),
        "new": Count(row, filter=new),
        "new_online": Count(row, filter=new & Q(channel=Channel.ONLINE)),
    }
    resolved = Q(status=DossierStatus.RESOLVED)
    finished_in = {
        **arrivals,
        "resolved_early": Count(row, filter=Q(outcome=Outcome.EARLY) & resolved),
        "resolved_on_time": Count(row, filter=Q(outcome=Outcome.ON_TIME) & resolved),
        "resolved_late": Count(row, filter=Q(outcome=Outcome.LATE) & resolved),
        "late_with_apology": Count(row, filter=Q(apology_at__isnull=False, outcome=Outcome.LATE) & resolved),
        "late_with_late_apology": Count(row, filter=Q(apology_late=True, outcome=Outcome.LATE) & resolved),
        "withdrawn": Count(row, filter=Q(status=DossierStatus.WITHDRAWN)),
        "stopped": Count(row, filter=Q(status=DossierStatus.STOPPED)),
    }
    # Within time by the due time as it stood at the end (pauses up to the end only).
    open_at_end = {**arrivals, "open_within_time": Count(row, filter=~overdue_at(end))}
    return [
        (received.filter(finished_at__gte=start, finished_at__lte=end), finished_in),
        # Bounded on both sides so that SQLite, with no table statistics, reads this range of the
        # finishing times rather than every dossier in procedure order for the grouping (1.5 s at a
        # province's volume for a period ending today, when the range is empty).
        (received.filter(finished_at__gt=end, finished_at__lt=NEVER), open_at_end),
        (received.filter(finished_at__isnull=True), open_at_end),
    ]


def report_row(counts: dict) -> Counter:
    """One part's counts → the raw counts ``shape`` reads."""
    row = Counter({name: value for name, value in counts.items() if name not in ("rows", "new", "new_online")})
    row["received_online"] = counts["new_online"]
    row["received_direct_or_post"] = counts["new"] - counts["new_online"]
    row["carried_over"] = counts["rows"] - counts["new"]
    if "open_within_time" in counts:
        row["open_overdue"] = counts["rows"] - counts["open_within_time"]
    return row


def summary(period: Period, queryset: QuerySet | None = None) -> dict:
    queryset = queryset if queryset is not None else Dossier.objects.all()
    totals: Counter = Counter({name: 0 for name in REPORT_COUNTS})
    for part, counts in relevant_parts(queryset, period):
        totals.update(report_row(part.aggregate(**counts)))
    return shape(totals)


def by_procedure(period: Period, queryset: QuerySet | None = None) -> tuple[list[dict], dict]:
    """One row per procedure with dossiers in the period (Biểu II.06a), in catalogue order, and the
    total row (the same counts added up: one pass over the dossiers for both)."""
    queryset = queryset if queryset is not None else Dossier.objects.all()
    rows: dict[int, Counter] = {}
    total: Counter = Counter({name: 0 for name in REPORT_COUNTS})
    for part, counts in relevant_parts(queryset, period):
        for row in part.values("procedure_id").annotate(**counts).order_by():
            procedure = row.pop("procedure_id")
            counted = report_row(row)
            rows.setdefault(procedure, Counter({name: 0 for name in REPORT_COUNTS})).update(counted)
            total.update(counted)
    procedures = Procedure.objects.filter(pk__in=rows).order_by("sort_order", "pk").values_list("pk", "name")
    return [{"procedure": name, **shape(rows[pk])} for pk, name in procedures], shape(total)


def percent_on_time(on_time: int, resolved: int) -> float | None:
    if not resolved:
        return None
    return float((Decimal(100) * on_time / resolved).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def _days(period: Period) -> tuple[date, date]:
    return timezone.localtime(period.start).date(), timezone.localtime(period.end).date()


def _next_month(day: date) -> date:
    return (day.replace(day=1) + timedelta(days=32)).replace(day=1)


@dataclass(frozen=True)
class Parts:
    """A period's local days as the whole months in it (``month`` from ``first_month`` up to, not
    including, ``after_months``) and the days around them (a list of first/last day ranges)."""

    first_month: date | None
    after_months: date | None
    edges: list[tuple[date, date]]

    @classmethod
    def of(cls, period: Period) -> "Parts":
        first, last = _days(period)
        first_month = first if first.day == 1 else _next_month(first)
        after_months = _next_month(last) if _next_month(last) == last + timedelta(days=1) else last.replace(day=1)
        if first_month >= after_months:
            return cls(None, None, [(first, last)])
        edges = []
        if first < first_month:
            edges.append((first, first_month - timedelta(days=1)))
        if after_months <= last:
            edges.append((after_months, last))
        return cls(first_month, after_months, edges)

    def months(self, model) -> QuerySet | None:
        if self.first_month is None:
            return None
        return model.objects.filter(month__gte=self.first_month, month__lt=self.after_months)

    def days(self, model) -> QuerySet | None:
        """The per-day totals of the edge days (a resolution is never later than now, so the
        current day counts exactly what has been resolved so far)."""
        if not self.edges:
            return None
        bounds = Q(pk__in=[])
        for first, last in self.edges:
            bounds |= Q(day__gte=first, day__lte=last)
        return model.objects.filter(bounds)


RESOLVED_SUMS = {
    "early": Sum("early", default=0),
    "on_time": Sum("on_time", default=0),
    "late": Sum("late", default=0),
}
# Each resolution counts once per dimension of the monthly totals: the channel rows are the month.
WHOLE = {"dimension": MonthlyOutcome.Dimension.CHANNEL}


def resolved_counts(period: Period) -> dict:
    parts = Parts.of(period)
    counts = Counter({"early": 0, "on_time": 0, "late": 0})
    months, days = parts.months(MonthlyOutcome), parts.days(DailyOutcome)
    if months is not None:
        counts.update(months.filter(**WHOLE).aggregate(**RESOLVED_SUMS))
    if days is not None:
        counts.update(days.aggregate(**RESOLVED_SUMS))
    return dict(counts)


def monthly(period: Period) -> list[dict]:
    """Resolved dossiers per month (local time): early, on time, late and the rate."""
    parts = Parts.of(period)
    months: dict[tuple[int, int], dict] = {}

    def add(when: date, row: dict) -> None:
        month = months.setdefault((when.year, when.month), {"early": 0, "on_time": 0, "late": 0})
        for key in ("early", "on_time", "late"):
            month[key] += row[key]

    whole, days = parts.months(MonthlyOutcome), parts.days(DailyOutcome)
    if whole is not None:
        for row in whole.filter(**WHOLE).values("month").annotate(**RESOLVED_SUMS).order_by():
            add(row["month"], row)
    if days is not None:
        for row in days.values("day").annotate(**RESOLVED_SUMS).order_by():
            add(row["day"], row)
    return [
        {
            "month": f"{number:02d}/{year}",
            **counts,
            "rate": percent_on_time(
                counts["early"] + counts["on_time"], counts["early"] + counts["on_time"] + counts["late"]
            ),
        }
        for (year, number), counts in sorted(months.items())
    ]


BREAKDOWNS = {  # name → (the dimension of the monthly totals, the field grouped by, the field shown)
    "procedure": (MonthlyOutcome.Dimension.PROCEDURE, "procedure_id", "procedure__name"),
    "channel": (MonthlyOutcome.Dimension.CHANNEL, "channel", "channel"),
    "person": (MonthlyOutcome.Dimension.PERSON, "responsible_id", "responsible__full_name"),
}
BREAKDOWN_SUMS = {
    **RESOLVED_SUMS,
    "days_sum": Sum("processing_days_sum", default=0),
    "days_count": Sum("processing_days_count", default=0),
}


def breakdowns(period: Period) -> dict[str, list[dict]]:
    """Resolved dossiers grouped by procedure, by channel and by responsible person (``_grouped``):
    the whole months from one reading of the monthly totals (a few hundred rows a month), the edge
    days from one reading of their per-day totals."""
    parts = Parts.of(period)
    fields = [name for _, field, label in BREAKDOWNS.values() for name in (field, label)]
    rows: dict[str, list[dict]] = {dimension: [] for dimension, _, _ in BREAKDOWNS.values()}
    whole, days = parts.months(MonthlyOutcome), parts.days(DailyOutcome)
    if whole is not None:
        for row in whole.values("dimension", *dict.fromkeys(fields)).annotate(**BREAKDOWN_SUMS).order_by():
            rows[row["dimension"]].append(row)
    if days is not None:
        by_day = list(days.values(*dict.fromkeys(fields)).annotate(**BREAKDOWN_SUMS).order_by())
        for listed in rows.values():
            listed.extend(by_day)
    return {name: _grouped(rows[dimension], field, label) for name, (dimension, field, label) in BREAKDOWNS.items()}


def _grouped(rows, field: str, label: str) -> list[dict]:
    """Rows of sums → one row per ``field``: counts, rate and the average processing time in
    working days, worst rate first (then the most resolved, then by name, so the order is the same
    however the rows were read)."""
    sums: dict = {}
    for row in rows:
        empty = {"label": row[label], "early": 0, "on_time": 0, "late": 0, "days": 0, "n": 0}
        group = sums.setdefault(row[field], empty)
        group["early"] += row["early"]
        group["on_time"] += row["on_time"]
        group["late"] += row["late"]
        group["days"] += row["days_sum"]
        group["n"] += row["days_count"]
    result = []
    for row in sums.values():
        resolved = row["early"] + row["on_time"] + row["late"]
        average = row["days"] / row["n"] if row["n"] else None
        result.append(
            {
                "label": row["label"] or "—",
                "resolved": resolved,
                "late": row["late"],
                "rate": percent_on_time(row["early"] + row["on_time"], resolved),
                "average_days": round(float(average), 1) if average is not None else None,
            }
        )
    return sorted(result, key=lambda r: (r["rate"] if r["rate"] is not None else 101, -r["resolved"], r["label"]))


def steps_breakdown(period: Period) -> list[dict]:
    """Finished steps by name: how many ran late (where the time is lost), the 15 with the most."""
    parts = Parts.of(period)
    sums: dict[str, Counter] = {}
    for totals in (parts.months(MonthlyStepOutcome), parts.days(DailyStepOutcome)):
        if totals is None:
            continue
        for row in totals.values("name").annotate(total=Sum("total"), late=Sum("late")).order_by():
            sums.setdefault(row["name"], Counter()).update({"total": row["total"], "late": row["late"]})
    rows = sorted(
        ({"name": name, "total": counts["total"], "late": counts["late"]} for name, counts in sums.items()),
        key=lambda row: (-row["late"], row["name"]),
    )[:15]
    return [{**row, "rate": percent_on_time(row["total"] - row["late"], row["total"])} for row in rows]


def forecast_year_end(year: int, now: datetime | None = None) -> dict:
    """The year-end on-time rate if the pace of the last three months holds.

    Resolved so far + the last quarter's monthly volume for the months left, at the last quarter's
    rate. None when nothing was resolved in the year yet.
    """
    now = now or timezone.now()
    year_period = Period.of(date(year, 1, 1), date(year, 12, 31), now=now)
    so_far = resolved_counts(year_period)
    resolved = so_far["early"] + so_far["on_time"] + so_far["late"]
    on_time = so_far["early"] + so_far["on_time"]
    if not resolved:
        return {"year_to_date": None, "forecast": None, "resolved": 0}
    recent_start = max(year_period.start, now - timedelta(days=91))
    recent = resolved_counts(Period(start=recent_start, end=now))
    recent_total = recent["early"] + recent["on_time"] + recent["late"]
    months_done = max((now - recent_start).days / 30.4, 0.5)
    months_left = max((year_period.start.replace(year=year + 1) - now).days / 30.4, 0) if now.year == year else 0
    expected = recent_total / months_done * months_left
    recent_rate = (recent["early"] + recent["on_time"]) / recent_total if recent_total else on_time / resolved
    forecast = (on_time + recent_rate * expected) / (resolved + expected)
    return {
        "year_to_date": percent_on_time(on_time, resolved),
        "forecast": float(Decimal(100 * forecast).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)),
        "resolved": resolved,
    }
