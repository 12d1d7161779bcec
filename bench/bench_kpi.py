"""KPI: the division-year summary (team view, BM02.2, the API, objective 4) at ten times a province.

The people are ``bench.generate``'s x10 department (500 staff in five divisions). The work items are
what five years of dossier steps make at that scale, written in bulk: one dossier in five steps
(the desk's receipt, the responsible officer's two steps, the division head's, the leader's) with
the generator's pace shares (30 % early, 45 % on time, 20 % near the limit, 5 % slow, hence late),
plus a few items a month entered by the other divisions' staff. Every person has an approved
evaluation for each month. ``BENCH_KPI_ITEMS`` sets the number of dossier-step items (5,000,000).
"""

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

from investdesk.accounts.models import Division, User
from investdesk.core.bulk import insert_values
from investdesk.kpi import periods, scoring, tally
from investdesk.kpi.models import Evaluation, Period, WorkItem
from investdesk.kpi.summary import division_summary
from investdesk.kpi.sync import ensure_period

from .generate import SCALES, TZ, make_people

SCALE = SCALES["x10"]
ITEMS = int(os.environ.get("BENCH_KPI_ITEMS", "5000000"))
LAST_YEAR = 2026
YEARS = list(range(LAST_YEAR - SCALE.years + 1, LAST_YEAR + 1))
PACES = ([0.45, 0.8, 0.97, 1.15], [30, 45, 20, 5])  # as bench.generate's dossiers
REPEAT = int(os.environ.get("BENCH_KPI_REPEAT", "20"))
BATCH = 50_000


def timed(fn, repeat: int = REPEAT) -> list[float]:
    fn()  # warm-up: the first call pays for imports and cold caches
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def p50_p95(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return f"p50 {statistics.median(ordered):.0f} ms, p95 {p95:.0f} ms, max {ordered[-1]:.0f} ms (n={len(ordered)})"


class ItemWriter:
    """Work item rows in batches of ``BATCH``, with their monthly period."""

    def __init__(self, months: dict, division_of: dict):
        self.months, self.division_of = months, division_of
        self.rows: list[dict] = []
        self.written = 0
        self.now = timezone.now()

    def add(self, person_id: int, day: date, title: str, source: str, *, late: bool, done: bool) -> None:
        finished = datetime(day.year, day.month, day.day, 10, tzinfo=TZ) if done else None
        self.rows.append(
            {
                "person_id": person_id,
                "division_id": self.division_of[person_id],
                "period_id": self.months[(day.year, day.month)],
                "counts_on": day,
                "title": title,
                "source": source,
                "weight": Decimal(1),
                "deadline": datetime(day.year, day.month, day.day, 17, tzinfo=TZ),
                "finished_at": finished,
                "outcome": ("late" if late else "on_time") if done else "",
                "is_late": late and done,
                "created_at": self.now,
                "updated_at": self.now,
                "version": 1,
            }
        )
        if len(self.rows) >= BATCH:
            self.flush()

    def flush(self) -> None:
        insert_values(WorkItem, self.rows)
        self.written += len(self.rows)
        self.rows = []


def load() -> tuple[Division, list[str]]:
    call_command("seed", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    rng = random.Random(2026)
    people = make_people(SCALE, rng)
    division_of = dict(User.objects.filter(pk__in=[p.pk for p in people.everyone]).values_list("pk", "division_id"))
    months = {
        (span.year, span.number): ensure_period(span).pk
        for year in YEARS
        for span in periods.periods_of_year(year, "month")
    }
    writer = ItemWriter(months, division_of)
    first, days = date(YEARS[0], 1, 1), (date(LAST_YEAR, 12, 31) - date(YEARS[0], 1, 1)).days + 1
    today = timezone.localdate()
    for n in range(ITEMS // 5):
        received = first + timedelta(days=rng.randrange(days))
        late = rng.choices(*PACES)[0] > 1
        officer = people.officers[n % len(people.officers)].pk
        steps = (
            (rng.choice(people.desks).pk, received, "Tiếp nhận hồ sơ"),
            (officer, received + timedelta(days=2), "Thẩm định hồ sơ"),
            (rng.choice(people.heads[:2]).pk, received + timedelta(days=6), "Lãnh đạo phòng xem xét"),
            (officer, received + timedelta(days=7), "Dự thảo văn bản"),
            (rng.choice(people.leaders).pk, received + timedelta(days=9), "Lãnh đạo Sở ký"),
        )
        for person_id, day, title in steps:
            if day.year > LAST_YEAR:
                continue
            writer.add(person_id, day, title, "dossier_step", late=late and day > received, done=day <= today)
    dossier_people = {p.pk for p in (*people.desks, *people.officers, *people.heads[:2], *people.leaders)}
    others = [pk for pk in division_of if pk not in dossier_people]
    for person_id in others:
        for (year, month), _period in months.items():
            for _ in range(rng.randrange(4, 12)):
                day = date(year, month, rng.randrange(1, 29))
                writer.add(person_id, day, "Tham mưu văn bản", "manual", late=rng.random() < 0.05, done=day <= today)
    writer.flush()
    started = time.perf_counter()
    tallies = tally.rebuild()  # as the step sync does after a bulk catch-up
    rebuilt = time.perf_counter() - started
    rule = scoring.Rule()
    evaluations = []
    for person_id, division_id in division_of.items():
        for (_year, _month), period_id in months.items():
            general = Decimal(rng.randrange(20, 31))
            task = Decimal(rng.randrange(3500, 7001)) / 100
            total = scoring.total(general, task)
            evaluations.append(
                Evaluation(
                    person_id=person_id,
                    division_id=division_id,
                    period_id=period_id,
                    status="approved",
                    general_score=general,
                    task_score=task,
                    total=total,
                    band=scoring.band(total, rule),
                )
            )
    Evaluation.objects.bulk_create(evaluations, batch_size=2000)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    home = Division.objects.get(code="dtnns")
    return home, [
        f"{len(division_of)} staff in {len(set(division_of.values()))} divisions, {writer.written:,} work items "
        f"over {len(YEARS)} years, {len(evaluations):,} evaluations, {tallies:,} monthly tallies "
        f"(rebuilt in {rebuilt:.0f} s)",
        f"home division {home}: {sum(1 for d in division_of.values() if d == home.pk)} staff, "
        f"{WorkItem.objects.filter(division=home, counts_on__year=LAST_YEAR).count():,} items in {LAST_YEAR}",
    ]


def run():
    started = time.perf_counter()
    division, lines = load()
    for line in lines:
        yield line.replace(",", ".")
    yield f"   loaded in {time.perf_counter() - started:.0f} s ({connection.vendor}); periods: {Period.objects.count()}"
    year, month = periods.parse(str(LAST_YEAR)), periods.parse(f"{LAST_YEAR}-06")
    for label, span in (("year", year), ("month", month)):
        yield f"division_summary {label}: {p50_p95(timed(lambda span=span: division_summary(division, span)))}"
    head = User.objects.get(username="head")
    client = Client()
    client.force_login(head)
    query = f"division={division.pk}&period={LAST_YEAR}"
    for label, url in (
        ("GET /api/v1/kpi/summary year", f"/api/v1/kpi/summary?division=dtnns&period={LAST_YEAR}"),
        ("team view year", f"/kpi/team/?{query}"),
        ("team view month", f"/kpi/team/?division={division.pk}&period={LAST_YEAR}-06"),
        ("BM02.2 .xlsx year", f"/kpi/export.xlsx?{query}"),
        ("BM02.2 .docx year", f"/kpi/export.docx?{query}"),
    ):
        assert client.get(url).status_code == 200, url
        yield f"{label}: {p50_p95(timed(lambda url=url: client.get(url)))} (target ≤ 150 ms)"
