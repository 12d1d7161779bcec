"""Work items from dossier steps: made by the system when a step finishes, with its timeliness.

Fairness rules (DOMAIN.md §6, §4): a step counts for the person who finished it (when the system or
an import closed it, for the person who held it then); paused time never counts against anyone, since
the step's due time already moves by the pause (``dossiers.timing``) and its outcome is judged by it;
a consultation answered by another agency, the investor's supplementation time (a step that does not
count time) and steps closed by a withdrawal or stop (no outcome) are nobody's items.

``record_step`` runs from the signal when a step is saved one by one; ``sync_steps`` catches up with
steps written in bulk (imports), and running it again changes nothing.
"""

from datetime import datetime

from django.db.models import Q
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from investdesk.core.bulk import insert_history, insert_rows
from investdesk.dossiers.choices import Outcome
from investdesk.procedures.choices import ProcessRole

from . import periods, tally
from .choices import Frequency, ItemSource
from .models import Period, ScoringRule, WorkItem

STEP_FIELDS = ("deadline", "finished_at", "outcome", "is_late")


def step_counts_q() -> Q:
    """The finished steps that are someone's work item here."""
    return (
        Q(finished_at__isnull=False, outcome__in=Outcome.values)
        & ~Q(role=ProcessRole.CONSULTED_AGENCY)
        & (Q(finished_by__isnull=False) | Q(assignee__isnull=False))
    )


class PeriodCache:
    """Periods and each year's scoring frequency and cut-off, read once per run."""

    def __init__(self):
        self.frequency: dict[int, str] = dict(ScoringRule.objects.values_list("year", "frequency"))
        self.cutoffs = tally.cutoffs()
        self.periods: dict[tuple, Period] = {}

    def for_day(self, day) -> Period:
        day = periods.scoring_day(day, tally.cutoff_of(day.year, self.cutoffs))
        kind = self.frequency.get(day.year, Frequency.MONTH)
        span = periods.containing(day, kind)
        key = (span.kind, span.year, span.number)
        if key not in self.periods:
            self.periods[key] = ensure_period(span)
        return self.periods[key]


def ensure_period(span: periods.Span) -> Period:
    period, _created = Period.objects.get_or_create(
        kind=span.kind,
        year=span.year,
        number=span.number,
        defaults={"starts_on": span.starts_on, "ends_on": span.ends_on},
    )
    return period


def _values(step_code: str, name: str, due_at, finished_at: datetime, outcome: str) -> dict:
    return {
        "title": f"{step_code}: {name}"[:500],
        "deadline": due_at,
        "finished_at": finished_at,
        "outcome": outcome,
        "is_late": outcome == Outcome.LATE,
        "counts_on": timezone.localdate(finished_at),
    }


def record_step(step) -> WorkItem | None:
    """The item of one finished step, made or brought up to date; None if the step is nobody's item."""
    from investdesk.dossiers.models import Step

    if not Step.objects.filter(pk=step.pk).filter(step_counts_q()).exists():
        return None
    person_id = step.finished_by_id or step.assignee_id
    values = _values(step.dossier.code, step.name, step.due_at, step.finished_at, step.outcome)
    item = WorkItem.objects.filter(step_id=step.pk).first()
    if item is None:
        from django.contrib.auth import get_user_model

        division_id = get_user_model().objects.filter(pk=person_id).values_list("division_id", flat=True).first()
        period = PeriodCache().for_day(values["counts_on"])
        item = WorkItem(
            person_id=person_id,
            division_id=division_id,
            period=period,
            source=ItemSource.DOSSIER_STEP,
            step_id=step.pk,
            **values,
        )
        item._change_reason = "Bước xử lý hồ sơ hoàn thành"
        if step.finished_by_id:
            item._history_user = step.finished_by
        item.save()
        tally.of_item(item)
        return item
    if any(getattr(item, name) != values[name] for name in STEP_FIELDS):
        before = (item.division_id, item.person_id, item.counts_on)
        for name in STEP_FIELDS:
            setattr(item, name, values[name])
        item.version += 1
        item.save(update_fields=[*STEP_FIELDS, "version", "updated_at"])
        tally.retally([before, (item.division_id, item.person_id, item.counts_on)])
    return item


def sync_steps(steps=None, *, chunk: int = 2000) -> dict[str, int]:
    """Brings the items of every finished step (or of ``steps``) up to date in bulk; idempotent."""
    from django.contrib.auth import get_user_model

    from investdesk.dossiers.models import Step

    queryset = (steps if steps is not None else Step.objects.all()).filter(step_counts_q())
    rows = queryset.order_by("pk").values_list(
        "pk", "dossier__code", "name", "due_at", "finished_at", "outcome", "finished_by_id", "assignee_id"
    )
    divisions = dict(get_user_model().objects.values_list("pk", "division_id"))
    cache = PeriodCache()
    created = updated = 0
    touched: set = set()

    def flush(batch):
        nonlocal created, updated
        existing = {item.step_id: item for item in WorkItem.objects.filter(step_id__in=[row[0] for row in batch])}
        new, changed = [], []
        for pk, code, name, due_at, finished_at, outcome, finished_by_id, assignee_id in batch:
            values = _values(code, name, due_at, finished_at, outcome)
            item = existing.get(pk)
            if item is None:
                person_id = finished_by_id or assignee_id
                new.append(
                    WorkItem(
                        person_id=person_id,
                        division_id=divisions.get(person_id),
                        period=cache.for_day(values["counts_on"]),
                        source=ItemSource.DOSSIER_STEP,
                        step_id=pk,
                        **values,
                    )
                )
            elif any(getattr(item, name) != values[name] for name in STEP_FIELDS):
                for name in STEP_FIELDS:
                    setattr(item, name, values[name])
                item.version += 1
                changed.append(item)
        if new:
            # The project's own bulk writer: ``bulk_create_with_history`` built every value through the
            # ORM's compiler, ten times the database's own work for a catch-up of a year's items.
            insert_rows(WorkItem, new)
            keys = dict(
                WorkItem.objects.filter(step_id__in=[item.step_id for item in new]).values_list("step_id", "pk")
            )
            for item in new:
                item.pk = keys[item.step_id]
            insert_history(WorkItem, new, user=None, reason=None)
        if changed:
            bulk_update_with_history(changed, WorkItem, [*STEP_FIELDS, "version"], batch_size=500)
        touched.update((item.division_id, item.person_id, item.counts_on) for item in (*new, *changed))
        created += len(new)
        updated += len(changed)

    # A page of steps at a time, each read by its own statement: a cursor held open over every step
    # while the items are written kept SQLite from ever checkpointing its write-ahead log, which grew
    # by 75 KB per item (7.4 GB for a year of a small desk's 97,000 items).
    last = 0
    while batch := list(rows.filter(pk__gt=last)[:chunk]):
        flush(batch)
        last = batch[-1][0]
    # A large catch-up (an import) is cheaper rebuilt at once than month by month.
    if len(touched) > 5000:
        tally.rebuild()
    else:
        tally.retally(touched)
    return {"created": created, "updated": updated}


def holders(step) -> list[dict]:
    """Who held ``step`` and for how long, from its history: [{"person", "from", "to"}], oldest first.
    Shown beside an item so a reassignment mid-way is visible."""
    records = list(step.history.order_by("history_date", "history_id").select_related("assignee"))
    spans: list[dict] = []
    for record in records:
        if spans and spans[-1]["person_id"] == record.assignee_id:
            continue
        if spans:
            spans[-1]["to"] = record.history_date
        spans.append(
            {"person_id": record.assignee_id, "person": record.assignee, "from": record.history_date, "to": None}
        )
    if spans:
        spans[0]["from"] = step.started_at
        spans[-1]["to"] = step.finished_at
    return spans
