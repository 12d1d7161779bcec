"""Background work on dossiers: silent consultations and the morning's early-warning digests."""

from django.tasks import task
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


@task
def sheet_import_job(job_id: int, import_id: int, dry_run: bool) -> None:
    """The dry run or the import of an uploaded .xlsx of historical dossiers, with progress."""
    from investdesk.core.jobs import run_job

    from .services import run_sheet_import

    def work(job, progress):
        return run_sheet_import(import_id, job.created_by, dry_run=dry_run, progress=progress)

    run_job(job_id, work)


@task
def sheet_layout_job(job_id: int, import_id: int) -> None:
    """Reading an uploaded .xlsx's column names and rows (never in the web request: see upload_import)."""
    from investdesk.core.jobs import run_job

    from .services import read_import_layout

    run_job(job_id, lambda job, progress: read_import_layout(import_id, progress))


@task
def api_import_job(job_id: int, name: str, dry_run: bool) -> None:
    """A large import of JSON rows sent to the API (answered 202), with progress."""
    from investdesk.core.jobs import run_job

    from .services import import_saved_rows

    def work(job, progress):
        return import_saved_rows(job, name, dry_run=dry_run, progress=progress)

    run_job(job_id, work)
