"""The background work of the project list import: the check (every row, nothing written) and the
import (the same check again, then one all-or-nothing write). The outcome stays on the record."""

from django.db import transaction
from django.tasks import task
from django.utils.translation import gettext as _

from investdesk.core.exceptions import DomainError
from investdesk.core.import_records import ImportStatus
from investdesk.core.jobs import run_job

from . import imports
from .models import ProjectImport

CHECK_JOB = "project-import-check"
IMPORT_JOB = "project-import"
SHOWN_CHANGES = 5_000  # the record keeps this many changes for the page; the counts are exact


def _plan(record: ProjectImport, actor, progress) -> imports.Plan:
    with record.file.open("rb") as handle:
        rows = imports.read_rows(handle, record.mapping)
    return imports.check_rows(actor, rows, progress=progress)


def check_sheet(record_id: int, actor, progress) -> str:
    """The dry run: every row's error, or what the import would add and change."""
    record = ProjectImport.objects.get(pk=record_id)
    try:
        plan = _plan(record, actor, progress)
    except Exception:
        ProjectImport.objects.filter(pk=record_id).update(status=ImportStatus.FAILED)
        raise
    record.errors, record.changes = plan.errors, plan.changes[:SHOWN_CHANGES]
    record.created_count, record.updated_count = len(plan.creates), len(plan.updates)
    if plan.errors:
        record.status, record.checked_mapping, record.checked_state = ImportStatus.INVALID, None, ""
        record.save()
        return _("Có %(n)s lỗi; chưa ghi dự án nào.") % {"n": len(plan.errors)}
    record.status, record.checked_mapping, record.checked_state = ImportStatus.READY, record.mapping, plan.state
    record.save()
    return _("Không có lỗi: sẽ thêm %(c)s và cập nhật %(u)s dự án.") % {
        "c": record.created_count,
        "u": record.updated_count,
    }


def import_sheet(record_id: int, actor, progress) -> str:
    """The import of a checked file: refused if the projects it names changed since the check (the
    changes shown would no longer be what it does); else all rows in one transaction."""
    record = ProjectImport.objects.get(pk=record_id)
    try:
        plan = _plan(record, actor, progress)
        if plan.errors or plan.state != record.checked_state:
            raise DomainError(_("Dữ liệu dự án đã thay đổi sau khi kiểm tra; hãy kiểm tra lại tệp."))
        with transaction.atomic():
            result = imports.write_plan(actor, plan, progress=progress)
            record.status = ImportStatus.IMPORTED
            record.created_count, record.updated_count = result["created"], result["updated"]
            record.save()
    except Exception:
        ProjectImport.objects.filter(pk=record_id).update(status=ImportStatus.FAILED, checked_mapping=None)
        raise
    return _("Đã thêm %(c)s và cập nhật %(u)s dự án.") % {"c": result["created"], "u": result["updated"]}


@task
def check_import_job(job_id: int, import_id: int) -> None:
    run_job(job_id, lambda job, progress: check_sheet(import_id, job.created_by, progress))


@task
def run_import_job(job_id: int, import_id: int) -> None:
    run_job(job_id, lambda job, progress: import_sheet(import_id, job.created_by, progress))
