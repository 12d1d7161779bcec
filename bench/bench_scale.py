"""Dossiers at ten times a province's volume: 1,000,000 dossiers and 5,000,000 steps (bulk-loaded),
then the pages and actions people use every day. BENCH_DOSSIERS changes the size."""

import io
import os
import random
import statistics
import time
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client

from investdesk.accounts.choices import Role
from investdesk.accounts.models import Division, User
from investdesk.dossiers import daily, services
from investdesk.dossiers.models import Dossier, Step
from investdesk.procedures.models import Procedure

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
DOSSIERS = int(os.environ.get("BENCH_DOSSIERS", "1000000"))
STEPS_PER_DOSSIER = 5
OFFICERS = 40
BATCH = 20_000


def person(username, role):
    # Everyone works in the catalogue's division: steps go to people of the dossier's division.
    division = Division.objects.filter(code="dtnns").first()
    user = User.objects.create(username=username, full_name=username.title(), division=division)
    user.groups.add(Group.objects.get(name=role))
    return user


def timed(fn, repeat=15):
    samples = []
    for _ in range(repeat):
        began = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - began) * 1000)
    return statistics.median(samples), sorted(samples)[int(repeat * 0.9)]


def bulk_load(size: int) -> dict:
    """Seeds the catalogue and bulk-loads ``size`` dossiers with five steps each (the last 5,000 open,
    the desk's current work), then rebuilds the per-day totals. Returns the people it made and lines
    saying how long each part took."""
    call_command("seed", verbosity=0, stdout=io.StringIO())
    desk = person("desk", Role.RECEPTION)
    officers = [person(f"officer{i:02d}", Role.OFFICER) for i in range(OFFICERS)]
    head = person("head", Role.DIVISION_HEAD)
    leader = person("leader", Role.DEPARTMENT_LEADER)
    procedure = Procedure.objects.get(code="cap-lai-gcndkdt")
    version = procedure.version_at(datetime(2026, 6, 1).date())
    rng = random.Random(1)
    start = datetime(2020, 1, 1, 8, tzinfo=TZ)
    now = datetime.now(TZ)
    span = (now - start).total_seconds()

    began = time.perf_counter()
    made = 0
    while made < size:
        dossiers = []
        for index in range(made, min(made + BATCH, size)):
            received = start + timedelta(seconds=span * index / size)
            is_open = index >= size - 5000  # the last few thousand are the desk's current work
            dossiers.append(
                Dossier(
                    code=f"B-{index:07d}",
                    procedure=procedure,
                    procedure_version=version,
                    applicant_name=f"Công ty {index}",
                    channel="online",
                    received_at=received,
                    due_at=received + timedelta(days=5),
                    original_due_at=received + timedelta(days=5),
                    status="in_progress" if is_open else "resolved",
                    finished_at=None if is_open else received + timedelta(days=rng.randrange(1, 8)),
                    outcome="" if is_open else rng.choice(["early", "on_time", "on_time", "late"]),
                    result="" if is_open else "approved",
                    responsible=officers[index % OFFICERS],
                    search_key=f"b-{index:07d} cong ty {index}",
                )
            )
        created = Dossier.objects.bulk_create(dossiers, batch_size=BATCH)
        steps = []
        for dossier in created:
            for number in range(STEPS_PER_DOSSIER):
                open_step = dossier.status == "in_progress" and number == STEPS_PER_DOSSIER - 1
                started = dossier.received_at + timedelta(hours=number * 6)
                steps.append(
                    Step(
                        dossier=dossier,
                        task_id=f"{dossier.pk}-{number}",
                        element_id=f"userTask_{number + 2}",
                        name="Bước xử lý",
                        role="officer",
                        assignee=dossier.responsible if number in (1, 4) else desk if number == 0 else head,
                        working_days=1,
                        started_at=started,
                        due_at=started + timedelta(days=1),
                        finished_at=None if open_step else started + timedelta(hours=5),
                        outcome="" if open_step else "on_time",
                    )
                )
        Step.objects.bulk_create(steps, batch_size=BATCH)
        made += len(dossiers)
    elapsed = time.perf_counter() - began
    lines = [f"loaded {Dossier.objects.count():,} dossiers and {Step.objects.count():,} steps in {elapsed:.0f} s"]
    began = time.perf_counter()
    days = daily.rebuild()  # bulk_create bypasses the signals that keep the per-day totals
    lines.append(f"per-day totals rebuilt for {days:,} days in {time.perf_counter() - began:.1f} s")
    return {"desk": desk, "officers": officers, "head": head, "leader": leader, "lines": lines}


def run():
    loaded = bulk_load(DOSSIERS)
    yield from loaded["lines"]
    desk, officers, head = loaded["desk"], loaded["officers"], loaded["head"]
    now = datetime.now(TZ)

    officer = officers[0]
    client = Client()
    client.force_login(officer)
    open_mine = Step.objects.open().filter(assignee=officer).count()
    median, p90 = timed(lambda: client.get("/my-work/"))
    yield f"Việc của tôi ({open_mine} open steps): median {median:.0f} ms, p90 {p90:.0f} ms (target ≤ 100 ms)"

    client.force_login(head)
    median, p90 = timed(lambda: client.get("/dossiers/"))
    yield f"dossier list, first page of all {DOSSIERS:,}: median {median:.0f} ms, p90 {p90:.0f} ms"
    median, p90 = timed(lambda: client.get("/dossiers/", {"status": "in_progress", "overdue": "true"}))
    yield f"dossier list, overdue open dossiers: median {median:.0f} ms, p90 {p90:.0f} ms"
    median, p90 = timed(lambda: client.get("/dossiers/", {"q": "b-0999"}))
    yield f"dossier list, search by number: median {median:.0f} ms, p90 {p90:.0f} ms"

    year = now.year
    median, p90 = timed(lambda: client.get("/api/v1/dossiers/stats", {"from": f"{year}-01-01", "to": f"{year}-12-31"}))
    yield f"stats API for the year: median {median:.0f} ms, p90 {p90:.0f} ms (target ≤ 300 ms)"
    median, p90 = timed(
        lambda: client.get("/reports/dossiers/", {"date_from": f"01/01/{year}", "date_to": f"31/12/{year}"})
    )
    yield f"periodic report page for the year: median {median:.0f} ms, p90 {p90:.0f} ms"
    median, p90 = timed(lambda: client.get("/reports/dashboard/", {"year": year}), repeat=5)
    yield f"dashboard for the year: median {median:.0f} ms, p90 {p90:.0f} ms (target ≤ 300 ms)"
    median, p90 = timed(lambda: client.get(f"/quality/{year}/"), repeat=5)
    yield f"quality dashboard (objective 3 reads the year's on-time rate): median {median:.0f} ms, p90 {p90:.0f} ms"

    real = Procedure.objects.get(code="chap-thuan-chu-truong-dau-tu")
    receive_ms, complete_ms = [], []
    for index in range(30):
        t0 = time.perf_counter()
        dossier = services.receive_dossier(
            desk, procedure=real, applicant_name=f"Mới {index}", channel="direct", received_at=now - timedelta(hours=2)
        )
        receive_ms.append((time.perf_counter() - t0) * 1000)
        step = dossier.steps.get(finished_at__isnull=True)
        t0 = time.perf_counter()
        services.complete_step(step.assignee, step, at=now - timedelta(hours=1), check_permission=False)
        complete_ms.append((time.perf_counter() - t0) * 1000)
    yield (
        f"at this size: receive_dossier median {statistics.median(receive_ms):.0f} ms, "
        f"complete_step median {statistics.median(complete_ms):.0f} ms (targets ≤ 50 ms)"
    )
