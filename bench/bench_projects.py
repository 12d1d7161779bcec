"""The project list, search, dashboard and API with 20,000 projects; the Excel import per 1,000 rows."""

import io
import random
import statistics
import time
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from openpyxl import Workbook

from investdesk.accounts.choices import Role
from investdesk.accounts.models import Division, User
from investdesk.projects import imports
from investdesk.projects.choices import DelayStatus, ProjectKind, ProjectStatus, Sector, commune_choices
from investdesk.projects.models import Investor, Milestone, Project

PROJECTS = 20_000
IMPORT_ROWS = 10_000


def timed(fn, repeat: int = 10) -> list[float]:
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def _fill() -> User:
    call_command("seed", verbosity=0)
    officer = User(username="bench.officer", full_name="Chuyên viên", division=Division.objects.get(code="dtnns"))
    officer.set_password("x")
    officer.save()
    officer.groups.add(Group.objects.get(name=Role.OFFICER))
    rng = random.Random(20)
    investors = [Investor(name=f"Công ty Cổ phần Đầu tư Hòa Bình số {i}") for i in range(2_000)]
    for investor in investors:
        investor.refresh_search_key()
    investors = Investor.objects.bulk_create(investors, batch_size=1000)
    division = Division.objects.get(code="dtnns")
    communes = [code for code, _name in commune_choices()]
    statuses = list(DelayStatus.values)
    projects = []
    for number in range(PROJECTS):
        project = Project(
            code=f"56{number:08d}",
            name=f"Khu nghỉ dưỡng Hòn Tằm {number}" if number % 500 == 0 else f"Dự án sản xuất số {number}",
            investor=rng.choice(investors),
            kind=rng.choice(ProjectKind.values),
            sector=rng.choice(Sector.values),
            commune=rng.choice(communes),
            total_capital_vnd=Decimal(rng.randrange(10, 5000)) * 1_000_000_000,
            registered_on=date(2015, 1, 1) + timedelta(days=rng.randrange(0, 4000)),
            status=rng.choice(ProjectStatus.values),
            division=division,
            delay_status=rng.choice(statuses),
            delay_months=rng.randrange(0, 40),
        )
        project.refresh_search_key()
        projects.append(project)
    projects = Project.objects.bulk_create(projects, batch_size=1000)
    Milestone.objects.bulk_create(
        [Milestone(project=p, kind="completion", committed_on=date(2024, 1, 1)) for p in projects[:5000]],
        batch_size=1000,
    )
    return officer


def _sheet(rows: int) -> SimpleUploadedFile:
    book = Workbook()
    sheet = book.active
    sheet.title = imports.SHEET_NAME
    sheet.append([str(column.label) for column in imports.COLUMNS])
    communes = [name for _code, name in commune_choices()]
    for number in range(rows):
        values = {column.name: column.example for column in imports.COLUMNS}
        values.update(
            code=f"57{number:08d}", commune=communes[number % len(communes)], investor=f"Công ty {number % 50}"
        )
        values["enterprise_code"] = ""
        sheet.append([values[column.name] for column in imports.COLUMNS])
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("bench.xlsx", buffer.getvalue())


def run():
    started = time.perf_counter()
    officer = _fill()
    yield f"{PROJECTS:,} projects made in {time.perf_counter() - started:.1f} s"
    client = Client()
    client.force_login(officer)
    first_commune = commune_choices()[0][0]
    cases = {
        "list, filtered (status + delay + sector)": "/projects/?status=implementing&delay=late&sector=C",
        "list, capital range + commune": f"/projects/?capital_min=100&capital_max=2000&commune={first_commune}",
        "search without diacritics": "/projects/?q=hon+tam",
        "watch list": "/projects/watch/",
        "dashboard": "/projects/dashboard/",
        "API list, filtered": "/api/v1/projects?status=operating&delay=seriously_late",
        "API search": "/api/v1/projects?q=hoa+binh+so+7",
    }
    for label, url in cases.items():
        assert client.get(url).status_code == 200, url
        samples = timed(lambda url=url: client.get(url))
        yield f"{label:45} median {statistics.median(samples):7.1f} ms, max {max(samples):7.1f} ms"
    upload = _sheet(IMPORT_ROWS)
    started = time.perf_counter()
    outcome = imports.import_projects(officer, upload)
    assert not outcome["errors"], outcome["errors"][:3]
    yield f"import of {IMPORT_ROWS:,} rows: {time.perf_counter() - started:.1f} s ({outcome['created']} created)"
