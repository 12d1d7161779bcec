"""The KPI pages, the BM02.2 export, the summary API and quality objective 4, over a scored month."""

from datetime import timedelta
from decimal import Decimal as D
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from docx import Document
from openpyxl import load_workbook

from investdesk.kpi import periods, services
from investdesk.kpi.models import Evaluation, Period

from .conftest import at
from .test_services import FULL

pytestmark = pytest.mark.django_db


@pytest.fixture
def scored(staff):
    """March 2026: the officer's two items, reviewed and approved (84.88, good)."""
    officer = staff["officer"]
    first = services.add_item(officer, officer, title="Báo cáo quý I", deadline=at("17:00 20/03/2026"))
    second = services.add_item(
        staff["head"], officer, title="Rà soát dự án", weight=D(3), deadline=at("17:00 10/03/2026")
    )
    services.finish_item(officer, first, first.version, at=at("10:00 19/03/2026"))
    services.finish_item(officer, second, second.version, at=at("10:00 12/03/2026"))
    period = services.scoring_period(periods.parse("2026-03").starts_on)
    evaluation = services.open_evaluation(officer, officer, period)
    evaluation = services.review(staff["head"], evaluation, evaluation.version, scores=FULL, comment="Tích cực")
    return services.approve(staff["leader"], evaluation, evaluation.version)


def _writes_to_kpi(queries) -> list[str]:
    return [
        q["sql"]
        for q in queries
        if q["sql"].lstrip().split(" ", 1)[0].upper() in ("INSERT", "UPDATE", "DELETE") and "kpi_" in q["sql"]
    ]


def test_opening_a_period_page_writes_nothing(client, staff):
    """Reading my KPI or a person's period (no evaluation yet, no period row yet) stores no row."""
    officer = staff["officer"]
    for user, url in (
        (officer, "/kpi/?period=2026-05"),
        (officer, f"/kpi/people/{officer.pk}/2026-05/"),
        (staff["head"], f"/kpi/people/{officer.pk}/2026-05/"),
        (staff["leader"], f"/kpi/people/{officer.pk}/2026-05/"),
    ):
        client.force_login(user)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        assert _writes_to_kpi(queries.captured_queries) == []
    assert not Evaluation.objects.exists() and not Period.objects.exists()


def test_a_period_page_with_items_shows_them_before_any_evaluation(client, staff):
    officer = staff["officer"]
    item = services.add_item(officer, officer, title="Báo cáo tháng", deadline=at("17:00 20/03/2026"))
    client.force_login(staff["head"])
    with CaptureQueriesContext(connection) as queries:
        page = client.get(f"/kpi/people/{officer.pk}/2026-03/").content.decode()
    assert _writes_to_kpi(queries.captured_queries) == []
    assert item.title in page and "review-form" in page
    assert f"/kpi/people/{officer.pk}/2026-03/review/" in page
    assert not Evaluation.objects.exists()


def test_the_first_scores_start_the_evaluation_and_a_refused_one_leaves_nothing(client, staff):
    officer, head = staff["officer"], staff["head"]
    item = services.add_item(officer, officer, title="Báo cáo tháng", deadline=at("17:00 20/03/2026"))
    services.finish_item(officer, item, item.version, at=at("10:00 19/03/2026"))
    form = {f"score_{code}": value for code, value in FULL.items()}
    url = f"/kpi/people/{officer.pk}/2026-03/"
    client.force_login(head)
    client.post(url + "review/", {**form, "score_chinh-tri": "99", "comment": "", "expected_version": 1})
    assert not Evaluation.objects.exists()  # the score was refused: no draft left behind
    response = client.post(url + "review/", {**form, "comment": "Tốt", "expected_version": 1})
    evaluation = Evaluation.objects.get(person=officer)
    assert response.url == url and evaluation.status == "reviewed" and evaluation.total is not None
    assert client.get(url).url == evaluation.get_absolute_url()
    # A second form sent from the same empty page is refused: it did not see the evaluation.
    client.force_login(officer)
    page = client.post(url + "self-assess/", {**form, "comment": "Cũ", "expected_version": 1}, follow=True)
    assert "người khác thay đổi" in page.content.decode()
    evaluation.refresh_from_db()
    assert evaluation.self_comment == "" and evaluation.status == "reviewed"


def test_the_flow_through_the_pages(client, staff):
    officer, head, leader = staff["officer"], staff["head"], staff["leader"]
    client.force_login(officer)
    response = client.get("/kpi/?period=2026-03")
    assert response.status_code == 200 and not Evaluation.objects.exists()
    assert b"self-assess-form" in response.content and b"review-form" not in response.content
    response = client.post(
        f"/kpi/items/new/{officer.pk}/",
        {"title": "Tham mưu văn bản", "source": "manual", "weight": "1", "deadline_on": "20/03/2026"},
    )
    item = officer.kpi_items.get()
    assert response.status_code == 302 and item.counts_on.isoformat() == "2026-03-20"
    client.post(f"/kpi/items/{item.pk}/finish/", {"expected_version": item.version})
    form = {f"score_{code}": value for code, value in FULL.items()}
    client.post(f"/kpi/people/{officer.pk}/2026-03/self-assess/", {**form, "comment": "Xong", "expected_version": 1})
    evaluation = Evaluation.objects.get(person=officer)
    assert evaluation.status == "self_assessed" and evaluation.self_comment == "Xong"
    assert client.get("/kpi/?period=2026-03", follow=True).redirect_chain[-1][0] == evaluation.get_absolute_url()
    client.force_login(head)
    page = client.get(evaluation.get_absolute_url())
    assert b"review-form" in page.content
    client.post(
        f"/kpi/evaluations/{evaluation.pk}/review/", {**form, "comment": "Tốt", "expected_version": evaluation.version}
    )
    evaluation.refresh_from_db()
    assert evaluation.status == "reviewed" and evaluation.total is not None
    # A stale form is refused with a message, nothing written.
    response = client.post(
        f"/kpi/evaluations/{evaluation.pk}/review/", {**form, "comment": "Cũ", "expected_version": 1}, follow=True
    )
    assert "người khác thay đổi" in response.content.decode()
    client.force_login(leader)
    client.post(f"/kpi/evaluations/{evaluation.pk}/approve/", {"comment": "", "expected_version": evaluation.version})
    evaluation.refresh_from_db()
    assert evaluation.status == "approved"
    page = client.get(evaluation.get_absolute_url()).content
    assert b"approve-form" not in page and b"review-form" not in page


def test_team_view_has_a_fixed_query_count_and_links_every_figure(client, staff, make_person, scored):
    client.force_login(staff["head"])
    url = "/kpi/team/?period=2026-03"
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert f"/kpi/items/?person={staff['officer'].pk}&amp;period=2026-03&amp;state=late" in html
    for number in range(5):
        person = make_person(f"them{number}", "officer", full_name=f"Cán bộ {number}")
        services.add_item(person, person, title="Việc", counts_on=periods.parse("2026-03").starts_on)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)
    items = client.get(f"/kpi/items/?person={staff['officer'].pk}&period=2026-03&state=late")
    assert "Rà soát dự án" in items.content.decode() and "Báo cáo quý I" not in items.content.decode()


def test_the_officer_sees_only_their_own(client, staff, scored, make_person):
    other = make_person("khac", "officer", full_name="Người Khác")
    client.force_login(other)
    assert client.get(scored.get_absolute_url()).status_code == 404
    assert client.get("/kpi/team/").status_code == 403
    assert client.get("/kpi/overview/").status_code == 403
    assert "Báo cáo quý I" not in client.get("/kpi/items/").content.decode()


def test_bm02_2_exports_the_approved_figures(client, staff, scored):
    client.force_login(staff["head"])
    response = client.get("/kpi/export.xlsx?period=2026-03")
    assert response.status_code == 200 and "BM02.2" in response["Content-Disposition"]
    rows = [
        list(r)
        for r in load_workbook(BytesIO(response.content), read_only=True).worksheets[0].iter_rows(values_only=True)
    ]
    officer_row = next(row for row in rows if "Đặng Thị Thủy" in row)
    assert officer_row[3:10] == [2, 1, 1, 0, 28, 56.88, 84.88]
    assert "Hoàn thành tốt nhiệm vụ" in officer_row
    assert any("TRƯỞNG PHÒNG" in str(cell) for row in rows for cell in row)
    document = Document(BytesIO(client.get("/kpi/export.docx?period=2026-Q1").content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert "Đặng Thị Thủy" in cells and "84,88" in cells and "Nguyễn Văn Thành" in "".join(cells)


def test_bm02_2_docx_has_one_row_per_person_with_their_own_figures(client, staff, scored, make_person):
    """The rows after the first are copies of its formatting: each must carry its own person."""
    names = [f"Cán bộ số {number}" for number in range(4)]
    for name in names:
        make_person(name.replace(" ", "").lower(), "officer", full_name=name)
    client.force_login(staff["head"])
    document = Document(BytesIO(client.get("/kpi/export.docx?period=2026-03").content))
    table = document.tables[0]
    body = [[cell.text for cell in row.cells] for row in table.rows[1:]]
    assert [row[0] for row in body] == [str(n) for n in range(1, len(body) + 1)]
    by_name = {row[1]: row for row in body}
    assert set(names) <= set(by_name)
    assert by_name["Đặng Thị Thủy"][3:10] == ["2", "1", "1", "0", "28", "56,88", "84,88"]
    assert all(by_name[name][3] == "0" and by_name[name][10] == "Chưa đánh giá" for name in names)


def test_team_view_shows_a_page_of_people_with_the_whole_division_s_figures(
    client, staff, scored, settings, make_person
):
    for number in range(3):
        make_person(f"them{number}", "officer", full_name=f"Cán bộ {number}")
    settings.LIST_PAGE_SIZE = 2
    client.force_login(staff["head"])
    first = client.get("/kpi/team/?period=2026-03")
    staff_count = first.context["summary"].staff
    assert staff_count > 2 and len(first.context["rows"]) == 2
    assert f"1/{staff_count}" in first.content.decode()  # evaluated / staff: the whole division
    last_page = first.context["page_obj"].paginator.num_pages
    last = client.get(f"/kpi/team/?period=2026-03&page={last_page}")
    assert len(last.context["rows"]) == staff_count - 2 * (last_page - 1)
    assert b"team-pages" in last.content


def test_summary_api(client, staff, scored):
    client.force_login(staff["head"])
    auth = {}
    answer = client.get("/api/v1/kpi/summary?division=dtnns&period=2026-03", **auth)
    assert answer.status_code == 200
    body = answer.json()
    row = next(r for r in body["rows"] if r["person"] == "Đặng Thị Thủy")
    assert (row["items_assigned"], row["items_on_time"], row["items_late"], row["band"]) == (2, 1, 1, "good")
    assert D(str(row["total"])) == D("84.88")
    assert body["coverage"]["evaluated"] == 1
    year = client.get("/api/v1/kpi/summary?division=dtnns&period=2026", **auth).json()
    assert next(r for r in year["rows"] if r["person"] == "Đặng Thị Thủy")["band"] == "good"
    for bad in ("2026-13", "26", "2026-Q5"):
        refused = client.get(f"/api/v1/kpi/summary?division=dtnns&period={bad}", **auth)
        assert refused.status_code == 400 and refused.json()["field"] == "period"
    assert client.get("/api/v1/kpi/summary?division=khong-co&period=2026", **auth).status_code == 400
    assert client.get("/api/v1/kpi/summary?division=99999999999999999999&period=2026", **auth).status_code == 400
    client.force_login(staff["officer"])
    own = client.get("/api/v1/kpi/summary?period=2026-03").json()
    assert [r["person"] for r in own["rows"]] == ["Đặng Thị Thủy"]
    assert client.get("/api/v1/kpi/summary?division=van-phong&period=2026-03").status_code == 403


def test_quality_objective_4_reads_kpi(staff, scored):
    from investdesk.quality import indicators
    from investdesk.quality.choices import Indicator
    from investdesk.quality.models import Objective

    objective = Objective.objects.get(plan__year=2026, indicator=Indicator.KPI_RATING)
    reading = indicators.read(objective, at("08:00 02/04/2026").date())
    # The division has the officer and the head; only the officer is evaluated (good).
    assert reading.value == D("50.00") and "2026-03" in reading.figure and reading.light != "grey"
    early = indicators.read(objective, at("08:00 15/01/2026").date())
    assert early.value is None and early.light == "grey"


def _word_layout() -> bytes:
    document = Document()
    document.add_paragraph("BM02.2 {{ division }} — {{ period }}")
    table = document.add_table(rows=2, cols=4)
    for cell, text in zip(table.rows[0].cells, ["STT", "Họ tên", "Tổng", "Xếp loại"], strict=True):
        cell.text = text
    for cell, text in zip(
        table.rows[1].cells, ["{{ row.number }}", "{{row.person}}", "{{ row.total }}", "{{ row.band }}"], strict=True
    ):
        cell.text = text
    document.add_paragraph("Người ký: {{ signer }}")
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _excel_layout() -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet["A1"] = "{{ division }} {{ period_code }}"
    sheet.append(["STT", "Họ tên", "Tổng"])
    sheet.append(["{{ row.number }}", "{{ row.person }}", "{{ row.total }}"])
    sheet["A5"] = "TRƯỞNG PHÒNG"
    sheet.merge_cells("A5:C5")
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_the_department_uploads_its_own_layout(client, staff, scored, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from investdesk.core.exceptions import PermissionDeniedError

    settings.MEDIA_ROOT = tmp_path
    word = SimpleUploadedFile("bm02-2.docx", _word_layout())
    with pytest.raises(PermissionDeniedError):
        services.upload_template(staff["head"], word)
    client.force_login(staff["admin"])
    assert client.get("/kpi/templates/").status_code == 200
    client.post("/kpi/templates/", {"name": "Mẫu của Sở", "file": SimpleUploadedFile("bm02-2.docx", _word_layout())})
    client.post("/kpi/templates/", {"file": SimpleUploadedFile("bm02-2.xlsx", _excel_layout())})
    refused = client.post("/kpi/templates/", {"file": SimpleUploadedFile("x.docx", b"not a zip")})
    assert refused.status_code == 200
    client.force_login(staff["head"])
    document = Document(BytesIO(client.get("/kpi/export.docx?period=2026-03").content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "tháng 03 năm 2026" in text and "Nguyễn Văn Thành" in text
    cells = [[cell.text for cell in row.cells] for row in document.tables[0].rows]
    assert ["1", "Nguyễn Văn Thành", "", "Chưa đánh giá"] in cells
    assert ["2", "Đặng Thị Thủy", "84,88", "Hoàn thành tốt nhiệm vụ"] in cells
    book = load_workbook(BytesIO(client.get("/kpi/export.xlsx?period=2026-03").content))
    rows = [list(r) for r in book.active.iter_rows(values_only=True)]
    assert rows[0][0].endswith("2026-03") and rows[3][1] == "Đặng Thị Thủy" and rows[3][2] == "84,88"
    assert rows[5][0] == "TRƯỞNG PHÒNG" and "A6:C6" in {str(r) for r in book.active.merged_cells.ranges}


def test_the_home_page_shows_my_current_period_without_starting_it(client, staff):
    officer = staff["officer"]
    today = timezone.localdate()
    done = services.add_item(officer, officer, title="Việc xong", counts_on=today)
    services.add_item(
        officer, officer, title="Việc quá hạn", counts_on=today, deadline=timezone.now() - timedelta(hours=1)
    )
    services.finish_item(officer, done, done.version)
    client.force_login(officer)
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/").content.decode()
    assert _writes_to_kpi(queries.captured_queries) == []
    assert 'data-testid="home-kpi"' in page and "Chưa tự đánh giá" in page
    period = services.find_period(today)
    assert f"/kpi/people/{officer.pk}/{period.code}/" in page
    assert f"?person={officer.pk}&amp;period={period.code}&amp;state=open" in page
    assert "1 quá hạn" in page and not Evaluation.objects.exists()
    # A person who is not evaluated (no position) has no card.
    officer.position = None
    officer.save()
    assert 'data-testid="home-kpi"' not in client.get("/").content.decode()


def test_the_item_list_behind_a_figure_honours_the_cutoff(client, staff):
    """An item counted on 20/12/2026 is in January 2027's figures (15/12 cut-off): the list behind
    January shows it, December's and the year 2026's do not."""
    officer = staff["officer"]
    services.add_item(
        officer, officer, title="Tổng kết năm", counts_on=periods.parse("2026-12").starts_on.replace(day=20)
    )
    services.add_item(officer, officer, title="Báo cáo tháng", counts_on=periods.parse("2026-12").starts_on)
    client.force_login(staff["head"])
    listed = {
        code: client.get(f"/kpi/items/?person={officer.pk}&period={code}").content.decode()
        for code in ("2026-12", "2027-01", "2026", "2027", "2026-Q4", "2027-Q1")
    }
    for code in ("2027-01", "2027", "2027-Q1"):
        assert "Tổng kết năm" in listed[code] and "Báo cáo tháng" not in listed[code]
    for code in ("2026-12", "2026", "2026-Q4"):
        assert "Báo cáo tháng" in listed[code] and "Tổng kết năm" not in listed[code]


def _on(monkeypatch, day):
    """Today is ``day`` for the pages (dates given to ``localdate`` are converted as ever)."""
    real = timezone.localdate
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: real(*args, **kwargs) if args else day)


def test_past_the_cutoff_the_kpi_pages_open_the_period_the_home_card_shows(client, staff, monkeypatch):
    _on(monkeypatch, periods.parse("2026-12").starts_on.replace(day=20))
    client.force_login(staff["officer"])
    assert "Tháng 01/2027" in client.get("/").content.decode()
    mine = client.get("/kpi/").content.decode()
    assert "Tháng 01/2027" in mine and "Tháng 12/2026" not in mine
    client.force_login(staff["head"])
    assert "2027-01" in client.get("/kpi/team/").content.decode()


def test_the_home_card_reads_the_rule_period_evaluation_and_items_once(rf, staff, django_assert_max_num_queries):
    from investdesk.kpi import home

    officer = staff["officer"]
    today = timezone.localdate()
    for number in range(3):
        services.add_item(
            officer, officer, title=f"Việc {number}", counts_on=today, deadline=timezone.now() - timedelta(hours=1)
        )
    request = rf.get("/")
    request.user = officer
    with django_assert_max_num_queries(5):  # 4; 5 past the cut-off, where next year's rule is read too
        card = home.panels(request)[0]["context"]
    assert card["overdue"] == 3 and card["evaluation"].items_open == 3
    services.open_evaluation(officer, officer, services.find_period(today))
    with django_assert_max_num_queries(5):
        card = home.panels(request)[0]["context"]
    assert card["started"] and card["overdue"] == 3
