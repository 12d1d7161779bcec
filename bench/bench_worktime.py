"""Working-time arithmetic on the real calendar: due times and durations per second, one core."""

import random
import time
from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.core.management import call_command

from investdesk.worktime.loader import build_calendar

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
N = 300_000


def run():
    call_command("seed", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115
    started = time.perf_counter()
    cal = build_calendar()
    elapsed = time.perf_counter() - started
    yield f"building the calendar (1999–2101, package + overrides): {elapsed:.2f} s"

    rng = random.Random(2026)
    base = datetime(2020, 1, 1, tzinfo=TZ)
    starts = [base + timedelta(minutes=rng.randrange(0, 10 * 365 * 24 * 60)) for _ in range(1000)]
    # The time limits procedures actually use, plus odd ones.
    limits = [Decimal(x) for x in ("0.5", "1", "2", "3", "5", "7", "10", "10.5", "14", "17", "35", "0.125")]
    pairs = [(starts[i % 1000], limits[i % len(limits)]) for i in range(N)]

    started = time.perf_counter()
    for start, days in pairs:
        cal.add_working_time(start, days)
    rate = N / (time.perf_counter() - started)
    yield f"add_working_time: {rate:,.0f} per second (target ≥ 200,000)"

    ends = [s + timedelta(days=rng.randrange(0, 3 * 365)) for s in starts]
    spans = [(starts[i % 1000], ends[i % 1000]) for i in range(N)]
    started = time.perf_counter()
    for a, b in spans:
        cal.working_time_between(a, b)
    rate = N / (time.perf_counter() - started)
    yield f"working_time_between (spans up to 3 years): {rate:,.0f} per second"

    started = time.perf_counter()
    for a, b in spans:
        cal.working_seconds_between(a, b)
    rate = N / (time.perf_counter() - started)
    yield f"working_seconds_between: {rate:,.0f} per second"

    far = [(datetime(2001, 1, 1, 8, tzinfo=TZ), datetime(2099, 12, 31, 16, tzinfo=TZ))] * 100_000
    started = time.perf_counter()
    for a, b in far:
        cal.working_time_between(a, b)
    rate = 100_000 / (time.perf_counter() - started)
    yield f"working_time_between across 99 years: {rate:,.0f} per second (no day-by-day loop)"
