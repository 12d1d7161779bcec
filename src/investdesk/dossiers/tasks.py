"""Background work on dossiers: silent consultations and the morning's early-warning digests."""

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from investdesk.worktime.functions import is_working_day

from .services import close_silent_consultations
from .warnings import send_daily_digests


@db_periodic_task(crontab(minute="*/15"))
def close_silent_consultations_job() -> None:
    close_silent_consultations()


@db_periodic_task(crontab(hour="7", minute="0"))
def daily_digest_job() -> None:
    """Each working morning at 07:00, the early-warning digests."""
    if is_working_day(timezone.localdate()):
        send_daily_digests()
