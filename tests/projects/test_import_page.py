"""The page's import of a list of projects: columns mapped (and remembered per heading layout), every
row checked in the background with its errors and changes shown, then written all or nothing in the
background with the history a one-by-one save leaves; bad files refused with nothing kept."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from investdesk.accounts.choices import Role
from investdesk.projects import services
from investdesk.projects.imports import COLUMNS
from investdesk.projects.models import Investor, Project, ProjectImport

from .test_api_and_import import row, sheet

pytestmark = pytest.mark.django_db

# Another province's list: its own headings, in its own order, with a column of its own.
OTHER_HEADINGS = ["STT", "Tên công trình", "Mã dự án", "Chủ đầu tư", "Địa bàn", "Vốn đăng ký", "Hình thức", "Ngành"]


def other_sheet(*rows):
    book = Workbook()
    ws = book.active
    ws.append(OTHER_HEADINGS)
    for number, (code, name, capital) in enumerate(rows, start=1):
        ws.append([number, name, code, "Công ty TNHH Sao Mai", "Phường Ninh Hòa", capital, "Đầu tư trực tiếp", "C"])
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("tinh-ban.xlsx", buffer.getvalue())


@pytest.fixture
def send(client, django_capture_on_commit_callbacks):
    """Posts as the page does; the background job the post queues runs when its transaction commits."""

    def post(url, data):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, data)

    return post


def upload(client, file):
    response = client.post("/projects/import/", {"file": file})
    assert response.status_code == 302, response.content.decode()[:2000]
    return ProjectImport.objects.get(pk=int(response.url.rstrip("/").split("/")[-1]))


def mapping_of(record, **over) -> dict:
    values = {name: "" if index is None else str(index) for name, index in record.mapping.items()}
    return {"action": "check", **values, **over}


def test_check_shows_changes_then_the_import_writes_all_with_history(client_for, officer, make_project, send):
    kept = make_project(code="5600000001", name="Tên cũ")
    client = client_for(officer)
    record = upload(client, sheet(row(name="Nhà máy chế biến hải sản Ninh Hòa"), row(code="5600000002")))
    assert record.row_count == 2 and record.status == "uploaded"
    assert record.mapping == {column.name: index for index, column in enumerate(COLUMNS)}  # the template

    send(record.get_absolute_url(), {"action": "import"})  # not before a clean check
    assert Project.objects.count() == 1

    send(record.get_absolute_url(), mapping_of(record))
    record.refresh_from_db()
    assert (record.status, record.errors, record.created_count, record.updated_count) == ("ready", [], 1, 1)
    assert record.changes[0]["code"] == "5600000001"
    assert record.changes[0]["fields"]["Tên dự án"] == ["Tên cũ", "Nhà máy chế biến hải sản Ninh Hòa"]
    page = client.get(record.get_absolute_url()).content.decode()
    assert 'data-testid="import-changes"' in page and "Tên cũ" in page
    assert Project.objects.count() == 1 and Project.objects.get(code=kept.code).name == "Tên cũ"

    send(record.get_absolute_url(), {"action": "import"})
    record.refresh_from_db()
    assert (record.status, record.created_count, record.updated_count) == ("imported", 1, 1)
    updated = Project.objects.get(code=kept.code)
    assert updated.name == "Nhà máy chế biến hải sản Ninh Hòa" and updated.version == kept.version + 1
    assert list(Project.objects.search("che bien hai san").values_list("code", flat=True).order_by("code")) == [
        "5600000001",
        "5600000002",
    ]
    change = updated.history.first()
    assert (change.history_type, change.history_user, change.history_change_reason) == (
        "~",
        officer,
        "Nhập từ tệp Excel",
    )
    assert change.name == updated.name
    new = Project.objects.get(code="5600000002")
    assert new.division == officer.division and new.delay_status == "on_track"
    created = new.history.get()
    assert (created.history_type, created.history_user) == ("+", officer)
    investor = Investor.objects.get(enterprise_code="4201111111")
    assert new.investor == investor and investor.history.get().history_type == "+"


def test_a_mapping_is_remembered_for_the_next_file_of_the_same_layout(client_for, officer, send):
    client = client_for(officer)
    record = upload(client, other_sheet(("5700000001", "Nhà máy nước Cam Lâm", 90_000_000_000)))
    # "Mã dự án", "Chủ đầu tư", "Hình thức", "Ngành" are usual names; "Tên công trình" is not.
    assert record.mapping["code"] == 2 and record.mapping["investor"] == 3 and record.mapping["name"] is None
    assert record.mapping["commune"] == 4 and record.mapping["total_capital_vnd"] is None
    send(record.get_absolute_url(), mapping_of(record, name="1", total_capital_vnd="5"))
    record.refresh_from_db()
    assert record.status == "ready", record.errors

    again = upload(client, other_sheet(("5700000002", "Cảng cá Đại Lãnh", 40_000_000_000)))
    assert again.mapping == record.mapping
    assert again.layout_key == record.layout_key


def test_a_mapping_must_name_every_required_column_once(client_for, officer, send):
    client = client_for(officer)
    record = upload(client, other_sheet(("5700000001", "Nhà máy nước Cam Lâm", 90_000_000_000)))
    response = send(record.get_absolute_url(), mapping_of(record, name="2", total_capital_vnd="5"))
    assert response.status_code == 200 and "đã dùng cho" in response.content.decode()
    record.refresh_from_db()
    assert record.status == "uploaded" and record.job is None


def test_every_bad_row_is_listed_and_nothing_is_written(client_for, officer, send):
    client = client_for(officer)
    record = upload(
        client,
        sheet(
            row(),
            row(code="5600000002", commune="Ba Đình", total_capital_vnd="nhiều"),
            row(code="5600000001"),
            row(code="5600000003", contributed_capital_vnd=300_000_000_000),
        ),
    )
    send(record.get_absolute_url(), mapping_of(record))
    record.refresh_from_db()
    assert record.status == "invalid" and not record.can_import
    found = {(e["row"], e["column"]) for e in record.errors}
    assert found == {
        (3, "Xã, phường, đặc khu"),
        (3, "Tổng vốn đầu tư (đồng)"),
        (4, "Mã số dự án"),
        (5, "Vốn huy động (đồng)"),
    }
    page = client.get(record.get_absolute_url()).content.decode()
    assert "Mã số dự án trùng với dòng 2" in page
    send(record.get_absolute_url(), {"action": "import"})
    assert not Project.objects.exists() and not Investor.objects.exists()


def test_a_project_changed_after_the_check_stops_the_import(client_for, officer, make_project, send):
    project = make_project(code="5600000001", name="Tên cũ")
    client = client_for(officer)
    record = upload(client, sheet(row(), row(code="5600000002")))
    send(record.get_absolute_url(), mapping_of(record))
    record.refresh_from_db()
    assert record.status == "ready"
    project.name = "Sửa trong lúc chờ"
    services.save_project(officer, project, project.version)

    send(record.get_absolute_url(), {"action": "import"})
    record.refresh_from_db()
    assert record.status == "failed" and "kiểm tra lại" in record.job.message
    assert Project.objects.get(code="5600000001").name == "Sửa trong lúc chờ"
    assert not Project.objects.filter(code="5600000002").exists()


def merged_headings():
    book = Workbook()
    ws = book.active
    ws.append(["Thông tin dự án", None, "Vốn"])
    ws.merge_cells("A1:B1")
    ws.append(["5600000001", "Nhà máy", 1])
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("gop.xlsx", buffer.getvalue())


@pytest.mark.parametrize(
    ("file", "words"),
    [
        (merged_headings, "ô gộp"),
        (lambda: sheet(), "không có dòng dự án"),
        (lambda: SimpleUploadedFile("x.xlsx", b"PK\x03\x04garbage"), "hỏng"),
        (lambda: SimpleUploadedFile("x.csv", b"a,b"), "không nhận"),
        (lambda: sheet(row(), headings=[1, 2, 3]), "tên các cột"),
    ],
)
def test_bad_files_are_refused_at_upload_and_not_kept(client_for, officer, file, words):
    response = client_for(officer).post("/projects/import/", {"file": file()})
    assert response.status_code == 200
    assert words in response.content.decode().lower()
    assert not ProjectImport.objects.exists()


def test_a_formula_is_an_error_of_its_cell(client_for, officer, send):
    client = client_for(officer)
    record = upload(client, sheet(row(), formula="J2"))
    send(record.get_absolute_url(), mapping_of(record))
    record.refresh_from_db()
    assert record.errors == [
        {"row": 2, "column": "Tổng vốn đầu tư (đồng)", "message": "Ô chứa công thức; hãy dán giá trị (Paste Values)."}
    ]


def test_imports_are_seen_by_the_division_only(client_for, officer, make_person):
    record = upload(client_for(officer), sheet(row()))
    colleague = make_person("dongnghiep", Role.OFFICER)
    assert client_for(colleague).get(record.get_absolute_url()).status_code == 200
    stranger = make_person("phongkhac", Role.OFFICER, division="van-phong")
    assert client_for(stranger).get(record.get_absolute_url()).status_code == 404
    reader = make_person("docgia", Role.VIEWER)
    assert client_for(reader).get(record.get_absolute_url()).status_code == 403


def test_the_status_poll_shows_progress_while_the_work_runs_and_reloads_when_it_ends(client_for, officer):
    from investdesk.core.models import BackgroundJob

    client = client_for(officer)
    record = upload(client, sheet(row(code="5600000001")))
    status_url = f"/projects/import/{record.pk}/status/"
    response = client.get(status_url, headers={"HX-Request": "true"})
    assert response.status_code == 204 and response["HX-Refresh"] == "true"
    job = BackgroundJob.objects.create(kind="project-import-check", title="Kiểm tra", created_by=officer, total=40)
    BackgroundJob.objects.filter(pk=job.pk).update(done=10)
    ProjectImport.objects.filter(pk=record.pk).update(status="checking", job=job)
    for page in (client.get(status_url, headers={"HX-Request": "true"}), client.get(record.get_absolute_url())):
        html = page.content.decode()
        assert page.status_code == 200 and 'data-testid="import-progress"' in html
        assert f'hx-get="{status_url}"' in html and "10/40" in html
