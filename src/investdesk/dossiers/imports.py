"""Importing historical dossiers from another one-stop system: all or nothing, every row's error listed.

The system computes each dossier's due time (the procedure version in force on its receipt day, the
working calendar, the paused time) and its outcome; the source only says when it was received and
finished and how it ended. A dossier still open in the source is started at the first step of its
process here. A code already present is updated in place.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from investdesk.core.exceptions import PermissionDeniedError
from investdesk.procedures.models import Procedure
from investdesk.worktime.calendar import OutOfCalendarRange
from investdesk.worktime.loader import get_calendar

from . import engine, rules, services
from .choices import Channel, DossierStatus, PauseKind
from .models import Dossier, Pause
from .rules import outcome

RESULTS = {"approved", "rejected", "withdrawn", "stopped"}
MAX_ROWS = 100_000
BATCH = 2000


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


def _instant(value, now):
    if not isinstance(value, str) or not value.strip():
        raise ValueError
    parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    if parsed.tzinfo is None:
        parsed = timezone.make_aware(parsed)
    if parsed > now:
        raise OverflowError
    return parsed


def check_rows(rows: list) -> tuple[list[Checked], list[dict]]:
    """Every row checked; the errors of all rows, each with its index and field."""
    now = timezone.now()
    procedures = {p.code: p for p in Procedure.objects.all()}
    errors: list[dict] = []
    checked: list[Checked] = []
    seen: set[str] = set()
    versions: dict = {}  # (procedure, local day) → version in force: one query per pair, not per row
    if not isinstance(rows, list):
        return [], [{"index": None, "field": None, "message": _("Dữ liệu phải là một danh sách hồ sơ.")}]
    if len(rows) > MAX_ROWS:
        return [], [{"index": None, "field": None, "message": _("Tối đa %(n)s hồ sơ mỗi lần.") % {"n": MAX_ROWS}}]

    for index, row in enumerate(rows):
        row_errors: list[tuple[str, str]] = []

        def fail(name, message, row_errors=row_errors):
            row_errors.append((name, message))

        if not isinstance(row, dict):
            errors.append({"index": index, "field": None, "message": _("Mỗi hồ sơ phải là một đối tượng JSON.")})
            continue
        code = row.get("code")
        if not isinstance(code, str) or not code.strip():
            fail("code", _("Thiếu số hồ sơ."))
        elif code.strip() in seen:
            fail("code", _("Số hồ sơ bị trùng trong tệp."))
        else:
            seen.add(code.strip())
        procedure = procedures.get(row.get("procedure"))
        if procedure is None:
            fail("procedure", _('Không có thủ tục mã "%(c)s".') % {"c": row.get("procedure")})
        if row.get("channel") not in Channel.values:
            fail("channel", _("Hình thức nộp phải là online, direct hoặc post."))
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
            if (procedure.pk, day) not in versions:
                versions[procedure.pk, day] = procedure.version_at(day)
            version = versions[procedure.pk, day]
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
        for name, message in row_errors:
            errors.append({"index": index, "field": name, "message": str(message)})
        if not row_errors:
            checked.append(
                Checked(index, code.strip(), procedure, version, received, row["channel"], finished, result, pauses)
            )
    # A dossier handled here (it has steps) is the system's own record: the source must not overwrite it.
    live = set(
        Dossier.objects.filter(code__in=[c.code for c in checked], steps__isnull=False).values_list("code", flat=True)
    )
    for item in [c for c in checked if c.code in live]:
        errors.append(
            {
                "index": item.index,
                "field": "code",
                "message": str(
                    _("Hồ sơ %(c)s đang được xử lý trong hệ thống; không ghi đè bằng dữ liệu nhập.") % {"c": item.code}
                ),
            }
        )
        checked.remove(item)
    errors.sort(key=lambda e: (e["index"] is None, e["index"] or 0))
    return checked, errors


def import_dossiers(actor, rows: list, *, dry_run: bool = False) -> dict:
    """All rows are checked first; any error writes nothing. Returns created, updated and errors."""
    if not (actor.has_perm("dossiers.receive_dossier") or actor.has_perm("dossiers.assign_dossier")):
        raise PermissionDeniedError()
    checked, errors = check_rows(rows)
    if errors or dry_run:
        existing = set(Dossier.objects.filter(code__in=[c.code for c in checked]).values_list("code", flat=True))
        return {
            "created": 0 if errors else sum(1 for c in checked if c.code not in existing),
            "updated": 0 if errors else sum(1 for c in checked if c.code in existing),
            "errors": errors,
        }
    calendar = get_calendar()
    existing = set(Dossier.objects.filter(code__in=[c.code for c in checked]).values_list("code", flat=True))
    created = updated = 0
    try:
        with transaction.atomic():
            # New dossiers that ended in the source: created in bulk with their history rows.
            finished_new = [c for c in checked if c.code not in existing and c.result is not None]
            for start in range(0, len(finished_new), BATCH):
                created += _create_finished(actor, finished_new[start : start + BATCH], calendar)
            for item in checked:
                if item.code in existing or item.result is None:
                    is_new = _save(actor, item, calendar)
                    created += is_new
                    updated += not is_new
    except OutOfCalendarRange:
        return {
            "created": 0,
            "updated": 0,
            "errors": [{"index": None, "field": None, "message": _("Có ngày nằm ngoài phạm vi lịch (2000–2100).")}],
        }
    return {"created": created, "updated": updated, "errors": []}


def _fill(dossier: Dossier, item: Checked, calendar) -> list[tuple[datetime, datetime]]:
    """Sets the computed fields of ``dossier`` from ``item``; returns its pauses."""
    paused = sum(max(0, calendar.working_seconds_between(start, end)) for start, end in item.pauses)
    due = rules.due_time(calendar, item.received_at, item.version.statutory_days, paused)
    dossier.procedure = item.procedure
    dossier.procedure_version = item.version
    dossier.applicant_name = dossier.applicant_name or _("(nhập từ hệ thống một cửa)")
    dossier.channel = item.channel
    dossier.received_at = item.received_at
    dossier.due_at = due
    dossier.original_due_at = due
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
    return item.pauses


def _create_finished(actor, items: list[Checked], calendar) -> int:
    dossiers, pauses = [], []
    for item in items:
        dossier = Dossier(code=item.code)
        pauses.append(_fill(dossier, item, calendar))
        dossiers.append(dossier)
    bulk_create_with_history(
        dossiers, Dossier, batch_size=BATCH, default_user=actor, default_change_reason=_("Nhập dữ liệu hồ sơ cũ")
    )
    saved = dict(Dossier.objects.filter(code__in=[d.code for d in dossiers]).values_list("code", "pk"))
    Pause.objects.bulk_create(
        Pause(
            dossier_id=saved[dossier.code],
            kind=PauseKind.SUPPLEMENT,
            started_at=start,
            ended_at=end,
            reason=_("Nhập từ hệ thống cũ"),
        )
        for dossier, spans in zip(dossiers, pauses, strict=True)
        for start, end in spans
    )
    return len(dossiers)


def _save(actor, item: Checked, calendar) -> bool:
    dossier = Dossier.objects.filter(code=item.code).first()
    is_new = dossier is None
    if is_new:
        dossier = Dossier(code=item.code)
    _fill(dossier, item, calendar)
    dossier._change_reason = _("Nhập dữ liệu hồ sơ cũ")
    dossier._history_user = actor
    dossier.save()
    dossier.pauses.all().delete()
    Pause.objects.bulk_create(
        Pause(
            dossier=dossier, kind=PauseKind.SUPPLEMENT, started_at=start, ended_at=end, reason=_("Nhập từ hệ thống cũ")
        )
        for start, end in item.pauses
    )
    if is_new and dossier.status == DossierStatus.IN_PROGRESS:
        # Still open in the source: it starts at the first step of its process here.
        workflow = engine.start(item.version)
        services.open_ready_steps(dossier, workflow, timezone.now(), actor)
        dossier.workflow_state = engine.save(workflow)
        dossier.save(update_fields=["workflow_state", "responsible", "updated_at"])
    return is_new
