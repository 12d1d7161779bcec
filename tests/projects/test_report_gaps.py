"""Who has not reported: the periods' due dates and ends (pure), and the page of projects whose
report was missing or late on its due date, filterable, exportable, with a fixed query count."""

from datetime import date
from io import BytesIO
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from investdesk.projects import services
from investdesk.projects.choices import ProjectStatus, ReportKind
from investdesk.projects.models import InvestorReport
from investdesk.projects.reporting import latest_due_period, period_end

from .conftest import AT

Q = ReportKind.QUARTERLY_ACTIVITY


@pytest.mark.parametrize(
    ("kind", "year", "period", "end"),
    [
        (Q, 2026, 1, date(2026, 3, 31)),
        (Q, 2026, 3, date(2026, 9, 30)),
        (Q, 2026, 4, date(2026, 12, 31)),
        (ReportKind.SEMIANNUAL_ME, 2026, 1, date(2026, 6, 30)),
        (ReportKind.ANNUAL_ME, 2025, 0, date(2025, 12, 31)),
    ],
)
def test_period_ends(kind, year, period, end):
    assert period_end(kind, year, period) == end


@pytest.mark.parametrize(
    ("kind", "today", "expected"),
    [
        (Q, date(2026, 11, 30), (2026, 3)),  # Q3 due 10/10/2026
        (Q, date(2026, 10, 10), (2026, 2)),  # due on the 10th: not late yet
        (Q, date(2026, 1, 11), (2025, 4)),
        (ReportKind.ANNUAL_ACTIVITY, date(2026, 3, 31), (2024, 0)),
        (ReportKind.ANNUAL_ACTIVITY, date(2026, 4, 1), (2025, 0)),
        (ReportKind.SEMIANNUAL_ME, date(2026, 7, 11), (2026, 1)),
    ],
)
def test_the_latest_period_past_its_due_date(kind, today, expected):
    assert latest_due_period(kind, today) == expected


@pytest.fixture
def projects(officer, make_project):
    registered = date(2025, 1, 15)
    on_time = make_project(name="Nộp đúng hạn", registered_on=registered)
    late = make_project(name="Nộp muộn", registered_on=registered)
    missing = make_project(name="Chưa nộp gì", registered_on=registered, commune="22423")
    make_project(name="Cấp sau kỳ", registered_on=date(2026, 10, 1))
    make_project(name="Đã chấm dứt", registered_on=registered, status=ProjectStatus.TERMINATED)
    for project, received in ((on_time, date(2026, 10, 10)), (late, date(2026, 10, 20))):
        services.save_report(
            officer, InvestorReport(project=project, kind=Q, year=2026, period=3, received_on=received), at=AT
        )
    return {"on_time": on_time, "late": late, "missing": missing}


def test_the_page_lists_the_missing_and_the_late(client_for, officer, projects):
    client = client_for(officer)
    page = client.get("/projects/unreported/")  # the latest quarter past its due date
    text = page.content.decode()
    assert page.status_code == 200
    assert projects["late"].code in text and projects["missing"].code in text and "20/10/2026" in text
    assert "Nộp đúng hạn" not in text and "Cấp sau kỳ" not in text and "Đã chấm dứt" not in text
    assert "10/10/2026" in text  # the due date, said above the list
    only_missing = client.get("/projects/unreported/", {"gap": "missing"}).content.decode()
    assert projects["missing"].code in only_missing and projects["late"].code not in only_missing
    commune = client.get("/projects/unreported/", {"commune": "22423"}).content.decode()
    assert "Chưa nộp gì" in commune and "20/10/2026" not in commune
    not_due = client.get("/projects/unreported/", {"report_kind": Q, "year": 2026, "period": 4}).content.decode()
    assert "Chưa nộp gì" not in not_due


def test_the_export_has_every_listed_project(client_for, officer, projects):
    response = client_for(officer).get("/projects/unreported/", {"format": "xlsx"})
    assert response.status_code == 200
    sheet = load_workbook(BytesIO(response.content)).active
    rows = {r[0]: r for r in sheet.iter_rows(min_row=5, values_only=True)}
    assert set(rows) == {projects["late"].code, projects["missing"].code}
    assert rows[projects["missing"].code][7] == "Chưa nộp"
    assert rows[projects["late"].code][8].date() == date(2026, 10, 20)


def test_the_list_keeps_a_fixed_query_count(client_for, officer, make_project):
    client = client_for(officer)
    make_project(registered_on=date(2025, 1, 1))
    client.get("/projects/unreported/")
    with CaptureQueriesContext(connection) as one:
        client.get("/projects/unreported/")
    for _ in range(5):
        make_project(registered_on=date(2025, 1, 1))
    with CaptureQueriesContext(connection) as six:
        page = client.get("/projects/unreported/")
    assert page.content.decode().count("Chưa nộp</span>") == 6
    assert len(six) == len(one)


def test_login_and_permission(client, make_person):
    from investdesk.accounts.choices import Role

    assert client.get("/projects/unreported/").status_code == 302
    client.force_login(make_person("khach", Role.VIEWER, division=None, position=None))
    assert client.get("/projects/unreported/").status_code == 200


def _job_workbook(client, capture, path, params):
    from investdesk.core.models import BackgroundJob

    with capture(execute=True):
        response = client.post(f"{path}?{urlencode({**params, 'format': 'xlsx'})}")
    job = BackgroundJob.objects.latest("pk")
    assert response.status_code == 302 and response["Location"] == f"/jobs/{job.pk}/"
    assert job.status == "succeeded", job.message
    download = client.get(f"/jobs/{job.pk}/result/")
    return download, load_workbook(BytesIO(b"".join(download.streaming_content))).active


def test_large_project_exports_are_written_by_a_background_job(
    client_for, officer, projects, settings, django_capture_on_commit_callbacks
):
    """The project list and the unreported list export through the same machinery as the register:
    above the threshold a job, named after the list, writes the same rows for the requester."""
    from investdesk.core.models import BackgroundJob

    client = client_for(officer)
    settings.EXPORT_BACKGROUND_ROWS = 1
    download, sheet = _job_workbook(client, django_capture_on_commit_callbacks, "/projects/unreported/", {})
    assert 'filename="chua-bao-cao.xlsx"' in download["Content-Disposition"]
    codes = {row[0] for row in sheet.iter_rows(min_row=5, values_only=True)}
    assert codes == {projects["late"].code, projects["missing"].code}
    assert BackgroundJob.objects.latest("pk").title.startswith("Xuất Nhà đầu tư chưa báo cáo (")
    download, sheet = _job_workbook(client, django_capture_on_commit_callbacks, "/projects/", {})
    assert BackgroundJob.objects.latest("pk").title.startswith("Xuất Dự án đầu tư (")
    assert 'filename="danh-sach-du-an.xlsx"' in download["Content-Disposition"]
    listed = {row[0] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert {projects["late"].code, projects["missing"].code, projects["on_time"].code} <= listed


def test_the_unreported_export_needs_a_valid_period(client_for, officer, projects):
    response = client_for(officer).get("/projects/unreported/", {"format": "xlsx", "year": "x"})
    assert response.status_code == 302 and response["Location"] == "/projects/unreported/?year=x"
