"""The one-stop forms that carry time rules: the supplementation request states its deadline (02),
the stop follows a missed deadline (05), the apology goes before the due time (04), and the control
sheet has one row per hand-off (06)."""

import io
from datetime import date

import pytest
from openpyxl import load_workbook

from investdesk.core.exceptions import DomainError, PermissionDeniedError
from investdesk.dossiers import reports, services, stats
from investdesk.dossiers.models import Dossier
from investdesk.procedures.models import Procedure

from .conftest import at

pytestmark = pytest.mark.django_db


def receive(staff, code="cap-lai-gcndkdt", when="08:00 02/03/2026"):
    return services.receive_dossier(
        staff["reception"],
        procedure=Procedure.objects.get(code=code),
        applicant_name="Công ty CP Cảng Ba Ngòi",
        channel="direct",
        received_at=at(when),
    )


def open_step(dossier):
    return dossier.steps.get(finished_at__isnull=True)


def ask_supplement(staff, dossier, reply_by="17:00 06/03/2026"):
    services.complete_step(staff["reception"], open_step(dossier), at=at("09:00 02/03/2026"))
    services.complete_step(
        staff["officer"],
        open_step(dossier),
        answers={"valid": False},
        note="Bổ sung báo cáo tài chính năm 2025 đã kiểm toán",
        reply_by=at(reply_by) if reply_by else None,
        at=at("10:00 02/03/2026"),
    )
    return dossier.pauses.get()


# Form 02 and the stop (form 05) ------------------------------------------------------------------


def test_the_supplementation_request_states_basis_content_and_deadline(client, staff):
    dossier = receive(staff)
    pause = ask_supplement(staff, dossier)
    assert pause.reply_by == at("17:00 06/03/2026")
    assert "Điều 44" in pause.legal_basis and "Điều 6 khoản 1 điểm d" in pause.legal_basis
    client.force_login(staff["officer"])
    html = client.get(f"/dossiers/{dossier.pk}/form-02/").content.decode()
    assert "Căn cứ: Nghị định 96/2026/NĐ-CP, Điều 44; Nghị định 96/2026/NĐ-CP, Điều 6 khoản 1 điểm d" in html
    assert "Bổ sung báo cáo tài chính năm 2025 đã kiểm toán" in html
    assert "trước 17 giờ 00 phút, ngày 06/03/2026" in html


def test_without_a_deadline_given_the_investor_has_ten_working_days(staff):
    pause = ask_supplement(staff, receive(staff), reply_by=None)
    assert pause.reply_by == at("10:00 16/03/2026")


def test_a_deadline_before_the_request_is_refused(staff):
    dossier = receive(staff)
    services.complete_step(staff["reception"], open_step(dossier), at=at("09:00 02/03/2026"))
    with pytest.raises(DomainError) as error:
        services.complete_step(
            staff["officer"],
            open_step(dossier),
            answers={"valid": False},
            reply_by=at("09:00 02/03/2026"),
            at=at("10:00 02/03/2026"),
        )
    assert error.value.field == "reply_by" and not dossier.pauses.exists()


def test_a_stop_for_a_missed_reply_only_after_the_deadline(staff):
    dossier = receive(staff)
    ask_supplement(staff, dossier)  # reply by 17:00 06/03
    with pytest.raises(DomainError) as error:
        services.stop_processing(staff["head"], dossier, reason="Không bổ sung", at=at("16:00 06/03/2026"))
    assert "17:00 06/03/2026" in error.value.message
    assert services.missed_reply(dossier, at("16:00 06/03/2026")) is None
    assert services.missed_reply(dossier, at("08:00 09/03/2026")) is not None
    stopped = services.stop_processing(staff["head"], dossier, reason="Không bổ sung", at=at("08:00 09/03/2026"))
    assert stopped.status == "stopped"
    assert "không bổ sung, giải trình trong hạn" in stopped.history.first().history_change_reason


def test_a_stop_before_the_deadline_needs_an_override(staff):
    dossier = receive(staff)
    ask_supplement(staff, dossier)
    stopped = services.stop_processing(
        staff["head"], dossier, reason="Dự án thuộc ngành cấm", at=at("16:00 03/03/2026"), override=True
    )
    assert stopped.status == "stopped" and stopped.history.first().history_change_reason == (
        "Dừng giải quyết vì lý do khác"
    )


def test_the_detail_page_offers_the_stop_once_the_deadline_has_passed(client, staff):
    waiting = receive(staff)
    ask_supplement(staff, waiting, reply_by="17:00 06/03/2026")
    fresh = receive(staff, when="08:00 27/11/2026")
    client.force_login(staff["head"])
    html = client.get(f"/dossiers/{waiting.pk}/").content.decode()
    assert 'data-testid="missed-reply"' in html and 'data-testid="stop-override"' not in html
    html = client.get(f"/dossiers/{fresh.pk}/").content.decode()
    assert 'data-testid="missed-reply"' not in html and 'data-testid="stop-override"' in html
    client.post(f"/dossiers/{waiting.pk}/actions/stop/", {"reason": "Không bổ sung trong hạn"})
    waiting.refresh_from_db()
    assert waiting.status == "stopped"
    form = client.get(f"/dossiers/{waiting.pk}/form-05/").content.decode()
    assert 'data-testid="form-05-missed"' in form and "17:00 ngày 06/03/2026" in form
    client.post(f"/dossiers/{fresh.pk}/actions/stop/", {"reason": "Không bổ sung"})
    fresh.refresh_from_db()
    assert fresh.status == "in_progress"  # refused: nothing was asked of the investor


def test_a_second_request_is_exceptional(staff):
    dossier = receive(staff)
    ask_supplement(staff, dossier)
    services.complete_step(staff["reception"], open_step(dossier), at=at("10:00 04/03/2026"))
    check = open_step(dossier)
    with pytest.raises(PermissionDeniedError):
        services.complete_step(staff["officer"], check, answers={"valid": False}, at=at("11:00 04/03/2026"))
    with pytest.raises(DomainError) as error:
        services.complete_step(staff["head"], check, answers={"valid": False}, at=at("11:00 04/03/2026"))
    assert error.value.field == "exception_reason"
    services.complete_step(
        staff["head"],
        check,
        answers={"valid": False},
        exception_reason="Tài liệu bổ sung mâu thuẫn với hồ sơ gốc",
        at=at("11:00 04/03/2026"),
    )
    second = dossier.pauses.order_by("started_at").last()
    assert second.flagged and second.exception_reason == "Tài liệu bổ sung mâu thuẫn với hồ sơ gốc"


# Form 04 ---------------------------------------------------------------------------------------------


def test_the_apology_is_recorded_at_the_time_given_before_the_due_time(client, staff):
    dossier = receive(staff)  # due 08:00 05/03
    client.force_login(staff["head"])
    client.post(
        f"/dossiers/{dossier.pk}/actions/apology/",
        {"new_due_at": "16:00 10/03/2026", "sent_at": "16:30 04/03/2026", "reason": "Chờ ý kiến Sở Xây dựng"},
    )
    dossier.refresh_from_db()
    assert dossier.apology_at == at("16:30 04/03/2026") and not dossier.apology_late
    html = client.get(f"/dossiers/{dossier.pk}/form-04/").content.decode()
    assert "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN" in html and "Ngày 04/03/2026" in html


def test_after_the_due_time_only_an_administrator_records_a_late_apology(staff):
    dossier = receive(staff)  # due 08:00 05/03
    with pytest.raises(DomainError) as error:
        services.extend_with_apology(
            staff["head"], dossier, new_due_at=at("16:00 10/03/2026"), reason="Chậm", at=at("09:00 05/03/2026")
        )
    assert "Hạn giải quyết đã hết lúc 08:00 05/03/2026" in error.value.message
    late = services.extend_with_apology(
        staff["admin"], dossier, new_due_at=at("16:00 10/03/2026"), reason="Chậm", at=at("09:00 05/03/2026")
    )
    assert late.apology_late and late.apology_at == at("09:00 05/03/2026")
    # Resolved late: the report counts the late apology apart, the register marks it.
    for step_at in ("09:00 06/03/2026", "10:00 06/03/2026", "11:00 06/03/2026", "14:00 06/03/2026"):
        step = open_step(dossier)
        extra = {"result": "approved"} if step.role == "department_leader" else {}
        services.complete_step(step.assignee, step, at=at(step_at), **extra)
    step = open_step(dossier)
    services.complete_step(step.assignee, step, at=at("15:00 06/03/2026"))
    resolved = stats.summary(stats.Period.of(date(2026, 3, 1), date(2026, 3, 31), now=at("12:00 27/11/2026")))
    assert resolved["resolved"]["late"] == 1 and resolved["resolved"]["late_with_late_apology"] == 1
    sheet = load_workbook(io.BytesIO(reports.build_register(Dossier.objects.all()))).active
    assert sheet.cell(row=4, column=15).value == "09:00 05/03/2026 (gửi sau khi quá hạn)"


def test_an_apology_while_paused_counts_the_pause(staff):
    dossier = receive(staff)  # due 08:00 05/03
    # Past the desk, the dossier is the officer's to pause (access.can_pause).
    services.complete_step(staff["reception"], open_step(dossier), at=at("09:00 02/03/2026"))
    services.request_explanation(staff["officer"], dossier, reason="Nguồn vốn", at=at("08:00 04/03/2026"))
    # Waiting for the investor since 04/03 with a day left: the due time has not passed on 06/03.
    services.extend_with_apology(
        staff["head"], dossier, new_due_at=at("16:00 20/03/2026"), reason="Chờ giải trình", at=at("09:00 06/03/2026")
    )
    dossier.refresh_from_db()
    assert not dossier.apology_late


# Form 06 ---------------------------------------------------------------------------------------------


def test_the_control_sheet_has_one_row_per_hand_off(client, staff):
    dossier = receive(staff, "chap-thuan-chu-truong-dau-tu")
    services.complete_step(staff["reception"], open_step(dossier), at=at("09:00 02/03/2026"))
    check = open_step(dossier)
    services.complete_step(staff["officer"], check, at=at("15:00 02/03/2026"))
    consultations = list(dossier.steps.filter(finished_at__isnull=True).order_by("pk"))
    for consultation, when in zip(consultations, ("10:00 05/03/2026", "10:00 06/03/2026", "10:00 09/03/2026")):
        services.complete_step(staff["officer"], consultation, note="Đồng ý", at=at(when))
    from investdesk.dossiers.views import handoffs

    steps = list(dossier.steps.order_by("started_at", "id"))
    rows = handoffs(dossier, steps)
    assert len(rows) == len(steps)
    assert rows[0]["from_investor"] and rows[0]["given_at"] == dossier.received_at
    by_receiver = {row["receiver"].pk: row for row in rows}
    for consultation in consultations:
        row = by_receiver[consultation.pk]
        assert row["giver"].pk == check.pk  # each consultation comes from the check, not from another
        assert row["given_at"] == at("15:00 02/03/2026") == row["received_at"]
    report = by_receiver[open_step(dossier).pk]
    assert report["giver"].pk == consultations[-1].pk and report["given_at"] == at("10:00 09/03/2026")
    client.force_login(staff["head"])
    html = client.get(f"/dossiers/{dossier.pk}/control-sheet/").content.decode()
    assert html.count('data-testid="handoff"') == len(steps)
