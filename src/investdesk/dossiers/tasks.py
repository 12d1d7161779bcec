"""Background work on dossiers: silent consultations and the morning's early-warning digests.

The import jobs the services start live in ``import_jobs``: services name those tasks, and this
module calls services, so neither imports the other's importer."""

import contextlib

from django.core.cache import cache
from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, on_startup

from investdesk.worktime.functions import is_working_day

from .early_warning import send_daily_digests
from .import_jobs import api_import_job, sheet_import_job, sheet_layout_job
from .services import close_silent_consultations, keep_at_risk_current

STARTUP_CHECK_SECONDS = 600  # the workers of one start queue one check

# Jobs queued under their former place (this module) still find their task.
__all__ = [
    "api_import_job",
    "at_risk_rule_job",
    "close_silent_consultations_job",
    "daily_digest_job",
    "sheet_import_job",
    "sheet_layout_job",
]


@db_periodic_task(crontab(minute="*/15"))
def close_silent_consultations_job() -> None:
    close_silent_consultations()


@db_periodic_task(crontab(hour="7", minute="0"))
def daily_digest_job() -> None:
    """Each working morning at 07:00, the early-warning digests."""
    if is_working_day(timezone.localdate()):
        send_daily_digests()


@db_periodic_task(crontab(hour="2", minute="10"))
def at_risk_rule_job() -> None:
    """The stored at-risk instants follow the early-warning rule (WARNING_*) when it changes."""
    keep_at_risk_current()


@on_startup()
def at_risk_rule_on_startup() -> None:
    # The rule is read from the environment when a process starts: a changed rule arrives with a
    # restart, so the check is queued then (the database may still be migrating; the night's runs).
    # Every worker of the consumer runs this hook: the shared cache lets the first one queue it.
    with contextlib.suppress(Exception):
        if cache.add("investdesk:at-risk-rule-queued", True, timeout=STARTUP_CHECK_SECONDS):
            at_risk_rule_job()
