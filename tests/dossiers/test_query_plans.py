"""Query shapes that must stay cheap as dossiers accumulate (checked on the plan, not on a clock)."""

import pytest
from django.db import connection

from investdesk.dossiers.models import Dossier


def sqlite_plan(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        return " | ".join(row[-1] for row in cursor.fetchall())


@pytest.mark.django_db
def test_an_officers_dossiers_are_found_without_searching_their_steps_once_per_dossier(officer):
    # The steps an officer holds are read once; a subquery run for every dossier would search all
    # of the officer's steps each time (minutes for the list of 120,000 dossiers).
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL plans this with its table statistics")
    plan = sqlite_plan(Dossier.objects.restrict(officer))
    assert "CORRELATED" not in plan, plan


@pytest.mark.django_db
def test_the_register_of_a_month_reads_the_month_through_the_index_of_receipt_times(division_head):
    # A comparison of each row's local date converts every row's time: the whole table read for a month.
    from investdesk.dossiers.filters import DossierFilterSet

    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL plans this with its table statistics")
    rows = DossierFilterSet(
        {"received_from": "01/10/2026", "received_to": "31/10/2026"}, queryset=Dossier.objects.restrict(division_head)
    ).qs
    plan = sqlite_plan(rows)
    assert "dossier_received_idx" in plan, plan


@pytest.mark.django_db
def test_the_report_reads_each_part_of_a_period_through_an_index_of_its_times(division_head):
    # Grouped by procedure with no table statistics, SQLite chose to read every dossier in procedure
    # order for the dossiers finished after the period.
    from datetime import date

    from investdesk.dossiers import stats

    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL plans this with its table statistics")
    period = stats.Period.of(date(2026, 10, 1), date(2026, 12, 31))
    for part, counts in stats.relevant_parts(Dossier.objects.restrict(division_head), period):
        plan = sqlite_plan(part.values("procedure_id").annotate(**counts).order_by())
        assert "SCAN dossiers_dossier" not in plan, plan


@pytest.mark.django_db
def test_a_day_s_resolutions_are_read_as_a_range_of_finishing_times(division_head):
    # With the status as a condition SQLite reads every resolved dossier ever through the status
    # index to recount one day: every resolution cost a scan of all the resolved ones.
    from datetime import datetime, timedelta
    from zoneinfo import ZoneInfo

    from investdesk.dossiers import daily

    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL plans this with its table statistics")
    start = datetime(2026, 11, 20, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    plan = sqlite_plan(daily.resolved_between(start, start + timedelta(days=1)))
    assert "dossier_finished_counts_idx (finished_at>? AND finished_at<?)" in plan, plan


@pytest.mark.django_db
def test_the_dossiers_finished_in_a_period_are_counted_from_the_index_alone(catalogue):
    # Looking each finished dossier up in the table for the columns counted was two thirds of the
    # stats endpoint's time for a year at a province.
    from datetime import date

    from investdesk.dossiers import stats

    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL plans this with its table statistics")
    period = stats.Period.of(date(2026, 1, 1), date(2026, 12, 31))
    finished_in, counts = stats.relevant_parts(Dossier.objects.all(), period)[0]
    run = []

    def keep(execute, sql, params, many, context, run=run):
        run.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(keep):
        finished_in.aggregate(**counts)
    ((sql, params),) = run
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        plan = " | ".join(row[-1] for row in cursor.fetchall())
    assert "USING COVERING INDEX dossier_finished_counts_idx" in plan, plan
