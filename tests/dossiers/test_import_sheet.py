"""Importing a one-stop system's .xlsx: column mapping, a dry run that names every bad row and column,
an all-or-nothing import in the background, and a quarterly report on the imported history that
matches a hand computation."""

import io
from datetime import date, datetime

import pytest
import xlsxwriter
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase

from investdesk.core.exceptions import DomainError
from investdesk.dossiers import stats
from investdesk.dossiers.models import Dossier, DossierImport
from investdesk.procedures.models import Procedure

pytestmark = pytest.mark.django_db

HEADINGS = [
    "STT",
    "Số hồ sơ",
    "Tên thủ tục",
    "Tổ chức, cá nhân",
    "Hình thức nộp",
    "Ngày tiếp nhận",
    "Ngày trả kết quả",
    "Kết quả",
    "Bắt đầu tạm dừng",
    "Kết thúc tạm dừng",
]

# Q2 2026 (the procedure's process is in force from 31/03/2026), "Cấp lại …" = 3 working days;
# 30/04 and 01/05 are holidays. Hand computation in the quarter test below.
QUARTER = [
    ["HS-01", "Trực tuyến", "04/05/2026 08:00", "06/05/2026 10:00", "Đã giải quyết", None, None],
    ["HS-02", "Trực tiếp", "04/05/2026 08:00", date(2026, 5, 7), "Đã giải quyết", None, None],
    ["HS-03", "Bưu chính", "04/05/2026 08:00", "08/05/2026 09:00", "Từ chối", None, None],
    ["HS-04", "Trực tuyến", datetime(2026, 3, 31, 8), "06/04/2026 10:00", "Đã giải quyết", None, None],
    ["HS-05", "Trực tiếp", "24/06/2026 08:00", "02/07/2026 10:00", "Đã giải quyết", None, None],
    ["HS-06", "Trực tuyến", "12/05/2026 08:00", "13/05/2026 09:00", "Rút hồ sơ", None, None],
    ["HS-07", "trực tuyến", "29/06/2026 08:00", None, None, None, None],
    [
        "HS-08",
        "Trực tuyến",
        "04/05/2026 08:00",
        "08/05/2026 16:00",
        "Đã giải quyết",
        "04/05/2026 10:00",
        "06/05/2026 10:00",
    ],
]


def workbook(rows, headings=HEADINGS) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet("Hồ sơ")
    stamp = book.add_format({"num_format": "dd/mm/yyyy hh:mm"})
    sheet.write_row(0, 0, headings)
    name = Procedure.objects.get(code="cap-lai-gcndkdt").name
    for number, (code, channel, received, finished, result, pause_start, pause_end) in enumerate(rows, start=1):
        values = [number, code, name, f"Công ty {code}", channel, received, finished, result, pause_start, pause_end]
        for column, value in enumerate(values):
            if isinstance(value, date):  # a real Excel date cell, as the one-stop system writes some
                moment = value if isinstance(value, datetime) else datetime.combine(value, datetime.min.time())
                sheet.write_datetime(number, column, moment, stamp)
            elif value is not None:
                sheet.write(number, column, value)
    book.close()
    return buffer.getvalue()


def upload(client, content, name="mot-cua.xlsx"):
    """Uploads as the page does; the sheet is read by the job queued as the request commits."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post("/dossiers/imports/", {"file": SimpleUploadedFile(name, content)})


@pytest.fixture
def send(client, django_capture_on_commit_callbacks):
    """Posts as the page does; the background job the post queues runs when its transaction commits."""

    def post(url, data):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, data)

    return post


def mapping_of(record) -> dict:
    return {name: "" if index is None else str(index) for name, index in record.mapping.items()}


def test_columns_are_guessed_and_the_file_imports_after_a_clean_check(client, staff, send):
    client.force_login(staff["reception"])
    response = upload(client, workbook(QUARTER))
    record = DossierImport.objects.get()
    assert response.status_code == 302 and response.url == record.get_absolute_url()
    assert record.row_count == 8 and record.status == "uploaded"
    assert record.mapping == {
        "code": 1,
        "procedure": 2,
        "applicant_name": 3,
        "channel": 4,
        "received_at": 5,
        "finished_at": 6,
        "result": 7,
        "pause_start": 8,
        "pause_end": 9,
    }
    page = client.get(record.get_absolute_url())
    assert "HS-01" in page.content.decode() and 'data-testid="import-preview"' in page.content.decode()

    # Importing before a clean check is refused.
    send(record.get_absolute_url(), {"action": "import"})
    assert Dossier.objects.count() == 0

    send(record.get_absolute_url(), {"action": "check", **mapping_of(record)})
    record.refresh_from_db()
    assert (record.errors, record.status, record.created_count) == ([], "ready", 8)
    assert Dossier.objects.count() == 0  # the check writes nothing

    send(record.get_absolute_url(), {"action": "import"})
    record.refresh_from_db()
    assert record.status == "imported" and (record.created_count, record.updated_count) == (8, 0)
    first = Dossier.objects.get(code="HS-01")
    assert first.applicant_name == "Công ty HS-01" and first.channel == "online" and first.outcome == "early"
    created = first.history.get()
    assert created.history_type == "+" and created.history_user == staff["reception"]
    assert created.history_change_reason == "Nhập dữ liệu hồ sơ cũ" and created.due_at == first.due_at
    assert Dossier.objects.get(code="HS-08").pauses.count() == 1
    page = client.get(record.get_absolute_url())
    assert 'data-testid="import-outcome"' in page.content.decode()


def test_the_quarter_of_imported_history_matches_the_hand_computation(client, staff, send):
    client.force_login(staff["reception"])
    upload(client, workbook(QUARTER))
    record = DossierImport.objects.get()
    send(record.get_absolute_url(), {"action": "check", **mapping_of(record)})
    send(record.get_absolute_url(), {"action": "import"})
    figures = stats.summary(stats.Period.of(date(2026, 4, 1), date(2026, 6, 30)))
    # New: online 01, 06, 07, 08; direct or post 02, 03, 05. Carried over: 04 (received 31/03).
    # Resolved: early 01 (06/05 < due 07/05 08:00) and 08 (two paused days: due 11/05 08:00); on time
    # 02 (a date with no time is that day's start); late 03 (08/05 09:00 > 07/05 08:00) and 04 (due
    # 03/04 08:00). Open at 30/06: 05 (due 29/06 08:00, finished in July: overdue) and 07 (due 02/07).
    assert figures == {
        "received": {"total": 8, "online": 4, "direct_or_post": 3, "carried_over": 1},
        "resolved": {
            "total": 5,
            "early": 2,
            "on_time": 1,
            "late": 2,
            "late_with_apology": 0,
            "late_with_late_apology": 0,
        },
        "in_progress": {"total": 2, "within_time": 1, "overdue": 1},
        "withdrawn": 1,
        "stopped": 0,
        "on_time_rate": 60.0,
    }


def test_one_bad_row_writes_nothing_and_each_error_names_the_row_and_the_column(client, staff, send):
    client.force_login(staff["reception"])
    rows = [
        QUARTER[0],
        ["HS-09", "Fax", "31/02/2026", "04/03/2026 10:00", "Có thể", None, None],
        ["HS-01", "Trực tuyến", "02/03/2026 08:00", None, "Đã giải quyết", None, None],
    ]
    upload(client, workbook(rows))
    record = DossierImport.objects.get()
    send(record.get_absolute_url(), {"action": "check", **mapping_of(record)})
    record.refresh_from_db()
    assert record.status == "invalid" and Dossier.objects.count() == 0
    found = {(error["row"], error["column"]) for error in record.errors}
    assert {(3, "Hình thức nộp"), (3, "Ngày tiếp nhận"), (3, "Kết quả")} <= found
    assert {(4, "Số hồ sơ"), (4, "Kết quả")} <= found
    page = client.get(record.get_absolute_url()).content.decode()
    assert "31/02/2026" in page and 'data-testid="import-errors"' in page
    send(record.get_absolute_url(), {"action": "import"})
    assert Dossier.objects.count() == 0


def test_mapping_needs_the_required_fields_once_each(client, staff, send):
    client.force_login(staff["reception"])
    upload(client, workbook(QUARTER))
    record = DossierImport.objects.get()
    mapping = {**mapping_of(record), "received_at": ""}
    response = send(record.get_absolute_url(), {"action": "check", **mapping})
    assert response.status_code == 200 and "received_at" in response.context["form"].errors
    mapping = {**mapping_of(record), "finished_at": str(record.mapping["received_at"])}
    response = send(record.get_absolute_url(), {"action": "check", **mapping})
    assert "finished_at" in response.context["form"].errors
    record.refresh_from_db()
    assert record.status == "uploaded"


def test_changing_the_mapping_after_the_check_needs_a_new_check(client, staff, send):
    from investdesk.dossiers import services

    client.force_login(staff["reception"])
    upload(client, workbook(QUARTER))
    record = DossierImport.objects.get()
    send(record.get_absolute_url(), {"action": "check", **mapping_of(record)})
    record.refresh_from_db()
    record.mapping = {**record.mapping, "applicant_name": None}
    record.save()
    assert not record.can_import
    with pytest.raises(DomainError):
        services.start_import(staff["reception"], record)


def test_files_that_are_not_spreadsheets_are_refused(client, staff):
    client.force_login(staff["reception"])
    response = upload(client, b"MZ\x90\x00 not a workbook")
    assert response.status_code == 200 and response.context["form"].errors["file"]
    upload(client, workbook([], headings=["Số hồ sơ"]))  # refused by the background reading
    assert "chưa có hồ sơ" in client.get("/dossiers/imports/").content.decode()
    assert DossierImport.objects.count() == 0


def test_only_the_desk_and_the_head_import_and_each_sees_their_own(client, staff):
    client.force_login(staff["officer"])
    assert client.get("/dossiers/imports/").status_code == 403
    client.force_login(staff["reception"])
    upload(client, workbook(QUARTER))
    record = DossierImport.objects.get()
    other = staff["head"]
    client.force_login(other)
    assert client.get(record.get_absolute_url()).status_code == 200  # the head sees the desk's imports
    client.force_login(staff["officer"])
    assert client.get(record.get_absolute_url()).status_code == 403


def test_the_status_poll_reloads_the_page_once_the_work_ends(client, staff):
    client.force_login(staff["reception"])
    upload(client, workbook(QUARTER))
    record = DossierImport.objects.get()
    response = client.get(f"/dossiers/imports/{record.pk}/status/", headers={"HX-Request": "true"})
    assert response.status_code == 204 and response["HX-Refresh"] == "true"
    DossierImport.objects.filter(pk=record.pk).update(status="checking")
    response = client.get(f"/dossiers/imports/{record.pk}/status/", headers={"HX-Request": "true"})
    assert response.status_code == 200 and 'data-testid="import-progress"' in response.content.decode()


def test_an_import_whose_worker_died_can_be_checked_again(client, staff, send):
    from datetime import timedelta

    from django.utils import timezone

    from investdesk.core.models import BackgroundJob

    client.force_login(staff["reception"])
    upload(client, workbook(QUARTER))
    record = DossierImport.objects.get()
    job = BackgroundJob.objects.create(
        kind="dossier-import",
        title="x",
        created_by=staff["reception"],
        status="running",
        started_at=timezone.now() - timedelta(hours=4),
    )
    DossierImport.objects.filter(pk=record.pk).update(status="checking", job=job)
    page = client.get(record.get_absolute_url()).content.decode()
    assert "dừng giữa chừng" in page
    send(record.get_absolute_url(), {"action": "check", **mapping_of(record)})
    record.refresh_from_db()
    assert record.status == "ready"
