"""Who takes a step: the user role whose people do each process role, the people a step may go to,
and the choice among them (the default set for the procedure, the responsible officer, the desk
that received the dossier, else the least loaded). Read-only; receipt, import and reassignment use it.
"""

from django.contrib.auth import get_user_model
from django.db.models import Count, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from investdesk.procedures.choices import ProcessRole

from . import access
from .models import DefaultAssignee, Dossier, Step
from .permissions import PROCESS_ROLE_GROUPS

User = get_user_model()
ROLE_GROUPS = PROCESS_ROLE_GROUPS
FOLLOWED_UP_BY_OFFICER = {ProcessRole.PPC_CHAIRMAN, ProcessRole.CONSULTED_AGENCY}
# Steps any suitable person of the department takes; the others stay in the dossier's division.
DEPARTMENT_WIDE_ROLES = {ProcessRole.RECEPTION, ProcessRole.DEPARTMENT_LEADER}
ASSIGNABLE_ROLES = (
    ProcessRole.RECEPTION,
    ProcessRole.OFFICER,
    ProcessRole.DIVISION_HEAD,
    ProcessRole.DEPARTMENT_LEADER,
)


def role_group(role: str) -> str:
    """The user role whose people do a step of process ``role`` (officers follow up on the
    chairman's and the consulted agencies' steps)."""
    return ROLE_GROUPS.get(role, ROLE_GROUPS[ProcessRole.OFFICER])


def holds_process_role(person, role: str) -> bool:
    """Whether ``person`` holds the user role that does steps of process ``role``."""
    return person.has_role(role_group(role))


def least_loaded(group: str, people=None):
    """The active person of ``group`` with the fewest open steps; on a tie, the one given a step
    least recently (so equal loads take turns instead of all falling to one person).

    Both are correlated subqueries answered by indexes: (assignee, finished_at) for the open count,
    (assignee, started_at) for the last assignment.
    """
    open_steps = (
        Step.objects.filter(assignee=OuterRef("pk"), finished_at__isnull=True)
        .order_by()
        .values("assignee")
        .annotate(total=Count("pk"))
        .values("total")
    )
    last_given = Step.objects.filter(assignee=OuterRef("pk")).order_by("-started_at").values("started_at")[:1]
    if people is None:
        people = User.objects.filter(is_active=True, groups__name=group)
    return (
        people.annotate(open_steps=Coalesce(Subquery(open_steps), 0), last_given=Subquery(last_given))
        .order_by("open_steps", F("last_given").asc(nulls_first=True), "pk")
        .first()
    )


def dossier_division_id(dossier: Dossier):
    """The division the dossier belongs to: its procedure's, else its responsible officer's."""
    if dossier.procedure.division_id:
        return dossier.procedure.division_id
    return dossier.responsible.division_id if dossier.responsible_id else None


def assignment_candidates(role: str, dossier: Dossier):
    """The people a step of ``role`` of ``dossier`` may go to: active, holding the role's user
    role, and, for the division's own work (officers and heads), in the dossier's division."""
    people = User.objects.filter(is_active=True, groups__name=role_group(role))
    division = dossier_division_id(dossier)
    if role not in DEPARTMENT_WIDE_ROLES and division:
        people = people.filter(division_id=division)
    return people.distinct().order_by("full_name", "pk")


def pick_assignee(role: str, dossier: Dossier, actor):
    default = (
        DefaultAssignee.objects.filter(Q(procedure=dossier.procedure) | Q(procedure__isnull=True), role=role)
        .filter(person__is_active=True)
        .select_related("person")
        .order_by("procedure_id")  # the procedure's own choice before the general one
        .first()
    )
    if default is not None and (default.procedure_id or not dossier.responsible_id or role != ProcessRole.OFFICER):
        return default.person
    if role == ProcessRole.OFFICER and dossier.responsible_id:
        return dossier.responsible
    if role in FOLLOWED_UP_BY_OFFICER:
        return dossier.responsible or least_loaded(
            role_group(ProcessRole.OFFICER), assignment_candidates(role, dossier)
        )
    # The desk clerk who receives the dossier keeps its reception step.
    at_the_desk = role == ProcessRole.RECEPTION and access.is_active(actor)
    if at_the_desk and assignment_candidates(role, dossier).filter(pk=actor.pk).exists():
        return actor
    return least_loaded(role_group(role), assignment_candidates(role, dossier))
