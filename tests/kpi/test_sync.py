"""Work items appear by themselves from dossier steps, fairly."""

import pytest

from investdesk.dossiers import services as dossiers
from investdesk.dossiers.models import Step
from investdesk.kpi import sync
from investdesk.kpi.choices import ItemSource
from investdesk.kpi.models import WorkItem
from investdesk.procedures.models import Procedure

from .conftest import at

pytestmark = pytest.mark.django_db


def receive(staff, code="cap-lai-gcndkdt", when="08:00 02/03/2026"):
    return dossiers.receive_dossier(
        staff["reception"],
        procedure=Procedure.objects.get(code=code),
        applicant_name="Công ty TNHH Du lịch Vịnh Nha Trang",
        channel="direct",
        received_at=at(when),
    )


def open_step(dossier):
    return dossier.steps.get(finished_at__isnull=True)


def test_a_finished_step_becomes_its_finishers_item_with_its_timeliness(staff):
    dossier = receive(staff)
    assert not WorkItem.objects.exists()  # an open step is nobody's item yet
    dossiers.complete_step(staff["reception"], open_step(dossier), at=at("09:00 02/03/2026"))
    item = WorkItem.objects.get()
    assert item.person == staff["reception"] and item.source == ItemSource.DOSSIER_STEP
    assert item.outcome == "on_time" and not item.is_late and item.counts_on.isoformat() == "2026-03-02"
    assert item.period.code == "2026-03" and dossier.code in item.title
    assert item.history.count() == 1
    check = open_step(dossier)
    dossiers.complete_step(staff["officer"], check, answers={"valid": True}, at=at("09:00 20/03/2026"))
    late = WorkItem.objects.get(step=check)
    assert late.person == staff["officer"] and late.is_late and late.outcome == "late"


def test_a_step_reassigned_mid_way_counts_for_the_person_who_finished_it(staff, make_person):
    other = make_person("chuyenvien2", "officer", full_name="Võ Minh Tuấn")
    dossier = receive(staff)
    dossiers.complete_step(staff["reception"], open_step(dossier), at=at("09:00 02/03/2026"))
    step = open_step(dossier)
    dossiers.reassign_step(staff["head"], step, other, "Cân đối công việc")
    dossiers.complete_step(other, open_step(dossier), answers={"valid": True}, at=at("15:00 02/03/2026"))
    assert WorkItem.objects.get(step=step).person == other
    held = sync.holders(Step.objects.get(pk=step.pk))
    assert [span["person"] for span in held] == [staff["officer"], other]
    assert held[0]["from"] == step.started_at and held[-1]["to"] == at("15:00 02/03/2026")


def test_a_consultation_answered_by_another_agency_is_nobodys_item(staff):
    dossier = receive(staff, "chap-thuan-chu-truong-dau-tu")
    dossiers.complete_step(staff["reception"], open_step(dossier), at=at("09:00 02/03/2026"))
    dossiers.complete_step(staff["officer"], open_step(dossier), at=at("15:00 02/03/2026"))
    consultations = list(dossier.steps.filter(finished_at__isnull=True))
    dossiers.complete_step(staff["officer"], consultations[0], note="Đồng ý", at=at("10:00 05/03/2026"))
    dossiers.close_silent_consultations(at("16:00 11/03/2026"))
    assert not WorkItem.objects.filter(step__in=consultations).exists()
    assert WorkItem.objects.count() == 2


def test_paused_time_does_not_make_a_step_late(staff):
    dossier = receive(staff)
    dossiers.complete_step(staff["reception"], open_step(dossier), at=at("09:00 02/03/2026"))
    check = open_step(dossier)
    # The officer asks for a supplement: the clock stops until the investor answers.
    dossiers.complete_step(staff["officer"], check, answers={"valid": False}, at=at("10:00 02/03/2026"))
    assert WorkItem.objects.get(step=check).outcome != "late"
    # The waiting step is the investor's time, not anyone's product.
    waiting = open_step(dossier)
    dossiers.complete_step(staff["reception"], waiting, at=at("09:00 16/03/2026"))
    assert not Step.objects.get(pk=waiting.pk).counts_time or WorkItem.objects.filter(step=waiting).exists()
    if not Step.objects.get(pk=waiting.pk).counts_time:
        assert not WorkItem.objects.filter(step=waiting).exists()
    recheck = open_step(dossier)
    dossiers.complete_step(staff["officer"], recheck, answers={"valid": True}, at=at("15:00 16/03/2026"))
    assert not WorkItem.objects.get(step=recheck).is_late


def test_sync_catches_up_with_bulk_written_steps_and_is_idempotent(staff):
    dossier = receive(staff)
    dossiers.complete_step(staff["reception"], open_step(dossier), at=at("09:00 02/03/2026"))
    WorkItem.objects.all().delete()
    WorkItem.history.all().delete()
    # As an import writes them: no signal.
    Step.objects.filter(pk=open_step(dossier).pk).update(finished_at=at("08:00 30/03/2026"), outcome="late")
    assert sync.sync_steps() == {"created": 2, "updated": 0}
    assert sync.sync_steps() == {"created": 0, "updated": 0}
    assert WorkItem.objects.filter(is_late=True).count() == 1
    assert WorkItem.history.count() == 2
    # Each new item's history row is its creation, with the item's own key and values.
    assert set(WorkItem.history.values_list("id", "history_type", "is_late")) == {
        (pk, "+", late) for pk, late in WorkItem.objects.values_list("pk", "is_late")
    }
    from investdesk.kpi import periods
    from investdesk.kpi.summary import division_summary

    def late_of(person):
        summary = division_summary(person.division, periods.parse("2026-Q1"))
        return next(row.items_late for row in summary.rows if row.person == person)

    assert late_of(staff["officer"]) == 1  # the monthly tallies follow a bulk catch-up
    Step.objects.filter(outcome="late").update(outcome="on_time")
    assert sync.sync_steps() == {"created": 0, "updated": 1}
    assert late_of(staff["officer"]) == 0
