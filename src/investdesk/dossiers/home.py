"""The home page's "Việc của tôi" card: one's open steps, the most urgent first; for a person who
sees no single dossier (the viewer), the year's on-time figures and the way to the reports instead."""

from datetime import date

from django.conf import settings
from django.utils import timezone

from . import stats
from .access import sees_dossiers
from .models import Step


def figures_panel() -> dict:
    year = timezone.localdate().year
    period = stats.Period.of(date(year, 1, 1), date(year, 12, 31))
    return {
        "template": "dossiers/_home_figures.html",
        "context": {
            "year": year,
            "forecast": stats.forecast_year_end(year),
            "summary": stats.summary(period),
            "target": settings.ON_TIME_TARGET,
        },
    }


def panels(request) -> list[dict]:
    if not sees_dossiers(request.user):
        return [figures_panel()] if request.user.role_codes else []
    mine = Step.objects.open().filter(assignee=request.user)
    now = timezone.now()
    return [
        {
            "template": "dossiers/_home_panel.html",
            "context": {
                "steps": mine.select_related("dossier", "dossier__procedure").order_by("due_at", "started_at")[:6],
                "total": mine.count(),
                "overdue": mine.filter(due_at__lt=now).count(),
            },
        }
    ]
