"""The desk's pages and the dossier API, with each role seeing only what it should."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from investdesk.dossiers import services
from investdesk.dossiers.models import Dossier
from investdesk.procedures.models import Procedure

from ..security.hostile import pdf
from .conftest import at

pytestmark = pytest.mark.django_db


def receive(staff, code="cap-lai-gcndkdt", when="08:00 02/03/2026"):
    return services.receive_dossier(
        staff["reception"],
        procedure=Procedure.objects.get(code=code),
        applicant_name="Công ty TNHH Biển Xanh",
        channel="online",
        received_at=at(when),
    )


def test_reception_desk_receives_and_prints_the_receipt(client, staff):
    client.force_login(staff["reception"])
    procedure = Procedure.objects.get(code="cap-lai-gcndkdt")
    page = client.get("/dossiers/new/", {"procedure": procedure.pk})
    assert "Văn bản đề nghị theo mẫu" in page.content.decode()  # the procedure's components
    response = client.post(
        "/dossiers/new/",
        {
            "procedure": procedure.pk,
            "applicant_name": "Công ty TNHH Biển Xanh",
            "channel": "direct",
            "received_at": "08:00 02/03/2026",
            "components": ["Văn bản đề nghị theo mẫu"],
        },
    )
    dossier = Dossier.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/dossiers/{dossier.pk}/"
    receipt = client.get(f"/dossiers/{dossier.pk}/receipt/").content.decode()
    assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in receipt and dossier.code in receipt
    assert "08 giờ 00 phút, thứ Năm, ngày 05/03/2026" in receipt
    assert "Văn bản đề nghị theo mẫu" in receipt


def test_intake_errors_are_shown_and_nothing_is_written(client, staff):
    client.force_login(staff["reception"])
    response = client.post("/dossiers/new/", {"applicant_name": "", "channel": "fax", "received_at": "31/02/2026"})
    assert response.status_code == 200 and "is-invalid" in response.content.decode()
    assert Dossier.objects.count() == 0


def test_officers_cannot_receive(client, staff):
    client.force_login(staff["officer"])
    assert client.get("/dossiers/new/").status_code == 403


def test_a_step_is_completed_from_the_dossier_page(client, staff):
    dossier = receive(staff)
    client.force_login(staff["reception"])
    page = client.get(f"/dossiers/{dossier.pk}/").content.decode()
    assert 'data-testid="step-action"' in page and "Hoàn thành bước" in page
    step = dossier.steps.get()
    response = client.post(f"/dossiers/{dossier.pk}/steps/{step.pk}/complete/", {f"s{step.pk}-note": "Đủ thành phần"})
    assert response.status_code == 302
    check = dossier.steps.get(finished_at__isnull=True)
    client.force_login(staff["officer"])
    page = client.get(f"/dossiers/{dossier.pk}/").content.decode()
    assert "Hồ sơ hợp lệ?" in page
    client.post(
        f"/dossiers/{dossier.pk}/steps/{check.pk}/complete/",
        {f"s{check.pk}-valid": "no", f"s{check.pk}-note": "Thiếu bản sao GCN"},
    )
    dossier.refresh_from_db()
    assert dossier.status == "paused"


def test_who_sees_which_dossier(client, staff, make_person):
    mine = receive(staff)
    services.complete_step(staff["reception"], mine.steps.get(), at=at("09:00 02/03/2026"))
    other_officer = make_person("khac", "officer", full_name="Người Khác")
    client.force_login(other_officer)
    assert client.get(f"/dossiers/{mine.pk}/").status_code == 404
    assert mine.code not in client.get("/dossiers/").content.decode()
    client.force_login(staff["officer"])
    assert client.get(f"/dossiers/{mine.pk}/").status_code == 200
    for person in ("head", "leader", "reception"):
        client.force_login(staff[person])
        assert client.get(f"/dossiers/{mine.pk}/").status_code == 200


def test_my_work_lists_my_open_steps_most_urgent_first(client, staff):
    first = receive(staff, when="08:00 02/03/2026")
    second = receive(staff, when="08:00 03/03/2026")
    client.force_login(staff["reception"])
    html = client.get("/my-work/").content.decode()
    assert html.index(first.code) < html.index(second.code)
    client.force_login(staff["officer"])
    assert "Không có việc nào" in client.get("/my-work/").content.decode()


def test_dossier_list_filters_and_keeps_a_fixed_number_of_queries(client, staff):
    for day in range(2, 6):
        receive(staff, when=f"08:00 0{day}/03/2026")
    client.force_login(staff["head"])
    client.get("/dossiers/")
    with CaptureQueriesContext(connection) as few:
        client.get("/dossiers/")
    for day in range(9, 14):
        receive(staff, when=f"08:00 {day}/03/2026")
    with CaptureQueriesContext(connection) as many:
        response = client.get("/dossiers/", {"status": "in_progress"})
    assert response.status_code == 200 and 0 < len(many) <= len(few) + 1
    assert "2026-00009" in response.content.decode()


@pytest.mark.parametrize("bounds", [{"received_to": "31/12/9999"}, {"received_from": "01/01/0001"}])
def test_the_calendars_first_and_last_days_bound_nothing_on_the_list_and_its_register(client, staff, bounds):
    dossier = receive(staff, when="08:00 02/03/2026")
    client.force_login(staff["head"])
    page = client.get("/dossiers/", bounds)
    assert page.status_code == 200 and dossier.code in page.content.decode()
    assert client.get("/dossiers/", {**bounds, "format": "xlsx"}).status_code == 200


def test_control_sheet_lists_each_hand_off(client, staff):
    dossier = receive(staff)
    services.complete_step(staff["reception"], dossier.steps.get(), at=at("09:00 02/03/2026"))
    client.force_login(staff["head"])
    html = client.get(f"/dossiers/{dossier.pk}/control-sheet/").content.decode()
    assert "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ" in html
    assert "Giao: Công ty TNHH Biển Xanh" in html and "Đúng hạn" in html and "Đang xử lý" in html


# --- API -------------------------------------------------------------------------------------------


def test_api_receives_and_reads_a_dossier(client, staff):
    client.force_login(staff["reception"])
    response = client.post(
        "/api/v1/dossiers",
        {
            "procedure": "cap-lai-gcndkdt",
            "applicant": {"name": "Công ty Cổ phần Vân Phong"},
            "received_at": "2026-03-02T08:00:00+07:00",
            "channel": "online",
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["code"] == "2026-00001" and body["status"] == "in_progress"
    assert body["due_at"] == "2026-03-05T08:00:00+07:00"
    assert body["steps"][0]["assignee"] == staff["reception"].full_name
    again = client.get(f"/api/v1/dossiers/{body['id']}").json()
    assert again["code"] == body["code"] and again["pauses"] == []


@pytest.mark.parametrize(
    ("payload", "status"),
    [
        ({"procedure": "khong-co", "applicant": {"name": "A"}, "channel": "online"}, 400),
        ({"procedure": "cap-lai-gcndkdt", "applicant": {"name": "A"}, "channel": "fax"}, 400),
        (
            {"procedure": "cap-lai-gcndkdt", "applicant": {"name": "A"}, "channel": "online", "received_at": "hôm nay"},
            400,
        ),
        ({"procedure": "cap-lai-gcndkdt", "channel": "online"}, 400),
    ],
)
def test_api_refuses_bad_dossiers_and_writes_nothing(client, staff, payload, status):
    client.force_login(staff["reception"])
    response = client.post("/api/v1/dossiers", payload, content_type="application/json")
    assert response.status_code == status and isinstance(response.json()["detail"], str)
    assert Dossier.objects.count() == 0


def test_api_completes_a_step_and_hides_other_dossiers(client, staff, make_person):
    dossier = receive(staff)
    step = dossier.steps.get()
    client.force_login(staff["officer"])
    assert (
        client.post(
            f"/api/v1/dossiers/{dossier.pk}/steps/{step.pk}/complete", {}, content_type="application/json"
        ).status_code
        == 404
    )
    client.force_login(staff["reception"])
    body = client.post(
        f"/api/v1/dossiers/{dossier.pk}/steps/{step.pk}/complete", {"note": "Đủ"}, content_type="application/json"
    ).json()
    assert body["steps"][0]["finished_at"] and body["steps"][1]["role"] == "officer"
    again = client.post(f"/api/v1/dossiers/{dossier.pk}/steps/{step.pk}/complete", {}, content_type="application/json")
    assert again.status_code == 409


def test_home_shows_my_open_steps(client, staff):
    dossier = receive(staff)
    client.force_login(staff["reception"])
    html = client.get("/").content.decode()
    assert 'data-testid="home-my-work"' in html and dossier.code in html and "1 việc đang chờ" in html
    client.force_login(staff["officer"])
    assert "Chưa có hồ sơ hay công việc nào được giao cho bạn." in client.get("/").content.decode()


def test_more_actions_and_printed_forms(client, staff):
    dossier = receive(staff)
    client.force_login(staff["head"])
    html = client.get(f"/dossiers/{dossier.pk}/").content.decode()
    assert 'data-testid="more-actions"' in html and "Dừng giải quyết" in html
    response = client.post(
        f"/dossiers/{dossier.pk}/actions/apology/",
        {"new_due_at": "16:00 09/03/2026", "sent_at": "16:00 04/03/2026", "reason": "Chờ ý kiến"},
    )
    assert response.status_code == 302
    assert "VĂN BẢN XIN LỖI" in client.get(f"/dossiers/{dossier.pk}/form-04/").content.decode()
    client.post(f"/dossiers/{dossier.pk}/actions/stop/", {"reason": "Vi phạm điều kiện", "override": "on"})
    dossier.refresh_from_db()
    assert dossier.status == "stopped"
    assert "DỪNG GIẢI QUYẾT" in client.get(f"/dossiers/{dossier.pk}/form-05/").content.decode()
    assert client.get(f"/dossiers/{dossier.pk}/form-03/").status_code == 404
    client.force_login(staff["officer"])
    assert client.post(f"/dossiers/{dossier.pk}/actions/stop/", {"reason": "x"}).status_code in {302, 404}
    assert client.get("/board/").status_code == 403


def test_board_shows_everyones_open_steps(client, staff):
    dossier = receive(staff)
    client.force_login(staff["head"])
    html = client.get("/board/").content.decode()
    assert dossier.code in html and staff["reception"].full_name in html


def test_refusal_at_the_desk_prints_form_03(client, staff):
    from investdesk.dossiers.models import ReceiptRefusal

    client.force_login(staff["reception"])
    procedure = Procedure.objects.get(code="cap-lai-gcndkdt")
    response = client.post(
        "/dossiers/refusals/new/",
        {
            "procedure": procedure.pk,
            "applicant_name": "Công ty A",
            "channel": "direct",
            "reason": "Không thuộc thẩm quyền",
        },
    )
    refusal = ReceiptRefusal.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/dossiers/refusals/{refusal.pk}/"
    html = client.get(response["Location"]).content.decode()
    assert "PHIẾU TỪ CHỐI TIẾP NHẬN" in html and "Không thuộc thẩm quyền" in html
    assert Dossier.objects.count() == 0
    client.force_login(staff["officer"])
    assert client.get("/dossiers/refusals/new/").status_code == 403


def test_documents_are_checked_and_served_only_to_those_who_see_the_dossier(
    client, staff, settings, tmp_path, make_person
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    dossier = receive(staff)
    client.force_login(staff["reception"])
    fake = SimpleUploadedFile("de-nghi.pdf", b"MZ\\x90\\x00 not a pdf", content_type="application/pdf")
    client.post(f"/dossiers/{dossier.pk}/documents/", {"title": "Văn bản đề nghị", "file": fake})
    assert dossier.documents.count() == 0
    script = SimpleUploadedFile("run.sh", b"#!/bin/sh", content_type="text/x-sh")
    client.post(f"/dossiers/{dossier.pk}/documents/", {"file": script})
    assert dossier.documents.count() == 0
    good = SimpleUploadedFile("de-nghi.pdf", pdf(), content_type="application/pdf")
    client.post(f"/dossiers/{dossier.pk}/documents/", {"title": "Văn bản đề nghị", "file": good})
    document = dossier.documents.get()
    assert document.content_type == "application/pdf" and document.uploaded_by == staff["reception"]
    response = client.get(f"/dossiers/{dossier.pk}/documents/{document.pk}/")
    assert response.status_code == 200 and b"".join(response.streaming_content) == pdf()
    stranger = make_person("nguoila", "officer", full_name="Người Lạ")
    client.force_login(stranger)
    assert client.get(f"/dossiers/{dossier.pk}/documents/{document.pk}/").status_code == 404


def test_a_paused_dossier_is_not_shown_as_overdue(client, staff):
    dossier = receive(staff, when="08:00 02/03/2026")
    services.complete_step(staff["reception"], dossier.steps.get(), at=at("09:00 02/03/2026"))
    check = dossier.steps.get(finished_at__isnull=True)
    services.complete_step(staff["officer"], check, answers={"valid": False}, at=at("10:00 02/03/2026"))
    client.force_login(staff["head"])
    html = client.get("/dossiers/").content.decode()
    assert 'data-risk="paused"' in html and 'data-risk="overdue"' not in html
    assert dossier.code not in client.get("/dossiers/", {"overdue": "true"}).content.decode()


def test_default_assignees_are_set_by_the_division_head(client, staff, make_person):
    other = make_person("tuan", "officer", full_name="Võ Minh Tuấn")
    procedure = Procedure.objects.get(code="cap-lai-gcndkdt")
    client.force_login(staff["head"])
    page = client.get("/board/default-assignees/").content.decode()
    assert "Mọi thủ tục" in page and "Võ Minh Tuấn" in page
    response = client.post(
        "/board/default-assignees/", {"procedure": procedure.pk, "role": "officer", "person": other.pk}
    )
    assert response.status_code == 302
    wrong = client.post(
        "/board/default-assignees/", {"procedure": "", "role": "officer", "person": staff["reception"].pk}
    )
    assert wrong.status_code == 302  # refused with a message: the desk clerk is not an officer
    dossier = receive(staff)
    services.complete_step(staff["reception"], dossier.steps.get(), at=at("09:00 02/03/2026"))
    assert dossier.steps.get(finished_at__isnull=True).assignee == other
    client.force_login(staff["officer"])
    assert client.get("/board/default-assignees/").status_code == 403


def test_api_actions(client, staff, make_person):
    # The reception step goes to another clerk of the desk (only the desk can do it).
    other = make_person("lan", "reception", division="van-phong", position="nhan-vien", full_name="Lê Thị Lan")
    dossier = receive(staff)
    client.force_login(staff["head"])
    step = dossier.steps.get()
    body = client.post(
        f"/api/v1/dossiers/{dossier.pk}/steps/{step.pk}/reassign",
        {"assignee_id": other.pk, "reason": "Cân đối công việc"},
        content_type="application/json",
    ).json()
    assert body["steps"][0]["assignee_id"] == other.pk
    body = client.post(
        f"/api/v1/dossiers/{dossier.pk}/explanation", {"reason": "Nguồn vốn"}, content_type="application/json"
    ).json()
    assert body["status"] == "paused" and body["pauses"][0]["kind"] == "explanation"
    body = client.post(f"/api/v1/dossiers/{dossier.pk}/explanation/received").json()
    assert body["status"] == "in_progress" and body["pauses"][0]["end"]
    bad = client.post(
        f"/api/v1/dossiers/{dossier.pk}/apology",
        {"new_due_at": "không rõ", "reason": "x"},
        content_type="application/json",
    )
    assert bad.status_code == 400
    # The due time passed long ago: only an administrator records the apology, marked late.
    refused = client.post(
        f"/api/v1/dossiers/{dossier.pk}/apology",
        {"new_due_at": "2027-01-12T16:00:00+07:00", "reason": "Chờ ý kiến"},
        content_type="application/json",
    )
    assert refused.status_code == 400 and "Hạn giải quyết đã hết" in refused.json()["detail"]
    client.force_login(staff["admin"])
    body = client.post(
        f"/api/v1/dossiers/{dossier.pk}/apology",
        {"new_due_at": "2027-01-12T16:00:00+07:00", "reason": "Chờ ý kiến"},
        content_type="application/json",
    )
    assert body.status_code == 200 and Dossier.objects.get(pk=dossier.pk).apology_late
    client.force_login(staff["officer"])
    refused = client.post(f"/api/v1/dossiers/{dossier.pk}/stop", {"reason": "x"}, content_type="application/json")
    assert refused.status_code in {403, 404}
    client.force_login(staff["head"])
    early = client.post(f"/api/v1/dossiers/{dossier.pk}/stop", {"reason": "x"}, content_type="application/json")
    assert early.status_code == 400  # no request to the investor has gone unanswered
    waiting = receive(staff)
    services.complete_step(staff["reception"], waiting.steps.get(), at=at("09:00 02/03/2026"))
    services.complete_step(
        staff["officer"],
        waiting.steps.get(finished_at__isnull=True),
        answers={"valid": False},
        reply_by=at("17:00 06/03/2026"),
        at=at("10:00 02/03/2026"),
    )
    body = client.post(
        f"/api/v1/dossiers/{waiting.pk}/stop", {"reason": "Không bổ sung"}, content_type="application/json"
    ).json()
    assert body["status"] == "stopped"
    again = client.post(f"/api/v1/dossiers/{waiting.pk}/withdraw", {"reason": "x"}, content_type="application/json")
    assert again.status_code == 400 and again.json()["detail"] == "Hồ sơ đã kết thúc."


def test_printed_forms_and_the_receipt_document_are_for_those_who_see_the_dossier(client, staff, make_person):
    dossier = receive(staff)
    client.force_login(staff["head"])
    client.post(
        f"/dossiers/{dossier.pk}/actions/apology/",
        {"new_due_at": "16:00 09/03/2026", "sent_at": "16:00 04/03/2026", "reason": "Chờ ý kiến"},
    )
    printed = [f"/dossiers/{dossier.pk}/{page}/" for page in ("receipt", "control-sheet", "form-02", "form-04")]
    for url in printed:
        assert client.get(url).status_code == 200, url
    word = client.get(f"/dossiers/{dossier.pk}/receipt/", {"format": "docx"})
    assert word.status_code == 200 and word["Content-Disposition"].endswith(f'giay-tiep-nhan-{dossier.code}.docx"')
    assert word.content.startswith(b"PK")
    client.force_login(make_person("khacphong", "officer", division="van-phong", position="chuyen-vien"))
    for url in printed:
        assert client.get(url).status_code == 404, url
    assert client.get(f"/dossiers/{dossier.pk}/receipt/", {"format": "docx"}).status_code == 404
