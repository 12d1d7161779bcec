"""The background jobs of imports: the Django tasks the import services start, and the work each
does in the worker (read a sheet's columns; check or import its rows; import JSON rows sent to the
API). They keep their outcome on the import record or the job."""

import json
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.tasks import task
from django.utils.translation import gettext as _

from investdesk.core.jobs import run_job
from investdesk.core.models import BackgroundJob

from . import import_sheet, imports
from .choices import ImportStatus
from .models import DossierImport

# The kinds of the jobs (a person's refused sheets are found by theirs; an API import's answer too).
LAYOUT_JOB = "dossier-import-read"
API_IMPORT_JOB = "dossier-import-api"


def read_import_layout(record_id: int, progress) -> str:
    """The background reading of an uploaded sheet: column names, row count, first rows. A sheet the
    reader refuses (too big, damaged, no heading row) is removed with its record; the job keeps why."""
    record = DossierImport.objects.get(pk=record_id)
    try:
        layout = import_sheet.read_layout(Path(record.file.path), progress=progress)
    except BaseException:
        record.file.delete(save=False)
        record.delete()
        raise
    record.headings, record.row_count, record.preview = layout["headings"], layout["rows"], layout["preview"]
    record.mapping = import_sheet.guess_mapping(record.headings)
    record.status = ImportStatus.UPLOADED
    record.save()
    return _("Đã đọc %(n)s dòng hồ sơ; hãy ghép cột.") % {"n": record.row_count}


def run_sheet_import(record_id: int, actor, *, dry_run: bool, progress) -> str:
    """The background work of a dry run or an import; the record keeps the outcome and the errors."""
    record = DossierImport.objects.get(pk=record_id)
    try:
        with import_sheet.SheetRows(Path(record.file.path), record.mapping) as rows:
            result = imports.import_batches(
                actor, rows, total=record.row_count, dry_run=dry_run, progress=progress, run=f"sheet-{record.pk}"
            )
    except Exception:
        DossierImport.objects.filter(pk=record_id).update(status=ImportStatus.FAILED)
        raise
    record.errors = [_described_error(record, error) for error in result["errors"]]
    record.created_count, record.updated_count = result["created"], result["updated"]
    if record.errors:
        record.status, record.checked_mapping = ImportStatus.INVALID, None
        record.save()
        return _("Có %(n)s lỗi; chưa ghi hồ sơ nào.") % {"n": len(record.errors)}
    if dry_run:
        record.status, record.checked_mapping = ImportStatus.READY, record.mapping
        record.save()
        return _("Không có lỗi: sẽ thêm %(c)s và cập nhật %(u)s hồ sơ.") % {
            "c": result["created"],
            "u": result["updated"],
        }
    record.status = ImportStatus.IMPORTED
    record.save()
    return _("Đã thêm %(c)s và cập nhật %(u)s hồ sơ.") % {"c": result["created"], "u": result["updated"]}


def _described_error(record: DossierImport, error: dict) -> dict:
    """An import error as a person reads it in Excel: the row number and the column's heading."""
    field = (error.get("field") or "").split("[")[0]
    target = "pause_start" if field == "pauses" else field
    index = record.mapping.get(target)
    if index is not None:
        column = record.headings[index]
    else:
        column = str(import_sheet.TARGET_LABELS.get(target, "")) if target else ""
    return {"row": error.get("index"), "column": column, "message": error["message"]}


def import_saved_rows(job: BackgroundJob, name: str, *, dry_run: bool, progress) -> str:
    """The worker's part of ``import_later``; run again after a crash, it starts over cleanly."""
    with default_storage.open(name) as handle:
        rows = json.load(handle)
    result = imports.import_dossiers(job.created_by, rows, dry_run=dry_run, progress=progress, run=f"api-{job.pk}")
    body = json.dumps(result, ensure_ascii=False).encode()
    job.result_file.save(f"import-{job.pk}.json", ContentFile(body), save=False)
    default_storage.delete(name)
    if result["errors"]:
        return _("Có %(n)s lỗi; chưa ghi hồ sơ nào.") % {"n": len(result["errors"])}
    if dry_run:
        return _("Không có lỗi: sẽ thêm %(c)s và cập nhật %(u)s hồ sơ.") % {
            "c": result["created"],
            "u": result["updated"],
        }
    return _("Đã thêm %(c)s và cập nhật %(u)s hồ sơ.") % {"c": result["created"], "u": result["updated"]}


@task
def sheet_layout_job(job_id: int, import_id: int) -> None:
    """Reading an uploaded .xlsx's column names and rows (never in the web request: see upload_import)."""
    run_job(job_id, lambda job, progress: read_import_layout(import_id, progress))


@task
def sheet_import_job(job_id: int, import_id: int, dry_run: bool) -> None:
    """The dry run or the import of an uploaded .xlsx of historical dossiers, with progress."""

    def work(job, progress):
        return run_sheet_import(import_id, job.created_by, dry_run=dry_run, progress=progress)

    run_job(job_id, work)


@task
def api_import_job(job_id: int, name: str, dry_run: bool) -> None:
    """A large import of JSON rows sent to the API (answered 202), with progress."""

    def work(job, progress):
        return import_saved_rows(job, name, dry_run=dry_run, progress=progress)

    run_job(job_id, work)
