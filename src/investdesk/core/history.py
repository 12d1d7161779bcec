"""The "Lịch sử thay đổi" tab: who changed what, when, old → new, for any model with history."""

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

HISTORY_TYPE_LABELS = {
    "+": gettext_lazy("Tạo mới"),
    "~": gettext_lazy("Thay đổi"),
    "-": gettext_lazy("Xóa"),
}
# Bookkeeping columns that change on every save and say nothing to a reader. A model adds its own
# internal fields (counters, engine state) in ``HISTORY_HIDDEN_FIELDS``.
HIDDEN_FIELDS = {"created_at", "updated_at", "version", "search_key", "password", "last_login"}


def hidden_fields(model) -> set[str]:
    return HIDDEN_FIELDS | set(getattr(model, "HISTORY_HIDDEN_FIELDS", ()))


@dataclass
class FieldChange:
    label: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    when: datetime
    who: str
    kind: str
    reason: str
    changes: list[FieldChange] = field(default_factory=list)
    note: str = ""


def _plain(value) -> str:
    """A stored value as a person reads it: lists one after another, yes/no, numbers with a comma."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("Có") if value else _("Không")
    if isinstance(value, (list, tuple)):
        return "; ".join(_plain(item) for item in value) or "—"
    if isinstance(value, dict):
        return "; ".join(f"{key}: {_plain(item)}" for key, item in value.items()) or "—"
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%H:%M %d/%m/%Y")
    if hasattr(value, "strftime"):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, (Decimal, float)):
        text = f"{value:f}"
        return (text.rstrip("0").rstrip(".") if "." in text else text).replace(".", ",")
    return str(value)


def _display(record, field_name: str) -> str:
    model_field = record.instance_type._meta.get_field(field_name)
    value = getattr(record, model_field.attname, None)
    if value in (None, "", [], {}):
        return "—"
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(model_field, models.ForeignKey):
        related = getattr(record, field_name, None)
        return str(related) if related is not None else f"#{value}"
    if isinstance(model_field, models.BooleanField):
        return _("Có") if value else _("Không")
    return _plain(value)


def history_page(instance, page_number=1, per_page: int = 20, notes=None):
    """A page of ``HistoryEntry`` for ``instance``, newest first, each diffed with the previous.

    ``notes(records)``, where given, returns a note per history record id (what a person wrote with
    the change, kept on another row, e.g. a step's note beside the dossier's record)."""
    hidden = hidden_fields(type(instance))
    records = instance.history.select_related("history_user").order_by("-history_date", "-history_id")
    paginator = Paginator(records, per_page)
    page = paginator.get_page(page_number)
    rows = list(page.object_list)
    # The record just before this page's last one, so the last row still shows its diff.
    previous_of_last = None
    if rows:
        previous_of_last = (
            instance.history.filter(history_date__lt=rows[-1].history_date)
            .order_by("-history_date", "-history_id")
            .first()
        )
    written = notes(rows) if notes and rows else {}
    entries = []
    for index, record in enumerate(rows):
        before = rows[index + 1] if index + 1 < len(rows) else previous_of_last
        changes = []
        if before is not None and record.history_type == "~":
            delta = record.diff_against(before)
            for change in delta.changes:
                if change.field in hidden:
                    continue
                model_field = record.instance_type._meta.get_field(change.field)
                changes.append(
                    FieldChange(
                        label=str(model_field.verbose_name),
                        old=_display(before, change.field),
                        new=_display(record, change.field),
                    )
                )
        elif record.history_type == "+":
            for model_field in record.instance_type._meta.concrete_fields:
                if model_field.name in hidden or model_field.name == "id":
                    continue
                if not hasattr(record, model_field.attname):
                    continue
                shown = _display(record, model_field.name)
                if shown != "—":
                    changes.append(FieldChange(str(model_field.verbose_name), "—", shown))
        who = record.history_user.get_full_name() if record.history_user else _("Hệ thống")
        entries.append(
            HistoryEntry(
                when=record.history_date,
                who=who,
                kind=str(HISTORY_TYPE_LABELS.get(record.history_type, record.history_type)),
                reason=record.history_change_reason or "",
                changes=changes,
                note=written.get(record.history_id, ""),
            )
        )
    return page, entries
