"""Rows are seen and changed only by those who may: a division head within the division, an officer
their own steps, the viewer nothing; a step goes only to someone who can do it and open the dossier."""

import pytest

from investdesk.core.exceptions import DomainError, PermissionDeniedError
from investdesk.dossiers import services
from investdesk.dossiers.forms import ReassignForm
from investdesk.dossiers.models import Dossier, Step
from tests.dossiers.conftest import at

from .people import *  # noqa: F403  (the fixtures)

pytestmark = pytest.mark.django_db


def open_step(dossier):
    return dossier.steps.get(finished_at__isnull=True)


def test_a_head_of_another_division_neither_reads_nor_reassigns_nor_completes(client, checking, other_head, people):
    step = open_step(checking)
    assert not Dossier.objects.restrict(other_head).filter(pk=checking.pk).exists()
    assert not Step.objects.restrict(other_head).filter(pk=step.pk).exists()
    assert not services.can_act_on(other_head, step)
    with pytest.raises(PermissionDeniedError):
        services.reassign_step(other_head, step, people["officer"], "Cân đối công việc")
    with pytest.raises(PermissionDeniedError):
        services.complete_step(other_head, step, answers={"valid": True}, at=at("10:00 02/03/2026"))
    client.force_login(other_head)
    assert client.get(f"/dossiers/{checking.pk}/").status_code == 404
    assert client.get(f"/api/v1/dossiers/{checking.pk}").status_code == 404
    assert checking.code not in client.get("/dossiers/").content.decode()
    assert checking.code not in client.get("/board/").content.decode()
    step.refresh_from_db()
    assert step.is_open and step.assignee == people["officer"]


def test_the_divisions_own_head_reads_reassigns_and_completes(checking, other_officer, people):
    head = people["division_head"]
    step = open_step(checking)
    assert Dossier.objects.restrict(head).filter(pk=checking.pk).exists()
    assert Dossier.objects.restrict(head, "assign").filter(pk=checking.pk).exists()
    services.reassign_step(head, step, other_officer, "Cân đối công việc")
    services.complete_step(head, step, answers={"valid": True}, at=at("10:00 02/03/2026"))


def test_the_desk_and_the_leaders_read_every_dossier_but_act_only_on_their_own_steps(checking, people):
    step = open_step(checking)
    for role in ("reception", "department_leader", "administrator"):
        assert Dossier.objects.restrict(people[role]).filter(pk=checking.pk).exists(), role
    assert not services.can_act_on(people["reception"], step)
    assert not services.can_act_on(people["department_leader"], step)
    assert services.can_act_on(people["administrator"], step)


def test_an_officer_cannot_act_on_another_officers_step(checking, other_officer, people):
    step = open_step(checking)
    assert not Dossier.objects.restrict(other_officer).filter(pk=checking.pk).exists()
    assert not services.can_act_on(other_officer, step)
    with pytest.raises(PermissionDeniedError):
        services.complete_step(other_officer, step, answers={"valid": True}, at=at("10:00 02/03/2026"))


def test_the_viewer_sees_and_changes_no_dossier(checking, people):
    viewer = people["viewer"]
    for action in ("view", "change", "act", "assign"):
        assert not Dossier.objects.restrict(viewer, action).exists(), action
        assert not Step.objects.restrict(viewer, action).exists(), action


def test_an_unknown_action_is_a_programming_error(people):
    with pytest.raises(ValueError):
        Dossier.objects.restrict(people["officer"], "delete")


@pytest.mark.parametrize("who", ["viewer", "reception", "department_leader", "office_officer", "inactive"])
def test_a_step_goes_only_to_someone_who_can_do_it(checking, people, office_officer, make_person, who):
    candidates = {
        **people,
        "office_officer": office_officer,
        "inactive": make_person("nghiviec", "officer", full_name="Đã Nghỉ", is_active=False),
    }
    step = open_step(checking)
    person = candidates[who]
    with pytest.raises(DomainError) as refused:
        services.reassign_step(people["division_head"], step, person, "Cân đối công việc")
    assert refused.value.field == "assignee" and not isinstance(refused.value, PermissionDeniedError)
    step.refresh_from_db()
    assert step.assignee == people["officer"]


def test_the_refusal_says_why_in_vietnamese(checking, people):
    with pytest.raises(DomainError) as refused:
        services.reassign_step(people["division_head"], open_step(checking), people["viewer"], "Thử")
    assert "Chuyên viên" in str(refused.value.message) and "Đỗ Hoàng Long" in str(refused.value.message)


def test_the_form_offers_only_valid_candidates(checking, people, other_officer, office_officer):
    step = open_step(checking)
    offered = set(ReassignForm(step=step).fields["person"].queryset)
    assert offered == {people["officer"], other_officer}
    posted = ReassignForm({"person": people["viewer"].pk, "reason": "Thử"}, step=step)
    assert not posted.is_valid() and "person" in posted.errors


def test_reassigning_through_the_page_to_the_viewer_is_refused(client, checking, people):
    step = open_step(checking)
    client.force_login(people["division_head"])
    client.post(f"/dossiers/{checking.pk}/steps/{step.pk}/reassign/", {"person": people["viewer"].pk, "reason": "Thử"})
    step.refresh_from_db()
    assert step.assignee == people["officer"]


def test_reassigning_through_the_api_to_the_viewer_is_refused(client, checking, people):
    step = open_step(checking)
    client.force_login(people["division_head"])
    response = client.post(
        f"/api/v1/dossiers/{checking.pk}/steps/{step.pk}/reassign",
        {"assignee_id": people["viewer"].pk, "reason": "Thử"},
        content_type="application/json",
    )
    assert response.status_code == 400 and "Chuyên viên" in response.json()["detail"]
    step.refresh_from_db()
    assert step.assignee == people["officer"]


def test_new_steps_go_to_people_of_the_dossiers_division(checking, people, office_officer, make_person):
    other_division_head = make_person(
        "truongvp2", "division_head", division="van-phong", position="truong-phong", full_name="Phạm Văn Hai"
    )
    services.complete_step(people["officer"], open_step(checking), answers={"valid": True}, at=at("10:00 02/03/2026"))
    head_step = open_step(checking)
    assert head_step.role == "division_head" and head_step.assignee == people["division_head"]
    assert other_division_head not in services.assignment_candidates(head_step.role, checking)


def test_the_daily_digest_tells_a_head_only_of_the_divisions_dossiers(checking, other_head, people):
    from investdesk.core.models import Notification
    from investdesk.dossiers.early_warning import send_daily_digests

    send_daily_digests(now=at("09:00 05/03/2026"))  # the check step is overdue, the dossier will be late
    own = Notification.objects.get(recipient=people["division_head"], key__startswith="digest-division")
    assert checking.code in own.body
    others = Notification.objects.filter(recipient=other_head)
    assert not any(checking.code in note.body for note in others)
