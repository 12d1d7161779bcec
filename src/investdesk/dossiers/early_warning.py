"""Early warning: the daily digest of work at risk or overdue (DOMAIN.md §4).

Each person gets their own open steps that are at risk or overdue; each division head gets the
division's list and the dossiers that will be late without an apology yet, with the reminder
that form 04 must be sent before the due time passes. In-app and by e-mail, once per person per day
(running it again sends nothing new).
"""

from collections import defaultdict
from datetime import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from investdesk.core.services import notify
from investdesk.worktime.loader import get_calendar

from . import access
from .choices import DossierStatus
from .models import Dossier, Step
from .rules import risk


def division_leads() -> list:
    """The people who lead a division's work (``access.led_division``): those who assign work
    without reading every dossier; the administrators are not sent every division's list."""
    app_label, codename = access.ASSIGN.split(".")
    assign = Permission.objects.filter(content_type__app_label=app_label, codename=codename)
    holders = (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(groups__permissions__in=assign) | Q(user_permissions__in=assign))
        .distinct()
        .order_by("pk")
    )
    return [person for person in holders if access.led_division(person)]


def _line(step: Step, level: str) -> str:
    due = timezone.localtime(step.due_at).strftime("%H:%M %d/%m/%Y")
    state = _("QUÁ HẠN") if level == "overdue" else _("sắp đến hạn")
    return f"- {step.dossier.code} · {step.name} · {_('hạn')} {due} ({state})"


def send_daily_digests(now: datetime | None = None) -> int:
    """Sends today's digests; returns how many were new."""
    now = now or timezone.now()
    calendar = get_calendar()
    today = timezone.localtime(now).date()
    steps = (
        Step.objects.open()
        .filter(counts_time=True, dossier__status=DossierStatus.IN_PROGRESS, due_at__isnull=False)
        .select_related("dossier", "assignee")
        .order_by("due_at")
    )
    mine: dict = defaultdict(list)
    everyone: list = []
    for step in steps.iterator(chunk_size=2000):
        level = risk(now, step.started_at, step.due_at, calendar)
        if level in ("at_risk", "overdue"):
            everyone.append((step, level))
            if step.assignee_id:
                mine[step.assignee].append((step, level))
    will_be_late = list(
        Dossier.objects.filter(
            status=DossierStatus.IN_PROGRESS,
            apology_at__isnull=True,
            due_at__lte=calendar.add_working_time(now, 1),
        )
        .select_related("responsible")
        .order_by("due_at")
    )
    sent = 0
    for person, items in mine.items():
        overdue = sum(1 for _step, level in items if level == "overdue")
        title = _("Việc cần chú ý hôm nay: %(n)s bước sắp đến hạn hoặc quá hạn") % {"n": len(items)}
        if overdue:
            title += _(" (%(n)s quá hạn)") % {"n": overdue}
        body = "\n".join(_line(step, level) for step, level in items)
        sent += notify(
            person, key=f"digest:{today.isoformat()}", title=title, body=body, url=reverse("dossiers:my_work")
        )
    if everyone or will_be_late:
        for head in division_leads():
            # A head hears only of the dossiers they may see: their division's.
            seen_steps = set(
                Step.objects.restrict(head).filter(pk__in=[s.pk for s, _l in everyone]).values_list("pk", flat=True)
            )
            seen_dossiers = set(
                Dossier.objects.restrict(head).filter(pk__in=[d.pk for d in will_be_late]).values_list("pk", flat=True)
            )
            items = [(step, level) for step, level in everyone if step.pk in seen_steps]
            late = [d for d in will_be_late if d.pk in seen_dossiers]
            if not items and not late:
                continue
            reminder = [
                _("- %(code)s hẹn trả %(due)s: cần gửi văn bản xin lỗi và đề nghị gia hạn (Mẫu 04) trước hạn.")
                % {"code": d.code, "due": timezone.localtime(d.due_at).strftime("%H:%M %d/%m/%Y")}
                for d in late
            ]
            body = "\n".join([*(_line(step, level) for step, level in items), *reminder])
            title = _("Tình hình hồ sơ hôm nay: %(risk)s bước cần chú ý, %(late)s hồ sơ có thể trễ hạn") % {
                "risk": len(items),
                "late": len(late),
            }
            sent += notify(
                head, key=f"digest-division:{today.isoformat()}", title=title, body=body, url=reverse("dossiers:board")
            )
    return sent
