"""Shared views: the home page, /health, job progress, notifications, the system page.

The generic object views live in ``core.generic`` and are re-exported here."""

from importlib import import_module, util

from django.apps import apps
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required, permission_required
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from . import services
from .downloads import stored_file
from .exports import may_download
from .generic import ObjectListView, object_history  # noqa: F401 (the import path apps use)
from .jobs import with_live_progress
from .models import BackgroundJob, Notification, WorkerHeartbeat


def home_panels(request) -> list[dict]:
    """Cards for the home page from every app with a ``home.py`` (``panels(request)``)."""
    panels = []
    for config in apps.get_app_configs():
        dotted = f"{config.name}.home"
        if config.name.startswith("investdesk.") and util.find_spec(dotted) is not None:
            panels.extend(import_module(dotted).panels(request))
    return panels


@require_GET
def home(request):
    return render(request, "core/home.html", {"person": request.user, "panels": home_panels(request)})


@login_not_required
@never_cache
@require_GET
def health(request):
    """Database and worker status for monitoring: 200 when both are well, 503 otherwise."""
    report = {"database": "ok", "worker": "ok", "last_heartbeat": None}
    healthy = True
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        beat = WorkerHeartbeat.objects.order_by("-beat_at").values_list("beat_at", flat=True).first()
    except Exception:
        report["database"] = "error"
        report["worker"] = "unknown"
        healthy = False
    else:
        if beat is not None:
            report["last_heartbeat"] = beat.isoformat()
        if beat is None or timezone.now() - beat > settings.WORKER_HEARTBEAT_MAX_AGE:
            report["worker"] = "stale"
            healthy = False
    report["status"] = "ok" if healthy else "degraded"
    return JsonResponse(report, status=200 if healthy else 503)


def job_detail(request, pk: int):
    job = get_object_or_404(BackgroundJob, pk=pk)
    if job.created_by_id != request.user.pk and not request.user.is_administrator:
        raise PermissionDenied
    with_live_progress(job)
    template = "core/job.html#progress" if request.htmx else "core/job.html"
    context = {"job": job, "title": job.title, "may_download": may_download(job, request.user)}
    return render(request, template, context)


def job_result(request, pk: int):
    job = get_object_or_404(BackgroundJob, pk=pk)
    if not may_download(job, request.user):
        raise PermissionDenied
    if not job.result_file:
        raise Http404(_("Công việc này không có tệp kết quả."))
    return stored_file(job.result_file)


def csrf_failure(request, reason=""):
    return render(
        request,
        "core/error.html",
        {
            "title": _("Phiên làm việc đã hết hạn"),
            "message": _("Biểu mẫu đã hết hiệu lực (có thể do để trang mở quá lâu). Hãy tải lại trang và thử lại."),
        },
        status=403,
    )


def bad_request(request, exception=None):
    return render(request, "core/error.html", {"title": _("Yêu cầu không hợp lệ"), "message": ""}, status=400)


def permission_denied(request, exception=None):
    return render(
        request,
        "core/error.html",
        {
            "title": _("Không có quyền truy cập"),
            "message": _("Bạn không có quyền xem trang hoặc thực hiện thao tác này."),
        },
        status=403,
    )


def page_not_found(request, exception=None):
    return render(
        request,
        "core/error.html",
        {
            "title": _("Không tìm thấy trang"),
            "message": _("Trang bạn tìm không tồn tại, đã bị chuyển đi hoặc nằm ngoài phạm vi bạn được xem."),
        },
        status=404,
    )


def server_error(request):
    return render(
        request,
        "core/error.html",
        {
            "title": _("Lỗi hệ thống"),
            "message": _("Hệ thống gặp lỗi khi xử lý yêu cầu. Quản trị viên đã được ghi nhận lỗi này."),
        },
        status=500,
    )


DATABASE_LABELS = {"sqlite": _lazy("SQLite (một máy)"), "postgresql": "PostgreSQL"}


@permission_required("accounts.manage_system", raise_exception=True)
def system(request):
    """The administrator's view of the installation: database, workers, backups."""
    heartbeats = WorkerHeartbeat.objects.order_by("-beat_at")[:10]
    now = timezone.now()
    workers = []
    for beat in heartbeats:
        # Workers call themselves "host:process id".
        host, _sep, pid = beat.name.rpartition(":")
        workers.append(
            {
                "host": host or beat.name,
                "pid": pid if host else "",
                "beat_at": beat.beat_at,
                "alive": now - beat.beat_at <= settings.WORKER_HEARTBEAT_MAX_AGE,
            }
        )
    backups = BackgroundJob.objects.filter(kind="backup").select_related("created_by")[:20]
    return render(
        request,
        "core/system.html",
        {
            "title": _("Hệ thống"),
            "database_vendor": DATABASE_LABELS.get(connection.vendor, connection.vendor),
            "queue": "Redis" if settings.REDIS_URL else _("SQLite (một máy)"),
            "workers": workers,
            "backups": backups,
        },
    )


@require_POST
@permission_required("accounts.manage_system", raise_exception=True)
def backup_start(request):
    job = services.start_backup(request.user)
    messages.info(request, _("Đã đưa yêu cầu sao lưu vào hàng đợi."))
    return redirect(job)


def notification_list(request):
    """The person's notifications, newest first; opening the page marks them read."""
    items = list(Notification.objects.filter(recipient=request.user)[:100])
    services.mark_read(request.user, [n.pk for n in items if n.read_at is None])
    return render(request, "core/notifications.html", {"items": items, "title": _("Thông báo")})
