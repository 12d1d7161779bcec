"""Per-day totals of resolved dossiers and finished steps, kept current as dossiers change.

The dashboard groups a year's resolutions by month, procedure, channel, person and step; over a
million dossiers that is several scans of hundreds of thousands of rows per page view. Resolutions
are facts of a day, so they are summed per local day once (``DailyOutcome``, ``DailyStepOutcome``)
and the dashboard sums the days.

A day is recomputed from the dossiers themselves (``refresh``), never patched by increments, so it
cannot drift: every save of a dossier or step that changes what a day counts recomputes that day
(and the day it counted on before) in the same transaction; an import recomputes each day it touched
once, at its end (``batch``). Bulk writes that bypass ``save()`` (the import's fast path) call
``touch`` themselves; ``investdesk rebuild_daily_stats`` recomputes everything.

A day level hardly compresses (at ten times a province a year is ≈ 280,000 rows, nearly one per
resolution), so the months are summed too, along the dimensions the dashboard shows
(``MonthlyOutcome``, ``MonthlyStepOutcome``). Recounting a month from its days on every resolution
would read a month of days (≈ 23,000 rows at that scale) inside the writing transaction, so the
refresh of a day moves its months by the difference between what the day counted before and after,
read from the day's recomputed rows in the same transaction, under the month's lock: months stay
the exact sum of their days. A month found inconsistent (a difference that would go below zero) is
recounted from its days.
"""

from collections.abc import Iterable
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime, timedelta

from django.db import transaction
from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import TruncDate, TruncMonth
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone

from .choices import DossierStatus, Outcome
from .models import DailyOutcome, DailyStepOutcome, Dossier, MonthlyOutcome, MonthlyStepOutcome, OutcomeSums, Step

DOSSIER_FIELDS = Dossier.DAILY_FIELDS  # (status, finished_at, …): a resolved dossier's day is [1]
STEP_FIELDS = Step.DAILY_FIELDS  # (finished_at, …)


def local_day(instant: datetime | None) -> date | None:
    return timezone.localtime(instant).date() if instant else None


# Keeping the days current ----------------------------------------------------------------------


_batch: ContextVar[set[date] | None] = ContextVar("investdesk_daily_batch", default=None)


def touch(days: Iterable[date | None]) -> None:
    """Recomputes the days now, in the caller's transaction (so the totals commit or roll back with
    the change itself), or at the end of the enclosing ``batch()``."""
    days = {day for day in days if day is not None}
    if not days:
        return
    collected = _batch.get()
    if collected is not None:
        collected.update(days)
    else:
        refresh(days)


@contextmanager
def batch():
    """Many dossiers changed at once (an import): each day is recomputed once, at the end."""
    if _batch.get() is not None:  # already inside one: the outer batch refreshes
        yield
        return
    token = _batch.set(set())
    try:
        yield
        days = _batch.get()
    finally:
        _batch.reset(token)
    refresh(days)


@receiver(post_save, sender=Dossier, dispatch_uid="daily_dossier_saved")
def dossier_saved(sender, instance: Dossier, raw=False, **kwargs):
    if raw:  # a restore (or loaddata) brings the day totals with the rows
        return
    before = getattr(instance, "_daily_before", None)
    after = tuple(getattr(instance, name) for name in DOSSIER_FIELDS)
    if before == after:
        return
    days = []
    if before is not None and before[0] == DossierStatus.RESOLVED:
        days.append(local_day(before[1]))
    if instance.status == DossierStatus.RESOLVED:
        days.append(local_day(instance.finished_at))
    instance._daily_before = after
    touch(days)


@receiver(post_save, sender=Step, dispatch_uid="daily_step_saved")
def step_saved(sender, instance: Step, raw=False, **kwargs):
    if raw:
        return
    before = getattr(instance, "_daily_before", None)
    after = tuple(getattr(instance, name) for name in STEP_FIELDS)
    if before == after:
        return
    instance._daily_before = after
    touch([local_day(before[0]) if before else None, local_day(instance.finished_at)])


# Recomputing -----------------------------------------------------------------------------------


def _bounds(days: set[date]) -> tuple[datetime, datetime]:
    tz = timezone.get_current_timezone()
    first, last = min(days), max(days)
    start = datetime.combine(first, datetime.min.time(), tz)
    end = datetime.combine(last, datetime.min.time(), tz) + timedelta(days=1)
    return start, end


LOCK_NAMESPACE = 20261  # the first key of the advisory locks taken on days
MONTH_LOCK_NAMESPACE = 20262  # … and on months


def _lock(days: set[date], namespace: int = LOCK_NAMESPACE) -> None:
    """On PostgreSQL two transactions recomputing the same day would each delete only the rows they
    can see and both insert: one waits for the other instead (a lock per day, in day order). SQLite
    already runs one writing transaction at a time. A refresh locks the days' months first (in month
    order), then the days: two refreshes that share a month wait for each other at the month, before
    holding any day the other needs."""
    connection = transaction.get_connection()
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for day in sorted(days):
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [namespace, day.toordinal()])


def hold(at: datetime) -> None:
    """Takes the locks that recounting the day of ``at`` will take, first in a transaction that
    will finish something then, before it locks any row.

    The recount runs inside the change's transaction, after the service has locked its dossier and
    step; a transaction holding the month's lock can meanwhile wait on one of those rows (at its
    commit, a deferred foreign-key check): a deadlock, seen under load as a failed step completion.
    Taken first, the month is waited for while holding nothing. A batch (an import) recounts at its
    end and is left alone."""
    if _batch.get() is not None:
        return
    hold_days({local_day(at)})


def hold_days(days: Iterable[date]) -> None:
    """``hold`` for the days a batch will recount (an import's publishing): their months, then the
    days, taken before the batch writes a row, in the order ``refresh`` takes them."""
    days = {day for day in days if day is not None}
    _lock({day.replace(day=1) for day in days}, MONTH_LOCK_NAMESPACE)
    _lock(days)


def resolved_between(start: datetime, end: datetime) -> QuerySet:
    """The dossiers resolved in [start, end) summed per local day, procedure, channel and person.

    Read as the range of finishing times with the status counted in the sums: with the status as a
    condition, SQLite (which keeps no table statistics) reads every resolved dossier ever through the
    status index to find one day's (≈ 150 ms per resolution at a province's 92,000, growing with
    them). Groups with nothing resolved (only withdrawn or stopped dossiers) have ``resolved`` 0 and
    are left out."""
    is_resolved = Q(status=DossierStatus.RESOLVED)
    return (
        Dossier.objects.filter(finished_at__gte=start, finished_at__lt=end)
        .annotate(day=TruncDate("finished_at", tzinfo=timezone.get_current_timezone()))
        .values("day", "procedure_id", "channel", "responsible_id")
        .annotate(
            resolved=Count("pk", filter=is_resolved),
            early=Count("pk", filter=is_resolved & Q(outcome=Outcome.EARLY)),
            on_time=Count("pk", filter=is_resolved & Q(outcome=Outcome.ON_TIME)),
            late=Count("pk", filter=is_resolved & Q(outcome=Outcome.LATE)),
            late_with_apology=Count("pk", filter=is_resolved & Q(outcome=Outcome.LATE, apology_at__isnull=False)),
            processing_days_sum=Sum("processing_days", filter=is_resolved, default=0),
            processing_days_count=Count("processing_days", filter=is_resolved),
        )
        .order_by()
    )


def refresh(days: Iterable[date]) -> None:
    """Recomputes the totals of ``days`` from the dossiers and steps (one grouped query each)."""
    days = set(days)
    if not days:
        return
    start, end = _bounds(days)
    tz = timezone.get_current_timezone()
    with transaction.atomic():
        _lock({day.replace(day=1) for day in days}, MONTH_LOCK_NAMESPACE)
        _lock(days)
        before = month_sums(days)
        DailyOutcome.objects.filter(day__in=days).delete()
        DailyStepOutcome.objects.filter(day__in=days).delete()
        DailyOutcome.objects.bulk_create(
            (
                DailyOutcome(**row)
                for row in resolved_between(start, end).iterator(chunk_size=5000)
                if row.pop("resolved") and row["day"] in days
            ),
            batch_size=2000,
        )
        steps = (
            Step.objects.filter(finished_at__gte=start, finished_at__lt=end, counts_time=True)
            .exclude(outcome="")
            .annotate(day=TruncDate("finished_at", tzinfo=tz))
            .values("day", "name")
            .annotate(total=Count("pk"), late=Count("pk", filter=Q(outcome=Outcome.LATE)))
            .order_by()
        )
        DailyStepOutcome.objects.bulk_create(
            (DailyStepOutcome(**row) for row in steps.iterator(chunk_size=5000) if row["day"] in days),
            batch_size=2000,
        )
        move_months(before, month_sums(days))


def rebuild() -> int:
    """Recomputes every day that has a resolution or a finished step; returns how many days."""
    with transaction.atomic():
        first = min(
            filter(
                None,
                [
                    Dossier.objects.filter(status=DossierStatus.RESOLVED).order_by("finished_at").first(),
                    Step.objects.filter(finished_at__isnull=False).order_by("finished_at").first(),
                ],
            ),
            key=lambda row: row.finished_at,
            default=None,
        )
        days = set()
        if first is not None:
            day = local_day(first.finished_at)
            days = {day + timedelta(days=n) for n in range((timezone.localdate() - day).days + 1)}
            # Every month's lock before deleting its rows, as a recount takes them: a recount under
            # way finishes first instead of waiting on rows deleted here while holding its month.
            _lock({day.replace(day=1) for day in days}, MONTH_LOCK_NAMESPACE)
        DailyOutcome.objects.all().delete()
        DailyStepOutcome.objects.all().delete()
        MonthlyOutcome.objects.all().delete()
        MonthlyStepOutcome.objects.all().delete()
        if not days:
            return 0
        refresh(days)
        return DailyOutcome.objects.values("day").distinct().count()


# Months ----------------------------------------------------------------------------------------

# dimension → the per-day field it sums by
DIMENSIONS = {
    MonthlyOutcome.Dimension.PROCEDURE: "procedure_id",
    MonthlyOutcome.Dimension.CHANNEL: "channel",
    MonthlyOutcome.Dimension.PERSON: "responsible_id",
}
OUTCOME_SUMS = tuple(field.name for field in OutcomeSums._meta.fields)
STEP_SUMS = ("total", "late")

MonthSums = tuple[dict[tuple, tuple], dict[tuple, tuple]]


def _sums(fields) -> dict:
    return {f"sum_{name}": Sum(name) for name in fields}


def _outcome_key(row: dict, dimension: str) -> tuple:
    """(month, dimension, procedure_id, channel, responsible_id): the identity of a month's row."""
    field = DIMENSIONS[dimension]
    return (
        row["month"],
        dimension,
        row[field] if field == "procedure_id" else None,
        row[field] if field == "channel" else "",
        row[field] if field == "responsible_id" else None,
    )


def _grouped_sums(outcomes, steps) -> MonthSums:
    """Per-day totals (two querysets) → their sums per month and dimension key, grouped in SQL."""
    outcomes = outcomes.annotate(month=TruncMonth("day")).order_by()
    summed: dict[tuple, tuple] = {}
    for dimension, field in DIMENSIONS.items():
        for row in outcomes.values("month", field).annotate(**_sums(OUTCOME_SUMS)):
            summed[_outcome_key(row, dimension)] = tuple(row[f"sum_{name}"] for name in OUTCOME_SUMS)
    step_rows = steps.annotate(month=TruncMonth("day")).order_by().values("month", "name").annotate(**_sums(STEP_SUMS))
    steps_summed = {(row["month"], row["name"]): tuple(row[f"sum_{name}"] for name in STEP_SUMS) for row in step_rows}
    return summed, steps_summed


def month_sums(days: set[date]) -> MonthSums:
    """What the per-day totals of ``days`` add to their months, as they stand now."""
    return _grouped_sums(DailyOutcome.objects.filter(day__in=days), DailyStepOutcome.objects.filter(day__in=days))


def _month_bounds(months: set[date]) -> Q:
    """The days of ``months`` (first days of months), as ranges an index on ``day`` reads."""
    bounds = Q(pk__in=[])
    for month in months:
        bounds |= Q(day__gte=month, day__lt=(month + timedelta(days=32)).replace(day=1))
    return bounds


def recount_months(months: set[date] | None = None) -> None:
    """Recomputes ``months`` (every month when None) from their per-day totals."""
    outcomes, steps = DailyOutcome.objects.all(), DailyStepOutcome.objects.all()
    monthly, monthly_steps = MonthlyOutcome.objects.all(), MonthlyStepOutcome.objects.all()
    if months is not None:
        if not months:
            return
        _lock(months, MONTH_LOCK_NAMESPACE)
        outcomes, steps = outcomes.filter(_month_bounds(months)), steps.filter(_month_bounds(months))
        monthly, monthly_steps = monthly.filter(month__in=months), monthly_steps.filter(month__in=months)
    monthly.delete()
    monthly_steps.delete()
    summed, steps_summed = _grouped_sums(outcomes, steps)
    MonthlyOutcome.objects.bulk_create(
        (_outcome_row(key, values) for key, values in summed.items() if any(values)), batch_size=2000
    )
    MonthlyStepOutcome.objects.bulk_create(
        (_step_row(key, values) for key, values in steps_summed.items() if any(values)), batch_size=2000
    )


def _outcome_row(key: tuple, values: tuple) -> MonthlyOutcome:
    month, dimension, procedure_id, channel, responsible_id = key
    return MonthlyOutcome(
        month=month,
        dimension=dimension,
        procedure_id=procedure_id,
        channel=channel,
        responsible_id=responsible_id,
        **dict(zip(OUTCOME_SUMS, values, strict=True)),
    )


def _step_row(key: tuple, values: tuple) -> MonthlyStepOutcome:
    month, name = key
    return MonthlyStepOutcome(month=month, name=name, **dict(zip(STEP_SUMS, values, strict=True)))


def _difference(before: dict, after: dict) -> dict[tuple, tuple]:
    changed = {}
    for key in before.keys() | after.keys():
        old, new = before.get(key), after.get(key)
        if old is None:
            difference = new
        elif new is None:
            difference = tuple(-value for value in old)
        else:
            difference = tuple(b - a for a, b in zip(old, new, strict=True))
        if any(difference):
            changed[key] = difference
    return changed


def move_months(before: MonthSums, after: MonthSums) -> None:
    """Adds to the months what their refreshed days now count more (or less) than before (the
    caller holds the months' locks)."""
    outcomes, steps = _difference(before[0], after[0]), _difference(before[1], after[1])
    months = {key[0] for key in outcomes} | {key[0] for key in steps}
    if not months:
        return
    stored_outcomes = {
        (row.month, row.dimension, row.procedure_id, row.channel, row.responsible_id): row
        for row in MonthlyOutcome.objects.filter(month__in={key[0] for key in outcomes})
    }
    stored_steps = {
        (row.month, row.name): row for row in MonthlyStepOutcome.objects.filter(month__in={key[0] for key in steps})
    }
    applied = [
        _plan(MonthlyOutcome, OUTCOME_SUMS, outcomes, stored_outcomes, _outcome_row),
        _plan(MonthlyStepOutcome, STEP_SUMS, steps, stored_steps, _step_row),
    ]
    if any(plan is None for plan in applied):
        recount_months(months)
        return
    for model, fields, (created, updated, emptied) in applied:
        model.objects.bulk_create(created, batch_size=2000)
        model.objects.bulk_update(updated, fields, batch_size=2000)
        model.objects.filter(pk__in=emptied).delete()


def _plan(model, fields: tuple[str, ...], differences: dict, stored: dict, make):
    """(model, fields, (rows to create, rows to update, keys of rows now empty)), or None when a month
    would go below zero: it was not the sum of its days (then it is recounted)."""
    created, updated, emptied = [], [], []
    for key, difference in differences.items():
        row = stored.get(key)
        values = tuple(
            (getattr(row, name) if row else 0) + change for name, change in zip(fields, difference, strict=True)
        )
        if any(value < 0 for value in values):
            return None
        if row is None:
            created.append(make(key, values))
        elif not any(values):
            emptied.append(row.pk)
        else:
            for name, value in zip(fields, values, strict=True):
                setattr(row, name, value)
            updated.append(row)
    return model, fields, (created, updated, emptied)
