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
"""

from collections.abc import Iterable
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime, timedelta

from django.db import transaction
from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncDate
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone

from .choices import DossierStatus, Outcome
from .models import DailyOutcome, DailyStepOutcome, Dossier, Step

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


def _lock(days: set[date]) -> None:
    """On PostgreSQL two transactions recomputing the same day would each delete only the rows they
    can see and both insert: one waits for the other instead (a lock per day, in day order). SQLite
    already runs one writing transaction at a time."""
    connection = transaction.get_connection()
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for day in sorted(days):
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [LOCK_NAMESPACE, day.toordinal()])


def refresh(days: Iterable[date]) -> None:
    """Recomputes the totals of ``days`` from the dossiers and steps (one grouped query each)."""
    days = set(days)
    if not days:
        return
    start, end = _bounds(days)
    tz = timezone.get_current_timezone()
    with transaction.atomic():
        _lock(days)
        DailyOutcome.objects.filter(day__in=days).delete()
        DailyStepOutcome.objects.filter(day__in=days).delete()
        resolved = (
            Dossier.objects.filter(status=DossierStatus.RESOLVED, finished_at__gte=start, finished_at__lt=end)
            .annotate(day=TruncDate("finished_at", tzinfo=tz))
            .values("day", "procedure_id", "channel", "responsible_id")
            .annotate(
                early=Count("pk", filter=Q(outcome=Outcome.EARLY)),
                on_time=Count("pk", filter=Q(outcome=Outcome.ON_TIME)),
                late=Count("pk", filter=Q(outcome=Outcome.LATE)),
                late_with_apology=Count("pk", filter=Q(outcome=Outcome.LATE, apology_at__isnull=False)),
                processing_days_sum=Sum("processing_days", default=0),
                processing_days_count=Count("processing_days"),
            )
            .order_by()
        )
        DailyOutcome.objects.bulk_create(
            (DailyOutcome(**row) for row in resolved.iterator(chunk_size=5000) if row["day"] in days),
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


def rebuild() -> int:
    """Recomputes every day that has a resolution or a finished step; returns how many days."""
    with transaction.atomic():
        DailyOutcome.objects.all().delete()
        DailyStepOutcome.objects.all().delete()
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
        if first is None:
            return 0
        today = timezone.localdate()
        day = local_day(first.finished_at)
        days = {day + timedelta(days=n) for n in range((today - day).days + 1)}
        refresh(days)
        return DailyOutcome.objects.values("day").distinct().count()
