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
