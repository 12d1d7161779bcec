"""Background work of the quality system: the morning reminder of actions."""

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from investdesk.worktime.functions import is_working_day

from .reminders import send_action_reminders


@db_periodic_task(crontab(hour="7", minute="5"))
def action_reminder_job() -> None:
    """Each working morning at 07:05, after the dossier digests."""
    if is_working_day(timezone.localdate()):
        send_action_reminders()
