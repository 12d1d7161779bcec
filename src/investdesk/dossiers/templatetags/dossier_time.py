"""Time left and early-warning badges for dossiers and steps."""

from django import template
from django.utils import timezone
from django.utils.translation import gettext as _

from investdesk.core.formatting import format_decimal
from investdesk.worktime.loader import get_calendar

from ..choices import DossierStatus
from ..rules import risk

register = template.Library()

LABELS = {"overdue": "bg-red-lt", "at_risk": "bg-yellow-lt", "on_track": "bg-green-lt", "paused": "bg-secondary-lt"}


def _left_text(calendar, now, due):
    seconds = calendar.working_seconds_between(now, due)
    hours = abs(seconds) / 3600
    amount = (
        _("%(n)s giờ") % {"n": format_decimal(round(hours, 1))}
        if hours < 8
        else _("%(n)s ngày") % {"n": format_decimal(round(hours / 8, 1))}
    )
    return _("còn %(t)s") % {"t": amount} if seconds >= 0 else _("quá %(t)s") % {"t": amount}


@register.inclusion_tag("dossiers/_risk_badge.html")
def risk_badge(item, stacked=False):
    """A badge for an open dossier or step: on track, at risk (time left) or overdue; ``stacked``
    puts the time left under the badge (narrow columns)."""
    finished = getattr(item, "finished_at", None)
    if finished:
        return {"show": False}
    calendar = get_calendar()
    now = timezone.now()
    started = getattr(item, "started_at", None) or item.received_at
    # A paused dossier waits for the investor: its clock is stopped, so it cannot run late.
    paused = getattr(item, "status", None) == DossierStatus.PAUSED
    level = "paused" if paused else risk(now, started, item.due_at, calendar)
    labels = {
        "overdue": _("Quá hạn"),
        "at_risk": _("Sắp đến hạn"),
        "on_track": _("Trong hạn"),
        "paused": _("Tạm dừng"),
    }
    text = _left_text(calendar, now, item.due_at) if item.due_at and not paused else ""
    return {
        "show": True,
        "level": level,
        "css": LABELS[level],
        "label": labels[level],
        "left": text,
        "stacked": stacked,
    }
