"""The home page's card of the late projects the person monitors, the longest delay first."""

from . import access
from .models import Project


def panels(request) -> list[dict]:
    if not access.sees_projects(request.user):
        return []
    mine = Project.objects.restrict(request.user).late().filter(officer=request.user)
    total = mine.count()
    if not total:
        return []
    return [
        {
            "template": "projects/_home_panel.html",
            "context": {"projects": mine.order_by("-delay_months", "code")[:5], "total": total},
        }
    ]
