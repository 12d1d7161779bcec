"""Who may read and change which projects.

Services, views and the API ask these predicates, never role names; which role holds which
permission is in ``permissions.ROLE_PERMISSIONS``.

Actions on a project:
- ``view``: read the project and everything that hangs off it (anyone with ``view_project``:
  officers, division heads, the department's leaders, viewers);
- ``change``: create and edit the project, its milestones, reports and inspections (officers and
  heads of the project's own division; administrators everywhere);
- ``confirm``: confirm a decision version (the head of the project's division);
- ``close``: close an inspection (the head of the project's division).
"""

from django.db.models import Q

ACTIONS = ("view", "change", "confirm", "close")

VIEW = "projects.view_project"
ADD = "projects.add_project"
CHANGE = "projects.change_project"
CONFIRM = "projects.confirm_decision"
CLOSE = "projects.close_inspection"
ALL_DIVISIONS = "projects.edit_all_projects"

_ACTION_PERMISSION = {"view": VIEW, "change": CHANGE, "confirm": CONFIRM, "close": CLOSE}


def is_active(user) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False) and user.is_active)


def sees_projects(user) -> bool:
    return is_active(user) and user.has_perm(VIEW)


def may_create_project(user) -> bool:
    return is_active(user) and user.has_perm(ADD) and (user.division_id is not None or user.has_perm(ALL_DIVISIONS))


def may_manage_investors(user) -> bool:
    return is_active(user) and user.has_perm(CHANGE)


def may_import(user) -> bool:
    return may_create_project(user) and user.has_perm(CHANGE)


def _may(user, project, action: str) -> bool:
    if action not in ACTIONS:
        raise ValueError(f"Unknown project action {action!r}; use one of {ACTIONS}")
    if not is_active(user) or not user.has_perm(_ACTION_PERMISSION[action]):
        return False
    if action == "view" or user.has_perm(ALL_DIVISIONS):
        return True
    return project.division_id is not None and project.division_id == user.division_id


def can_view_project(user, project) -> bool:
    return _may(user, project, "view")


def can_edit_project(user, project) -> bool:
    return _may(user, project, "change")


def can_confirm_decision(user, project) -> bool:
    return _may(user, project, "confirm")


def can_close_inspection(user, project) -> bool:
    return _may(user, project, "close")


def project_scope(queryset, user, action: str, prefix: str = ""):
    """``queryset`` (of projects, or with ``prefix="project__"`` of rows hanging off one) narrowed to
    those ``user`` may ``action``."""
    if action not in ACTIONS:
        raise ValueError(f"Unknown project action {action!r}; use one of {ACTIONS}")
    if not is_active(user) or not user.has_perm(_ACTION_PERMISSION[action]):
        return queryset.none()
    if action == "view" or user.has_perm(ALL_DIVISIONS):
        return queryset
    if user.division_id is None:
        return queryset.none()
    return queryset.filter(Q(**{f"{prefix}division_id": user.division_id}))


def investor_scope(queryset, user, action: str):
    """Investors are shared reference data: anyone who reads projects reads them, anyone who
    edits projects keeps them."""
    if action == "view":
        return queryset if sees_projects(user) else queryset.none()
    return queryset if may_manage_investors(user) else queryset.none()


def import_scope(queryset, user):
    """Imports of project lists: those who may import see their own division's (a colleague carries
    on a check someone else began); with ``edit_all_projects``, every division's."""
    if not may_import(user):
        return queryset.none()
    if user.has_perm(ALL_DIVISIONS):
        return queryset
    if user.division_id is None:
        return queryset.filter(uploaded_by=user)
    return queryset.filter(uploaded_by__division_id=user.division_id)


def saved_filter_scope(queryset, user, action: str):
    """Saved filters: ``view`` one's own and those shared with one's groups; ``change`` one's own."""
    if not sees_projects(user):
        return queryset.none()
    if action == "view":
        return queryset.filter(Q(owner=user) | Q(shared_with__in=user.groups.all()))
    if action in ("change", "delete"):
        return queryset.filter(owner=user)
    return queryset.none()
