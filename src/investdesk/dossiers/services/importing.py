"""Importing historical dossiers: the requests (upload a sheet, check it, import it; JSON rows sent
to the API) that start the background jobs of ``import_jobs``, and who sees which import."""

import json
import uuid
from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from investdesk.core.choices import JobStatus
from investdesk.core.exceptions import DomainError, PermissionDeniedError
from investdesk.core.jobs import start_job
from investdesk.core.models import BackgroundJob
from investdesk.core.uploads import check_upload

from .. import access, import_sheet
from ..choices import ImportStatus
from ..import_jobs import API_IMPORT_JOB, LAYOUT_JOB, api_import_job, sheet_import_job, sheet_layout_job
from ..models import DossierImport


def may_import(actor) -> bool:
    """The reception desk and the division's leaders bring in the history of their own dossiers."""
    return access.can_import(actor)


def visible_imports(actor):
    """An import is seen by the person who uploaded it, and by those who assign work (the head)."""
    if access.sees_all_imports(actor):
        return DossierImport.objects.all()
    return DossierImport.objects.filter(uploaded_by=actor)


def upload_import(actor, upload) -> DossierImport:
    """Keeps a checked .xlsx and starts reading its column names in the background.

    In the request the file's whole structure is checked (a real, unbroken workbook, no zip bomb, no
    DTD in its XML) but no sheet is read: a sheet's rows are read only by the job, which maps the
    columns by guess; a file refused there is removed with its record (nothing is left behind)."""
    if not may_import(actor):
        raise PermissionDeniedError()
    check_upload(upload, allowed=("xlsx",))
    record = DossierImport(original_name=upload.name[:255], uploaded_by=actor, status=ImportStatus.CHECKING)
    record.file.save(f"{timezone.now():%Y%m%d%H%M%S}.xlsx", upload, save=False)
    try:
        with transaction.atomic():
            record.save()
            title = _("Đọc tệp %(f)s") % {"f": record.original_name}
            record.job = start_job(kind=LAYOUT_JOB, title=title, user=actor, task=sheet_layout_job, import_id=record.pk)
            record.save(update_fields=["job"])
    except BaseException:
        record.file.delete(save=False)
        raise
    return record


def refused_reads(actor, hours: int = 24):
    """The person's sheets refused by the background reading lately (the job keeps the reason)."""
    since = timezone.now() - timedelta(hours=hours)
    return BackgroundJob.objects.filter(
        kind=LAYOUT_JOB, created_by=actor, status=JobStatus.FAILED, finished_at__gte=since
    ).order_by("-finished_at")[:5]


def _validated_mapping(record: DossierImport, mapping: dict) -> dict:
    clean: dict[str, int | None] = {}
    used: dict[int, str] = {}
    for target in import_sheet.TARGETS:
        index = mapping.get(target.name)
        if index is None or index == "":
            if target.required:
                raise DomainError(_("Hãy chọn cột cho “%(f)s”.") % {"f": target.label}, field=target.name)
            clean[target.name] = None
            continue
        try:
            index = int(index)
        except (TypeError, ValueError):
            index = -1
        if not 0 <= index < len(record.headings):
            raise DomainError(_("Cột không có trong tệp."), field=target.name)
        if index in used:
            raise DomainError(
                _("Cột “%(c)s” đã dùng cho “%(f)s”.")
                % {"c": record.headings[index], "f": import_sheet.TARGET_LABELS[used[index]]},
                field=target.name,
            )
        used[index] = target.name
        clean[target.name] = index
    return clean


def check_import(actor, record: DossierImport, mapping: dict):
    """Saves the mapping and starts the dry run: every row checked, nothing written."""
    return _start_import_run(actor, record, mapping=mapping, dry_run=True)


def start_import(actor, record: DossierImport):
    """Starts the import of a file whose dry run with the same mapping found no error."""
    return _start_import_run(actor, record, mapping=None, dry_run=False)


def _start_import_run(actor, record: DossierImport, *, mapping: dict | None, dry_run: bool):
    if not may_import(actor) or not visible_imports(actor).filter(pk=record.pk).exists():
        raise PermissionDeniedError()
    with transaction.atomic():
        record = DossierImport.objects.select_for_update().get(pk=record.pk)
        if record.is_busy:
            raise DomainError(_("Tệp này đang được kiểm tra hoặc nhập; hãy chờ kết thúc."))
        if record.status == ImportStatus.IMPORTED:
            raise DomainError(_("Tệp này đã được nhập."))
        if dry_run:
            record.mapping = _validated_mapping(record, mapping)
            record.checked_mapping = None
            record.status = ImportStatus.CHECKING
            title = _("Kiểm tra tệp %(f)s") % {"f": record.original_name}
        else:
            if not record.can_import:
                raise DomainError(_("Hãy kiểm tra tệp (không còn lỗi) trước khi nhập."))
            record.status = ImportStatus.IMPORTING
            title = _("Nhập hồ sơ từ tệp %(f)s") % {"f": record.original_name}
        record.errors = []
        record.job = start_job(
            kind="dossier-import", title=title, user=actor, task=sheet_import_job, import_id=record.pk, dry_run=dry_run
        )
        record.save()
    return record.job


def import_later(actor, rows: list, *, dry_run: bool) -> BackgroundJob:
    """A large JSON import as a background job (the API answers 202 with it): the rows wait in a
    file for the worker, and the job's result file keeps the answer the API would have given."""
    if not may_import(actor):
        raise PermissionDeniedError()
    name = default_storage.save(f"imports/api/{uuid.uuid4().hex}.json", ContentFile(json.dumps(rows).encode()))
    if dry_run:
        title = _("Kiểm tra %(n)s hồ sơ cũ gửi qua API") % {"n": len(rows)}
    else:
        title = _("Nhập %(n)s hồ sơ cũ gửi qua API") % {"n": len(rows)}
    with transaction.atomic():
        return start_job(kind=API_IMPORT_JOB, title=title, user=actor, task=api_import_job, name=name, dry_run=dry_run)


def import_result(job: BackgroundJob) -> dict | None:
    """The answer of a finished API import job (the synchronous answer's body), else None."""
    if job.kind != API_IMPORT_JOB or job.status != JobStatus.SUCCEEDED or not job.result_file:
        return None
    with job.result_file.open("rb") as handle:
        return json.load(handle)
