"""Pages as a person new to the system reads them: scope, not-found, history in plain words."""

import pytest

from investdesk.accounts.choices import Role
from investdesk.dossiers import services
from investdesk.procedures.models import Procedure

from .conftest import at

pytestmark = pytest.mark.django_db


def receive(staff, code="cap-lai-gcndkdt", when="08:00 02/03/2026"):
    return services.receive_dossier(
        staff["reception"],
        procedure=Procedure.objects.get(code=code),
        applicant_name="Công ty TNHH Biển Xanh",
        channel="online",
        received_at=at(when),
        components=["Văn bản đề nghị theo mẫu", "Tài liệu về tư cách pháp lý của nhà đầu tư"],
    )


def test_a_viewer_is_told_their_scope_and_not_offered_the_list(client, staff, make_person):
    receive(staff)
    client.force_login(make_person("nguoixem", Role.VIEWER))
    home = client.get("/").content.decode()
    assert 'href="/dossiers/"' not in home and 'href="/my-work/"' not in home
    page = client.get("/dossiers/").content.decode()
    assert 'data-testid="scope-note"' in page and "chỉ xem số liệu tổng hợp và báo cáo" in page
    client.force_login(staff["officer"])
    page = client.get("/dossiers/").content.decode()
    assert "hồ sơ bạn chịu trách nhiệm hoặc được giao" in page
    client.force_login(staff["head"])
    assert "các hồ sơ của phòng bạn" in client.get("/dossiers/").content.decode()
    client.force_login(make_person("lanhdao", Role.DEPARTMENT_LEADER))
    assert 'data-testid="scope-note"' not in client.get("/dossiers/").content.decode()


def test_a_dossier_out_of_reach_is_the_apps_own_page_also_with_debug_on(client, staff, make_person, settings):
    settings.DEBUG = True
    dossier = receive(staff)
    client.force_login(make_person("nguoixem", Role.VIEWER))
    response = client.get(f"/dossiers/{dossier.pk}/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "Không tìm thấy trang" in html and 'data-testid="bell"' in html
    assert "Page not found" not in html and "Django" not in html


def test_history_reads_as_a_person_writes(client, staff):
    dossier = receive(staff)
    step = dossier.steps.get()
    services.complete_step(staff["reception"], step, note="Đủ thành phần, chuyển thụ lý", at=at("09:00 02/03/2026"))
    client.force_login(staff["head"])
    html = client.get(f"/dossiers/{dossier.pk}/history/").content.decode()
    assert "Văn bản đề nghị theo mẫu; Tài liệu về tư cách pháp lý của nhà đầu tư" in html
    assert "[&#x27;" not in html and "['" not in html  # no Python list
    assert "giây làm việc" not in html and "tạo lúc" not in html  # internal fields
    assert "Đủ thành phần, chuyển thụ lý" in html  # the step's note beside "Hoàn thành bước"
    assert "08:00 02/03/2026" in html


def test_dossier_pages_keep_the_dossiers_breadcrumb(client, staff):
    dossier = receive(staff)
    client.force_login(staff["head"])
    for url in (
        f"/dossiers/{dossier.pk}/receipt/",
        f"/dossiers/{dossier.pk}/control-sheet/",
        f"/dossiers/{dossier.pk}/history/",
    ):
        html = client.get(url).content.decode()
        crumbs = html[html.index('class="breadcrumb') : html.index("</ol>")]
        assert 'href="/dossiers/"' in crumbs and dossier.code in crumbs, url


def test_the_note_box_is_labelled_by_the_kind_of_step():
    from investdesk.dossiers.forms import CompleteStepForm

    assert CompleteStepForm(role="consulted_agency").fields["note"].label.startswith("Ý kiến của cơ quan")
    assert CompleteStepForm(role="officer").fields["note"].label == "Ghi chú"
    assert "yêu cầu bổ sung" in CompleteStepForm(role="officer", questions=["valid"]).fields["note"].label


def test_the_dashboard_stops_at_this_year_and_says_when_there_is_nothing(client, staff):
    from django.utils import timezone

    client.force_login(staff["head"])
    this_year = timezone.localdate().year
    html = client.get("/reports/dashboard/", {"year": this_year}).content.decode()
    assert f"?year={this_year + 1}" not in html and f"?year={this_year - 1}" in html
    past = client.get("/reports/dashboard/", {"year": 2019}).content.decode()
    assert 'data-testid="no-data"' in past and "Chưa có dữ liệu" in past


def test_administrator_and_viewer_have_a_useful_home(client, staff, make_person):
    client.force_login(staff["admin"])
    html = client.get("/").content.decode()
    assert 'data-testid="home-admin"' in html and "Tình trạng hệ thống" in html and "Lịch làm việc năm" in html
    client.force_login(make_person("nguoixem", Role.VIEWER))
    html = client.get("/").content.decode()
    assert 'data-testid="home-figures"' in html and 'href="/reports/dashboard/"' in html
    assert 'data-testid="home-my-work"' not in html


def test_the_receipt_hands_the_dossier_on_and_comes_as_word(client, staff):
    import io

    from docx import Document

    dossier = receive(staff)
    client.force_login(staff["reception"])
    assert (
        'data-testid="check-all"' in client.get("/dossiers/new/", {"procedure": dossier.procedure.pk}).content.decode()
    )
    html = client.get(f"/dossiers/{dossier.pk}/receipt/").content.decode()
    assert 'data-testid="handover"' in html and "Chuyển hồ sơ" in html
    word = client.get(f"/dossiers/{dossier.pk}/receipt/", {"format": "docx"})
    assert word["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    text = "\n".join(p.text for p in Document(io.BytesIO(word.content)).paragraphs)
    assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in text and dossier.code in text
    step = dossier.steps.get()
    client.post(f"/dossiers/{dossier.pk}/steps/{step.pk}/complete/")
    step.refresh_from_db()
    assert step.finished_at is not None
    assert 'data-testid="handover"' not in client.get(f"/dossiers/{dossier.pk}/receipt/").content.decode()


@pytest.mark.parametrize("code", ['HS "cũ" 2025', "HS\n2025\r\x01/01", "Hồ sơ số 7"])
def test_a_download_named_from_data_keeps_a_valid_name(client, staff, code):
    # Numbers of imported dossiers are free text: a quote, a line break or a Vietnamese letter in the
    # name must neither break the header nor the download.
    from investdesk.dossiers.models import Dossier

    dossier = receive(staff)
    Dossier.objects.filter(pk=dossier.pk).update(code=code)
    client.force_login(staff["reception"])
    word = client.get(f"/dossiers/{dossier.pk}/receipt/", {"format": "docx"})
    assert word.status_code == 200
    disposition = word["Content-Disposition"]
    assert disposition.startswith("attachment; filename")
    assert "\n" not in disposition and "\r" not in disposition and "\x01" not in disposition
    assert word.content[:2] == b"PK"
