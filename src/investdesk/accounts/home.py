"""The administrator's home cards: the installation's state, the people, the year's calendar and the
latest changes to accounts, so the first page answers "is everything running and who needs me"."""

from axes.models import AccessAttempt
from django.conf import settings
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _

from investdesk.core.models import BackgroundJob, WorkerHeartbeat
from investdesk.worktime.loader import get_calendar

from .models import User


def panels(request) -> list[dict]:
    if not request.user.has_perm("accounts.manage_system"):
        return []
    now = timezone.now()
    beat = WorkerHeartbeat.objects.order_by("-beat_at").values_list("beat_at", flat=True).first()
    locked_names = set(
        AccessAttempt.objects.filter(
            failures_since_start__gte=settings.AXES_FAILURE_LIMIT,
            attempt_time__gte=now - settings.AXES_COOLOFF_TIME,
        ).values_list("username", flat=True)
    )
    today = timezone.localdate()
    calendar = get_calendar()
    year_days_off = sorted(day for day in calendar.days_off if day.year == today.year)
    upcoming = [{"date": day, "note": calendar.notes.get(day)} for day in year_days_off if day >= today][:4]
    return [
        {
            "template": "accounts/_home_admin.html",
            "context": {
                "database": _("SQLite (một máy)") if connection.vendor == "sqlite" else "PostgreSQL",
                "worker_alive": beat is not None and now - beat <= settings.WORKER_HEARTBEAT_MAX_AGE,
                "worker_beat": beat,
                "last_backup": BackgroundJob.objects.filter(kind="backup").order_by("-created_at").first(),
                "active_people": User.objects.filter(is_active=True).count(),
                "inactive_people": User.objects.filter(is_active=False).count(),
                "locked": list(User.objects.filter(username__in=locked_names).order_by("full_name")),
                "year": today.year,
                "days_off": len(year_days_off),
                "working_weekends": sum(1 for day in calendar.extra_working_days if day.year == today.year),
                "upcoming": upcoming,
                "changes": User.history.select_related("history_user").order_by("-history_date")[:5],
            },
        }
    ]
