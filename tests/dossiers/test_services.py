"""A dossier's life through the services, on the real catalogue and the 2026 calendar."""

import threading
from datetime import date

import pytest
from django.db import connection, connections

from investdesk.core.exceptions import ConcurrentEditError, DomainError, PermissionDeniedError
from investdesk.dossiers import services
from investdesk.dossiers.choices import DossierStatus, Outcome
from investdesk.dossiers.models import Dossier, Step
from investdesk.procedures.models import Procedure

from .conftest import at

pytestmark = pytest.mark.django_db


def receive(staff, code="cap-lai-gcndkdt", when="08:00 02/03/2026", **extra):
    return services.receive_dossier(
        staff["reception"],
        procedure=Procedure.objects.get(code=code),
        applicant_name="Công ty TNHH Du lịch Vịnh Nha Trang",
        channel="direct",
        received_at=at(when),
        **extra,
    )


def open_step(dossier):
    return dossier.steps.get(finished_at__isnull=True)


def test_receipt_gives_a_number_an_appointment_and_a_named_first_step(staff):
    dossier = receive(staff)
    assert dossier.code == "2026-00001"
    assert dossier.procedure_version.number == 2 and dossier.due_at == at("08:00 05/03/2026")  # 3 days (v1: old law)
    step = open_step(dossier)
    assert step.role == "reception" and step.assignee == staff["reception"]
    assert step.due_at == at("14:00 02/03/2026")  # half a day: 3½ h before lunch, ½ h after
    assert receive(staff).code == "2026-00002"


def test_old_dossiers_keep_the_old_version(staff):
    old = receive(staff, "chap-thuan-chu-truong-dau-tu", "08:00 27/02/2026")
    new = receive(staff, "chap-thuan-chu-truong-dau-tu", "08:00 02/03/2026")
    assert (old.procedure_version.statutory_days, new.procedure_version.statutory_days) == (35, 17)


def test_a_dossier_from_receipt_to_result(staff):
    dossier = receive(staff)
    services.complete_step(staff["reception"], open_step(dossier), at=at("09:00 02/03/2026"))
    dossier.refresh_from_db()
    check = open_step(dossier)
    assert check.role == "officer" and check.assignee == staff["officer"]
    assert dossier.responsible == staff["officer"]
    assert services.questions_for(check) == ["valid"]
    services.complete_step(staff["officer"], check, answers={"valid": True}, at=at("15:00 02/03/2026"))
    head = open_step(dossier)
    assert head.role == "division_head" and head.assignee == staff["head"]
    services.complete_step(staff["head"], head, at=at("08:00 03/03/2026"))
    sign = open_step(dossier)
    assert sign.assignee == staff["leader"]
    services.complete_step(
        staff["leader"],
        sign,
        result="approved",
        result_number="12/GCN-STC",
        result_date=date(2026, 3, 3),
        at=at("14:00 03/03/2026"),
    )
    give_back = open_step(dossier)
    assert give_back.role == "reception"
    services.complete_step(staff["reception"], give_back, at=at("16:00 03/03/2026"))
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.RESOLVED and dossier.outcome == Outcome.EARLY
    assert dossier.finished_at == at("16:00 03/03/2026") and dossier.result == "approved"
    outcomes = list(dossier.steps.order_by("started_at").values_list("outcome", flat=True))
    # The check and the return finished on a day before their due day: early.
    assert outcomes == ["on_time", "early", "on_time", "on_time", "early"]


def test_the_last_step_needs_a_result(staff):
    dossier = receive(staff)
    for _ in range(4):
        step = open_step(dossier)
        services.complete_step(step.assignee, step, at=at("10:00 02/03/2026"))
    last = open_step(dossier)
    with pytest.raises(DomainError) as error:
        services.complete_step(last.assignee, last, at=at("11:00 02/03/2026"))
    assert error.value.field == "result"
    assert open_step(dossier).pk == last.pk  # nothing changed


def test_supplementation_pauses_the_clock(staff):
    dossier = receive(staff)  # due 08:00 05/03
    services.complete_step(staff["reception"], open_step(dossier), at=at("09:00 02/03/2026"))
    services.complete_step(
        staff["officer"],
        open_step(dossier),
        answers={"valid": False},
        note="Thiếu báo cáo tài chính",
        at=at("10:00 02/03/2026"),
    )
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.PAUSED and dossier.supplement_requests == 1
    waiting = open_step(dossier)
    assert waiting.role == "reception" and waiting.due_at is None and not waiting.counts_time
    # The investor supplements two working days later: the appointment moves by two working days.
    services.complete_step(staff["reception"], waiting, at=at("10:00 04/03/2026"))
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.IN_PROGRESS
    assert dossier.due_at == at("08:00 09/03/2026") and dossier.original_due_at == at("08:00 05/03/2026")
    assert open_step(dossier).role == "officer"


def test_a_second_supplement_request_needs_the_division_head(staff):
    dossier = receive(staff)
    services.complete_step(staff["reception"], open_step(dossier), at=at("09:00 02/03/2026"))
    services.complete_step(staff["officer"], open_step(dossier), answers={"valid": False}, at=at("10:00 02/03/2026"))
    services.complete_step(staff["reception"], open_step(dossier), at=at("10:00 03/03/2026"))
    with pytest.raises(PermissionDeniedError):
        services.complete_step(
            staff["officer"], open_step(dossier), answers={"valid": False}, at=at("11:00 03/03/2026")
        )
    services.complete_step(
        staff["head"],
        open_step(dossier),
        answers={"valid": False},
        exception_reason="Bản sao bổ sung không chứng thực",
        at=at("11:00 03/03/2026"),
    )
    assert dossier.pauses.filter(flagged=True).count() == 1


def test_consultations_run_in_parallel_and_silence_means_consent(staff):
    dossier = receive(staff, "chap-thuan-chu-truong-dau-tu")
    services.complete_step(staff["reception"], open_step(dossier), at=at("09:00 02/03/2026"))
    services.complete_step(staff["officer"], open_step(dossier), at=at("15:00 02/03/2026"))
    consultations = list(dossier.steps.filter(finished_at__isnull=True))
    assert len(consultations) == 3 and all(s.silence_means_consent for s in consultations)
    assert all(s.assignee == staff["officer"] for s in consultations)  # the officer follows them up
    assert {s.due_at for s in consultations} == {at("15:00 11/03/2026")}
    services.complete_step(staff["officer"], consultations[0], note="Đồng ý", at=at("10:00 05/03/2026"))
    assert services.close_silent_consultations(at("16:00 11/03/2026")) == 2
    silent = dossier.steps.get(pk=consultations[1].pk)
    assert "được coi là đồng ý" in silent.note and silent.finished_at == at("15:00 11/03/2026")
    assert open_step(dossier).name.startswith("Tổng hợp ý kiến")


def test_only_the_assignee_or_the_division_head_acts(staff):
    dossier = receive(staff)
    step = open_step(dossier)
    with pytest.raises(PermissionDeniedError):
        services.complete_step(staff["officer"], step)
    services.complete_step(staff["head"], step, at=at("09:00 02/03/2026"))


def test_reassignment_keeps_the_reason(staff, make_person):
    other = make_person("chuyenvien2", "officer", full_name="Võ Minh Tuấn")
    dossier = receive(staff)
    services.complete_step(staff["reception"], open_step(dossier), at=at("09:00 02/03/2026"))
    step = open_step(dossier)
    with pytest.raises(PermissionDeniedError):
        services.reassign_step(staff["officer"], step, other, "x")
    services.reassign_step(staff["head"], step, other, "Cân đối khối lượng công việc")
    step.refresh_from_db()
    dossier.refresh_from_db()
    assert step.assignee == other and dossier.responsible == other
    assert "Cân đối" in step.history.first().history_change_reason


def test_bad_receipts_write_nothing(staff):
    procedure = Procedure.objects.get(code="cap-lai-gcndkdt")
    for kwargs, field in [
        ({"channel": "fax"}, "channel"),
        ({"applicant_name": "  "}, "applicant"),
        ({"received_at": at("08:00 02/03/2030")}, "received_at"),
    ]:
        args = {"procedure": procedure, "applicant_name": "A", "channel": "online", **kwargs}
        with pytest.raises(DomainError) as error:
            services.receive_dossier(staff["reception"], **args)
        assert error.value.field == field
    with pytest.raises(PermissionDeniedError):
        services.receive_dossier(staff["officer"], procedure=procedure, applicant_name="A", channel="online")
    assert Dossier.objects.count() == 0 and Step.objects.count() == 0


def test_calendar_change_moves_open_due_times(staff, django_capture_on_commit_callbacks):
    from investdesk.worktime import services as worktime
    from investdesk.worktime.choices import OverrideKind

    dossier = receive(staff)  # due 08:00 05/03
    with django_capture_on_commit_callbacks(execute=True):
        worktime.save_override(staff["admin"], day=date(2026, 3, 4), kind=OverrideKind.DAY_OFF, reason="Nghỉ đột xuất")
    dossier.refresh_from_db()
    assert dossier.due_at == at("08:00 06/03/2026")


@pytest.mark.django_db(transaction=True)
def test_two_people_completing_the_same_step_one_wins(staff):
    if connection.vendor != "postgresql":
        pytest.skip("row locks between threads are exercised on PostgreSQL")
    dossier = receive(staff)
    step = open_step(dossier)
    barrier = threading.Barrier(2)
    outcomes = []

    def act(person):
        try:
            barrier.wait()
            services.complete_step(person, Step.objects.get(pk=step.pk), at=at("09:00 02/03/2026"))
            outcomes.append("done")
        except ConcurrentEditError:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=act, args=(p,)) for p in (staff["reception"], staff["head"])]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["done", "refused"]
    assert Step.objects.filter(dossier=dossier).count() == 2


def test_withdrawal_and_stop_close_the_dossier_apart(staff):
    first, second = receive(staff), receive(staff)
    with pytest.raises(PermissionDeniedError):
        services.stop_processing(staff["officer"], first, reason="x")
    services.withdraw_dossier(staff["reception"], first, reason="Nhà đầu tư đề nghị rút", at=at("10:00 02/03/2026"))
    services.stop_processing(
        staff["head"], second, reason="Vi phạm điều kiện đầu tư", at=at("10:00 03/03/2026"), override=True
    )
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (DossierStatus.WITHDRAWN, DossierStatus.STOPPED)
    assert first.outcome == "" and not first.steps.filter(finished_at__isnull=True).exists()
    with pytest.raises(DomainError):
        services.withdraw_dossier(staff["reception"], first, reason="again")


def test_apology_moves_the_appointment_but_not_the_due_time(staff):
    dossier = receive(staff)  # due 08:00 05/03
    sent = at("16:00 04/03/2026")
    with pytest.raises(DomainError):
        services.extend_with_apology(staff["head"], dossier, new_due_at=at("08:00 04/03/2026"), reason="x", at=sent)
    services.extend_with_apology(
        staff["head"], dossier, new_due_at=at("16:00 09/03/2026"), reason="Chờ ý kiến Sở XD", at=sent
    )
    dossier.refresh_from_db()
    assert dossier.extended_due_at == at("16:00 09/03/2026") and dossier.due_at == at("08:00 05/03/2026")
    assert dossier.apology_at == sent


def test_an_explanation_pauses_the_dossier_and_its_open_step(staff):
    dossier = receive(staff)
    services.complete_step(staff["reception"], open_step(dossier), at=at("09:00 02/03/2026"))
    step = open_step(dossier)
    assert step.due_at == at("09:00 03/03/2026")
    services.request_explanation(staff["officer"], dossier, reason="Giải trình nguồn vốn", at=at("10:00 02/03/2026"))
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.PAUSED
    with pytest.raises(DomainError):  # the work waits for the explanation too
        services.complete_step(staff["officer"], step, at=at("11:00 02/03/2026"))
    services.receive_explanation(staff["officer"], dossier, at=at("10:00 04/03/2026"))  # two working days
    dossier.refresh_from_db()
    step.refresh_from_db()
    assert dossier.status == DossierStatus.IN_PROGRESS and dossier.due_at == at("08:00 09/03/2026")
    assert step.due_at == at("09:00 05/03/2026")


def test_equal_loads_take_turns(staff, make_person):
    second = make_person("chuyenvien2", "officer", full_name="Võ Minh Tuấn")
    officers = []
    for _index in range(4):
        dossier = receive(staff)
        services.complete_step(staff["reception"], open_step(dossier), at=at("09:00 02/03/2026"))
        check = open_step(dossier)
        officers.append(check.assignee)
        services.complete_step(check.assignee, check, at=at("10:00 02/03/2026"))  # no open work stays
    assert set(officers) == {staff["officer"], second}
