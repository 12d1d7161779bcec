"""KPI: a division-year summary (BM02.2, the API, objective 4) with 500 staff and their work items."""

import os
import random
import statistics
import time
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.utils import timezone

from investdesk.accounts.models import Division, Position, User
from investdesk.core.bulk import insert_values
from investdesk.kpi import periods
from investdesk.kpi.models import Evaluation, Period, WorkItem
from investdesk.kpi.summary import division_summary
from investdesk.kpi.sync import ensure_period

STAFF = 500
# Ten times a province's year of dossier steps is 5,000,000; each finished step is one item.
ITEMS = int(os.environ.get("BENCH_KPI_ITEMS", "5000000"))


def timed(fn, repeat: int) -> list[float]:
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def load() -> Division:
    call_command("seed", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    division = Division.objects.get(code="dtnns")
    position = Position.objects.get(code="chuyen-vien")
    User.objects.bulk_create(
        [
            User(username=f"kpi{n}", full_name=f"Cán bộ {n}", division=division, position=position, password="!")
            for n in range(STAFF)
        ],
        batch_size=1000,
    )
    people = list(User.objects.filter(username__startswith="kpi").values_list("pk", flat=True))
    months = {span.number: ensure_period(span) for span in periods.periods_of_year(2026, periods.MONTH)}
    rng = random.Random(5)
    now = timezone.now()
    first = date(2026, 1, 1)
    batch = []
    for n in range(ITEMS):
        day = first + timedelta(days=rng.randrange(365))
        finished = datetime(day.year, day.month, day.day, 10, tzinfo=timezone.get_current_timezone())
        late = rng.random() < 0.08
        batch.append(
            {
                "person_id": people[n % STAFF],
                "division_id": division.pk,
                "period_id": months[day.month].pk,
                "counts_on": day,
                "title": "Bước xử lý hồ sơ",
                "source": "dossier_step",
                "weight": Decimal(1),
                "finished_at": None if rng.random() < 0.02 else finished,
                "outcome": "late" if late else "on_time",
                "is_late": late,
                "created_at": now,
                "updated_at": now,
                "version": 1,
            }
        )
        if len(batch) == 50_000:
            insert_values(WorkItem, batch)
            batch = []
    insert_values(WorkItem, batch)
    Evaluation.objects.bulk_create(
        [
            Evaluation(
                person_id=person,
                division=division,
                period=months[month],
                status="approved",
                general_score=Decimal(27),
                task_score=Decimal(63),
                total=Decimal(90) - (person % 25),
                band="excellent" if person % 25 == 0 else "good",
            )
            for person in people
            for month in months
        ],
        batch_size=2000,
    )
    from investdesk.kpi import tally

    tally.rebuild()  # as the step sync does after a bulk catch-up
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return division


def run():
    started = time.perf_counter()
    division = load()
    yield f"loaded {STAFF} staff, {ITEMS:,} work items, {Evaluation.objects.count():,} evaluations".replace(",", ".")
    yield f"   in {time.perf_counter() - started:.0f} s ({connection.vendor}); periods: {Period.objects.count()}"
    year = periods.parse("2026")
    month = periods.parse("2026-06")
    for label, span in (("year", year), ("month", month)):
        samples = timed(lambda span=span: division_summary(division, span), 7)
        yield f"division_summary {label}: median {statistics.median(samples):.0f} ms, max {max(samples):.0f} ms"
    leader = User.objects.create(username="bench-leader", full_name="Lãnh đạo", is_superuser=True)
    client = Client()
    client.force_login(leader)
    samples = timed(lambda: client.get("/api/v1/kpi/summary?division=dtnns&period=2026"), 5)
    yield f"GET /api/v1/kpi/summary year: median {statistics.median(samples):.0f} ms (target ≤ 150 ms)"
