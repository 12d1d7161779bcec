"""Background work of the shared kernel: the worker heartbeat and job progress."""

import contextlib
import os
import socket
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.tasks import task
from django.utils import timezone
from django.utils.translation import gettext as _
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, on_startup

from .formatting import format_number
from .jobs import run_job
from .models import WorkerHeartbeat


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def record_heartbeat() -> None:
    WorkerHeartbeat.objects.update_or_create(name=worker_name(), defaults={"beat_at": timezone.now()})


@on_startup()
def heartbeat_on_startup() -> None:
    # A fresh worker reports at once rather than at the next minute boundary.
    # The database may still be migrating; the beat on the next minute follows anyway.
    with contextlib.suppress(Exception):
        record_heartbeat()


@db_periodic_task(crontab(minute="*"))
def heartbeat() -> None:
    record_heartbeat()
    # Old workers' rows would otherwise pile up, one per process start.
    WorkerHeartbeat.objects.filter(beat_at__lt=timezone.now() - timedelta(days=1)).delete()


@task
def backup_job(job_id: int) -> None:
    """Takes a backup into media/backups/ and attaches it to the job as its result."""
    from .backup import create_backup

    def work(job, progress):
        name = f"investdesk-{timezone.localtime():%Y%m%d-%H%M%S}-{job.pk}.zip"
        relative = f"backups/{name}"
        manifest = create_backup(Path(settings.MEDIA_ROOT) / relative, progress)
        job.result_file.name = relative
        return _("Đã sao lưu %(rows)s bản ghi và các tệp đính kèm.") % {"rows": format_number(manifest["rows"])}

    run_job(job_id, work)


@task
def list_export_job(job_id: int, view: str, query: str, language: str) -> None:
    """A large list's spreadsheet (``core.exports``), attached to the job for its requester."""
    from .exports import run_export

    run_job(job_id, lambda job, progress: run_export(job, progress, view=view, query=query, language=language))


@db_periodic_task(crontab(minute="17", hour="2"))
def forget_old_exports() -> None:
    from .exports import forget_old_exports as forget

    forget()
