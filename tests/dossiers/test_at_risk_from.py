"""The instant each open step turns "sắp đến hạn" is stored with its due time, so the board counts
and pages the steps at risk in SQL: it must agree with the calendar rule wherever it is kept."""

import importlib
from datetime import date, datetime, timedelta

import pytest
from django.apps import apps
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from investdesk.dossiers import services
from investdesk.dossiers.models import Step
from investdesk.dossiers.rules import at_risk_from, risk, stored_risk
from investdesk.dossiers.views import board_totals
from investdesk.procedures.models import Procedure
from investdesk.worktime.loader import get_calendar

from .conftest import TZ, at

pytestmark = pytest.mark.django_db

FIRST = datetime(2026, 1, 1, tzinfo=TZ)


def receive(staff, when):
    return services.receive_dossier(
        staff["reception"],
        procedure=Procedure.objects.get(code="cap-lai-gcndkdt"),
        applicant_name="Công ty TNHH Biển Xanh",
        channel="direct",
        received_at=when,
    )


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    start=st.integers(min_value=0, max_value=300 * 24 * 3600),
    allowed=st.integers(min_value=0, max_value=30 * 8 * 3600),
    seen=st.floats(min_value=0, max_value=1.1),
)
def test_the_stored_instant_agrees_with_the_calendar_rule(seeded, start, allowed, seen):
    calendar = get_calendar()
    started = FIRST + timedelta(seconds=start)
    due = calendar.add_working_seconds(started, allowed)
    warned = at_risk_from(started, due, calendar)
    assert started <= warned <= due
    now = started + (due - started) * seen
    assert stored_risk(now, due, warned) == risk(now, started, due, calendar)
    # It is the first such instant: a second earlier the rule did not yet say "at risk".
    if warned > started:
        assert risk(warned - timedelta(seconds=1), started, due, calendar) == "on_track"
    assert risk(warned, started, due, calendar) == "at_risk"


def test_a_short_step_turns_at_risk_when_half_its_time_is_gone(staff):
    step = receive(staff, at("08:00 02/03/2026")).steps.get()  # the desk's half day: 08:00 → 14:00
    assert step.at_risk_from == at("10:00 02/03/2026")


def test_a_pause_clears_it_and_the_resume_moves_it_by_the_time_paused(staff):
    dossier = receive(staff, at("08:00 02/03/2026"))
    services.complete_step(staff["reception"], dossier.steps.get(), at=at("09:00 02/03/2026"))
    step = dossier.steps.get(finished_at__isnull=True)  # the officer's day: due 09:00 03/03
    assert step.due_at == at("09:00 03/03/2026") and step.at_risk_from == at("15:00 02/03/2026")  # 4 h left
    services.request_explanation(staff["officer"], dossier, reason="Giải trình", at=at("10:00 02/03/2026"))
    step.refresh_from_db()
    # While the investor answers the limit stands (a pause moves it when it ends), and so does this.
    assert (step.due_at, step.at_risk_from) == (at("09:00 03/03/2026"), at("15:00 02/03/2026"))
    services.receive_explanation(staff["officer"], dossier, at=at("10:00 04/03/2026"))  # 16 working hours
    step.refresh_from_db()
    assert step.due_at == at("09:00 05/03/2026")
    assert step.at_risk_from == at_risk_from(step.started_at, step.due_at, get_calendar())
    # Now 3 days allowed in all (1 + 2 paused): at risk with less than a day left.
    assert step.at_risk_from == at("09:00 04/03/2026") + timedelta(seconds=1)


def test_a_calendar_change_moves_it_even_where_the_due_time_stays(staff, django_capture_on_commit_callbacks):
    from investdesk.worktime import services as worktime
    from investdesk.worktime.choices import OverrideKind

    dossier = receive(staff, at("08:00 02/03/2026"))
    services.complete_step(staff["reception"], dossier.steps.get(), at=at("09:00 02/03/2026"))
    step = dossier.steps.get(finished_at__isnull=True)
    services.request_explanation(staff["officer"], dossier, reason="Giải trình", at=at("09:00 02/03/2026"))
    services.receive_explanation(staff["officer"], dossier, at=at("09:00 03/03/2026"))
    step.refresh_from_db()
    before = step.at_risk_from
    with django_capture_on_commit_callbacks(execute=True):
        worktime.save_override(staff["admin"], day=date(2026, 3, 3), kind=OverrideKind.DAY_OFF, reason="Nghỉ đột xuất")
    step.refresh_from_db()
    calendar = get_calendar()
    assert step.at_risk_from == at_risk_from(step.started_at, step.due_at, calendar)
    assert step.at_risk_from != before


def test_a_changed_rule_is_recomputed_for_the_open_steps_only(staff, settings):
    done = receive(staff, at("08:00 02/03/2026"))
    services.complete_step(staff["reception"], done.steps.get(), at=at("09:00 02/03/2026"))
    closed = done.steps.get(finished_at__isnull=False)
    open_step = receive(staff, at("08:00 02/03/2026")).steps.get()
    assert open_step.at_risk_from == at("10:00 02/03/2026")
    settings.WARNING_ELAPSED = 0.75
    assert services.recompute_at_risk() == 2  # the new dossier's and the first one's next step
    open_step.refresh_from_db()
    assert open_step.at_risk_from == at("11:00 02/03/2026")  # one of its 4 working hours left
    assert Step.objects.get(pk=closed.pk).at_risk_from == closed.at_risk_from
    assert services.recompute_at_risk() == 0  # nothing moves twice


def old_board_totals(now) -> dict:
    """The board's counts as the calendar decided them per step before the instants were stored."""
    calendar = get_calendar()
    levels = [risk(now, s.started_at, s.due_at, calendar) for s in Step.objects.open()]
    return {"open": len(levels), "at_risk": levels.count("at_risk"), "overdue": levels.count("overdue")}


def test_the_board_totals_equal_the_calendar_rule_over_every_open_step(staff, client):
    now = at("15:00 04/03/2026")
    for hours in (1, 3, 5, 7, 20, 30, 50, 80):
        dossier = receive(staff, now - timedelta(hours=hours))
        if hours > 20:  # on to the officer's step, opened later
            step = dossier.steps.get()
            services.complete_step(staff["reception"], step, at=step.started_at + timedelta(hours=2))
    _people, totals = board_totals(Step.objects.open(), now)
    expected = old_board_totals(now)
    assert totals == expected
    assert 0 < expected["at_risk"] < expected["open"] - expected["overdue"]  # every kind is there


def test_the_board_pages_the_steps_at_risk_in_due_order(staff, client, monkeypatch):
    from investdesk.dossiers import views

    monkeypatch.setattr(views, "BOARD_PAGE_SIZE", 2)
    received = [receive(staff, datetime.now(TZ) - timedelta(minutes=minute)) for minute in range(5)]
    Step.objects.update(at_risk_from=datetime.now(TZ) - timedelta(days=1), due_at=datetime.now(TZ) + timedelta(days=1))
    fresh = receive(staff, datetime.now(TZ))  # not yet at risk: not listed
    client.force_login(staff["head"])
    first = client.get("/board/", {"state": "at_risk"}).content.decode()
    assert first.count('data-testid="board-step"') == 2 and 'data-testid="total-open">6<' in first
    assert fresh.code not in first
    last = client.get("/board/", {"state": "at_risk", "page": 3}).content.decode()
    assert last.count('data-testid="board-step"') == 1 and fresh.code not in last
    assert {r.code for r in received} & {r.code for r in received if r.code in first + last}


def test_the_migration_fills_the_open_steps(staff):
    migration = importlib.import_module("investdesk.dossiers.migrations.0016_step_at_risk_from")
    step = receive(staff, at("08:00 02/03/2026")).steps.get()
    Step.objects.update(at_risk_from=None)
    migration.fill_open_steps(apps, None)
    step.refresh_from_db()
    assert step.at_risk_from == at("10:00 02/03/2026")


def test_the_worker_brings_the_instants_to_a_changed_rule_without_a_command(staff, settings):
    """The rule is read from the environment at start: the worker's check (at its start and each
    night) finds instants made under another rule and recomputes them; with none, it writes nothing."""
    from investdesk.dossiers import tasks

    open_step = receive(staff, at("08:00 02/03/2026")).steps.get()
    assert services.keep_at_risk_current() == 0
    settings.WARNING_ELAPSED = 0.75
    tasks.at_risk_rule_job.call_local()
    open_step.refresh_from_db()
    assert open_step.at_risk_from == at("11:00 02/03/2026")
    assert services.keep_at_risk_current() == 0


def test_the_workers_of_one_start_queue_one_check(monkeypatch):
    """Each worker of the consumer runs the start-up hooks: one check is queued, not one per worker."""
    from django.core.cache import cache

    from investdesk.dossiers import tasks

    queued = []
    monkeypatch.setattr(tasks, "at_risk_rule_job", lambda: queued.append(1))
    cache.delete("investdesk:at-risk-rule-queued")
    tasks.at_risk_rule_on_startup()
    tasks.at_risk_rule_on_startup()
    assert queued == [1]
