"""The daily digest: who gets what, once a day, in the app and by e-mail."""

import pytest
from django.core.management import call_command

from investdesk.core.models import Notification
from investdesk.dossiers import services
from investdesk.dossiers.early_warning import send_daily_digests
from investdesk.procedures.models import Procedure

from .conftest import at

pytestmark = pytest.mark.django_db


def test_digests_go_to_the_people_concerned_once_a_day(client, staff, mailoutbox):
    staff["reception"].email = "mai@example.vn"
    staff["reception"].save()
    dossier = services.receive_dossier(
        staff["reception"],
        procedure=Procedure.objects.get(code="cap-lai-gcndkdt"),
        applicant_name="Công ty A",
        channel="direct",
        received_at=at("08:00 02/03/2026"),
    )
    # The reception step (½ day) is due 14:00 on 02/03; at 13:00 it is at risk, the dossier not yet late.
    sent = send_daily_digests(now=at("13:00 02/03/2026"))
    assert sent == 2  # the desk clerk's own digest and the division head's
    mine = Notification.objects.get(recipient=staff["reception"])
    assert dossier.code in mine.body and "sắp đến hạn" in mine.body and mine.url == "/my-work/"
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["mai@example.vn"]
    assert send_daily_digests(now=at("15:00 02/03/2026")) == 0  # the same day: nothing new
    # Three days later the dossier will be late: the head is reminded of form 04.
    send_daily_digests(now=at("09:00 05/03/2026"))
    head = Notification.objects.filter(recipient=staff["head"]).order_by("-created_at").first()
    assert "Mẫu 04" in head.body and "QUÁ HẠN" in head.body

    client.force_login(staff["reception"])
    page = client.get("/").content.decode()
    assert 'data-testid="unread-count"' in page
    listing = client.get("/notifications/").content.decode()
    assert dossier.code in listing
    assert 'data-testid="unread-count"' not in client.get("/").content.decode()  # read once opened


def test_the_command_runs(staff):
    call_command("send_warnings", stdout=open("/dev/null", "w"))  # noqa: SIM115
