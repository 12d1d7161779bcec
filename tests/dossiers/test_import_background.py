"""Large JSON imports run in the background (202 and a job to follow); open dossiers imported in
bulk start at their process's first step with the right person, and can be worked on."""

import pytest
from django.contrib.auth.models import Group

from investdesk.accounts.choices import Role
from investdesk.dossiers import daily, imports, services
from investdesk.dossiers.models import DailyOutcome, Dossier, Step

from .test_import import GOOD, post

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_batches(monkeypatch):
    monkeypatch.setattr(imports, "SYNC_ROWS", 2)
    monkeypatch.setattr(imports, "BATCH", 2)


def test_a_large_import_answers_202_and_its_job_gives_the_result(
    client, staff, small_batches, django_capture_on_commit_callbacks
):
    client.force_login(staff["reception"])
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, GOOD)
    assert response.status_code == 202
    body = response.json()
    assert body["status_url"] == f"/api/v1/jobs/{body['job']}"
    status = client.get(body["status_url"]).json()
    assert status["status"] == "succeeded" and status["percent"] == 100
    assert status["result"] == {"created": 4, "updated": 0, "errors": []}
    assert Dossier.objects.count() == 4

    bad = [GOOD[0], {**GOOD[1], "channel": "fax"}, GOOD[2]]
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, bad)
    status = client.get(response.json()["status_url"]).json()
    assert status["status"] == "succeeded" and status["result"]["errors"][0]["index"] == 1
    assert (status["result"]["created"], Dossier.objects.count()) == (0, 4)

    client.force_login(staff["head"])  # a job is seen by the person who started it
    assert client.get(body["status_url"]).status_code == 404


def test_a_large_import_is_refused_at_once_without_the_right(client, staff, small_batches):
    client.force_login(staff["officer"])
    assert post(client, GOOD).status_code == 403


def test_open_dossiers_imported_in_bulk_start_at_the_first_step(staff, small_batches, make_person):
    second_desk = make_person("tiepnhan2", Role.RECEPTION, division="van-phong", full_name="Lê Thu")
    assert second_desk.groups.filter(name=Role.RECEPTION).exists()
    rows = [{**GOOD[3], "code": f"MO-{n}"} for n in range(4)]
    # The division head imports: the reception steps go to the desk's people in turn.
    result = imports.import_dossiers(staff["head"], rows)
    assert result == {"created": 4, "updated": 0, "errors": []}
    steps = Step.objects.filter(dossier__code__startswith="MO-").order_by("dossier__code")
    assert steps.count() == 4 and all(s.finished_at is None and s.due_at for s in steps)
    desk_people = set(Group.objects.get(name=Role.RECEPTION).user_set.values_list("pk", flat=True))
    assigned = [s.assignee_id for s in steps]
    assert set(assigned) <= desk_people and len(set(assigned)) == 2  # two each, the least loaded first
    step = steps[0]
    assert step.history.get().history_type == "+" and step.history.get().history_user == staff["head"]
    dossier = step.dossier
    assert dossier.history.get().history_change_reason == "Nhập dữ liệu hồ sơ cũ"
    # The workflow state is the dossier's own: its first step can be completed and the next opens.
    services.complete_step(step.assignee, step, answers={"valid": True})
    dossier.refresh_from_db()
    assert dossier.steps.count() == 2 and dossier.steps.filter(finished_at__isnull=True).count() == 1
    assert dossier.responsible_id is not None


def test_a_reimport_that_moves_a_resolution_keeps_the_day_totals_right(staff, small_batches):
    imports.import_dossiers(staff["reception"], GOOD)
    moved = {**GOOD[0], "finished_at": "2026-03-05T10:00:00+07:00", "pauses": [], "applicant_name": "Công ty B"}
    assert imports.import_dossiers(staff["reception"], [moved]) == {"created": 0, "updated": 1, "errors": []}
    dossier = Dossier.objects.get(code=moved["code"])
    assert dossier.applicant_name == "Công ty B" and dossier.version == 2
    assert [h.history_type for h in dossier.history.order_by("history_id")] == ["+", "~"]
    kept = sorted(DailyOutcome.objects.values_list("day", "early", "on_time", "late"))
    daily.rebuild()
    assert kept == sorted(DailyOutcome.objects.values_list("day", "early", "on_time", "late"))
