"""The home page's card of quality actions: one's own open actions, the late ones first."""

from .models import Action


def panels(request) -> list[dict]:
    mine = Action.objects.open().filter(owner=request.user)
    total = mine.count()
    if not total:
        return []
    return [
        {
            "template": "quality/_home_panel.html",
            "context": {
                "actions": mine.select_related("plan").order_by("due_on")[:5],
                "total": total,
                "overdue": mine.overdue().count(),
            },
        }
    ]
