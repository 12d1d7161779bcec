"""The stored time limits of dossiers and steps, computed by ``timing`` from the pause records:
after each pause, and again for every open dossier after a calendar change."""

from datetime import datetime

from django.db import transaction
from django.db.models import Prefetch

from investdesk.core.bulk import update_rows
from investdesk.core.services import record_change
from investdesk.worktime.loader import get_calendar

from .. import rules, timing
from ..choices import DossierStatus
from ..models import Dossier, Pause, Step


def refresh_times(dossier: Dossier, *, actor=None, calendar=None, pauses=None, steps=None) -> list[Step]:
    """Every time limit of ``dossier`` from its pause records, through ``timing`` (the one place):
    the due time, the due time before any pause, the paused time, each pause's marks for "due as
    at an instant", and the limit and paused time of each open step. Sets the dossier's fields
    (the caller saves it); writes the pauses and steps that changed, and returns those steps."""
    calendar = calendar or get_calendar()
    if pauses is None:
        pauses = list(dossier.pauses.order_by("started_at", "pk"))
    days = dossier.procedure_version.statutory_days
    for pause, marks in zip(pauses, timing.pause_marks(calendar, dossier.received_at, days, pauses), strict=True):
        fields = {
            "due_before": marks.due_before,
            "left_seconds": marks.left_seconds,
            "due_after": marks.due_after,
            "seconds": marks.seconds,
        }
        if any(getattr(pause, name) != value for name, value in fields.items()):
            Pause.objects.filter(pk=pause.pk).update(**fields)  # derived marks: no history row
            for name, value in fields.items():
                setattr(pause, name, value)
    dossier.paused_seconds = timing.paused_seconds(calendar, pauses, dossier.received_at)
    dossier.original_due_at = timing.due(calendar, dossier.received_at, days)
    dossier.due_at = timing.due(calendar, dossier.received_at, days, pauses)
    if steps is None:
        steps = dossier.steps.filter(finished_at__isnull=True, counts_time=True) if dossier.pk else []
    changed = []
    for step in steps:
        paused = timing.paused_seconds(calendar, pauses, step.started_at)
        step_due = timing.due(calendar, step.started_at, step.working_days, pauses)
        warned = rules.at_risk_from(step.started_at, step_due, calendar)
        if (step.paused_seconds, step.due_at) != (paused, step_due):
            step.paused_seconds, step.due_at, step.at_risk_from = paused, step_due, warned
            record_change(step, actor)
            step.save(update_fields=["paused_seconds", "due_at", "at_risk_from"])
            changed.append(step)
        elif step.at_risk_from != warned:
            # The same due time on a changed calendar can still turn at risk at another instant.
            # Written only while the due time is still the one it was computed from: a pause or a
            # resumption committed meanwhile has stored its own (derived: no history row).
            Step.objects.filter(pk=step.pk, due_at=step.due_at).update(at_risk_from=warned)
            step.at_risk_from = warned
    return changed


def due_time(dossier: Dossier, as_at: datetime | None = None) -> datetime:
    """Received + the version's working days + the working time paused (as at ``as_at``: a pause
    open then counts up to it; without it, the pauses ended so far)."""
    return timing.due(
        get_calendar(), dossier.received_at, dossier.procedure_version.statutory_days, dossier.pauses.all(), as_at
    )


def step_due_time(step: Step, calendar=None, as_at: datetime | None = None) -> datetime:
    """Started + the step's working days + the working time the dossier was paused during it."""
    return timing.due(calendar or get_calendar(), step.started_at, step.working_days, step.dossier.pauses.all(), as_at)


def recompute_due_times(dates=None) -> int:
    """After a calendar change: every time limit of every open dossier and its open steps, computed
    again from the pause records (``refresh_times``). Pauses of finished dossiers that lack their
    marks (recorded before the marks were kept) get them too, so reports of past periods can read
    them."""
    calendar = get_calendar()
    changed = 0
    open_dossiers = Dossier.objects.filter(status__in=[DossierStatus.IN_PROGRESS, DossierStatus.PAUSED])
    unmarked = Dossier.objects.filter(pauses__left_seconds__isnull=True).exclude(pk__in=open_dossiers.values("pk"))
    fields = ("due_at", "original_due_at", "paused_seconds")
    for queryset, open_ones in ((open_dossiers, True), (unmarked.distinct(), False)):
        open_steps = Prefetch("steps", queryset=Step.objects.open().filter(counts_time=True), to_attr="open_steps")
        dossiers = queryset.select_related("procedure_version").prefetch_related("pauses", open_steps).order_by("pk")
        for dossier in dossiers.iterator(chunk_size=500):
            before = {name: getattr(dossier, name) for name in fields}
            steps = dossier.open_steps if open_ones else []
            pauses = sorted(dossier.pauses.all(), key=lambda p: (p.started_at, p.pk))
            changed += len(refresh_times(dossier, calendar=calendar, pauses=pauses, steps=steps))
            after = {name: getattr(dossier, name) for name in fields}
            if not open_ones:
                after.pop("due_at")  # a finished dossier keeps the appointment it ended with
            if any(before[name] != after[name] for name in after):
                Dossier.objects.filter(pk=dossier.pk).update(**after)
                changed += 1
    return changed


WARNING_BATCH = 2000


def at_risk_stale(calendar=None) -> bool:
    """Whether some open step's stored instant is not what the early-warning rule gives now (read
    without locks: a recompute is only started when this finds one)."""
    calendar = calendar or get_calendar()
    rows = Step.objects.open().filter(due_at__isnull=False).values_list("started_at", "due_at", "at_risk_from")
    return any(
        rules.at_risk_from(started, due, calendar) != stored
        for started, due, stored in rows.iterator(chunk_size=WARNING_BATCH)
    )


def keep_at_risk_current() -> int:
    """Recomputes the open steps' instants when the rule changed (``WARNING_*`` are read from the
    environment at start, so the worker checks when it starts and each night): nobody has to
    remember a command. Returns how many steps moved."""
    return recompute_at_risk() if at_risk_stale() else 0


@transaction.atomic
def recompute_at_risk(calendar=None) -> int:
    """The instant each open step turns at risk, computed again by ``rules.at_risk_from``: after the
    early-warning rule (``WARNING_SHARE``, ``WARNING_DAYS``, ``WARNING_ELAPSED``) is changed
    (``keep_at_risk_current`` notices that; the command ``recompute_at_risk`` does it at once). A
    calendar change needs nothing more: ``recompute_due_times`` keeps it with the due times. Only the
    steps whose instant moves are written; returns how many."""
    calendar = calendar or get_calendar()
    pending = Step.objects.open().filter(due_at__isnull=False).order_by("pk")
    changed, last = 0, 0
    # Each batch is locked while it is computed and written, so a pause or resumption moving a due
    # time meanwhile waits and then stores its own instant rather than being overwritten.
    locked = pending.select_for_update(of=("self",)).only("pk", "started_at", "due_at", "at_risk_from")
    while batch := list(locked.filter(pk__gt=last)[:WARNING_BATCH]):
        moved = []
        for step in batch:
            warned = rules.at_risk_from(step.started_at, step.due_at, calendar)
            if warned != step.at_risk_from:
                step.at_risk_from = warned
                moved.append(step)
        update_rows(Step, moved, ["at_risk_from"])  # derived from the due time: no history row
        changed += len(moved)
        last = batch[-1].pk
    return changed
