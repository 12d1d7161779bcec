"""The periodic report opened from the menu, and the division head's board of open steps."""

import io
import re
import zipfile
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from investdesk.dossiers import services, views
from investdesk.procedures.models import Procedure

from .conftest import at

pytestmark = pytest.mark.django_db


def this_quarter():
    today = timezone.localdate()
    return today.replace(month=3 * ((today.month - 1) // 3) + 1, day=1), today


def download_link(html: str) -> str:
    match = re.search(
        r'<a[^>]*data-testid="report-xlsx"[^>]*href="([^"]+)"|<a[^>]*href="([^"]+)"[^>]*data-testid="report-xlsx"', html
    )
    assert match, "no Excel download link on the report"
    return unescape(match.group(1) or match.group(2))


def test_the_report_opens_on_this_quarter_and_downloads_what_it_shows(client, staff):
    start, today = this_quarter()
    client.force_login(staff["head"])
    response = client.get("/reports/dossiers/")
    html = response.content.decode()
    assert response.status_code == 200 and "Trường này là bắt buộc" not in html
    assert f'value="{start:%d/%m/%Y}"' in html and f'value="{today:%d/%m/%Y}"' in html
    link = download_link(html)
    assert f"date_from={start:%d/%m/%Y}".replace("/", "%2F") in link
    assert f"date_to={today:%d/%m/%Y}".replace("/", "%2F") in link and "format=xlsx" in link
    download = client.get("/reports/dossiers/" + link)
    assert download.status_code == 200 and download["Content-Type"].startswith("application/vnd.openxmlformats")
    assert f"bao-cao-tthc-{start:%Y%m%d}-{today:%Y%m%d}.xlsx" in download["Content-Disposition"]
    with zipfile.ZipFile(io.BytesIO(download.content)) as book:
        assert "Tổng cộng" in book.read("xl/sharedStrings.xml").decode()


def test_a_bare_excel_address_downloads_this_quarter(client, staff):
    start, today = this_quarter()
    client.force_login(staff["head"])
    response = client.get("/reports/dossiers/", {"format": "xlsx"})
    assert response.status_code == 200
    assert f"bao-cao-tthc-{start:%Y%m%d}-{today:%Y%m%d}.xlsx" in response["Content-Disposition"]


def test_a_chosen_period_is_kept_in_the_download(client, staff):
    client.force_login(staff["head"])
    procedure = Procedure.objects.order_by("sort_order").first()
    html = client.get(
        "/reports/dossiers/", {"date_from": "01/04/2026", "date_to": "30/06/2026", "procedure": procedure.pk}
    ).content.decode()
    link = download_link(html)
    assert "date_from=01%2F04%2F2026" in link and "date_to=30%2F06%2F2026" in link
    assert f"procedure={procedure.pk}" in link


def receive(staff, when=None):
    return services.receive_dossier(
        staff["reception"],
        procedure=Procedure.objects.get(code="cap-lai-gcndkdt"),
        applicant_name="Công ty TNHH Biển Xanh",
        channel="online",
        received_at=at(when) if when else timezone.now(),
    )


@pytest.fixture
def late_and_fresh(staff):
    """A dossier received in March whose officer's step is long overdue, and one received just now."""
    late = receive(staff, "08:00 02/03/2026")
    services.complete_step(staff["reception"], late.steps.get(), at=at("09:00 02/03/2026"))
    return late, receive(staff)


def test_the_board_counts_open_steps_by_state_and_person(client, staff, late_and_fresh):
    late, fresh = late_and_fresh
    client.force_login(staff["head"])
    html = client.get("/board/").content.decode()
    assert 'data-testid="board-table"' in html  # the compact table is the default view
    assert 'data-testid="total-open">2<' in html and 'data-testid="total-overdue">1<' in html
    assert late.code in html and fresh.code in html
    people = re.findall(r'data-testid="person-total"[^>]*data-person="(\d+)"', html)
    assert sorted(people) == sorted([str(staff["officer"].pk), str(staff["reception"].pk)])


def test_the_board_filters_by_state_and_by_person(client, staff, late_and_fresh):
    late, fresh = late_and_fresh
    client.force_login(staff["head"])
    overdue = client.get("/board/", {"state": "overdue"}).content.decode()
    assert late.code in overdue and fresh.code not in overdue
    assert 'data-testid="total-open">2<' in overdue  # the totals stay those of the whole division
    mine = client.get("/board/", {"person": staff["reception"].pk}).content.decode()
    assert fresh.code in mine and late.code not in mine
    nothing = client.get("/board/", {"person": staff["reception"].pk, "state": "overdue"}).content.decode()
    assert fresh.code not in nothing and late.code not in nothing and "Không có bước nào" in nothing


def test_the_board_still_groups_by_person(client, staff, late_and_fresh):
    client.force_login(staff["head"])
    html = client.get("/board/", {"view": "people"}).content.decode()
    assert html.count('data-testid="board-person"') == 2 and 'data-testid="board-table"' not in html


def test_the_board_keeps_a_fixed_number_of_queries(client, staff, django_assert_max_num_queries):
    for _ in range(3):
        receive(staff)
    client.force_login(staff["head"])
    client.get("/board/")
    with CaptureQueriesContext(connection) as few:
        assert client.get("/board/").status_code == 200
    for _ in range(27):
        receive(staff)
    with django_assert_max_num_queries(len(few)):
        html = client.get("/board/").content.decode()
    assert html.count('data-testid="board-step"') == 30


def test_reassigning_from_the_board_returns_to_the_filtered_board(client, staff, late_and_fresh, make_person):
    late, _fresh = late_and_fresh
    other = make_person("chuyenvien2", "officer", full_name="Võ Minh Tuấn")
    step = late.steps.get(finished_at__isnull=True)
    client.force_login(staff["head"])
    html = client.get("/board/", {"state": "overdue"}).content.decode()
    assert "Võ Minh Tuấn" in html  # offered: an officer of the division
    url = f"/dossiers/{late.pk}/steps/{step.pk}/reassign/"
    response = client.post(url, {"person": other.pk, "reason": "Cân đối việc", "next": "/board/?state=overdue"})
    assert response.status_code == 302 and response["Location"] == "/board/?state=overdue"
    step.refresh_from_db()
    assert step.assignee == other
    away = client.post(url, {"person": staff["officer"].pk, "reason": "Trả lại", "next": "https://example.com/"})
    assert away["Location"] == f"/dossiers/{late.pk}/"


def test_the_board_shows_a_page_of_steps_and_counts_them_all(client, staff, monkeypatch):
    monkeypatch.setattr(views, "BOARD_PAGE_SIZE", 2)
    received = [receive(staff, f"08:0{minute} 02/03/2026") for minute in range(5)]
    client.force_login(staff["head"])
    first = client.get("/board/", {"person": staff["reception"].pk}).content.decode()
    assert first.count('data-testid="board-step"') == 2 and first.count('data-testid="reassign-form"') == 2
    assert 'data-testid="total-open">5<' in first and 'data-testid="total-overdue">5<' in first
    assert received[0].code in first and received[2].code not in first  # the most overdue first
    assert f"?person={staff['reception'].pk}&amp;page=2" in first  # the next page keeps the filter
    last = client.get("/board/", {"person": staff["reception"].pk, "page": 3}).content.decode()
    assert last.count('data-testid="board-step"') == 1 and received[4].code in last
    assert 'data-testid="total-open">5<' in last
