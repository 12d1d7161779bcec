"""Receiving dossiers and completing steps through the services: milliseconds per action."""

import io
import statistics
import time
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client

from investdesk.accounts.choices import Role
from investdesk.accounts.models import Division, User
from investdesk.dossiers import services
from investdesk.dossiers.models import Step
from investdesk.procedures.models import Procedure

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
N = 300


def person(username, role):
    # Everyone works in the catalogue's division: steps go to people of the dossier's division.
    division = Division.objects.filter(code="dtnns").first()
    user = User.objects.create(username=username, full_name=username.title(), division=division)
    user.groups.add(Group.objects.get(name=role))
    return user


def run():
    call_command("seed", verbosity=0, stdout=io.StringIO())
    desk = person("desk", Role.RECEPTION)
    for index in range(4):
        person(f"officer{index}", Role.OFFICER)
    person("head", Role.DIVISION_HEAD)
    person("leader", Role.DEPARTMENT_LEADER)
    procedures = [Procedure.objects.get(code=c) for c in ("chap-thuan-chu-truong-dau-tu", "cap-lai-gcndkdt")]
    start = datetime(2026, 3, 2, 8, 0, tzinfo=TZ)

    receive_ms, dossiers = [], []
    for index in range(N):
        began = time.perf_counter()
        dossiers.append(
            services.receive_dossier(
                desk,
                procedure=procedures[index % 2],
                applicant_name=f"Công ty {index}",
                channel="online",
                received_at=start + timedelta(minutes=index),
            )
        )
        receive_ms.append((time.perf_counter() - began) * 1000)
    p95 = sorted(receive_ms)[int(N * 0.95)]
    yield f"receive_dossier: median {statistics.median(receive_ms):.1f} ms, p95 {p95:.1f} ms"

    complete_ms = []
    for dossier in dossiers:
        for _round in range(3):
            step = dossier.steps.filter(finished_at__isnull=True).first()
            if step is None:
                break
            at = max(step.started_at, start) + timedelta(hours=2)
            began = time.perf_counter()
            services.complete_step(step.assignee, step, at=at, check_permission=False)
            complete_ms.append((time.perf_counter() - began) * 1000)
    yield (
        f"complete_step: median {statistics.median(complete_ms):.1f} ms, "
        f"p95 {sorted(complete_ms)[int(len(complete_ms) * 0.95)]:.1f} ms ({len(complete_ms)} steps)"
    )

    officer = User.objects.get(username="officer0")
    client = Client()
    client.force_login(officer)
    client.get("/my-work/")
    samples = []
    for _ in range(20):
        began = time.perf_counter()
        client.get("/my-work/")
        samples.append((time.perf_counter() - began) * 1000)
    open_steps = Step.objects.open().filter(assignee=officer).count()
    total = Step.objects.count()
    yield f"Việc của tôi ({open_steps} open steps, {total} steps in all): median {statistics.median(samples):.0f} ms"
