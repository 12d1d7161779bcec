"""The morning reminder of quality actions: each owner hears of their actions due within
ACTION_REMINDER_DAYS or already late; the quality managers hear of every late action. Once per
person per day, in-app and by e-mail (running it again sends nothing new)."""

from collections import defaultdict
from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from investdesk.core.services import notify

from .models import Action


def _line(action: Action, today: date) -> str:
    state = _("QUÁ HẠN") if action.due_on < today else _("sắp đến hạn")
    return f"- {action.title[:120]} · {_('hạn')} {action.due_on:%d/%m/%Y} ({state})"


def send_action_reminders(today: date | None = None) -> int:
    """Sends today's reminders; returns how many were new."""
    today = today or timezone.localdate()
    horizon = today + timedelta(days=settings.ACTION_REMINDER_DAYS)
    due = Action.objects.open().filter(due_on__lte=horizon).select_related("owner").order_by("due_on", "pk")
    mine: dict = defaultdict(list)
    late: list[Action] = []
    for action in due:
        mine[action.owner].append(action)
        if action.due_on < today:
            late.append(action)
    sent = 0
    url = reverse("quality:actions")
    for person, actions in mine.items():
        overdue = sum(1 for action in actions if action.due_on < today)
        title = _("Hành động chất lượng cần làm: %(n)s việc sắp đến hạn hoặc quá hạn") % {"n": len(actions)}
        if overdue:
            title += _(" (%(n)s quá hạn)") % {"n": overdue}
        body = "\n".join(_line(action, today) for action in actions)
        sent += notify(
            person, key=f"quality-actions:{today.isoformat()}", title=title, body=body, url=f"{url}?owner={person.pk}"
        )
    if late:
        managers = (
            get_user_model().objects.filter(is_active=True, groups__permissions__codename="manage_quality").distinct()
        )
        title = _("%(n)s hành động chất lượng quá hạn") % {"n": len(late)}
        body = "\n".join(f"{_line(action, today)} · {action.owner.full_name}" for action in late)
        for manager in managers:
            sent += notify(
                manager,
                key=f"quality-actions-late:{today.isoformat()}",
                title=title,
                body=body,
                url=f"{url}?overdue=true",
            )
    return sent
