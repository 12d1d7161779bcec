"""Importing historical dossiers from another one-stop system: all or nothing, every row's error listed.

The system computes each dossier's due time (the procedure version in force on its receipt day, the
working calendar, the paused time) and its outcome; the source only says when it was received and
finished and how it ended. A dossier still open in the source is started at the first step of its
process here. A code already present is updated in place.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from investdesk.core.bulk import insert_history, insert_rows
from investdesk.core.exceptions import PermissionDeniedError
from investdesk.procedures.models import Procedure
from investdesk.worktime.calendar import OutOfCalendarRange
from investdesk.worktime.loader import get_calendar

from . import daily, engine, rules, timing
from .choices import Channel, DossierStatus, PauseKind
from .models import Dossier, Pause
from .rules import outcome

RESULTS = {"approved", "rejected", "withdrawn", "stopped"}
MAX_ROWS = 100_000
BATCH = 2000
PAUSE_REASON = gettext_lazy("Nhập từ hệ thống cũ")


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


def import_dossiers(actor, rows: list, *, dry_run: bool = False, progress=None) -> dict:
    """The API's import: a JSON list of rows, all or nothing. Returns created, updated and errors."""
    if not isinstance(rows, list):
        return _refused(_("Dữ liệu phải là một danh sách hồ sơ."))
    return import_batches(actor, batches_of(rows), total=len(rows), dry_run=dry_run, progress=progress)


def import_batches(actor, batches: Batches, *, total: int, dry_run: bool = False, progress=None) -> dict:
    """All rows are checked first (a first pass that keeps only the errors and the counts); any error
    writes nothing. The second pass checks each batch again and writes it, all inside one transaction,
    so memory holds one batch at a time whatever the size of the source."""
    if not (actor.has_perm("dossiers.receive_dossier") or actor.has_perm("dossiers.assign_dossier")):
        raise PermissionDeniedError()
    if total > MAX_ROWS:
        return _refused(_("Tối đa %(n)s hồ sơ mỗi lần.") % {"n": MAX_ROWS})
    report = progress or (lambda *args, **kwargs: None)
    steps = total if dry_run else 2 * total
    checker = RowChecker()
    errors: list[dict] = []
    created = updated = done = 0
    report(0, steps, _("Đang kiểm tra dữ liệu…"))
    for batch in batches():
        checked, batch_errors = checker.check(batch)
        errors.extend(batch_errors)
        existing = _existing([c.code for c in checked])
        created += sum(1 for c in checked if c.code not in existing)
        updated += sum(1 for c in checked if c.code in existing)
        done += len(batch)
        report(done, steps)
    if errors:
        return {"created": 0, "updated": 0, "errors": errors}
    if dry_run:
        return {"created": created, "updated": updated, "errors": []}
    calendar = get_calendar()
    checker = RowChecker()
    created = updated = 0
    report(done, steps, _("Đang ghi dữ liệu…"))
    try:
        with transaction.atomic(), daily.batch():
            for batch in batches():
                checked, batch_errors = checker.check(batch)
                if batch_errors:  # the source changed between the passes: nothing is kept
                    raise _SourceChanged(batch_errors)
                existing = _existing([c.code for c in checked])
                # New dossiers that ended in the source: written in bulk with their history rows.
                finished_new = [c for c in checked if c.code not in existing and c.result is not None]
                created += _create_finished(actor, finished_new, calendar)
                for item in checked:
                    if item.code in existing or item.result is None:
                        is_new = _save(actor, item, calendar)
                        created += is_new
                        updated += not is_new
                done += len(batch)
                report(done, steps)
    except OutOfCalendarRange:
        return _refused(_("Có ngày nằm ngoài phạm vi lịch (2000–2100)."))
    except _SourceChanged as changed:
        return {"created": 0, "updated": 0, "errors": changed.errors}
    return {"created": created, "updated": updated, "errors": []}


class _SourceChanged(Exception):
    def __init__(self, errors):
        super().__init__("source changed")
        self.errors = errors


def _refused(message) -> dict:
    return {"created": 0, "updated": 0, "errors": [{"index": None, "field": None, "message": str(message)}]}


def _existing(codes: list[str]) -> set[str]:
    return set(Dossier.objects.filter(code__in=codes).values_list("code", flat=True)) if codes else set()


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


def _create_finished(actor, items: list[Checked], calendar) -> int:
    if not items:
        return 0
    dossiers, pauses = [], []
    for item in items:
        dossier = Dossier(code=item.code)
        pauses.append(_fill(dossier, item, calendar))
        dossiers.append(dossier)
    insert_rows(Dossier, dossiers)
    saved = dict(Dossier.objects.filter(code__in=[d.code for d in dossiers]).values_list("code", "pk"))
    for dossier in dossiers:
        dossier.pk = saved[dossier.code]
    insert_history(Dossier, dossiers, user=actor, reason=str(_("Nhập dữ liệu hồ sơ cũ")))
    daily.touch(daily.local_day(d.finished_at) for d in dossiers if d.status == DossierStatus.RESOLVED)
    Pause.objects.bulk_create(
        Pause(dossier_id=dossier.pk, kind=PauseKind.SUPPLEMENT, reason=PAUSE_REASON, **row)
        for dossier, rows in zip(dossiers, pauses, strict=True)
        for row in rows
    )
    return len(dossiers)


def _save(actor, item: Checked, calendar) -> bool:
    dossier = Dossier.objects.filter(code=item.code).first()
    is_new = dossier is None
    if is_new:
        dossier = Dossier(code=item.code)
    rows = _fill(dossier, item, calendar)
    dossier._change_reason = _("Nhập dữ liệu hồ sơ cũ")
    dossier._history_user = actor
    dossier.save()
    dossier.pauses.all().delete()
    Pause.objects.bulk_create(
        Pause(dossier=dossier, kind=PauseKind.SUPPLEMENT, reason=PAUSE_REASON, **row) for row in rows
    )
    if is_new and dossier.status == DossierStatus.IN_PROGRESS:
        # Still open in the source: it starts at the first step of its process here.
        workflow = engine.start(item.version)
        from .services import open_ready_steps  # services drives the sheet import through this module

        open_ready_steps(dossier, workflow, timezone.now(), actor)
        dossier.workflow_state = engine.save(workflow)
        dossier.save(update_fields=["workflow_state", "responsible", "updated_at"])
    return is_new
