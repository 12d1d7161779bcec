"""The projects API and the Excel import: filters, search without diacritics, all-or-nothing import."""

import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from investdesk.projects import imports
from investdesk.projects.choices import DelayStatus
from investdesk.projects.models import Investor, Project

from .conftest import LATE_MILESTONES

pytestmark = pytest.mark.django_db
HEADINGS = [str(column.label) for column in imports.COLUMNS]


def sheet(*rows, headings=HEADINGS, title="Dự án", formula=None):
    book = Workbook()
    ws = book.active
    ws.title = title
    ws.append(headings)
    for row in rows:
        ws.append(row)
    if formula:
        ws[formula] = "=1+1"
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("du-an.xlsx", buffer.getvalue())


def row(code="5600000001", name="Nhà máy chế biến hải sản Ninh Hòa", commune="Phường Ninh Hòa", **over):
    values = {
        "code": code,
        "name": name,
        "investor": "Công ty TNHH Hải sản Việt Hàn",
        "enterprise_code": "4201111111",
        "country": "Hàn Quốc",
        "kind": "Đầu tư trực tiếp",
        "sector": "C",
        "commune": commune,
        "address": "Khu công nghiệp",
        "total_capital_vnd": 250_000_000_000,
        "contributed_capital_vnd": "50.000.000.000",
        "mobilised_capital_vnd": 0,
        "total_capital_usd": 10_000_000,
        "land_area_ha": 5.5,
        "term_years": 50,
        "registered_on": "15/03/2024",
        "status": "Đang triển khai",
        "latitude": None,
        "longitude": None,
        **over,
    }
    return [values[column.name] for column in imports.COLUMNS]


def post(client, upload, dry_run=False):
    return client.post("/api/v1/projects/import", {"file": upload, "dry_run": "true" if dry_run else "false"})


def test_list_filters_and_searches_without_diacritics(client_for, officer, make_project):
    late = make_project(name="Khu du lịch Hòn Tằm", milestones=LATE_MILESTONES)
    make_project(name="Bệnh viện Quốc tế")
    client = client_for(officer)
    body = client.get("/api/v1/projects", {"q": "hon tam"}).json()
    assert body["count"] == 1 and body["items"][0]["code"] == late.code
    assert client.get("/api/v1/projects", {"q": "HÒN TẰM"}).json()["count"] == 1
    body = client.get("/api/v1/projects", {"delay": DelayStatus.SERIOUSLY_LATE}).json()
    assert [i["code"] for i in body["items"]] == [late.code]
    assert client.get("/api/v1/projects", {"commune": "22333"}).json()["count"] == 2
    assert client.get("/api/v1/projects", {"status": "nonsense"}).status_code == 400


def test_one_project_with_milestones_and_delay(client_for, officer, make_project):
    project = make_project(milestones=LATE_MILESTONES)
    body = client_for(officer).get(f"/api/v1/projects/{project.code}").json()
    assert body["delay_status"] == DelayStatus.SERIOUSLY_LATE
    assert body["milestones"][0]["committed_on"] == "2025-06-01"
    assert body["investors"][0]["name"] == project.investor.name
    assert client_for(officer).get("/api/v1/projects/khong-co").status_code == 404


def test_login_required(client):
    assert client.get("/api/v1/projects").status_code == 401
    assert client.get("/api/v1/projects/import-template").status_code == 401
    assert post(client, sheet(row())).status_code == 401


def test_template_round_trips(client_for, officer):
    client = client_for(officer)
    response = client.get("/api/v1/projects/import-template")
    assert response.status_code == 200
    upload = SimpleUploadedFile("mau.xlsx", response.content)
    body = post(client, upload).json()
    assert body == {"created": 1, "updated": 0, "errors": [], "changes": []} or body["created"] == 1


def test_import_creates_then_updates_by_code(client_for, officer):
    client = client_for(officer)
    body = post(client, sheet(row(), row(code="5600000002", commune="Bắc Nha Trang"))).json()
    assert (body["created"], body["updated"], body["errors"]) == (2, 0, [])
    project = Project.objects.get(code="5600000001")
    assert project.investor.country == "KR" and project.registered_on == date(2024, 3, 15)
    assert Investor.objects.count() == 1
    body = post(client, sheet(row(name="Nhà máy mới")), dry_run=True).json()
    assert (body["created"], body["updated"]) == (0, 1)
    assert Project.objects.get(code="5600000001").name == "Nhà máy chế biến hải sản Ninh Hòa"
    body = post(client, sheet(row(name="Nhà máy mới"))).json()
    assert body["updated"] == 1
    project = Project.objects.get(code="5600000001")
    assert project.name == "Nhà máy mới" and project.version == 2


def test_bad_rows_write_nothing_and_every_error_is_listed(client_for, officer):
    upload = sheet(
        row(),
        row(code="5600000002", commune="Ba Đình", total_capital_vnd="nhiều"),
        row(code="5600000001"),
        row(code="", sector="Z"),
    )
    body = post(client_for(officer), upload).json()
    assert body["created"] == 0
    found = {(e["row"], e["column"]) for e in body["errors"]}
    assert {(3, "Xã, phường, đặc khu"), (3, "Tổng vốn đầu tư (đồng)"), (4, "Mã số dự án"), (5, "Mã số dự án")} <= found
    assert (5, "Ngành (VSIC)") in found
    assert not Project.objects.exists() and not Investor.objects.exists()


@pytest.mark.parametrize(
    ("upload", "words"),
    [
        (lambda: sheet(row(), headings=["A", "B"]), "không theo mẫu"),
        (lambda: sheet(row(), formula="J2"), "công thức"),
        (lambda: SimpleUploadedFile("x.xlsx", b"PK\x03\x04garbage"), "hỏng"),
        (lambda: SimpleUploadedFile("x.csv", b"a,b"), "không nhận"),
        (lambda: sheet(), "không có dòng"),
    ],
)
def test_garbage_is_refused_cleanly(client_for, officer, upload, words):
    response = post(client_for(officer), upload())
    body = response.json()
    text = (body.get("detail") or " ".join(e["message"] for e in body.get("errors", []))).lower()
    assert words in text, body
    assert not Project.objects.exists()


def test_readers_may_not_import(client_for, leader):
    assert post(client_for(leader), sheet(row())).status_code == 403


def test_a_long_sheet_is_refused_before_the_reader_parses_it(monkeypatch, tmp_path, seeded):
    # openpyxl's read-only mode parses a sheet that declares no size whole, just to learn its size.
    from django.core.files import File
    from openpyxl.worksheet._reader import WorkSheetParser

    from investdesk.core.exceptions import DomainError
    from investdesk.projects import imports
    from tests.security import hostile

    parsed = []
    monkeypatch.setattr(WorkSheetParser, "parse_dimensions", lambda parser: parsed.append(parser))
    path = hostile.streamed_xlsx(tmp_path / "long.xlsx", imports.MAX_SHEET_ROWS + 10)
    with path.open("rb") as handle, pytest.raises(DomainError, match="quá"):
        imports.read_rows(File(handle, name="long.xlsx"))
    assert parsed == []
