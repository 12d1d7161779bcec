"""Per-person monthly counts of work items (``ItemTally``), recomputed for the months a write
touched and rebuilt in bulk after imports. Every summary span is whole months, so adding up tallies
gives exactly what counting the items would."""

from datetime import date

from django.db import transaction
from django.db.models import Count, Q
from django.db.models.functions import TruncMonth

from .models import ItemTally, WorkItem

COUNTS = {
    "assigned": Count("person"),
    "open": Count("person", filter=Q(finished_at__isnull=True)),
    "late": Count("person", filter=Q(finished_at__isnull=False, is_late=True)),
}


def month_of(day: date) -> date:
    return day.replace(day=1)


def retally(keys) -> None:
    """Recomputes the tallies of ``keys`` = (division_id, person_id, any day of the month)."""
    for division_id, person_id, day in {(d, p, month_of(day)) for d, p, day in keys}:
        first = day
        last = date(day.year + (day.month == 12), day.month % 12 + 1, 1)
        counts = WorkItem.objects.filter(
            division_id=division_id, person_id=person_id, counts_on__gte=first, counts_on__lt=last, withdrawn=False
        ).aggregate(**COUNTS)
        with transaction.atomic():
            if counts["assigned"]:
                ItemTally.objects.update_or_create(
                    division_id=division_id, person_id=person_id, month=first, defaults=counts
                )
            else:
                ItemTally.objects.filter(division_id=division_id, person_id=person_id, month=first).delete()


def of_item(item) -> None:
    retally([(item.division_id, item.person_id, item.counts_on)])


def rebuild() -> int:
    """Every tally again from the items (after a bulk write)."""
    rows = (
        WorkItem.objects.filter(withdrawn=False)
        .annotate(month=TruncMonth("counts_on"))
        .values("division_id", "person_id", "month")
        .annotate(**COUNTS)
        .order_by()
    )
    with transaction.atomic():
        ItemTally.objects.all().delete()
        ItemTally.objects.bulk_create([ItemTally(**row) for row in rows.iterator(chunk_size=5000)], batch_size=2000)
    return ItemTally.objects.count()
