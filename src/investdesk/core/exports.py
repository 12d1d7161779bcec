"""A list's export (``ObjectListView.export_filename`` and ``build_export``): direct when it is
small, a background job when it is large.

A month of a province's register is tens of thousands of rows and takes many seconds to write: in
the request it would hold a server worker and outlast proxies' time limits. Above
``settings.EXPORT_BACKGROUND_ROWS`` the export becomes a ``BackgroundJob`` that the requester
watches on the job page and downloads from there. The job reads the rows again as the requester,
through the same view, filters and ``restrict``, so it holds only what that person may see when it
runs; the file is then served to the requester alone (``may_download``).
"""

import hashlib
import secrets
from collections.abc import Iterable, Iterator
from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.http import HttpRequest, QueryDict
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from .choices import JobStatus
from .downloads import XLSX, attachment
from .exceptions import PermissionDeniedError
from .formatting import format_number
from .jobs import Progress, start_job
from .models import BackgroundJob

EXPORT_KIND = "list-export"
CHUNK = 2000
# Progress goes to the shared cache: once per this many rows is often enough for a progress bar.
PROGRESS_EVERY = 500


def respond(view):
    """The answer to ``?format=xlsx`` on ``view``'s list: the file, a job, or a refusal.

    A large export is started only by a POST (the list's export button): a GET of the same address
    (a bookmark, a link opened twice, a prefetch) asks first, so no work is queued by reading."""
    request = view.request
    if not view.may_export():
        raise PermissionDenied
    refusal = view.export_refusal()
    if refusal:
        messages.error(request, refusal)
        return redirect(view.filtered_url())
    rows = view.export_rows()
    count = rows.count()
    if view.export_limit is not None and count > view.export_limit:
        messages.error(
            request,
            _("Quá %(n)s dòng: hãy lọc bớt (theo kỳ, thủ tục…) rồi tải lại.") % {"n": format_number(view.export_limit)},
        )
        return redirect(request.path)
    if count > settings.EXPORT_BACKGROUND_ROWS:
        if request.method != "POST":
            return render(
                request,
                "core/export_confirm.html",
                {
                    "title": _("Xuất %(list)s") % {"list": view.export_title()},
                    "count": format_number(count),
                    "list_url": view.filtered_url(),
                    "list_title": view.title or view.export_title(),
                },
            )
        job = start_export(view, count)
        messages.info(request, _("Danh sách có %(n)s dòng: tệp được lập ở chế độ nền.") % {"n": format_number(count)})
        return redirect(job)
    return attachment(view.build_export(rows.iterator(chunk_size=CHUNK)), view.export_filename, XLSX)


def start_export(view, count: int):
    """A job for the export, or the one already waiting or running for the same person, list and
    filters: reloading the page, or a link followed twice, does not queue the same work again."""
    from .tasks import list_export_job

    view_class = type(view)
    path = f"{view_class.__module__}.{view_class.__qualname__}"
    query = view.request.GET.urlencode()
    key = "investdesk:export:" + hashlib.sha256(f"{view.request.user.pk}|{path}|{query}".encode()).hexdigest()
    under_way = cache.get(key)
    if under_way:
        job = BackgroundJob.objects.filter(
            pk=under_way, created_by=view.request.user, status__in=[JobStatus.QUEUED, JobStatus.RUNNING]
        ).first()
        if job is not None:
            return job
    job = start_job(
        kind=EXPORT_KIND,
        title=_("Xuất %(list)s (%(n)s dòng)") % {"list": view.export_title(), "n": format_number(count)},
        user=view.request.user,
        task=list_export_job,
        view=path,
        query=query,
        language=translation.get_language() or settings.LANGUAGE_CODE,
    )
    cache.set(key, job.pk, timeout=24 * 3600)
    return job


def run_export(job, progress: Progress, *, view: str, query: str, language: str) -> str:
    """Builds the file of an export job as its requester would have had it, and attaches it."""
    from .generic import ObjectListView

    view_class = import_string(view)
    if not (isinstance(view_class, type) and issubclass(view_class, ObjectListView)):
        raise ValueError(f"{view} is not a list page")
    request = HttpRequest()
    request.method = "GET"
    request.GET = QueryDict(query)
    request.user = job.created_by
    request.htmx = False
    page = view_class()
    page.setup(request)
    # Asked again now: the person may have lost the right since the request.
    if not request.user.is_active or not page.may_export():
        raise PermissionDeniedError(_("Bạn không còn quyền xuất danh sách này."))
    with translation.override(language):
        rows = page.export_rows()
        total = rows.count()
        progress(0, total)
        content = page.build_export(counted(rows.iterator(chunk_size=CHUNK), progress, total))
        # A folder of its own per job, so the file downloads under the list's own name.
        stored = f"jobs/exports/{job.pk}-{secrets.token_hex(4)}/{page.export_filename}"
        job.result_file.name = job.result_file.storage.save(stored, ContentFile(content))
        return _("Đã xuất %(n)s dòng.") % {"n": format_number(total)}


def counted(rows: Iterable, progress: Progress, total: int) -> Iterator:
    """``rows`` as they are written, telling ``progress`` every ``PROGRESS_EVERY`` rows."""
    done = 0
    for row in rows:
        yield row
        done += 1
        if done % PROGRESS_EVERY == 0:
            progress(done, total)
    progress(done, total)


def may_download(job, user) -> bool:
    """An export holds rows chosen by its requester's rights: only they download it. Other results
    (a backup) are also open to the administrators."""
    if job.created_by_id == user.pk:
        return True
    return job.kind != EXPORT_KIND and user.is_administrator


def forget_old_exports(now=None) -> int:
    """Deletes the files of exports finished more than ``EXPORT_KEEP_DAYS`` ago: they hold people's
    data as it was that day, and the list exports again in a moment. The job stays, saying so."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.EXPORT_KEEP_DAYS)
    old = BackgroundJob.objects.filter(kind=EXPORT_KIND, finished_at__lt=cutoff).exclude(result_file="")
    forgotten = 0
    for job in old.iterator():
        job.result_file.delete(save=False)
        job.message = _("Tệp đã được xóa sau %(n)s ngày; hãy xuất lại từ danh sách.") % {"n": settings.EXPORT_KEEP_DAYS}
        job.save(update_fields=["result_file", "message"])
        forgotten += 1
    return forgotten
