"""Importing a province's list of 10,000 projects from .xlsx: read, check (every row), write all or nothing.

BENCH_PROJECT_IMPORT_ROWS sets the size (default 10,000; the target is ≤ 10 s in all). A fifth of the
rows carry the code of a project already in the database, so they update it (with its milestones'
delay recomputed) while the rest create projects and some hundred investors. The steps are timed as
the page's background jobs run them: the check job reads and checks, the import job reads and checks
again, then writes.
"""

import io
import os
import time
from datetime import date
from decimal import Decimal

import xlsxwriter
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from investdesk.accounts.choices import Role
from investdesk.accounts.models import Division, User
from investdesk.projects import imports
from investdesk.projects.choices import commune_choices
from investdesk.projects.models import Investor, Milestone, Project

ROWS = int(os.environ.get("BENCH_PROJECT_IMPORT_ROWS", "10000"))


def _officer() -> User:
    call_command("seed", verbosity=0)
    officer = User(username="bench.import", full_name="Chuyên viên", division=Division.objects.get(code="dtnns"))
    officer.set_password("x")
    officer.save()
    officer.groups.add(Group.objects.get(name=Role.OFFICER))
    return User.objects.get(pk=officer.pk)


def _existing(count: int) -> None:
    division = Division.objects.get(code="dtnns")
    investor = Investor.objects.create(name="Công ty Cổ phần Đầu tư Hòa Bình", enterprise_code="4200000000")
    commune = commune_choices()[0][0]
    projects = Project.objects.bulk_create(
        [
            Project(
                code=f"58{number:08d}",
                name=f"Dự án cũ số {number}",
                investor=investor,
                sector="C",
                commune=commune,
                total_capital_vnd=Decimal(10**11),
                division=division,
            )
            for number in range(count)
        ],
        batch_size=1000,
    )
    Milestone.objects.bulk_create(
        [Milestone(project=p, kind="completion", committed_on=date(2024, 1, 1)) for p in projects], batch_size=1000
    )


def _sheet(rows: int) -> SimpleUploadedFile:
    # Written as Excel writes a workbook (shared strings), not as openpyxl does (inline strings,
    # several times slower to read).
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet(imports.SHEET_NAME)
    sheet.write_row(0, 0, [str(column.label) for column in imports.COLUMNS])
    communes = [name for _code, name in commune_choices()]
    for number in range(rows):
        values = {column.name: column.example for column in imports.COLUMNS}
        updating = number % 5 == 0
        values.update(
            code=f"58{number // 5:08d}" if updating else f"57{number:08d}",
            name=f"Dự án nhập số {number}",
            commune=communes[number % len(communes)],
            investor=f"Công ty TNHH Đầu tư Phát triển số {number % 300}",
            enterprise_code="",
        )
        sheet.write_row(number + 1, 0, [values[column.name] for column in imports.COLUMNS])
    book.close()
    return SimpleUploadedFile("bench.xlsx", buffer.getvalue())


def _timed(fn):
    """``fn()``, its wall time and its CPU time: the machine may be shared, and the process's own
    CPU time says what the work costs by itself."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = fn()
    return result, time.perf_counter() - wall, time.process_time() - cpu


def run():
    officer = _officer()
    _existing(ROWS // 5)
    upload = _sheet(ROWS)
    yield f"{ROWS:,} rows, {upload.size / 1e6:.1f} MB; {ROWS // 5:,} of them update a project"
    yield "step                                   wall      CPU"
    _layout, *upload_times = _timed(lambda: imports.read_layout(upload))
    yield "upload: headings, row count, preview  {:5.2f} s  {:5.2f} s".format(*upload_times)

    def check():
        plan = imports.check_rows(officer, imports.read_rows(upload))
        assert not plan.errors, plan.errors[:3]
        return plan

    _plan, *check_times = _timed(check)
    yield "check job: read + check every row     {:5.2f} s  {:5.2f} s".format(*check_times)
    plan, *again = _timed(check)
    result, *write = _timed(lambda: imports.write_plan(officer, plan))
    yield "import job: read + check again        {:5.2f} s  {:5.2f} s".format(*again)
    yield "import job: write all or nothing      {:5.2f} s  {:5.2f} s".format(*write)
    total = again[0] + write[0], again[1] + write[1]
    yield "import job in all                     {:5.2f} s  {:5.2f} s   (target ≤ 10 s)".format(*total)
    yield (
        f"{result['created']:,} created, {result['updated']:,} updated; "
        f"{Project.history.count():,} history rows; {Project.objects.count():,} projects"
    )
