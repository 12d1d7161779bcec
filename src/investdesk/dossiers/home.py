"""The home page's "Việc của tôi" card: one's open steps, the most urgent first."""

from django.utils import timezone

from .models import Step


def panels(request) -> list[dict]:
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
