"""Due times and step limits through the services, and the report's in-progress split, on the real
catalogue and the 2026 calendar: every limit is moved by every pause, a report of a closed period
judges by the due time as it stood at the period's end."""

from datetime import date

import pytest

from investdesk.dossiers import services, stats
from investdesk.dossiers.choices import DossierStatus, Outcome
from investdesk.procedures.models import Procedure

from .conftest import at

pytestmark = pytest.mark.django_db

MARCH = (date(2026, 3, 1), date(2026, 3, 31))
Q1 = (date(2026, 1, 1), date(2026, 3, 31))


def receive(staff, when="08:00 02/03/2026", code="cap-lai-gcndkdt"):
    return services.receive_dossier(
        staff["reception"],
        procedure=Procedure.objects.get(code=code),
        applicant_name="Công ty CP Đầu tư Cam Ranh",
        channel="direct",
        received_at=at(when),
    )


def open_step(dossier):
    return dossier.steps.get(finished_at__isnull=True)


def ask_supplement(staff, dossier, checked="09:00 02/03/2026", asked="10:00 02/03/2026"):
    services.complete_step(staff["reception"], open_step(dossier), at=at(checked))
    services.complete_step(
        staff["officer"], open_step(dossier), answers={"valid": False}, note="Thiếu tài liệu", at=at(asked)
    )


def in_progress(first, last, now="12:00 27/11/2026"):
    return stats.summary(stats.Period.of(first, last, now=at(now)))["in_progress"]


def test_a_dossier_waiting_for_supplement_at_the_period_end_is_within_time(staff):
    dossier = receive(staff)  # 3 working days: due 08:00 05/03
    ask_supplement(staff, dossier)  # asked the same day; the investor has not answered yet
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.PAUSED
    assert in_progress(*MARCH) == {"total": 1, "within_time": 1, "overdue": 0}


def test_a_dossier_already_late_when_paused_stays_overdue(staff):
    # The dossiers here are still at the desk: the division head pauses them (access.can_pause).
    dossier = receive(staff)  # due 08:00 05/03
    services.request_explanation(staff["head"], dossier, reason="Giải trình vốn", at=at("10:00 10/03/2026"))
    assert in_progress(*MARCH) == {"total": 1, "within_time": 0, "overdue": 1}


def test_a_pause_open_at_the_end_counts_until_the_end(staff):
    # Due 08:00 05/03; paused 10:00 02/03 with 2 days 6 h left; at the end of the 2nd it is within
    # time, and it stays so however long the pause lasts.
    dossier = receive(staff)
    services.request_explanation(staff["head"], dossier, reason="Giải trình vốn", at=at("10:00 02/03/2026"))
    assert in_progress(date(2026, 3, 2), date(2026, 3, 2))["within_time"] == 1
    services.receive_explanation(staff["head"], dossier, at=at("10:00 15/04/2026"))
    assert in_progress(*MARCH) == {"total": 1, "within_time": 1, "overdue": 0}
    # After the pause the clock runs again from the time that was left: due 08:00 20/04.
    dossier.refresh_from_db()
    assert dossier.due_at == at("08:00 20/04/2026")
    assert in_progress(date(2026, 4, 1), date(2026, 4, 30)) == {"total": 1, "within_time": 0, "overdue": 1}


def test_a_closed_quarter_gives_the_same_figures_after_later_pauses(staff):
    overdue_at_end = receive(staff, "08:00 02/03/2026")  # due 05/03: overdue on 31/03
    paused_at_end = receive(staff, "08:00 25/03/2026")  # due 08:00 30/03, paused from 26/03
    services.request_explanation(staff["head"], paused_at_end, reason="Giải trình", at=at("08:00 26/03/2026"))
    late_then_paused = receive(staff, "08:00 09/03/2026")  # due 08:00 12/03; paused when already late
    services.request_explanation(staff["head"], late_then_paused, reason="Giải trình", at=at("08:00 20/03/2026"))
    within = receive(staff, "14:00 30/03/2026")  # due 02/04
    period = stats.Period.of(*Q1, now=at("12:00 27/11/2026"))
    before = stats.by_procedure(period)
    assert before[1]["in_progress"] == {"total": 4, "within_time": 2, "overdue": 2}

    # April onwards: long pauses move every due time past 31/03; the quarter must not change.
    services.receive_explanation(staff["head"], paused_at_end, at=at("08:00 05/06/2026"))
    services.receive_explanation(staff["head"], late_then_paused, at=at("08:00 05/10/2026"))
    for dossier in (overdue_at_end, within):
        services.request_explanation(staff["head"], dossier, reason="Giải trình", at=at("08:00 01/04/2026"))
        services.receive_explanation(staff["head"], dossier, at=at("08:00 01/10/2026"))
    overdue_at_end.refresh_from_db()
    assert overdue_at_end.due_at > at("23:59 31/03/2026")  # today's due time has moved past the quarter
    assert stats.by_procedure(period) == before
    services.recompute_due_times()
    assert stats.by_procedure(period) == before


def test_every_pause_moves_the_open_step_and_a_recompute_keeps_them(staff):
    dossier = receive(staff)
    services.complete_step(staff["reception"], open_step(dossier), at=at("09:00 02/03/2026"))
    step = open_step(dossier)  # the officer's day: due 09:00 03/03
    officer = staff["officer"]
    services.request_explanation(officer, dossier, reason="Lần 1", at=at("09:00 02/03/2026"))
    services.receive_explanation(officer, dossier, at=at("09:00 04/03/2026"))  # 16 working hours
    services.request_explanation(officer, dossier, reason="Lần 2", at=at("09:00 04/03/2026"))
    services.receive_explanation(officer, dossier, at=at("09:00 05/03/2026"))  # 8 working hours
    step.refresh_from_db()
    assert step.due_at == at("09:00 06/03/2026")  # 1 day + 16 h + 8 h
    dossier.refresh_from_db()
    assert dossier.due_at == at("08:00 10/03/2026")  # 3 days + 3 days paused

    services.recompute_due_times()  # as after any calendar change
    step.refresh_from_db()
    dossier.refresh_from_db()
    assert step.due_at == at("09:00 06/03/2026") and dossier.due_at == at("08:00 10/03/2026")
    services.complete_step(officer, step, answers={"valid": True}, at=at("10:00 05/03/2026"))
    step.refresh_from_db()
    assert step.outcome == Outcome.EARLY


def test_three_pauses_across_a_calendar_change(staff, django_capture_on_commit_callbacks):
    from investdesk.worktime import services as worktime
    from investdesk.worktime.choices import OverrideKind

    dossier = receive(staff)
    services.complete_step(staff["reception"], open_step(dossier), at=at("09:00 02/03/2026"))
    step = open_step(dossier)  # due 09:00 03/03
    officer = staff["officer"]
    for start, end in (
        ("09:00 02/03/2026", "09:00 03/03/2026"),  # 8 h
        ("09:00 03/03/2026", "13:30 03/03/2026"),  # 2.5 h
        ("13:30 03/03/2026", "13:30 05/03/2026"),  # 16 h, over 04/03
    ):
        services.request_explanation(officer, dossier, reason="Giải trình", at=at(start))
        services.receive_explanation(officer, dossier, at=at(end))
    step.refresh_from_db()
    assert step.due_at == at("11:30 06/03/2026")  # 8 + 26.5 h after 09:00 02/03
    # 04/03 becomes a day off: the third pause had 8 working hours less, so the limit is 8 h earlier
    # on the working-time line — but 04/03 is no longer worked, so the same instant.
    with django_capture_on_commit_callbacks(execute=True):
        worktime.save_override(staff["admin"], day=date(2026, 3, 4), kind=OverrideKind.DAY_OFF, reason="Nghỉ đột xuất")
    step.refresh_from_db()
    dossier.refresh_from_db()
    assert step.due_at == at("11:30 06/03/2026")
    # The dossier: 3 days from 08:00 02/03 + 18.5 h paused now that 04/03 is off.
    assert dossier.due_at == at("10:30 10/03/2026")
    assert step.paused_seconds == (8 + 2.5 + 8) * 3600


def test_an_imported_dossier_keeps_the_due_time_before_any_pause(staff):
    from investdesk.dossiers import imports

    rows = [
        {
            "code": "HS-2026-1",
            "procedure": "cap-lai-gcndkdt",
            "received_at": "2026-03-02T08:00:00+07:00",
            "channel": "direct",
            "finished_at": "2026-03-10T10:00:00+07:00",
            "result": "approved",
            "pauses": [{"start": "2026-03-03T08:00:00+07:00", "end": "2026-03-05T08:00:00+07:00"}],
        }
    ]
    result = imports.import_dossiers(staff["admin"], rows)
    assert result["errors"] == []
    from investdesk.dossiers.models import Dossier

    dossier = Dossier.objects.get(code="HS-2026-1")
    assert dossier.original_due_at == at("08:00 05/03/2026")
    assert dossier.due_at == at("08:00 09/03/2026")
