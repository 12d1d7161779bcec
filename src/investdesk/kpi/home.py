"""The home page's KPI card: my current scoring period — items open and late, the score so far, where
the evaluation stands — with a link to the period. Read only: nothing is started by looking."""

from django.urls import reverse
from django.utils import timezone

from . import services
from .models import Evaluation, WorkItem


def panels(request) -> list[dict]:
    user = request.user
    if not user.is_active or user.position_id is None:  # only the staff who are evaluated
        return []
    period = services.find_period(timezone.localdate())
    evaluation = Evaluation.objects.filter(person=user, period=period).first() if period.pk else None
    if evaluation is None:
        evaluation = services.draft_evaluation(user, period)
    else:
        services.refresh(evaluation)
    overdue = 0
    if period.pk:
        overdue = WorkItem.objects.filter(
            person=user, period=period, withdrawn=False, finished_at__isnull=True, deadline__lt=timezone.now()
        ).count()
    return [
        {
            "template": "kpi/_home_panel.html",
            "context": {
                "period": period,
                "evaluation": evaluation,
                "started": evaluation.pk is not None,
                "overdue": overdue,
                "url": reverse("kpi:person_period", args=[user.pk, period.code]),
                "open_url": reverse("kpi:items") + f"?person={user.pk}&period={period.code}&state=open",
                "late_url": reverse("kpi:items") + f"?person={user.pk}&period={period.code}&state=late",
            },
        }
    ]
