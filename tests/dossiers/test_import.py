"""Importing historical dossiers: all or nothing, every row's error, due times and outcomes computed."""

import pytest

from investdesk.dossiers.models import Dossier
from investdesk.dossiers.rules import at_risk_from
from investdesk.worktime.loader import get_calendar

pytestmark = pytest.mark.django_db

GOOD = [
    {
        "code": "KH-0001",
        "procedure": "cap-lai-gcndkdt",
        "received_at": "2026-03-02T08:00:00+07:00",
        "channel": "online",
        "finished_at": "2026-03-04T10:00:00+07:00",
        "result": "approved",
        "pauses": [],
    },
    {
        "code": "KH-0002",
        "procedure": "cap-lai-gcndkdt",
        "received_at": "2026-03-02T08:00:00+07:00",
        "channel": "direct",
        "finished_at": "2026-03-09T10:00:00+07:00",
        "result": "approved",
        "pauses": [{"start": "2026-03-02T10:00:00+07:00", "end": "2026-03-04T10:00:00+07:00"}],
    },
    {
        "code": "KH-0003",
        "procedure": "cap-lai-gcndkdt",
        "received_at": "2026-03-02T08:00:00+07:00",
        "channel": "post",
        "finished_at": "2026-03-03T08:00:00+07:00",
        "result": "withdrawn",
    },
    {
        "code": "KH-0004",
        "procedure": "cap-lai-gcndkdt",
        "received_at": "2026-11-26T08:00:00+07:00",
        "channel": "post",
        "finished_at": None,
        "result": None,
    },
]


def post(client, rows, **params):
    url = "/api/v1/dossiers/import" + ("?dry_run=true" if params.get("dry_run") else "")
    return client.post(url, rows, content_type="application/json")


def test_import_computes_due_times_and_outcomes(client, staff):
    client.force_login(staff["reception"])
    dry = post(client, GOOD, dry_run=True)
    assert dry.status_code == 200 and dry.json() == {"created": 4, "updated": 0, "errors": []}
    assert Dossier.objects.count() == 0
    response = post(client, GOOD)
    assert response.json() == {"created": 4, "updated": 0, "errors": []}
    first, second, third, fourth = (Dossier.objects.get(code=f"KH-000{n}") for n in range(1, 5))
    assert first.status == "resolved" and first.outcome == "early"  # due 08:00 05/03, done 04/03
    # Two working days paused: due 08:00 09/03, finished 10:00 the same day: late.
    assert second.due_at.isoformat() == "2026-03-09T01:00:00+00:00" and second.outcome == "late"
    assert second.pauses.count() == 1 and third.status == "withdrawn" and third.outcome == ""
    assert fourth.status == "in_progress" and fourth.steps.filter(finished_at__isnull=True).count() == 1
    current = fourth.steps.get(finished_at__isnull=True)
    assert current.at_risk_from == at_risk_from(current.started_at, current.due_at, get_calendar())
    again = post(client, GOOD[:1])
    assert again.json() == {"created": 0, "updated": 1, "errors": []}


def test_one_bad_row_writes_nothing_and_every_error_is_listed(client, staff):
    client.force_login(staff["reception"])
    rows = [
        GOOD[0],
        {
            "code": "KH-0009",
            "procedure": "khong-co",
            "received_at": "hôm qua",
            "channel": "fax",
            "finished_at": "2026-03-04T10:00:00+07:00",
            "result": "maybe",
        },
        {
            "code": "KH-0001",
            "procedure": "cap-lai-gcndkdt",
            "received_at": "2030-01-01T08:00:00+07:00",
            "channel": "online",
            "finished_at": None,
            "result": "approved",
        },
        "not an object",
    ]
    response = post(client, rows)
    assert response.status_code == 400
    errors = response.json()["errors"]
    fields = {(e["index"], e["field"]) for e in errors}
    assert {(1, "procedure"), (1, "received_at"), (1, "channel"), (1, "result")} <= fields
    assert {(2, "code"), (2, "received_at"), (2, "result"), (3, None)} <= fields
    assert all(e["message"] for e in errors) and Dossier.objects.count() == 0


def test_import_needs_the_desk_or_the_division_head(client, staff):
    client.force_login(staff["officer"])
    assert post(client, GOOD).status_code == 403


def test_a_dossier_handled_here_is_not_overwritten(client, staff):
    from investdesk.dossiers import services
    from investdesk.procedures.models import Procedure

    live = services.receive_dossier(
        staff["reception"],
        procedure=Procedure.objects.get(code="cap-lai-gcndkdt"),
        applicant_name="A",
        channel="direct",
    )
    client.force_login(staff["reception"])
    response = post(client, [{**GOOD[0], "code": live.code}])
    assert response.status_code == 400 and response.json()["errors"][0]["field"] == "code"
    live.refresh_from_db()
    assert live.status == "in_progress"
