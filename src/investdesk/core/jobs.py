"""Long work in the background with progress a person can watch.

``start_job`` records a ``BackgroundJob`` and enqueues a Django task once the transaction commits;
the task calls ``run_job``, which marks the job running, hands the work a ``progress`` callback and
records success or a readable failure. Pages poll the job (HTMX) to draw the progress bar.

Live progress goes to the shared cache, not the job row: some work runs inside one long
transaction (a backup's read snapshot) whose writes nobody else sees until it ends, and writing
progress must never wait for the database's write lock.
"""

import logging
from collections.abc import Callable

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .choices import JobStatus
from .exceptions import DomainError
from .models import BackgroundJob

logger = logging.getLogger(__name__)

Progress = Callable[..., None]
PROGRESS_TTL = 60 * 60 * 24


def progress_key(job_id: int) -> str:
    return f"investdesk:job-progress:{job_id}"


def with_live_progress(job: BackgroundJob) -> BackgroundJob:
    """``job`` with the running work's latest progress from the cache, for display."""
    if job.status == JobStatus.RUNNING:
        live = cache.get(progress_key(job.pk))
        if live:
            job.done, job.total, job.message = live["done"], live["total"], live["message"]
    return job


def start_job(*, kind: str, title: str, user, task, **task_kwargs) -> BackgroundJob:
    job = BackgroundJob.objects.create(kind=kind, title=title, created_by=user)
    transaction.on_commit(lambda: task.enqueue(job_id=job.pk, **task_kwargs))
    return job


def run_job(job_id: int, work: Callable[[BackgroundJob, Progress], str | None]) -> None:
    job = BackgroundJob.objects.get(pk=job_id)
    job.status = JobStatus.RUNNING
    job.started_at = timezone.now()
    job.save(update_fields=["status", "started_at"])

    def progress(done: int, total: int | None = None, message: str | None = None) -> None:
        job.done = done
        if total is not None:
            job.total = total
        if message is not None:
            job.message = message
        cache.set(
            progress_key(job.pk),
            {"done": job.done, "total": job.total, "message": job.message},
            PROGRESS_TTL,
        )

    try:
        message = work(job, progress)
    except DomainError as error:
        job.status = JobStatus.FAILED
        job.message = str(error.message)
    except Exception:
        logger.exception("background job %s failed", job_id)
        job.status = JobStatus.FAILED
        job.message = _("Công việc gặp lỗi hệ thống; quản trị viên xem nhật ký để biết chi tiết.")
    else:
        job.status = JobStatus.SUCCEEDED
        if message:
            job.message = message
    job.finished_at = timezone.now()
    job.save()
    cache.delete(progress_key(job.pk))
