"""The per-day totals the dashboard reads stay equal to a recount from the dossiers, whatever path
changed them: services, saves that move a resolution to another day, the import's bulk path."""

from datetime import date

import pytest
from django.core.management import call_command

from investdesk.dossiers import daily, stats
from investdesk.dossiers.apps import fill_daily_totals
from investdesk.dossiers.imports import import_dossiers
from investdesk.dossiers.models import DailyOutcome, DailyStepOutcome, Dossier

from .conftest import at
from .test_import import GOOD

pytestmark = pytest.mark.django_db


def snapshot():
    outcomes = sorted(
        DailyOutcome.objects.values_list(
            "day", "procedure_id", "channel", "responsible_id", "early", "on_time", "late", "processing_days_count"
        )
    )
    steps = sorted(DailyStepOutcome.objects.values_list("day", "name", "total", "late"))
    return outcomes, steps


def test_totals_kept_by_saves_equal_a_rebuild(staff):
    from investdesk.dossiers import services
    from investdesk.procedures.models import Procedure

    procedure = Procedure.objects.get(code="cap-lai-gcndkdt")
    dossier = services.receive_dossier(
        staff["reception"],
        procedure=procedure,
        applicant_name="A",
        channel="direct",
        received_at=at("08:00 04/05/2026"),
    )
    moment = ["09:00 04/05/2026", "10:00 05/05/2026", "11:00 06/05/2026", "14:00 06/05/2026", "15:00 06/05/2026"]
    for index in range(10):
        step = dossier.steps.filter(finished_at__isnull=True).first()
        if step is None:
            break
        services.complete_step(
            step.assignee, step, at=at(moment[min(index, 4)]), result="approved", check_permission=False
        )
    dossier.refresh_from_db()
    assert dossier.status == "resolved"
    kept = snapshot()
    assert kept[0] and kept[1]
    daily.rebuild()
    assert snapshot() == kept


def test_moving_a_resolution_to_another_day_moves_its_count(staff):
    import_dossiers(staff["reception"], GOOD)
    first = Dossier.objects.get(code="KH-0001")
    assert DailyOutcome.objects.filter(day=date(2026, 3, 4)).exists()
    first.finished_at = at("10:00 05/03/2026")
    first.save()
    assert not DailyOutcome.objects.filter(day=date(2026, 3, 4)).exists()
    assert DailyOutcome.objects.get(day=date(2026, 3, 5), channel="online").early == 1
    first.status = "stopped"
    first.save()
    assert not DailyOutcome.objects.filter(day=date(2026, 3, 5), channel="online").exists()


def test_the_dashboard_reads_the_same_figures_as_the_dossiers(staff):
    import_dossiers(staff["reception"], GOOD)
    period = stats.Period.of(date(2026, 1, 1), date(2026, 12, 31))
    resolved = stats.summary(period)["resolved"]
    months = stats.monthly(period)
    assert sum(m["early"] + m["on_time"] + m["late"] for m in months) == resolved["total"] == 2
    assert stats.resolved_counts(period) == {"early": 1, "on_time": 0, "late": 1}
    grouped = stats.breakdowns(period)
    by_channel = {row["label"]: row for row in grouped["channel"]}
    assert by_channel["online"]["resolved"] == 1 and by_channel["direct"]["late"] == 1
    for name in ("procedure", "person"):
        assert sum(row["resolved"] for row in grouped[name]) == 2 and sum(row["late"] for row in grouped[name]) == 1


def test_rebuild_command_and_the_first_migrate_fill_the_totals(staff):
    import_dossiers(staff["reception"], GOOD)
    kept = snapshot()
    DailyOutcome.objects.all().delete()
    DailyStepOutcome.objects.all().delete()
    fill_daily_totals(sender=None)
    assert snapshot() == kept
    call_command("rebuild_daily_stats", verbosity=0)
    assert snapshot() == kept
