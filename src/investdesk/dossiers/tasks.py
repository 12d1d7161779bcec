"""Background work on dossiers: consultations that stay silent past their limit."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from .services import close_silent_consultations


@db_periodic_task(crontab(minute="*/15"))
def close_silent_consultations_job() -> None:
    close_silent_consultations()
