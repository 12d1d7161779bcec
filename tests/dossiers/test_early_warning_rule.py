"""The early warning fires for work running short of time, not for work that has just started."""

import pytest

from investdesk.core.models import Notification
from investdesk.dossiers import demo, services
from investdesk.dossiers.rules import risk
from investdesk.procedures.models import Procedure
from investdesk.worktime.loader import get_calendar

from .conftest import at

pytestmark = pytest.mark.django_db


def receive(staff, when="08:00 02/03/2026"):
    return services.receive_dossier(
        staff["reception"],
        procedure=Procedure.objects.get(code="cap-lai-gcndkdt"),
        applicant_name="Công ty TNHH Biển Xanh",
        channel="direct",
        received_at=at(when),
    )


def test_a_step_that_has_just_started_is_not_flagged(staff):
    dossier = receive(staff)
    step = dossier.steps.get()  # the reception's half day: 08:00 → 14:00 on 02/03
    calendar = get_calendar()
    assert risk(at("08:00 02/03/2026"), step.started_at, step.due_at, calendar) == "on_track"
    assert risk(at("09:00 02/03/2026"), step.started_at, step.due_at, calendar) == "on_track"
    # Half its time gone and less than a day left: now it is flagged.
    assert risk(at("10:00 02/03/2026"), step.started_at, step.due_at, calendar) == "at_risk"
    assert risk(at("14:30 02/03/2026"), step.started_at, step.due_at, calendar) == "overdue"


def test_a_long_step_is_still_flagged_with_less_than_a_day_left(staff):
    calendar = get_calendar()
    started, due = at("08:00 02/03/2026"), at("17:00 06/03/2026")  # five working days
    assert risk(at("08:00 06/03/2026"), started, due, calendar) == "at_risk"  # 25% left
    assert risk(at("08:00 05/03/2026"), started, due, calendar) == "on_track"


def test_a_new_dossier_on_the_list_is_not_near_its_due_time(client, staff, settings, monkeypatch):
    dossier = receive(staff, when="08:00 02/03/2026")
    monkeypatch.setattr("django.utils.timezone.now", lambda: at("08:05 02/03/2026"))
    client.force_login(staff["reception"])
    page = client.get(f"/dossiers/{dossier.pk}/").content.decode()
    assert "Sắp đến hạn" not in page and "Trong hạn" in page


def test_the_demo_leaves_todays_digest_sent(staff):
    receive(staff, when="08:00 02/03/2026")  # long overdue by now
    demo.run(lambda line: None)
    assert Notification.objects.filter(recipient=staff["reception"], key__startswith="digest:").exists()
    assert Notification.objects.filter(recipient=staff["head"], key__startswith="digest-division:").exists()
    demo.run(lambda line: None)  # again: nothing new
    assert Notification.objects.filter(recipient=staff["reception"]).count() == 1
