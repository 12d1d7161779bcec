"""The row scopes are written to follow indexes (union of key sets, the division's procedures as a
plain IN); they must reach exactly the rows of the rule as first written, one OR of "the division's",
"responsible for it" and "holds one of its steps", for every role, action and kind of row."""

import pytest
from django.db.models import Q

from investdesk.accounts.models import Division, User
from investdesk.dossiers import access, services
from investdesk.dossiers.models import Dossier, Step
from investdesk.procedures.models import Procedure
from tests.security.people import office_officer, other_head, other_officer, people, viewer  # noqa: F401

from .conftest import at

pytestmark = pytest.mark.django_db


def division_rows(division_id, prefix: str) -> Q:
    return Q(**{f"{prefix}procedure__division_id": division_id}) | Q(
        **{f"{prefix}procedure__division__isnull": True, f"{prefix}responsible__division_id": division_id}
    )


def rule(queryset, user, action: str):
    """The scope as one OR over the joined rows: slow on a large table, plain to read."""
    is_step = queryset.model is Step
    prefix = "dossier__" if is_step else ""
    if not access.is_active(user) or (action == "assign" and not access.assigns_work(user)):
        return queryset.none()
    if is_step:
        action = "act" if action == "change" else action
    else:
        action = "change" if action == "act" else action
        if action == "change" and not access.processes_dossiers(user):
            return queryset.none()
    sees_all = access.sees_all_dossiers(user)
    if (
        (action == "view" and sees_all)
        or (action in ("change", "act") and not is_step and sees_all)
        or (action in ("act", "assign") and sees_all and access.assigns_work(user))
    ):
        return queryset
    division = access.led_division(user)
    led = division_rows(division, prefix) if division else Q(pk__in=[])
    if action == "assign":
        own = Q(pk__in=[])
    elif is_step:
        own = Q(assignee=user) if action == "act" else Q(assignee=user) | Q(dossier__responsible=user)
    else:
        own = Q(responsible=user) | Q(steps__assignee=user)
    return queryset.filter(own | led).distinct()


@pytest.fixture
def mixed(people, other_head, other_officer, office_officer):  # noqa: F811
    """Dossiers of the investment division's procedures, of a procedure the office owns and of one
    no division owns, with responsible officers and step holders across both divisions."""
    office = Division.objects.get(code="van-phong")
    procedures = list(Procedure.objects.order_by("pk")[:3])
    ours, theirs, nobodys = procedures
    Procedure.objects.filter(pk=theirs.pk).update(division=office)
    Procedure.objects.filter(pk=nobodys.pk).update(division=None)
    head, officer = people["division_head"], people["officer"]
    cases = [
        (ours, officer, officer),
        (ours, None, None),
        (theirs, office_officer, office_officer),
        (theirs, head, office_officer),  # our head is responsible for the office's dossier
        (theirs, office_officer, head),  # our head holds a step of the office's dossier
        (theirs, office_officer, officer),  # our officer holds a step of the office's dossier
        (nobodys, officer, other_officer),  # no owner: the responsible officer's division
        (nobodys, office_officer, office_officer),
        (nobodys, None, other_head),
    ]
    for index, (procedure, responsible, holder) in enumerate(cases):
        dossier = services.receive_dossier(
            people["reception"],
            procedure=procedure,
            applicant_name=f"Công ty {index}",
            channel="direct",
            received_at=at(f"08:{index:02d} 02/03/2026"),
        )
        Dossier.objects.filter(pk=dossier.pk).update(responsible=responsible)
        Step.objects.filter(dossier=dossier).update(assignee=holder)
    return [*people.values(), other_head, other_officer, office_officer]


@pytest.mark.parametrize("model", [Dossier, Step])
@pytest.mark.parametrize("action", access.ACTIONS)
def test_each_person_reaches_the_same_rows_as_the_rule_as_first_written(mixed, model, action):
    for person in mixed:
        person = User.objects.get(pk=person.pk)  # fresh permissions
        expected = set(rule(model.objects.all(), person, action).values_list("pk", flat=True))
        found = list(access.scope(model.objects.all(), person, action).values_list("pk", flat=True))
        assert len(found) == len(set(found)), (person.username, "a row twice")
        assert set(found) == expected, (person.username, action)
    assert model.objects.exists()


def test_a_head_whose_division_owns_every_procedure_reads_the_dossiers_unfiltered(people):  # noqa: F811
    # The division owns the whole catalogue (the usual case): no scope to apply at all.
    assert not Dossier.objects.restrict(people["division_head"]).query.has_filters()
