"""Importing historical dossiers through the API's all-or-nothing path: rows per second."""

import io
import os
import time
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.contrib.auth.models import Group
from django.core.management import call_command

from investdesk.accounts.choices import Role
from investdesk.accounts.models import User
from investdesk.dossiers.imports import import_dossiers

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
ROWS = int(os.environ.get("BENCH_IMPORT_ROWS", "5000"))


def run():
    call_command("seed", verbosity=0, stdout=io.StringIO())
    desk = User.objects.create(username="desk", full_name="Desk")
    desk.groups.add(Group.objects.get(name=Role.RECEPTION))
    start = datetime(2026, 3, 2, 8, tzinfo=TZ)
    rows = [
        {
            "code": f"IMP-{index:06d}",
            "procedure": "cap-lai-gcndkdt",
            "received_at": (start + timedelta(minutes=index)).isoformat(),
            "channel": "online",
            "finished_at": (start + timedelta(minutes=index, days=2)).isoformat(),
            "result": "approved",
            "pauses": [],
        }
        for index in range(ROWS)
    ]
    began = time.perf_counter()
    result = import_dossiers(desk, rows, dry_run=True)
    checked = time.perf_counter() - began
    yield f"dry run of {ROWS:,} rows: {checked:.1f} s ({ROWS / checked:,.0f} rows/s), errors: {len(result['errors'])}"
    began = time.perf_counter()
    result = import_dossiers(desk, rows)
    elapsed = time.perf_counter() - began
    rate = ROWS / elapsed
    yield f"import of {ROWS:,} finished dossiers: {elapsed:.1f} s ({rate:,.0f} rows/s; 100,000: {100_000 / rate:.0f} s)"
