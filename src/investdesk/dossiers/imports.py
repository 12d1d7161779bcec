"""Importing historical dossiers from another one-stop system: all or nothing, every row's error listed.

The system computes each dossier's due time (the procedure version in force on its receipt day, the
working calendar, the paused time) and its outcome; the source only says when it was received and
finished and how it ended. A dossier still open in the source is started at the first step of its
process here. A code already present is updated in place.

All or nothing without holding the database for the whole import: each batch of rows is checked,
computed (due time, outcome, an open dossier's first steps and who takes them) and written to the
staging tables (``StagedDossier``, ``StagedStep``, ``StagedPause``) in its own short transaction;
nothing there is visible to the rest of the system. With any error the staged rows are deleted and
nothing was published. Otherwise one short transaction publishes the run: a few INSERT … SELECT and
UPDATE … FROM statements, the history rows written the same way, and the per-day totals of the days
it touched recomputed. A worker killed before the publish leaves only staged rows, deleted when the
same run starts again or once they are older than ``STALE_RUN``.
"""

import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from typing import NamedTuple

from django.contrib.auth import get_user_model
from django.db import IntegrityError, connections, router, transaction
from django.db.models import AutoField, BigAutoField, Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from investdesk.core.bulk import insert_values
from investdesk.core.exceptions import PermissionDeniedError
from investdesk.core.years import date_range_message
from investdesk.procedures.choices import ProcessRole
from investdesk.procedures.models import Procedure
from investdesk.worktime.loader import get_calendar
from investdesk.worktime.working_calendar import OutOfCalendarRange

from . import access, daily, engine, rules, timing
from .assignees import FOLLOWED_UP_BY_OFFICER, holds_process_role, role_group
from .choices import Channel, DossierStatus, PauseKind
from .models import DefaultAssignee, Dossier, Pause, StagedDossier, StagedPause, StagedStep, Step
from .rules import outcome

RESULTS = {"approved", "rejected", "withdrawn", "stopped"}
MAX_ROWS = 100_000
SYNC_ROWS = 2000  # the API answers larger imports at once with a background job (202)
BATCH = 2000  # rows checked and computed together
STAGE_ROWS = 500  # staged rows written per transaction
STALE_RUN = timedelta(hours=3)  # no import runs this long: older staged rows belong to a dead worker
PAUSE_REASON = gettext_lazy("Nhập từ hệ thống cũ")
HISTORY_REASON = gettext_lazy("Nhập dữ liệu hồ sơ cũ")


class CellProblem(str):
    """In place of a value: why the source's cell could not be read (a spreadsheet's, say)."""


@dataclass
class Checked:
    index: int
    code: str
    procedure: Procedure
    version: object
    received_at: datetime
    channel: str
    finished_at: datetime | None
    result: str | None
    pauses: list[tuple[datetime, datetime]] = field(default_factory=list)
    applicant_name: str = ""


def _instant(value, now):
    if not isinstance(value, str) or not value.strip():
        raise ValueError
    parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    if parsed.tzinfo is None:
        parsed = timezone.make_aware(parsed)
    if parsed > now:
        raise OverflowError
    return parsed


class RowChecker:
    """Checks rows batch by batch, remembering across batches only what a later row needs: the codes
    seen (duplicates) and the procedure version in force per procedure and day (one query per pair)."""

    def __init__(self):
        self.now = timezone.now()
        self.procedures = {p.code: p for p in Procedure.objects.all()}
        self.versions: dict = {}
        self.seen: set[str] = set()

    def check(self, batch: list[tuple[int, object]]) -> tuple[list[Checked], list[dict]]:
        """``batch`` = (index, row) pairs; the rows that pass, and every error with its index and field."""
        errors: list[dict] = []
        checked: list[Checked] = []
        for index, row in batch:
            if not isinstance(row, dict):
                errors.append({"index": index, "field": None, "message": _("Mỗi hồ sơ phải là một đối tượng JSON.")})
                continue
            row_errors: list[tuple[str, str]] = []
            item = self._check_row(index, row, row_errors)
            errors.extend({"index": index, "field": name, "message": str(message)} for name, message in row_errors)
            if item is not None and not row_errors:
                checked.append(item)
        # A dossier handled here (it has steps) is the system's own record: the source must not overwrite it.
        live = set(
            Dossier.objects.filter(code__in=[c.code for c in checked], steps__isnull=False).values_list(
                "code", flat=True
            )
        )
        for item in [c for c in checked if c.code in live]:
            message = _("Hồ sơ %(c)s đang được xử lý trong hệ thống; không ghi đè bằng dữ liệu nhập.") % {
                "c": item.code
            }
            errors.append({"index": item.index, "field": "code", "message": str(message)})
            checked.remove(item)
        errors.sort(key=lambda e: e["index"])
        return checked, errors

    def _check_row(self, index: int, row: dict, row_errors: list) -> Checked | None:
        # A cell the sheet reader could not read is reported as it is, and once.
        unreadable = {name for name, value in row.items() if isinstance(value, CellProblem)}
        row_errors.extend((name, str(row[name])) for name in unreadable)

        def fail(name, message):
            if name.split("[")[0] not in unreadable:
                row_errors.append((name, message))

        now = self.now
        code = row.get("code")
        if not isinstance(code, str) or not code.strip():
            fail("code", _("Thiếu số hồ sơ."))
        elif code.strip() in self.seen:
            fail("code", _("Số hồ sơ bị trùng trong tệp."))
        else:
            self.seen.add(code.strip())
        procedure = self.procedures.get(row.get("procedure"))
        if procedure is None:
            fail("procedure", _('Không có thủ tục mã "%(c)s".') % {"c": row.get("procedure")})
        if row.get("channel") not in Channel.values:
            fail("channel", _("Hình thức nộp phải là online, direct hoặc post."))
        applicant = row.get("applicant_name")
        if applicant is not None and (not isinstance(applicant, str) or len(applicant) > 255):
            fail("applicant_name", _("Tên tổ chức, cá nhân phải là chuỗi tối đa 255 ký tự."))
        received = finished = None
        try:
            received = _instant(row.get("received_at"), now)
        except OverflowError:
            fail("received_at", _("Thời điểm tiếp nhận ở tương lai."))
        except (ValueError, TypeError):
            fail("received_at", _("Thời điểm tiếp nhận không hợp lệ (ISO 8601)."))
        if row.get("finished_at") is not None:
            try:
                finished = _instant(row.get("finished_at"), now)
            except OverflowError:
                fail("finished_at", _("Thời điểm kết thúc ở tương lai."))
            except (ValueError, TypeError):
                fail("finished_at", _("Thời điểm kết thúc không hợp lệ (ISO 8601)."))
        result = row.get("result")
        if result is not None and result not in RESULTS:
            fail("result", _("Kết quả phải là approved, rejected, withdrawn, stopped hoặc null."))
        if (result is None) != (row.get("finished_at") is None):
            fail("result", _("Hồ sơ đã kết thúc phải có kết quả, và ngược lại."))
        if received and finished and finished < received:
            fail("finished_at", _("Thời điểm kết thúc trước thời điểm tiếp nhận."))
        version = None
        if procedure is not None and received is not None:
            day = timezone.localtime(received).date()
            if (procedure.pk, day) not in self.versions:
                self.versions[procedure.pk, day] = procedure.version_at(day)
            version = self.versions[procedure.pk, day]
            if version is None:
                fail("received_at", _("Thủ tục chưa có quy trình có hiệu lực vào ngày tiếp nhận."))
        pauses = []
        raw_pauses = row.get("pauses") or []
        if not isinstance(raw_pauses, list):
            fail("pauses", _("Tạm dừng phải là một danh sách."))
            raw_pauses = []
        for number, pause in enumerate(raw_pauses):
            try:
                start, end = _instant(pause.get("start"), now), _instant(pause.get("end"), now)
            except (ValueError, TypeError, OverflowError, AttributeError):
                fail(f"pauses[{number}]", _("Tạm dừng cần start và end hợp lệ, không ở tương lai."))
                continue
            if end < start or (received and start < received) or (finished and end > finished):
                fail(f"pauses[{number}]", _("Tạm dừng phải nằm trong thời gian giải quyết hồ sơ."))
                continue
            pauses.append((start, end))
        if row_errors:
            return None
        return Checked(
            index, code.strip(), procedure, version, received, row["channel"], finished, result, pauses, applicant or ""
        )


Batches = Callable[[], Iterable[list[tuple[int, object]]]]


def batches_of(rows: list) -> Batches:
    """A list of rows as the (index, row) batches ``import_batches`` reads (as often as it needs)."""
    return lambda: (
        [(index, rows[index]) for index in range(start, min(start + BATCH, len(rows)))]
        for start in range(0, len(rows), BATCH)
    )


def import_dossiers(actor, rows: list, *, dry_run: bool = False, progress=None, run: str | None = None) -> dict:
    """The API's import: a JSON list of rows, all or nothing. Returns created, updated and errors."""
    if not isinstance(rows, list):
        return _refused(_("Dữ liệu phải là một danh sách hồ sơ."))
    return import_batches(actor, batches_of(rows), total=len(rows), dry_run=dry_run, progress=progress, run=run)


def import_batches(
    actor, batches: Batches, *, total: int, dry_run: bool = False, progress=None, run: str | None = None
) -> dict:
    """Checks every row, batch by batch; while no error is found each batch is also computed and
    staged in its own transaction. Any error: the staged rows are deleted and only the errors are
    returned. Else the run is published at once. ``run`` names the import (a new one by default):
    rows a dead worker staged under the same name are deleted first. ``progress(done, total,
    message)`` is called after each batch, outside any transaction."""
    if not access.can_import(actor):
        raise PermissionDeniedError()
    if total > MAX_ROWS:
        return _refused(_("Tối đa %(n)s hồ sơ mỗi lần.") % {"n": MAX_ROWS})
    report = progress or (lambda *args, **kwargs: None)
    run = run or uuid.uuid4().hex
    stager = None
    if not dry_run:  # a dry run writes nothing, not even a clean-up
        discard_abandoned()
        discard(run)
        stager = _Stager(actor, run)
    checker = RowChecker()
    errors: list[dict] = []
    created = updated = done = 0
    report(0, total, _("Đang kiểm tra dữ liệu…"))
    try:
        for batch in batches():
            checked, batch_errors = checker.check(batch)
            errors.extend(batch_errors)
            existing = _existing([c.code for c in checked])
            created += sum(1 for c in checked if c.code not in existing)
            updated += sum(1 for c in checked if c.code in existing)
            if stager is not None and not errors:
                stager.stage(checked, existing)
            done += len(batch)
            report(done, total)
        if errors:
            return {"created": 0, "updated": 0, "errors": errors}
        if stager is None:
            return _counts(created, updated)
        report(done, total, _("Đang ghi dữ liệu…"))
        return publish(actor, run, stager.days)
    except OutOfCalendarRange:
        return _refused(date_range_message())
    finally:
        if stager is not None:  # published, refused or failed: the staged rows go
            discard(run, quietly=True)


def _counts(created: int, updated: int) -> dict:
    return {"created": created, "updated": updated, "errors": []}


def _refused(message) -> dict:
    return {"created": 0, "updated": 0, "errors": [{"index": None, "field": None, "message": str(message)}]}


def _existing(codes: list[str]) -> dict[str, Dossier]:
    return {d.code: d for d in Dossier.objects.filter(code__in=codes).select_related("procedure")} if codes else {}


def _fill(dossier: Dossier, item: Checked, calendar) -> list[dict]:
    """Sets the computed fields of ``dossier`` from ``item``; returns its pauses' fields."""
    paused = sum(max(0, calendar.working_seconds_between(start, end)) for start, end in item.pauses)
    due = rules.due_time(calendar, item.received_at, item.version.statutory_days, paused)
    dossier.procedure = item.procedure
    dossier.procedure_version = item.version
    dossier.applicant_name = item.applicant_name or dossier.applicant_name or _("(nhập từ hệ thống một cửa)")
    dossier.channel = item.channel
    dossier.received_at = item.received_at
    dossier.due_at = due
    dossier.original_due_at = timing.due(calendar, item.received_at, item.version.statutory_days)
    dossier.paused_seconds = paused
    dossier.finished_at = item.finished_at
    dossier.result = dossier.outcome = ""
    dossier.processing_days = None
    if item.result in ("approved", "rejected"):
        dossier.status = DossierStatus.RESOLVED
        dossier.result = item.result
        dossier.outcome = outcome(item.finished_at, due)
        dossier.processing_days = rules.processing_days(calendar, item.received_at, item.finished_at, paused)
    elif item.result in ("withdrawn", "stopped"):
        dossier.status = DossierStatus.WITHDRAWN if item.result == "withdrawn" else DossierStatus.STOPPED
    else:
        dossier.status = DossierStatus.IN_PROGRESS
    dossier.refresh_search_key()
    return timing.pause_rows(calendar, item.received_at, item.version.statutory_days, item.pauses)


# A pause's times and the marks the "due as at an instant" rule reads (``timing.pause_rows``).
PAUSE_MARKS = ("started_at", "ended_at", "due_before", "left_seconds", "due_after", "seconds")

# Staging --------------------------------------------------------------------------------------

# The dossier's columns an import sets (a new dossier takes the other ones' defaults); an update
# keeps the dossier's workflow and responsible person.
STAGED = [
    f.attname
    for f in StagedDossier._meta.concrete_fields
    if f.attname in {g.attname for g in Dossier._meta.concrete_fields} and f.attname != "id"
]
UPDATED = [name for name in STAGED if name not in {"code", "workflow_state", "responsible_id"}]


class _Stager:
    """Computes checked rows into staged rows and writes each batch in its own transaction."""

    def __init__(self, actor, run: str):
        self.actor, self.run = actor, run
        self.calendar = get_calendar()
        self.now = timezone.now()  # an open dossier's first steps start when it is imported
        self.assignees = _Assignees(actor, self.now)
        self.loops: dict[int, set[str]] = {}
        self.days: set = set()  # the days whose per-day totals the run changes

    def stage(self, checked: list[Checked], existing: dict[str, Dossier]) -> None:
        dossiers, steps, pauses = [], [], []
        for item in checked:
            current = existing.get(item.code)
            dossier = current or Dossier(code=item.code)
            pause_rows = _fill(dossier, item, self.calendar)
            staged = {name: getattr(dossier, name) for name in STAGED}
            staged.update(run=self.run, row_index=item.index, existing_id=current.pk if current else None)
            if dossier.status == DossierStatus.RESOLVED:
                self.days.add(daily.local_day(dossier.finished_at))
            if current is None and dossier.status == DossierStatus.IN_PROGRESS:
                steps.extend(self._first_steps(staged, item))
            dossiers.append(staged)
            pauses.extend({"run": self.run, "code": item.code, **row} for row in pause_rows)
        for model, rows in ((StagedDossier, dossiers), (StagedStep, steps), (StagedPause, pauses)):
            for start in range(0, len(rows), STAGE_ROWS):
                with transaction.atomic():  # each holds the write lock a moment
                    insert_values(model, rows[start : start + STAGE_ROWS])

    def _first_steps(self, staged: dict, item: Checked) -> list[dict]:
        """Still open in the source: it starts at the first step(s) of its process here, as a
        receipt would (``services.open_ready_steps``), the steps starting now."""
        version = item.version
        if version.pk not in self.loops:
            self.loops[version.pk] = set(version.steps.filter(in_loop=True).values_list("element_id", flat=True))
        workflow = engine.start(version)
        steps = []
        responsible = None
        for task in engine.ready_tasks(workflow):
            props = engine.properties(version, task)
            role = props.get("role", ProcessRole.OFFICER)
            days = props.get("working_days", "0")
            counts = task.task_spec.bpmn_id not in self.loops[version.pk]
            person = self.assignees.pick(role, item.procedure.pk, responsible)
            due = self.calendar.add_working_time(self.now, days) if counts else None
            steps.append(
                {
                    "run": self.run,
                    "code": item.code,
                    "task_id": str(task.id),
                    "element_id": task.task_spec.bpmn_id,
                    "name": (task.task_spec.bpmn_name or task.task_spec.bpmn_id)[:500],
                    "role": role,
                    "assignee_id": person.pk if person else None,
                    "working_days": Decimal(days),
                    "counts_time": counts,
                    "silence_means_consent": props.get("silence_means_consent", "").lower() == "true",
                    "started_at": self.now,
                    "due_at": due,
                    "at_risk_from": rules.at_risk_from(self.now, due, self.calendar),
                }
            )
            if role == ProcessRole.OFFICER and responsible is None and person is not None:
                responsible = person
        staged["workflow_state"] = engine.save(workflow)
        staged["responsible_id"] = responsible.pk if responsible else None
        return steps


class _Assignees:
    """``services.pick_assignee`` for many new dossiers at once: the same choice (the person set by
    default, the receiving desk itself, else the active holder of the role with the fewest open
    steps, the one given a step least recently on a tie), with each role's loads read once and then
    counted here as steps are given, instead of two queries per step."""

    def __init__(self, actor, now: datetime):
        self.actor, self.now = actor, now
        self.desk = access.is_active(actor) and holds_process_role(actor, ProcessRole.RECEPTION)
        self.defaults: dict[tuple, DefaultAssignee | None] = {}
        self.groups: dict[str, list] = {}
        self.load: dict[int, list] = {}  # person's pk → [open steps, last given]
        self.given: dict[int, int] = {}  # steps this import gave each person

    def pick(self, role: str, procedure_id: int, responsible):
        default = self._default(procedure_id, role)
        if default is not None and (default.procedure_id or responsible is None or role != ProcessRole.OFFICER):
            person = default.person
        elif role == ProcessRole.OFFICER and responsible is not None:
            person = responsible
        elif role in FOLLOWED_UP_BY_OFFICER:
            person = responsible or self._least_loaded(role_group(ProcessRole.OFFICER))
        elif role == ProcessRole.RECEPTION and self.desk:
            person = self.actor
        else:
            person = self._least_loaded(role_group(role))
        if person is not None:
            self.given[person.pk] = self.given.get(person.pk, 0) + 1
            if person.pk in self.load:
                self.load[person.pk][0] += 1
                self.load[person.pk][1] = self.now
        return person

    def _default(self, procedure_id: int, role: str):
        key = (procedure_id, role)
        if key not in self.defaults:
            found = DefaultAssignee.objects.filter(
                Q(procedure_id=procedure_id) | Q(procedure__isnull=True), role=role, person__is_active=True
            ).select_related("person")
            # The procedure's own choice before the general one.
            self.defaults[key] = min(found, key=lambda d: d.procedure_id is None, default=None)
        return self.defaults[key]

    def _least_loaded(self, group: str):
        if group not in self.groups:
            open_steps = (
                Step.objects.filter(assignee=OuterRef("pk"), finished_at__isnull=True)
                .order_by()
                .values("assignee")
                .annotate(total=Count("pk"))
                .values("total")
            )
            last = Step.objects.filter(assignee=OuterRef("pk")).order_by("-started_at").values("started_at")[:1]
            people = get_user_model().objects.filter(is_active=True, groups__name=group)
            people = list(people.annotate(open_steps=Coalesce(Subquery(open_steps), 0), last_given=Subquery(last)))
            for person in people:
                if person.pk not in self.load:
                    given = self.given.get(person.pk, 0)
                    self.load[person.pk] = [person.open_steps + given, self.now if given else person.last_given]
            self.groups[group] = people
        people = self.groups[group]
        if not people:
            return None

        def order(person):
            count, last = self.load[person.pk]
            return (count, last is not None, last or self.now, person.pk)

        return min(people, key=order)


# Publishing -----------------------------------------------------------------------------------


class _Value(NamedTuple):
    value: object


def _insert_select(cursor, model, sources: dict, tail: str, params: list) -> int:
    """INSERT INTO ``model``'s table SELECT … ``tail``: each column from ``sources`` (SQL over the
    tail's tables, or a ``_Value``), else its default; created/updated stamps are now."""
    connection = cursor.db
    quote = connection.ops.quote_name
    now = timezone.now()
    columns, expressions, values = [], [], []
    for column in model._meta.concrete_fields:
        if isinstance(column, AutoField | BigAutoField):
            continue
        source = sources.get(column.attname)
        if isinstance(source, str):
            expressions.append(source)
        else:
            if source is not None:
                value = source.value
            elif getattr(column, "auto_now", False) or getattr(column, "auto_now_add", False):
                value = now
            else:
                value = column.get_default()
            expressions.append("%s")
            values.append(column.get_db_prep_save(value, connection))
        columns.append(quote(column.column))
    table = quote(model._meta.db_table)
    sql = f"INSERT INTO {table} ({', '.join(columns)}) SELECT {', '.join(expressions)} {tail}"
    cursor.execute(sql, values + params)
    return cursor.rowcount


def _copied(model, alias: str, names: Iterable[str] | None = None) -> dict[str, str]:
    """``{attname: 'alias."column"'}`` for ``model``'s columns (or the ``names`` among them)."""
    quote = connections[router.db_for_write(model)].ops.quote_name
    fields = model._meta.concrete_fields
    return {f.attname: f"{alias}.{quote(f.column)}" for f in fields if names is None or f.attname in names}


def _history_sources(model, alias: str, *, user, reason, kind: str) -> dict:
    """The history row of each ``alias`` row of ``model``, as django-simple-history records it."""
    own = _copied(model, alias)
    tracked = {f.attname for f in model.history.model._meta.concrete_fields if f.attname in own}
    return {
        **{name: own[name] for name in tracked},
        "history_date": _Value(timezone.now()),
        "history_type": kind,
        "history_user_id": _Value(getattr(user, "pk", None)),
        "history_change_reason": _Value(reason),
    }


def publish(actor, run: str, days: set) -> dict:
    """Moves a staged run into the dossiers in one transaction, with history and per-day totals."""
    connection = connections[router.db_for_write(Dossier)]
    quote = connection.ops.quote_name
    dossiers, staged = quote(Dossier._meta.db_table), quote(StagedDossier._meta.db_table)
    staged_steps, staged_pauses = quote(StagedStep._meta.db_table), quote(StagedPause._meta.db_table)
    steps = quote(Step._meta.db_table)
    runs = StagedDossier.objects.filter(run=run)
    try:
        with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
            cursor.execute(
                f"SELECT s.row_index, s.code FROM {staged} s LEFT JOIN {dossiers} d ON d.code = s.code "  # noqa: S608
                "WHERE s.run = %s AND ((s.existing_id IS NULL AND d.id IS NOT NULL) OR (s.existing_id IS NOT NULL "
                f"AND (d.id IS NULL OR d.id <> s.existing_id OR EXISTS (SELECT 1 FROM {steps} x "
                "WHERE x.dossier_id = d.id)))) ORDER BY s.row_index",
                [run],
            )
            changed = cursor.fetchall()
            if changed:
                return {"created": 0, "updated": 0, "errors": [_changed_meanwhile(i, c) for i, c in changed]}
            updated_ids = runs.filter(existing_id__isnull=False).values("existing_id")
            resolved_before = Dossier.objects.filter(pk__in=updated_ids, status=DossierStatus.RESOLVED)
            days = days | {daily.local_day(at) for at in resolved_before.values_list("finished_at", flat=True)}
            # The recount at the end locks these months and days: waiting for them now, holding no
            # row yet, is what keeps a step completion in one of them from deadlocking with this.
            daily.hold_days(days)
            Pause.objects.filter(dossier_id__in=updated_ids).delete()
            source = _copied(StagedDossier, "s", UPDATED)
            assignments = [f"{quote(Dossier._meta.get_field(n).column)} = {source[n]}" for n in UPDATED]
            cursor.execute(
                f"UPDATE {dossiers} SET {', '.join(assignments)}, updated_at = %s, "  # noqa: S608
                f"version = {dossiers}.version + 1 FROM {staged} s WHERE s.run = %s AND s.existing_id = {dossiers}.id",
                [connection.ops.adapt_datetimefield_value(timezone.now()), run],
            )
            updated = cursor.rowcount
            created = _insert_select(
                cursor,
                Dossier,
                _copied(StagedDossier, "s", STAGED),
                f"FROM {staged} s WHERE s.run = %s AND s.existing_id IS NULL ORDER BY s.row_index",
                [run],
            )
            _insert_select(
                cursor,
                Dossier.history.model,
                {
                    **_history_sources(Dossier, "d", user=actor, reason=str(HISTORY_REASON), kind="'+'"),
                    "history_type": "CASE WHEN s.existing_id IS NULL THEN '+' ELSE '~' END",
                },
                f"FROM {dossiers} d JOIN {staged} s ON s.code = d.code WHERE s.run = %s ORDER BY s.row_index",
                [run],
            )
            _insert_select(
                cursor,
                Pause,
                {
                    "dossier_id": "d.id",
                    "kind": _Value(PauseKind.SUPPLEMENT),
                    **_copied(StagedPause, "p", PAUSE_MARKS),
                    "reason": _Value(str(PAUSE_REASON)),
                },
                f"FROM {staged_pauses} p JOIN {dossiers} d ON d.code = p.code WHERE p.run = %s",
                [run],
            )
            step_columns = {f.attname for f in StagedStep._meta.concrete_fields} - {"id", "run", "code", "staged_at"}
            _insert_select(
                cursor,
                Step,
                {**_copied(StagedStep, "t", step_columns), "dossier_id": "d.id"},
                f"FROM {staged_steps} t JOIN {dossiers} d ON d.code = t.code WHERE t.run = %s ORDER BY t.id",
                [run],
            )
            _insert_select(
                cursor,
                Step.history.model,
                {**_history_sources(Step, "x", user=actor, reason=None, kind="'+'")},
                f"FROM {steps} x JOIN {dossiers} d ON d.id = x.dossier_id "
                f"JOIN {staged_steps} t ON t.code = d.code AND t.task_id = x.task_id WHERE t.run = %s",
                [run],
            )
            daily.touch(days)
    except IntegrityError:
        return _refused(_("Có hồ sơ vừa được tạo trong hệ thống trong lúc nhập; chưa ghi hồ sơ nào, hãy nhập lại."))
    return _counts(created, updated)


def _changed_meanwhile(index: int, code: str) -> dict:
    message = _("Hồ sơ %(c)s vừa thay đổi trong hệ thống trong lúc nhập; chưa ghi hồ sơ nào, hãy nhập lại.") % {
        "c": code
    }
    return {"index": index, "field": "code", "message": str(message)}


# Clean-up -------------------------------------------------------------------------------------

DISCARD_CHUNK = 10_000


def discard(run: str, *, quietly: bool = False) -> None:
    """Deletes a run's staged rows, a chunk per transaction (``quietly``: a failure is ignored,
    the rows are then deleted when the run starts again or grows old)."""
    try:
        for model in (StagedDossier, StagedStep, StagedPause):
            _delete_chunked(model.objects.filter(run=run))
    except Exception:
        if not quietly:
            raise


def discard_abandoned() -> None:
    """Deletes the rows staged by runs whose worker died (older than any import takes)."""
    before = timezone.now() - STALE_RUN
    for model in (StagedDossier, StagedStep, StagedPause):
        _delete_chunked(model.objects.filter(staged_at__lt=before))


def _delete_chunked(queryset) -> None:
    while True:
        keys = list(queryset.values_list("pk", flat=True)[:DISCARD_CHUNK])
        if not keys:
            return
        queryset.model.objects.filter(pk__in=keys).delete()
