"""Who may see and do what in KPI: predicates on a person and a row, and the queryset scope.

Each person sees and self-assesses their own; the division head (``review_kpi``) scores the people of
their division; the department leader (``approve_kpi``) approves; ``view_all_kpi`` reads every
division; administrators (``configure_kpi``) set the year's rule. Permissions, never role names.
"""

from django.db.models import Q


def _active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def sees_all(user) -> bool:
    return _active(user) and (user.has_perm("kpi.view_all_kpi") or user.has_perm("kpi.approve_kpi"))


def heads_division(user, division_id) -> bool:
    return (
        _active(user)
        and division_id is not None
        and user.has_perm("kpi.review_kpi")
        and (user.division_id == division_id)
    )


def can_view_person(user, person) -> bool:
    if not _active(user):
        return False
    return user.pk == person.pk or sees_all(user) or heads_division(user, person.division_id)


def can_view_division(user, division) -> bool:
    return sees_all(user) or heads_division(user, division.pk)


def can_configure(user) -> bool:
    return _active(user) and user.has_perm("kpi.configure_kpi")


def can_self_assess(user, evaluation) -> bool:
    from .choices import EvaluationStatus

    return (
        _active(user)
        and evaluation.person_id == user.pk
        and evaluation.status in (EvaluationStatus.DRAFT, EvaluationStatus.SELF_ASSESSED)
    )


def can_review(user, evaluation) -> bool:
    """The head of the evaluated person's division, never for themselves, until approval."""
    from .choices import EvaluationStatus

    return (
        heads_division(user, evaluation.division_id)
        and evaluation.person_id != user.pk
        and evaluation.status != EvaluationStatus.APPROVED
    )


def can_approve(user, evaluation) -> bool:
    from .choices import EvaluationStatus

    return (
        _active(user)
        and user.has_perm("kpi.approve_kpi")
        and evaluation.person_id != user.pk
        and evaluation.status == EvaluationStatus.REVIEWED
    )


def can_add_item(user, person) -> bool:
    """A person enters their own items; the head enters items for the division's people."""
    return _active(user) and (user.pk == person.pk or heads_division(user, person.division_id))


def can_assess_item(user, item) -> bool:
    return heads_division(user, item.division_id) and item.person_id != user.pk


def person_scope(queryset, user, action: str = "view"):
    """Rows (items or evaluations, each with ``person`` and ``division``) ``user`` may ``action``."""
    if not _active(user):
        return queryset.none()
    if action == "view" and sees_all(user):
        return queryset
    if action == "approve":
        return queryset if user.has_perm("kpi.approve_kpi") else queryset.none()
    condition = Q(person_id=user.pk) if action == "view" else Q(pk__in=[])
    if user.has_perm("kpi.review_kpi") and user.division_id:
        condition |= Q(division_id=user.division_id)
    return queryset.filter(condition)
