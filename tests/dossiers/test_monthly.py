"""The monthly totals give the dashboard exactly the figures the per-day totals give: over random
resolutions, for whole and partial months, the current day and the edges of a local year, after a
resolution is moved, reopened or withdrawn, after a rebuild and after the migration's fill."""

import random
from collections import Counter
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection
from django.db.models import Sum
from django.utils import timezone

from investdesk.dossiers import daily, stats
from investdesk.dossiers.models import (
    DailyOutcome,
    DailyStepOutcome,
    Dossier,
    MonthlyOutcome,
    MonthlyStepOutcome,
    Step,
)
from investdesk.procedures.models import Procedure

from .conftest import TZ

pytestmark = pytest.mark.django_db

STEP_NAMES = ["Thẩm định hồ sơ", "Lấy ý kiến sở, ngành", "Trình lãnh đạo Sở ký", "Trả kết quả"]


# The dashboard's readings as they were, from the per-day totals alone ---------------------------


def day_level(period: stats.Period):
    first, last = stats._days(period)
    return DailyOutcome.objects.filter(day__gte=first, day__lte=last)


def day_level_resolved_counts(period):
    return day_level(period).aggregate(**stats.RESOLVED_SUMS)


def day_level_monthly(period):
    months: dict = {}
    for row in day_level(period).values("day").annotate(**stats.RESOLVED_SUMS).order_by("day"):
        month = months.setdefault((row["day"].year, row["day"].month), Counter(early=0, on_time=0, late=0))
        month.update({key: row[key] for key in ("early", "on_time", "late")})
    return [
        {
            "month": f"{number:02d}/{year}",
            **counts,
            "rate": stats.percent_on_time(counts["early"] + counts["on_time"], sum(counts.values())),
        }
        for (year, number), counts in sorted(months.items())
    ]


def day_level_breakdowns(period):
    fields = ["procedure_id", "procedure__name", "channel", "responsible_id", "responsible__full_name"]
    rows = list(day_level(period).values(*fields).annotate(**stats.BREAKDOWN_SUMS).order_by())
    return {name: stats._grouped(rows, field, label) for name, (_, field, label) in stats.BREAKDOWNS.items()}


def day_level_steps(period):
    first, last = stats._days(period)
    rows = (
        DailyStepOutcome.objects.filter(day__gte=first, day__lte=last)
        .values("name")
        .annotate(total=Sum("total"), late=Sum("late"))
        .order_by()
    )
    rows = sorted(rows, key=lambda row: (-row["late"], row["name"]))[:15]
    return [{**row, "rate": stats.percent_on_time(row["total"] - row["late"], row["total"])} for row in rows]


def assert_same_readings(period):
    assert stats.resolved_counts(period) == day_level_resolved_counts(period)
    assert stats.monthly(period) == day_level_monthly(period)
    assert stats.breakdowns(period) == day_level_breakdowns(period)
    assert stats.steps_breakdown(period) == day_level_steps(period)


def snapshot():
    outcomes = sorted(
        MonthlyOutcome.objects.values_list(
            "month",
            "dimension",
            "procedure_id",
            "channel",
            "responsible_id",
            "early",
            "on_time",
            "late",
            "late_with_apology",
            "processing_days_sum",
            "processing_days_count",
        ),
        key=repr,
    )
    steps = sorted(MonthlyStepOutcome.objects.values_list("month", "name", "total", "late"))
    return outcomes, steps


def local(year, month, day, hour=10, minute=0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=TZ)


# Random resolutions ------------------------------------------------------------------------------


@pytest.fixture
def resolutions(staff, make_person):
    """Dossiers resolved (and steps finished) at random instants from December 2025 to March 2026,
    plus the instants either side of local midnight at the turn of the year (17:00 UTC) and at the
    turn of a month, plus some today."""
    rng = random.Random(16)
    people = [staff["officer"], staff["head"], make_person("officer2", full_name="Trần Thị Hà"), None]
    procedures = list(Procedure.objects.filter(versions__isnull=False).distinct()[:5])
    versions = {procedure.pk: procedure.versions.first() for procedure in procedures}
    start = local(2025, 12, 1, 0)
    span = (local(2026, 3, 31, 23) - start).total_seconds()
    instants = [start + timedelta(seconds=rng.random() * span) for _ in range(60)]
    instants += [
        local(2025, 12, 31, 23, 59),
        local(2026, 1, 1, 0, 1),
        local(2026, 1, 31, 23, 30),
        local(2026, 2, 1, 0, 30),
    ]
    now = timezone.now()
    instants += [now - timedelta(minutes=minutes) for minutes in (1, 30)]
    made = []
    for index, finished in enumerate(instants):
        procedure = rng.choice(procedures)
        outcome = rng.choice(["early", "on_time", "on_time", "late"])
        dossier = Dossier.objects.create(
            code=f"KH-M-{index:04d}",
            procedure=procedure,
            procedure_version=versions[procedure.pk],
            applicant_name=f"Công ty {index}",
            channel=rng.choice(["online", "direct", "post"]),
            received_at=finished - timedelta(days=rng.randint(1, 20)),
            due_at=finished,
            original_due_at=finished,
            responsible=rng.choice(people),
            status=rng.choice(["resolved"] * 8 + ["withdrawn", "stopped"]),
            finished_at=finished,
            outcome=outcome,
            apology_at=finished if outcome == "late" and rng.random() < 0.6 else None,
            processing_days=Decimal(rng.randint(50, 2000)) / 100 if rng.random() < 0.9 else None,
        )
        for number in range(rng.randint(1, 3)):
            Step.objects.create(
                dossier=dossier,
                task_id=f"t{number}",
                element_id=f"e{number}",
                name=rng.choice(STEP_NAMES),
                role="officer",
                working_days=Decimal(2),
                counts_time=rng.random() < 0.9,
                started_at=finished - timedelta(days=2),
                finished_at=finished - timedelta(hours=number),
                outcome=rng.choice(["early", "on_time", "late"]),
            )
        made.append(dossier)
    return made


PERIODS = [
    (date(2026, 1, 1), date(2026, 12, 31)),  # a year
    (date(2025, 1, 1), date(2025, 12, 31)),  # the year before: its last local day ends at 17:00 UTC
    (date(2026, 2, 1), date(2026, 2, 28)),  # one whole month
    (date(2026, 2, 10), date(2026, 3, 20)),  # no whole month: days only
    (date(2025, 12, 15), date(2026, 3, 10)),  # days, whole months, days, across the year's edge
    (date(2026, 1, 1), date(2026, 1, 1)),  # one day
    (date(2026, 1, 31), date(2026, 2, 1)),  # two days either side of a month's edge
    (date(2025, 12, 31), date(2026, 2, 28)),  # a day before whole months
]


def current_periods():
    today = timezone.localdate()
    return [
        (today.replace(day=1), today),  # this month up to today
        (today, today),  # today alone
        (today - timedelta(days=75), today + timedelta(days=40)),  # ends in the future: describes now
    ]


def test_monthly_totals_read_the_same_figures_as_the_days(resolutions):
    assert MonthlyOutcome.objects.exists() and MonthlyStepOutcome.objects.exists()
    for first, last in PERIODS + current_periods():
        assert_same_readings(stats.Period.of(first, last))


def test_the_year_end_forecast_is_unchanged_mid_month(resolutions):
    for now in (local(2026, 3, 17, 15), local(2026, 2, 1, 0, 5), timezone.now()):
        year = timezone.localtime(now).year
        year_period = stats.Period.of(date(year, 1, 1), date(year, 12, 31), now=now)
        recent = stats.Period(start=max(year_period.start, now - timedelta(days=91)), end=now)
        assert stats.resolved_counts(year_period) == day_level_resolved_counts(year_period)
        assert stats.resolved_counts(recent) == day_level_resolved_counts(recent)


def test_months_follow_resolutions_moved_reopened_and_withdrawn(resolutions):
    rng = random.Random(7)
    changes = rng.sample(resolutions, 24)
    for index, dossier in enumerate(changes):
        kind = index % 4
        if kind == 0:  # the resolution moves to another month
            dossier.finished_at = dossier.finished_at + timedelta(days=rng.randint(20, 50))
        elif kind == 1:  # reopened
            dossier.status, dossier.finished_at, dossier.outcome = "in_progress", None, ""
        elif kind == 2:  # withdrawn instead
            dossier.status = "withdrawn"
        else:  # late after all, with another person responsible
            dossier.status, dossier.outcome, dossier.responsible = "resolved", "late", None
        dossier.save()
    step = Step.objects.filter(finished_at__isnull=False).first()
    step.finished_at, step.outcome = local(2026, 1, 1, 0, 2), "late"  # into the new year
    step.save()
    for first, last in PERIODS + current_periods():
        assert_same_readings(stats.Period.of(first, last))
    kept = snapshot()
    daily.rebuild()
    assert snapshot() == kept


def test_a_rebuild_and_the_migration_give_the_months_the_saves_kept(resolutions):
    kept = snapshot()
    assert kept[0] and kept[1]
    daily.rebuild()
    assert snapshot() == kept
    MonthlyOutcome.objects.all().delete()
    MonthlyStepOutcome.objects.all().delete()
    migration = __import__("investdesk.dossiers.migrations.0015_monthly_outcomes", fromlist=["fill_months"])
    migration.fill_months(apps, SimpleNamespace(connection=connection))
    assert snapshot() == kept


def test_a_month_that_is_not_the_sum_of_its_days_is_recounted(resolutions):
    february = MonthlyOutcome.objects.filter(month=date(2026, 2, 1), dimension="channel")
    february.update(early=0, on_time=0, late=0)  # as if written by hand
    dossier = Dossier.objects.filter(
        status="resolved", finished_at__gte=local(2026, 2, 1, 0), finished_at__lt=local(2026, 3, 1, 0)
    ).first()
    dossier.status, dossier.finished_at, dossier.outcome = "in_progress", None, ""
    dossier.save()  # February would go below zero: it is recounted from its days
    recounted = snapshot()
    daily.rebuild()
    assert snapshot() == recounted


def test_a_year_is_read_from_months_not_days(client, resolutions, division_head):
    period = stats.Period.of(date(2025, 1, 1), date(2025, 12, 31))  # twelve whole months
    queries = []

    def record(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        stats.resolved_counts(period), stats.monthly(period), stats.breakdowns(period), stats.steps_breakdown(period)
    assert not [sql for sql in queries if "dossiers_daily" in sql]
    assert len([sql for sql in queries if "dossiers_monthly" in sql]) == 4
    client.force_login(division_head)
    assert client.get("/reports/dashboard/", {"year": "2025"}).status_code == 200


def test_months_start_on_their_first_local_day():
    period = stats.Period.of(date(2026, 1, 15), date(2026, 4, 30))
    parts = stats.Parts.of(period)
    assert (parts.first_month, parts.after_months) == (date(2026, 2, 1), date(2026, 5, 1))
    assert parts.edges == [(date(2026, 1, 15), date(2026, 1, 31))]
    assert stats.Parts.of(stats.Period.of(date(2026, 3, 2), date(2026, 3, 30))).first_month is None
    start = datetime.combine(date(2026, 1, 1), time.min, TZ)
    assert stats.Parts.of(stats.Period(start=start, end=start + timedelta(days=31))).edges == [
        (date(2026, 2, 1), date(2026, 2, 1))
    ]


@pytest.mark.django_db(transaction=True)
def test_two_resolutions_of_one_month_at_once_keep_it_the_sum_of_its_days(staff):
    if connection.vendor != "postgresql":
        pytest.skip("advisory locks between transactions are exercised on PostgreSQL")
    import threading

    from django.db import connections, transaction

    procedure = Procedure.objects.filter(versions__isnull=False).first()
    version = procedure.versions.first()
    dossiers = [
        Dossier.objects.create(
            code=f"KH-C-{index}",
            procedure=procedure,
            procedure_version=version,
            applicant_name="Công ty",
            channel="online",
            received_at=local(2026, 3, 2),
            due_at=local(2026, 3, 20),
            original_due_at=local(2026, 3, 20),
            responsible=staff["officer"],
        )
        for index in range(4)
    ]
    barrier = threading.Barrier(len(dossiers))
    failures = []

    def resolve(dossier, day):
        try:
            barrier.wait()
            with transaction.atomic():
                dossier.status, dossier.finished_at, dossier.outcome = "resolved", local(2026, 3, day), "early"
                dossier.save()
        except Exception as error:  # any failure is reported below
            failures.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=resolve, args=(d, 5 + i)) for i, d in enumerate(dossiers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures
    kept = snapshot()
    march = MonthlyOutcome.objects.get(month=date(2026, 3, 1), dimension="channel", channel="online")
    assert march.early == len(dossiers)
    daily.rebuild()
    assert snapshot() == kept
