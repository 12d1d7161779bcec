"""Project pages: each renders for its readers, refuses others, and lists keep a fixed query count."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from investdesk.accounts.choices import Role
from investdesk.projects.choices import InspectionKind, MilestoneKind
from investdesk.projects.models import DecisionVersion, Inspection, Milestone, Project

from .conftest import LATE_MILESTONES

pytestmark = pytest.mark.django_db


def test_every_tab_and_page_renders(client_for, officer, make_project):
    project = make_project(milestones=LATE_MILESTONES)
    client = client_for(officer)
    for tab in ("", "decisions/", "milestones/", "reports/", "inspections/", "history/", "edit/"):
        response = client.get(f"/projects/{project.code}/{tab}")
        assert response.status_code == 200, tab
    for url in (
        "/projects/",
        "/projects/watch/",
        "/projects/dashboard/",
        "/projects/import/",
        "/projects/new/",
        "/projects/investors/",
        f"/projects/investors/{project.investor.pk}/",
        f"/projects/investors/{project.investor.pk}/edit/",
        f"/projects/investors/{project.investor.pk}/history/",
        f"/projects/{project.code}/milestones/new/",
        f"/projects/{project.code}/decisions/new/",
        f"/projects/{project.code}/reports/new/",
        f"/projects/{project.code}/inspections/new/",
        "/projects/import/template/",
    ):
        assert client.get(url).status_code == 200, url
    page = client.get("/projects/watch/").content.decode()
    assert project.code in page
    assert "Chậm nghiêm trọng" in client.get(f"/projects/{project.code}/").content.decode()


def test_list_filters_search_and_export(client_for, officer, make_project):
    late = make_project(name="Khu du lịch Hòn Tằm", milestones=LATE_MILESTONES)
    other = make_project(name="Bệnh viện Quốc tế")
    client = client_for(officer)
    page = client.get("/projects/", {"q": "hon tam"}).content.decode()
    assert late.code in page and other.code not in page
    page = client.get("/projects/", {"late": "true"}).content.decode()
    assert late.code in page and other.code not in page
    page = client.get("/projects/", {"capital_min": "100", "capital_max": "200"}).content.decode()
    assert late.code in page
    response = client.get("/projects/", {"q": "hon tam", "format": "xlsx"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    from io import BytesIO

    from openpyxl import load_workbook

    rows = list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))
    assert len(rows) == 2 and rows[1][0] == late.code


def test_list_query_count_does_not_grow(client_for, officer, make_project, make_investor):
    client = client_for(officer)
    make_project()
    with CaptureQueriesContext(connection) as few:
        assert client.get("/projects/").status_code == 200
    for _ in range(6):
        make_project(investor=make_investor(f"Công ty {_}"))
    with CaptureQueriesContext(connection) as many:
        assert client.get("/projects/").status_code == 200
    assert len(many) == len(few)
    with CaptureQueriesContext(connection) as watch:
        client.get("/projects/watch/")
    assert len(watch) <= len(few)


def test_edit_form_refuses_a_stale_version(client_for, officer, make_project):
    project = make_project()
    client = client_for(officer)
    data = {
        "name": "Tên mới",
        "investor": project.investor.pk,
        "kind": project.kind,
        "sector": project.sector,
        "status": project.status,
        "commune": project.commune,
        "total_capital_vnd": "1000",
        "contributed_capital_vnd": "0",
        "mobilised_capital_vnd": "0",
        "deposit_vnd": "0",
        "expected_version": project.version,
    }
    assert client.post(f"/projects/{project.code}/edit/", data).status_code == 302
    data["name"] = "Tên khác"
    response = client.post(f"/projects/{project.code}/edit/", data)
    assert response.status_code == 200 and "người khác thay đổi" in response.content.decode()
    assert Project.objects.get().name == "Tên mới"


def test_officer_records_an_inspection_and_the_head_closes_it(client_for, officer, division_head, make_project):
    project = make_project()
    client = client_for(officer)
    response = client.post(
        f"/projects/{project.code}/inspections/new/",
        {"kind": InspectionKind.PERIODIC, "inspected_on": "01/10/2026", "findings": "Chưa khởi công"},
    )
    assert response.status_code == 302
    inspection = Inspection.objects.get()
    assert client.post(f"/projects/inspections/{inspection.pk}/close/", {"version": 1}).status_code == 403
    client = client_for(division_head)
    client.post(f"/projects/inspections/{inspection.pk}/close/", {"version": 1})
    inspection.refresh_from_db()
    assert inspection.status == "closed" and inspection.closed_by == division_head


def test_milestone_form_and_decision_confirmation(client_for, officer, division_head, make_project):
    project = make_project()
    client = client_for(officer)
    client.post(
        f"/projects/{project.code}/decisions/new/",
        {"kind": "certificate", "reference": "GCN-1", "decided_on": "05/01/2025"},
    )
    decision = DecisionVersion.objects.get()
    client.post(
        f"/projects/{project.code}/milestones/new/",
        {"kind": MilestoneKind.CONSTRUCTION_START, "phase": 1, "committed_on": "01/06/2025", "exempt_months": 0},
    )
    assert Milestone.objects.get().committed_on == date(2025, 6, 1)
    client_for(division_head).post(f"/projects/decisions/{decision.pk}/confirm/", {"version": decision.version})
    decision.refresh_from_db()
    assert decision.status == "confirmed"


def test_rows_and_roles(client, client_for, make_person, make_project):
    project = make_project()
    assert client.get("/projects/").status_code == 302  # to the sign-in page
    reception = make_person("tiepnhan2", Role.RECEPTION, division="van-phong")
    assert client_for(reception).get("/projects/").status_code == 403
    assert client_for(reception).get(f"/projects/{project.code}/").status_code == 403
    viewer = make_person("xem", Role.VIEWER)
    viewer_client = client_for(viewer)
    assert viewer_client.get(f"/projects/{project.code}/").status_code == 200
    assert viewer_client.get(f"/projects/{project.code}/edit/").status_code == 403
    assert viewer_client.get("/projects/import/").status_code == 403
    other = make_person("khac", Role.OFFICER, division="van-phong")
    other_client = client_for(other)
    assert other_client.get(f"/projects/{project.code}/").status_code == 200
    assert other_client.get(f"/projects/{project.code}/edit/").status_code == 404
    assert other_client.get(f"/projects/{project.code}/milestones/new/").status_code == 404


def test_the_annual_report_downloads_with_its_tables(client_for, officer, make_project):
    from io import BytesIO

    from docx import Document

    late = make_project(name="Khu du lịch Hòn Tằm", milestones=LATE_MILESTONES)
    response = client_for(officer).get("/projects/annual-report/", {"year": "2026"})
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('2026.docx"')
    document = Document(BytesIO(response.content))
    text = "\n".join(cell.text for table in document.tables for row in table.rows for cell in row.cells)
    assert late.code in text and "Chậm nghiêm trọng" in text


def test_home_shows_the_late_projects_one_monitors(client_for, officer, make_project):
    make_project(name="Khu du lịch Hòn Tằm", milestones=LATE_MILESTONES, officer=officer)
    page = client_for(officer).get("/").content.decode()
    assert "home-late-projects" in page and "Hòn Tằm" in page


def test_watch_list_shows_the_longest_delay_first(client_for, officer, make_project):
    # Registered the other way round, so the model's default order (newest registration first)
    # would put the shorter delay on top.
    longest = make_project(
        name="Dự án chậm lâu",
        registered_on=date(2018, 1, 1),
        milestones=((MilestoneKind.CONSTRUCTION_START, date(2022, 1, 1), None),),
    )
    shorter = make_project(name="Dự án chậm ít", registered_on=date(2024, 1, 1), milestones=LATE_MILESTONES)
    assert longest.delay_months > shorter.delay_months > 0
    page = client_for(officer).get("/projects/watch/").content.decode()
    assert page.index(longest.code) < page.index(shorter.code)


def test_dashboard_figures_by_year_and_most_delayed(client_for, officer, make_project):
    late = make_project(registered_on=date(2023, 5, 2), milestones=LATE_MILESTONES)
    make_project(registered_on=date(2023, 12, 31))
    make_project(registered_on=date(2025, 1, 1))
    from investdesk.projects import stats

    figures = stats.dashboard(Project.objects.all())
    by_year = {row["year"]: row["registered"] for row in figures["by_year"]}
    assert by_year == {2023: 2 * late.total_capital_vnd, 2025: late.total_capital_vnd}
    assert [p.code for p in figures["most_delayed"]] == [late.code]
    assert figures["late"] == 1 and figures["total"] == 3
    assert late.code in client_for(officer).get("/projects/dashboard/").content.decode()
