"""Who may see, act on and assign which dossiers and steps.

The permission predicates (``can_complete(user, step)``, ``can_pause(user, dossier)``, …) and the
row scopes that ``Dossier.objects.restrict`` and ``Step.objects.restrict`` apply. Services check
these before every change, views ask them which buttons to show, the API before answering; none of
them names a role, so a province can give a role more or less in ``permissions.ROLE_PERMISSIONS``
without touching the code.

A dossier belongs to the division that owns its procedure (``Procedure.division``); a procedure
with no owning division follows the division of the dossier's responsible officer.

Actions of the row scopes:
- ``view``: read the dossier, its steps, documents and printed forms;
- ``change``: act on the dossier as a whole (pause, explanation, apology, withdrawal, documents);
- ``act``: complete a step;
- ``assign``: give a step to someone else.
"""

from django.apps import apps
from django.conf import settings
from django.db.models import Q

ACTIONS = ("view", "change", "act", "assign")

VIEW_ALL = "dossiers.view_all_dossiers"
ASSIGN = "dossiers.assign_dossier"
RECEIVE = "dossiers.receive_dossier"
PROCESS = "dossiers.process_dossier"
APOLOGISE = "dossiers.apologise_dossier"


def _check(action: str) -> None:
    if action not in ACTIONS:
        raise ValueError(f"Unknown dossier action {action!r}; use one of {ACTIONS}")


# What a person may do at all (by permission) ------------------------------------------------------


def is_active(user) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False) and user.is_active)


def sees_all_dossiers(user) -> bool:
    """The department's leaders, the administrators and the reception desk read every dossier."""
    return is_active(user) and user.has_perm(VIEW_ALL)


def assigns_work(user) -> bool:
    """Division heads (their division's dossiers) and administrators (every dossier)."""
    return is_active(user) and user.has_perm(ASSIGN)


def receives_dossiers(user) -> bool:
    """The one-stop desk (and administrators): receipt, refusal, withdrawal, explanations arriving."""
    return is_active(user) and user.has_perm(RECEIVE)


def processes_dossiers(user) -> bool:
    """Those who work on dossiers at all (a viewer reads figures only)."""
    return is_active(user) and (user.has_perm(PROCESS) or user.has_perm(ASSIGN) or user.has_perm(RECEIVE))


def sees_dossiers(user) -> bool:
    """Whether ``user`` may see any dossier at all, so pages and the menu do not offer a list that
    is empty by role rather than by data."""
    return sees_all_dossiers(user) or processes_dossiers(user)


def can_import(user) -> bool:
    """The reception desk and the division's leaders bring in the history of their own dossiers."""
    return receives_dossiers(user) or assigns_work(user)


def sees_all_imports(user) -> bool:
    """An import is seen by the person who uploaded it, and by those who assign work (the head)."""
    return assigns_work(user) or bool(getattr(user, "is_administrator", False))


def led_division(user):
    """The division whose dossiers ``user`` leads, or None (no division, or sees every dossier)."""
    if not assigns_work(user) or sees_all_dossiers(user):
        return None
    return user.division_id


# Which rows (the one definition both querysets' ``restrict`` apply) -------------------------------
#
# A scope is written so that each part follows an index (docs/decisions.md): an OR of "the
# division's procedures", "responsible for it" and "holds one of its steps" makes SQLite (and often
# PostgreSQL) read every dossier to test each row, which at a province's volume is most of the time
# of the list, its count, the search and the register. So the division's rows are a plain
# ``procedure IN (…)`` of the few procedures the division owns, and one's own rows are a union of key
# sets read through their indexes, looked for only among the dossiers outside the division.


def _procedures_by_division() -> list[tuple[int, int | None]]:
    return list(apps.get_model("procedures", "Procedure").objects.values_list("pk", "division_id"))


def _own_dossier_keys(user, procedures=None):
    """The keys of the dossiers ``user`` is responsible for or holds a step of (among ``procedures``
    only, when given), as one union of two index lookups."""
    dossiers = apps.get_model("dossiers", "Dossier").objects.filter(responsible=user)
    steps = apps.get_model("dossiers", "Step").objects.filter(assignee=user)
    if procedures is not None:
        dossiers = dossiers.filter(procedure_id__in=procedures)
        steps = steps.filter(dossier__procedure_id__in=procedures)
    return dossiers.values("pk").union(steps.values("dossier_id"))


def _division_rows(division_id, procedures, prefix: str, own: Q | None) -> Q | None:
    """The led division's rows (dossiers, or steps with ``prefix``) and ``own`` rows besides, given
    ``procedures`` as (pk, owning division). None: every row is the division's."""
    owned = [pk for pk, division in procedures if division == division_id]
    outside = [pk for pk, division in procedures if division != division_id]
    if not outside:
        return None  # every procedure is the division's: its rows are all the rows
    unowned = [pk for pk, division in procedures if division is None]
    rows = Q(**{f"{prefix}procedure_id__in": owned})
    if unowned:
        User = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
        members = User.objects.filter(division_id=division_id).values("pk")
        rows |= Q(**{f"{prefix}procedure_id__in": unowned, f"{prefix}responsible_id__in": members})
    if own is not None:
        rows |= own
    return rows


def _reaches_every_row(user, action: str, prefix: str) -> bool:
    """Whether ``user`` reaches every row, as a reader of every dossier or as a leader of work,
    whether the rows are dossiers or their steps (``prefix``)."""
    if action == "view" and sees_all_dossiers(user):
        return True
    if action in ("change", "act") and prefix == "" and sees_all_dossiers(user):
        return True  # the desk and the leaders act on every dossier as a whole
    # An administrator completes and reassigns any step.
    return action in ("act", "assign") and sees_all_dossiers(user) and assigns_work(user)


def scope(queryset, user, action: str):
    """``queryset`` of dossiers or of steps narrowed to those ``user`` may ``action``.

    Dossiers: one's own (responsible for it, or holding a step of it) for view and change; the
    led division's; every dossier for those who read them all. Steps: one's own to view and
    complete, and to view the steps of the dossiers one is responsible for; the led division's to
    view, complete and reassign; any step for an administrator."""
    _check(action)
    is_step = queryset.model is apps.get_model("dossiers", "Step")
    prefix = "dossier__" if is_step else ""
    if not is_active(user):
        return queryset.none()
    if action == "assign" and not assigns_work(user):
        return queryset.none()
    if is_step:
        action = "act" if action == "change" else action
    else:
        action = "change" if action == "act" else action  # acting on a dossier as a whole is changing it
        if action == "change" and not processes_dossiers(user):
            return queryset.none()
    if _reaches_every_row(user, action, prefix):
        return queryset
    division = led_division(user)
    if is_step:
        if action == "assign":
            own = None
        elif action == "act":
            own = Q(assignee=user)
        else:
            own = Q(assignee=user) | Q(dossier__responsible=user)
        if not division:
            return queryset.filter(own) if own is not None else queryset.none()
    elif not division:
        return queryset.none() if action == "assign" else queryset.filter(pk__in=_own_dossier_keys(user))
    procedures = _procedures_by_division()
    if not is_step:
        # One's own dossiers matter only outside the division, whose rows are all seen anyway.
        outside = [pk for pk, owner in procedures if owner != division]
        own = Q(pk__in=_own_dossier_keys(user, outside)) if outside and action != "assign" else None
    rows = _division_rows(division, procedures, prefix, own)
    return queryset if rows is None else queryset.filter(rows)


def _reaches(user, row, action: str) -> bool:
    """Whether ``row`` is in ``user``'s scope for ``action``, asked once per row object: a page
    asking several predicates of one dossier reads each scope once."""
    known = row.__dict__.setdefault("_access_reaches", {})
    key = (getattr(user, "pk", None), action)
    if key not in known:
        rows = type(row).objects.restrict(user, action)
        # A scope of every row (a leader's, an administrator's) needs no query to answer.
        everything = not rows.query.is_empty() and not rows.query.has_filters()
        known[key] = everything or rows.filter(pk=row.pk).exists()
    return known[key]


# What a person may do to this dossier or step (services check, views show, the API answers) ------


def can_view(user, dossier) -> bool:
    return is_active(user) and _reaches(user, dossier, "view")


def can_complete(user, step) -> bool:
    """The step's assignee, the head of the dossier's division, an administrator."""
    return is_active(user) and _reaches(user, step, "act")


def can_reassign(user, step) -> bool:
    """The head of the dossier's division, an administrator."""
    return assigns_work(user) and _reaches(user, step, "assign")


def handles(user, dossier) -> bool:
    """The dossier is in ``user``'s hands: its responsible officer, or the holder of an open step."""
    if not is_active(user):
        return False
    return dossier.responsible_id == user.pk or dossier.steps.filter(assignee=user, finished_at__isnull=True).exists()


def leads(user, dossier) -> bool:
    """``user`` leads the work on the dossier: the head of its division, an administrator."""
    return assigns_work(user) and _reaches(user, dossier, "assign")


def can_pause(user, dossier) -> bool:
    """Stop the clock to ask the investor for something: the person handling the dossier and the
    one who leads its division's work."""
    return processes_dossiers(user) and (leads(user, dossier) or handles(user, dossier))


def can_request_explanation(user, dossier) -> bool:
    """Ask the investor to explain (NĐ 96/2026 Điều 6 khoản 1 điểm đ): a pause."""
    return can_pause(user, dossier)


def can_receive_explanation(user, dossier) -> bool:
    """Record the explanation that arrived: those who may pause, and the desk it arrives at."""
    return can_pause(user, dossier) or (receives_dossiers(user) and _reaches(user, dossier, "change"))


def can_request_supplement_again(user, dossier) -> bool:
    """A second supplementation request is exceptional: the head of the division decides it."""
    return leads(user, dossier)


def can_extend_with_apology(user, dossier) -> bool:
    """Send the apology and new appointment (form 04): whoever holds the permission, on the
    dossiers they may change (the leaders every dossier, a head the division's)."""
    return is_active(user) and user.has_perm(APOLOGISE) and _reaches(user, dossier, "change")


def can_record_late_apology(user) -> bool:
    """An apology sent after the due time is recorded only by an administrator (flagged late)."""
    return bool(is_active(user) and getattr(user, "is_administrator", False))


def can_withdraw(user, dossier) -> bool:
    """Record the investor's withdrawal: the desk and the division's leaders."""
    return (receives_dossiers(user) or assigns_work(user)) and _reaches(user, dossier, "change")


def can_stop(user, dossier) -> bool:
    """Stop processing (form 05): the head of the dossier's division, an administrator."""
    return leads(user, dossier)


def can_attach_document(user, dossier) -> bool:
    return _reaches(user, dossier, "change")


def can_name_project(user) -> bool:
    """Whether the receipt form offers to name the project: the project database is installed and
    the person reads it (``can_link_project`` then decides on the dossier itself)."""
    return is_active(user) and apps.is_installed("investdesk.projects") and user.has_perm("projects.view_project")


def can_link_project(user, dossier) -> bool:
    """Name the project a dossier concerns: whoever may change the dossier or has it in hand, and
    reads the project database."""
    if not is_active(user) or not user.has_perm("projects.view_project"):
        return False
    return handles(user, dossier) or _reaches(user, dossier, "change")
