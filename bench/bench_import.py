"""Importing historical dossiers: the API's rows and a one-stop .xlsx, checked then written all or nothing.

BENCH_IMPORT_ROWS sets the size (default 100,000, the target: ≤ 60 s with memory that does not grow
with the file); BENCH_IMPORT_OPEN the number of still-open dossiers (default 8,000), which start at
their process's first step. Memory is the process's peak resident size, read after a small file and
again after the large one: if the import held the file's rows, the peak would grow with them. The
longest transaction of each import is reported: the time others wait for the write lock.
"""

import io
import os
import resource
import tempfile
import time
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import xlsxwriter
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import transaction

from investdesk.accounts.choices import Role
from investdesk.accounts.models import User
from investdesk.dossiers import imports
from investdesk.dossiers.import_sheet import SheetRows, guess_mapping, read_layout
from investdesk.dossiers.imports import import_batches, import_dossiers
from investdesk.dossiers.models import Dossier
from investdesk.procedures.models import Procedure

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
ROWS = int(os.environ.get("BENCH_IMPORT_ROWS", "100000"))
OPEN = int(os.environ.get("BENCH_IMPORT_OPEN", "8000"))
HEADINGS = [
    "Số hồ sơ",
    "Tên thủ tục",
    "Tổ chức, cá nhân",
    "Hình thức nộp",
    "Ngày tiếp nhận",
    "Ngày trả kết quả",
    "Kết quả",
]


class TimedTransactions:
    """Stands in for ``django.db.transaction`` in the import module and times each outermost
    transaction it opens (the batches staged, the publish)."""

    def __init__(self):
        self.held: list[float] = []

    def __getattr__(self, name):
        return getattr(transaction, name)

    @contextmanager
    def atomic(self, *args, **kwargs):
        outermost = not transaction.get_connection().in_atomic_block
        began = time.perf_counter()
        with transaction.atomic(*args, **kwargs):
            yield
        if outermost:
            self.held.append(time.perf_counter() - began)

    def summary(self) -> str:
        if not self.held:
            return "no transaction"
        *staged, published = self.held
        longest = f"longest {max(staged):.2f} s" if staged else "none"
        return f"{len(staged)} batches staged ({longest}), then the publish: {published:.2f} s"


def timed_import(desk, rows: list) -> tuple[float, dict, str]:
    timer = TimedTransactions()
    imports.transaction = timer
    try:
        began = time.perf_counter()
        result = import_dossiers(desk, rows)
        elapsed = time.perf_counter() - began
    finally:
        imports.transaction = transaction
    assert not result["errors"], result["errors"][:3]
    return elapsed, result, timer.summary()


def api_rows(count: int, prefix: str, *, finished: bool) -> list[dict]:
    start = datetime(2026, 4, 6, 8, tzinfo=TZ)
    return [
        {
            "code": f"{prefix}-{index:06d}",
            "procedure": "cap-lai-gcndkdt",
            "received_at": (start + timedelta(minutes=index)).isoformat(),
            "channel": ("online", "direct", "post")[index % 3],
            "finished_at": (start + timedelta(minutes=index, days=2)).isoformat() if finished else None,
            "result": "approved" if finished else None,
            "pauses": [],
        }
        for index in range(count)
    ]


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def write_sheet(path: Path, rows: int, prefix: str) -> None:
    name = Procedure.objects.get(code="cap-lai-gcndkdt").name
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, HEADINGS)
    start = datetime(2026, 4, 6, 8)
    for index in range(rows):
        received = start + timedelta(minutes=index % 200_000)
        finished = received + timedelta(days=2 + index % 5)
        sheet.write_row(
            index + 1,
            0,
            [
                f"{prefix}-{index:06d}",
                name,
                f"Công ty {index}",
                ("Trực tuyến", "Trực tiếp", "Bưu chính")[index % 3],
                received.strftime("%d/%m/%Y %H:%M"),
                finished.strftime("%d/%m/%Y %H:%M"),
                "Đã giải quyết" if index % 20 else "Từ chối",
            ],
        )
    book.close()


def import_sheet(desk, path: Path) -> tuple[float, dict]:
    layout = read_layout(path)
    began = time.perf_counter()
    with SheetRows(path, guess_mapping(layout["headings"])) as rows:
        result = import_batches(desk, rows, total=layout["rows"])
    return time.perf_counter() - began, result


def run():
    call_command("seed", verbosity=0, stdout=io.StringIO())
    desk = User.objects.create(username="desk", full_name="Desk")
    desk.groups.add(Group.objects.get(name=Role.RECEPTION))
    small = min(ROWS, 5000)
    rows = api_rows(small, "API", finished=True)
    began = time.perf_counter()
    result = import_dossiers(desk, rows, dry_run=True)
    checked = time.perf_counter() - began
    yield f"API dry run of {small:,} rows: {checked:.2f} s ({small / checked:,.0f} rows/s)"
    elapsed, result, held = timed_import(desk, api_rows(ROWS, "APF", finished=True))
    yield f"API import of {ROWS:,} finished dossiers: {elapsed:.1f} s ({ROWS / elapsed:,.0f} rows/s); {held}"
    elapsed, result, held = timed_import(desk, api_rows(OPEN, "APO", finished=False))
    yield f"API import of {OPEN:,} open dossiers: {elapsed:.1f} s ({OPEN / elapsed:,.0f} rows/s); {held}"

    folder = Path(tempfile.mkdtemp(prefix="investdesk-bench-import-"))
    warm = folder / "small.xlsx"
    write_sheet(warm, small, "XS")
    elapsed, result = import_sheet(desk, warm)
    small_peak = peak_mb()
    yield f".xlsx of {small:,} rows checked and imported in {elapsed:.1f} s; peak memory {small_peak:,.0f} MB"

    large = folder / "large.xlsx"
    write_sheet(large, ROWS, "XL")
    size = large.stat().st_size / 1024 / 1024
    elapsed, result = import_sheet(desk, large)
    assert not result["errors"], result["errors"][:3]
    yield (
        f".xlsx of {ROWS:,} rows ({size:.1f} MB) checked and imported in {elapsed:.1f} s "
        f"({ROWS / elapsed:,.0f} rows/s; target ≤ 60 s for 100,000); created {result['created']:,}"
    )
    yield f"peak memory after it: {peak_mb():,.0f} MB (after the {small:,}-row file: {small_peak:,.0f} MB)"
    yield f"dossiers in the database: {Dossier.objects.count():,}"
