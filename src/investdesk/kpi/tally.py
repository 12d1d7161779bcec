"""Per-person monthly counts of work items (``ItemTally``), recomputed for the months a write
touched and rebuilt in bulk after imports. Every summary span is whole months, so adding up tallies
gives exactly what counting the items would."""

from datetime import date

from django.db import transaction
from django.db.models import Case, Count, DateField, Q, Value, When
from django.db.models.functions import TruncMonth

from . import periods
from .models import ItemTally, ScoringRule, WorkItem

COUNTS = {
    "assigned": Count("person"),
    "open": Count("person", filter=Q(finished_at__isnull=True)),
    "late": Count("person", filter=Q(finished_at__isnull=False, is_late=True)),
}


def cutoffs() -> dict[int, tuple[int, int]]:
    """Each configured year's cut-off (month, day); a year without a rule has the default."""
    return {
        year: (month, day) for year, month, day in ScoringRule.objects.values_list("year", "cutoff_month", "cutoff_day")
    }


def cutoff_of(year: int, known: dict) -> tuple[int, int]:
    return known.get(year, periods.DEFAULT_CUTOFF)


def month_of(day: date, known: dict | None = None) -> date:
    """The month an item counted on ``day`` is scored in (past the year's cut-off: January next)."""
    known = cutoffs() if known is None else known
    return periods.scoring_day(day, cutoff_of(day.year, known)).replace(day=1)


def window_of(span: periods.Span) -> tuple[date, date]:
    """The days whose items count in ``span`` under the configured cut-offs (``periods.span_window``)."""
    known = cutoffs()
    return periods.span_window(span, cutoff_of(span.year - 1, known), cutoff_of(span.year, known))


def retally(keys) -> None:
    """Recomputes the tallies of ``keys`` = (division_id, person_id, a day the item counts on)."""
    known = cutoffs()
    for division_id, person_id, day in {(d, p, month_of(day, known)) for d, p, day in keys}:
        first, last = periods.month_window(day, cutoff_of(day.year - 1, known), cutoff_of(day.year, known))
        counts = WorkItem.objects.filter(
            division_id=division_id, person_id=person_id, counts_on__gte=first, counts_on__lt=last, withdrawn=False
        ).aggregate(**COUNTS)
        with transaction.atomic():
            if counts["assigned"]:
                ItemTally.objects.update_or_create(
                    division_id=division_id, person_id=person_id, month=day, defaults=counts
                )
            else:
                ItemTally.objects.filter(division_id=division_id, person_id=person_id, month=day).delete()


def of_item(item) -> None:
    retally([(item.division_id, item.person_id, item.counts_on)])


def rebuild() -> int:
    """Every tally again from the items (after a bulk write)."""
    _rebuild(WorkItem.objects.all(), ItemTally.objects.all())
    return ItemTally.objects.count()


def rebuild_turn_of_year(year: int) -> None:
    """The tallies of December of ``year`` and January of the next year again from their items,
    after the year's cut-off moved: the items of 1 December to 31 January are all these two months
    count, whatever the cut-off."""
    first, end = date(year, 12, 1), date(year + 1, 2, 1)
    _rebuild(
        WorkItem.objects.filter(counts_on__gte=first, counts_on__lt=end),
        ItemTally.objects.filter(month__in=(first, date(year + 1, 1, 1))),
    )


def _rebuild(items, tallies) -> None:
    """The tallies ``tallies`` again from ``items``, which must be all the items of their months."""
    known = cutoffs()
    years = items.dates("counts_on", "year")
    past_cutoff = [
        When(counts_on__gte=after, counts_on__lte=date(year.year, 12, 31), then=Value(date(year.year + 1, 1, 1)))
        for year in years
        if (after := periods.first_day_past_cutoff(cutoff_of(year.year, known), year.year)) is not None
    ]
    month = Case(*past_cutoff, default=TruncMonth("counts_on"), output_field=DateField())
    rows = (
        items.filter(withdrawn=False)
        .annotate(month=month)
        .values("division_id", "person_id", "month")
        .annotate(**COUNTS)
        .order_by()
    )
    with transaction.atomic():
        tallies.delete()
        ItemTally.objects.bulk_create([ItemTally(**row) for row in rows.iterator(chunk_size=5000)], batch_size=2000)
