"""The home page's KPI card: my current scoring period — items open and late, the score so far, where
the evaluation stands — with a link to the period. Read only: nothing is started by looking.

Every home page shows it, so it reads the rule, the period, the evaluation and the items once each
and works out the rest (the score, the overdue count) from them."""

from django.urls import reverse
from django.utils import timezone

from . import services
from .models import Evaluation, WorkItem


def panels(request) -> list[dict]:
    user = request.user
    if not user.is_active or user.position_id is None:  # only the staff who are evaluated
        return []
    period, rule = services.find_period_and_rule(timezone.localdate())
    evaluation, items = None, []
    if period.pk:
        evaluation = Evaluation.objects.filter(person=user, period=period).first()
        items = list(WorkItem.objects.filter(person=user, period=period, withdrawn=False))
    if evaluation is None:
        evaluation = services.draft_evaluation(user, period, rule, items)
    else:
        evaluation.period = period
        services.refresh(evaluation, rule, items)
    now = timezone.now()
    overdue = sum(1 for item in items if item.finished_at is None and item.deadline and item.deadline < now)
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
