"""Who may see, act on and assign which dossiers and steps.

The permission predicates and the row scopes that ``Dossier.objects.restrict`` and
``Step.objects.restrict`` apply; services and views ask these, never role names, so a province can
give a role more or less in ``permissions.ROLE_PERMISSIONS`` without touching the code.

A dossier belongs to the division that owns its procedure (``Procedure.division``); a procedure
with no owning division follows the division of the dossier's responsible officer.

Actions:
- ``view``: read the dossier, its steps, documents and printed forms;
- ``change``: act on the dossier as a whole (pause, explanation, apology, withdrawal, documents);
- ``act``: complete a step;
- ``assign``: give a step to someone else.
"""

from django.db.models import Q

ACTIONS = ("view", "change", "act", "assign")

VIEW_ALL = "dossiers.view_all_dossiers"
ASSIGN = "dossiers.assign_dossier"
RECEIVE = "dossiers.receive_dossier"
PROCESS = "dossiers.process_dossier"


def _check(action: str) -> None:
    if action not in ACTIONS:
        raise ValueError(f"Unknown dossier action {action!r}; use one of {ACTIONS}")


def is_active(user) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False) and user.is_active)


def sees_all_dossiers(user) -> bool:
    """The department's leaders, the administrators and the reception desk read every dossier."""
    return is_active(user) and user.has_perm(VIEW_ALL)


def assigns_work(user) -> bool:
    """Division heads (their division's dossiers) and administrators (every dossier)."""
    return is_active(user) and user.has_perm(ASSIGN)


def processes_dossiers(user) -> bool:
    """Those who work on dossiers at all (a viewer reads figures only)."""
    return is_active(user) and (user.has_perm(PROCESS) or user.has_perm(ASSIGN) or user.has_perm(RECEIVE))


def sees_dossiers(user) -> bool:
    """Whether ``user`` may see any dossier at all, so pages and the menu do not offer a list that
    is empty by role rather than by data."""
    return sees_all_dossiers(user) or processes_dossiers(user)


def led_division(user):
    """The division whose dossiers ``user`` leads, or None (no division, or sees every dossier)."""
    if not assigns_work(user) or sees_all_dossiers(user):
        return None
    return user.division_id


def division_q(division_id, prefix: str = "") -> Q:
    """Dossiers (or, with ``prefix="dossier__"``, steps) of the division."""
    return Q(**{f"{prefix}procedure__division_id": division_id}) | Q(
        **{f"{prefix}procedure__division__isnull": True, f"{prefix}responsible__division_id": division_id}
    )


def dossier_scope(queryset, user, action: str):
    """``queryset`` of dossiers narrowed to those ``user`` may ``action``."""
    from .models import Step

    _check(action)
    if action == "act":  # acting on a dossier as a whole is changing it
        action = "change"
    if not is_active(user):
        return queryset.none()
    if action == "change" and not processes_dossiers(user):
        return queryset.none()
    if action == "assign":
        if not assigns_work(user):
            return queryset.none()
        if sees_all_dossiers(user):
            return queryset
        division = led_division(user)
        return queryset.filter(division_q(division)) if division else queryset.none()
    if sees_all_dossiers(user):
        return queryset
    # The dossiers of the user's steps are read once (IN), not searched for dossier by dossier
    # (EXISTS), which SQLite answers by scanning all the user's steps each time.
    mine = Q(responsible=user) | Q(pk__in=Step.objects.filter(assignee=user).values("dossier_id"))
    division = led_division(user)
    if division:
        mine |= division_q(division)
    return queryset.filter(mine)


def step_scope(queryset, user, action: str):
    """``queryset`` of steps narrowed to those ``user`` may ``action``: one's own step is always
    theirs to complete; a division head also completes and reassigns the steps of the division's
    dossiers; an administrator any step."""
    _check(action)
    if not is_active(user):
        return queryset.none()
    own = Q(assignee=user)
    if action == "assign" and not assigns_work(user):
        return queryset.none()
    if action == "change":
        action = "act"
    if action == "view" and sees_all_dossiers(user):
        return queryset
    if action in ("act", "assign") and sees_all_dossiers(user) and assigns_work(user):
        return queryset
    division = led_division(user)
    if action == "view":
        scope = own | Q(dossier__responsible=user)
    elif action == "act":
        scope = own
    else:
        scope = Q(pk__in=[])
    if division:
        scope |= division_q(division, "dossier__")
    return queryset.filter(scope)
