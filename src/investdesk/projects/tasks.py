"""Background work on projects: the nightly delay refresh (the days pass even when nobody edits)."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from .services import refresh_all_delays


@db_periodic_task(crontab(hour="1", minute="30"))
def refresh_delays_job() -> None:
    refresh_all_delays()
