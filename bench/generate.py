"""Realistic, internally consistent data at a named scale, written in bulk.

Every seeded procedure runs with the steps of the version in force on the day a dossier is received
(its real step structure: roles, times, parallel consultations), due times come from the working-time
calendar, and outcomes follow what a provincial desk sees: most dossiers early or on time, a few
late (some with an apology), a few paused for supplementation, withdrawn or stopped, and the recent
ones still open, spread over the officers. No per-row ORM save and no workflow engine per dossier:
rows are built as plain values and inserted in batches (``core.bulk.insert_values``).

Each module with data of its own (projects, KPI) has a ``generate_<module>`` function here, called
from ``generate`` when the module is installed.
"""

import multiprocessing
import os
import random
import signal
import time
from collections import deque
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.contrib.auth.models import Group
from django.db import connection, connections, transaction

from investdesk.accounts.choices import Role
from investdesk.accounts.models import Department, Division, Position, User
from investdesk.core.bulk import insert_values
from investdesk.dossiers import daily
from investdesk.dossiers.choices import Channel, DossierStatus, Outcome, PauseKind, Result
from investdesk.dossiers.models import Dossier, Pause, Step
from investdesk.dossiers.rules import at_risk_from
from investdesk.procedures.choices import ProcessRole, VersionStatus
from investdesk.procedures.models import Procedure, ProcedureVersion
from investdesk.worktime.loader import get_calendar

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
DAY_SECONDS = 8 * 3600
BATCH = 10_000
PASSWORD = "tai-thu-2026"


@dataclass(frozen=True)
class Scale:
    name: str
    dossiers: int
    projects: int
    staff: int
    years: int


SCALES = {
    "tiny": Scale("tiny", dossiers=2_000, projects=100, staff=24, years=1),
    "small": Scale("small", dossiers=20_000, projects=1_000, staff=60, years=2),
    "province": Scale("province", dossiers=100_000, projects=2_000, staff=100, years=3),
    "x10": Scale("x10", dossiers=1_000_000, projects=20_000, staff=500, years=5),
}

# Other divisions of the department: their people are staff to evaluate and count, not dossier owners.
OTHER_DIVISIONS = [
    ("qlns", "Phòng Quản lý ngân sách", "QLNS"),
    ("tcdn", "Phòng Tài chính doanh nghiệp", "TCDN"),
    ("qlgcs", "Phòng Quản lý giá và công sản", "QLGCS"),
    ("thanh-tra", "Thanh tra Sở", "TT"),
]
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô"]
MIDDLES = ["Văn", "Thị", "Minh", "Ngọc", "Quốc", "Thanh", "Hữu", "Thu", "Đức", "Hoài"]
GIVEN = ["An", "Bình", "Châu", "Dũng", "Giang", "Hà", "Hòa", "Khánh", "Linh", "Nam", "Phúc", "Quân", "Thủy", "Vy"]
COMPANIES = ["Đầu tư", "Phát triển", "Du lịch", "Năng lượng", "Bất động sản", "Thủy sản", "Logistics", "Xây dựng"]
PLACES = ["Nha Trang", "Cam Ranh", "Ninh Hòa", "Vạn Ninh", "Diên Khánh", "Cam Lâm", "Khánh Vĩnh", "Phan Rang"]


def _name(rng: random.Random) -> str:
    return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLES)} {rng.choice(GIVEN)}"


@dataclass
class People:
    desks: list
    officers: list  # of the division that owns the procedures
    heads: list
    leaders: list
    everyone: list


def make_people(scale: Scale, rng: random.Random) -> People:
    """Desks, the owning division's head, deputy and officers, leaders, and the other divisions'
    staff: ``scale.staff`` people in all, each with the password ``PASSWORD``."""
    department = Department.objects.get()
    home = Division.objects.get(code="dtnns")
    divisions = [home]
    for order, (code, name, short) in enumerate(OTHER_DIVISIONS, start=20):
        division, _ = Division.objects.get_or_create(
            code=code, defaults={"department": department, "name": name, "short_name": short, "sort_order": order}
        )
        divisions.append(division)
    positions = {p.code: p for p in Position.objects.all()}
    groups = {g.name: g for g in Group.objects.all()}
    leadership = Division.objects.get(code="ban-giam-doc")
    office = Division.objects.get(code="van-phong")

    made: list[tuple[User, str]] = []

    def person(username, division, position, role):
        user = User(username=username, full_name=_name(rng), division=division, position=positions[position])
        user.set_password(PASSWORD)
        made.append((user, role))
        return user

    desks = [person(f"desk{i}", office, "nhan-vien", Role.RECEPTION) for i in range(3)]
    leaders = [person("leader", leadership, "giam-doc", Role.DEPARTMENT_LEADER)]
    leaders += [person(f"leader{i}", leadership, "pho-giam-doc", Role.DEPARTMENT_LEADER) for i in range(1, 3)]
    heads = [person("head", home, "truong-phong", Role.DIVISION_HEAD)]
    heads.append(person("head1", home, "pho-truong-phong", Role.DIVISION_HEAD))
    left = max(scale.staff - len(made), len(divisions) * 3)
    # About a third of the department's officers work in the investment division.
    home_officers = max(4, left // 3)
    officers = [
        person(f"officer{i:03d}", home, rng.choice(["chuyen-vien", "chuyen-vien-chinh"]), Role.OFFICER)
        for i in range(home_officers)
    ]
    others = divisions[1:]
    for index in range(left - home_officers):
        division = others[index % len(others)]
        if index < len(others):
            heads.append(person(f"head-{division.code}", division, "truong-phong", Role.DIVISION_HEAD))
        else:
            person(f"staff{index:03d}", division, "chuyen-vien", Role.OFFICER)
    User.objects.bulk_create([user for user, _ in made], batch_size=1000)
    saved = {u.username: u for u in User.objects.filter(username__in=[user.username for user, _ in made])}
    through = User.groups.through
    through.objects.bulk_create(
        [through(user_id=saved[user.username].pk, group_id=groups[role].pk) for user, role in made]
    )

    def fresh(users):
        return [saved[user.username] for user in users]

    return People(
        desks=fresh(desks),
        officers=fresh(officers),
        heads=fresh(heads),
        leaders=fresh(leaders),
        everyone=list(saved.values()),
    )


@dataclass(frozen=True)
class Shape:
    """A version's steps as they run: groups started together (a parallel consultation is one group)."""

    version_id: int
    groups: tuple[tuple[tuple[str, str, str, Decimal, bool], ...], ...]  # (element, name, role, days, silence)
    total_days: Decimal


def shapes_by_procedure() -> dict[int, list[tuple[ProcedureVersion, Shape]]]:
    found: dict[int, list[tuple[ProcedureVersion, Shape]]] = {}
    versions = (
        ProcedureVersion.objects.filter(status__in=[VersionStatus.APPROVED, VersionStatus.RETIRED])
        .prefetch_related("steps")
        .order_by("procedure_id", "effective_from")
    )
    for version in versions:
        groups: list[list] = []
        for step in version.steps.all():
            if step.in_loop:
                continue  # only when supplementation loops back
            row = (step.element_id, step.name, step.role, step.working_days, step.silence_means_consent)
            if step.parallel and groups and groups[-1][0][2] == step.role == ProcessRole.CONSULTED_AGENCY:
                groups[-1].append(row)
            else:
                groups.append([row])
        if groups:
            shape = Shape(version.pk, tuple(tuple(g) for g in groups), version.total_days)
            found.setdefault(version.procedure_id, []).append((version, shape))
    return found


def version_on(versions: list[tuple[ProcedureVersion, Shape]], day) -> tuple[ProcedureVersion, Shape] | None:
    chosen = None
    for version, shape in versions:
        if (
            version.effective_from
            and version.effective_from <= day
            and (version.effective_to is None or day <= version.effective_to)
        ):
            chosen = (version, shape)
    return chosen


class DossierWriter:
    """Builds one dossier's rows (dossier, steps, pause) from its procedure's shape."""

    def __init__(self, people: People, rng: random.Random, now: datetime):
        self.people, self.rng, self.now = people, rng, now
        # Read once: asking the loader for it on each of ten million time additions cost a tenth of the fill.
        self.calendar = get_calendar()
        self.dossiers: list[dict] = []
        self.steps: list[dict] = []
        self.pauses: list[dict] = []

    def assignee(self, role: str, responsible):
        if role == ProcessRole.RECEPTION:
            return self.rng.choice(self.people.desks).pk
        if role == ProcessRole.OFFICER:
            return responsible.pk
        if role == ProcessRole.DIVISION_HEAD:
            return self.rng.choice(self.people.heads[:2]).pk
        if role == ProcessRole.DEPARTMENT_LEADER:
            return self.rng.choice(self.people.leaders).pk
        return None  # the chairman and other agencies are not people of this system

    def add(self, pk: int, index: int, procedure: Procedure, version, shape: Shape, received: datetime) -> None:
        rng = self.rng
        add_working_time, working_time_between = self.calendar.add_working_time, self.calendar.working_time_between
        received = add_working_time(received, 0)  # the next opening
        responsible = self.people.officers[index % len(self.people.officers)]
        due = add_working_time(received, shape.total_days)
        # How this dossier goes: speed relative to its time, and what happens to it.
        fate = rng.random()
        paused = fate < 0.08
        pause_seconds = 0
        pause = None
        if paused:
            pause_start = add_working_time(received, min(Decimal(1), shape.total_days / 3))
            pause_seconds = rng.randrange(1, 8) * DAY_SECONDS
            pause_end = add_working_time(pause_start, Decimal(pause_seconds) / DAY_SECONDS)
            pause = (pause_start, pause_end)
        due_after = add_working_time(due, Decimal(pause_seconds) / DAY_SECONDS) if paused else due
        pace = rng.choices([0.45, 0.8, 0.97, 1.15], weights=[30, 45, 20, 5])[0]
        status = DossierStatus.RESOLVED
        if fate > 0.985:
            status = DossierStatus.WITHDRAWN
        elif fate > 0.98:
            status = DossierStatus.STOPPED
        spend = shape.total_days * Decimal(str(pace))
        finished = add_working_time(received, spend + Decimal(pause_seconds) / DAY_SECONDS)
        if pause and pause[1] > self.now:
            finished = None  # still waiting for the investor
        elif finished > self.now:
            finished = None
        if finished is None:
            status = DossierStatus.PAUSED if pause and pause[1] > self.now else DossierStatus.IN_PROGRESS
        outcome = ""
        processing = None
        if status == DossierStatus.RESOLVED:
            outcome = (
                Outcome.LATE
                if finished > due_after
                else Outcome.EARLY
                if finished < add_working_time(received, shape.total_days - 1)
                else Outcome.ON_TIME
            )
            processing = working_time_between(received, finished) - Decimal(pause_seconds) / DAY_SECONDS
        late = outcome == Outcome.LATE
        apology = late and rng.random() < 0.6
        code = f"{received:%y}.{pk:07d}/STC-DTNNS"
        self.dossiers.append(
            {
                "id": pk,
                "code": code,
                "procedure_id": procedure.pk,
                "procedure_version_id": version.pk,
                "applicant_name": f"Công ty TNHH {rng.choice(COMPANIES)} {rng.choice(PLACES)} {index}",
                "channel": rng.choices([Channel.ONLINE, Channel.DIRECT, Channel.POST], weights=[6, 3, 1])[0],
                "received_at": received,
                "received_by_id": self.people.desks[index % len(self.people.desks)].pk,
                "responsible_id": responsible.pk,
                "due_at": due_after,
                "original_due_at": due,
                "paused_seconds": pause_seconds if pause and pause[1] <= self.now else 0,
                "status": status,
                "finished_at": finished if status not in (DossierStatus.IN_PROGRESS, DossierStatus.PAUSED) else None,
                "outcome": outcome,
                "processing_days": processing,
                "result": (Result.APPROVED if rng.random() > 0.05 else Result.REJECTED)
                if status == DossierStatus.RESOLVED
                else "",
                "supplement_requests": 1 if paused else 0,
                "apology_at": due_after - timedelta(hours=3) if apology else None,
                "apology_reason": "Hồ sơ phức tạp, phải lấy thêm ý kiến" if apology else "",
                "extended_due_at": add_working_time(due_after, 5) if apology else None,
                "closing_reason": "Nhà đầu tư đề nghị rút hồ sơ" if status == DossierStatus.WITHDRAWN else "",
                "search_key": "",
                "created_at": received,
                "updated_at": finished or received,
                "version": 1,
            }
        )
        self.dossiers[-1]["search_key"] = _fold(f"{code} {self.dossiers[-1]['applicant_name']}")
        if pause:
            self.pauses.append(
                {
                    "dossier_id": pk,
                    "kind": PauseKind.SUPPLEMENT,
                    "started_at": pause[0],
                    "ended_at": pause[1] if pause[1] <= self.now else None,
                    "reason": "Bổ sung báo cáo năng lực tài chính của nhà đầu tư",
                    "requested_by_id": responsible.pk,
                    "legal_basis": "Khoản 2 Điều 6 Nghị định 96/2026/NĐ-CP",
                    "reply_by": add_working_time(pause[0], 10),
                    "due_before": due,
                    "left_seconds": int((shape.total_days - min(Decimal(1), shape.total_days / 3)) * DAY_SECONDS),
                    "due_after": due_after if pause[1] <= self.now else None,
                    "seconds": pause_seconds if pause[1] <= self.now else 0,
                }
            )
        self.add_steps(pk, shape, received, finished or self.now, responsible, pace, open_=finished is None)

    def add_steps(self, dossier_id, shape, received, end, responsible, pace, *, open_: bool) -> None:
        started = received
        add_working_time = self.calendar.add_working_time
        for number, group in enumerate(shape.groups):
            finish_group = started
            for element, name, role, days, silence in group:
                limit = add_working_time(started, days)
                took = add_working_time(started, days * Decimal(str(pace)))
                finished = None if open_ and took >= end else took
                self.steps.append(
                    {
                        "dossier_id": dossier_id,
                        "task_id": f"{dossier_id}-{number}-{element}",
                        "element_id": element,
                        "name": name,
                        "role": role,
                        "assignee_id": self.assignee(role, responsible),
                        "working_days": days,
                        "silence_means_consent": silence,
                        "started_at": started,
                        "due_at": limit,
                        "finished_at": finished,
                        # The board counts the open steps at risk from this instant, as the services keep it.
                        "at_risk_from": None if finished else at_risk_from(started, limit, self.calendar),
                        "finished_by_id": self.assignee(role, responsible) if finished else None,
                        "outcome": "" if finished is None else (Outcome.LATE if finished > limit else Outcome.ON_TIME),
                    }
                )
                finish_group = max(finish_group, took)
            if open_ and finish_group >= end:
                return  # the dossier's current step: nothing after it has started
            started = finish_group

    def take(self) -> tuple[list[dict], list[dict], list[dict]]:
        rows = self.dossiers, self.steps, self.pauses
        self.dossiers, self.steps, self.pauses = [], [], []
        return rows


def _fold(text: str) -> str:
    from investdesk.core.text import fold

    return fold(text)


# What the processes that build dossiers share: set before they are forked, read-only after.
_PLAN: dict = {}


def _build_chunk(start: int) -> tuple[list[dict], list[dict], list[dict], int]:
    """The rows of the dossiers numbered ``start`` to ``start + BATCH`` (in a process of its own: the
    rows are independent, and the time arithmetic is most of a fill's CPU)."""
    plan = _PLAN
    rng = random.Random(f"{plan['seed']}-{start}")
    writer = DossierWriter(plan["people"], rng, plan["now"])
    skipped = 0
    for index in range(start, min(start + BATCH, plan["count"])):
        received = plan["first"] + timedelta(seconds=plan["span"] * index / plan["count"])
        pk = rng.choices(plan["chosen"], plan["weights"])[0]
        found = version_on(plan["shapes"][pk], received.astimezone(TZ).date())
        if found is None:
            skipped += 1
            continue
        writer.add(plan["first_pk"] + index, index, plan["procedures"][pk], found[0], found[1], received)
    return (*writer.take(), skipped)


def _plain_signals() -> None:
    """A building process takes the default signal actions, not the ones its parent installed (the
    benchmark turns SIGTERM into SystemExit, which left a process waiting on a lock at shutdown)."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the parent's to handle


def generate_dossiers(scale: Scale, people: People, rng: random.Random, now: datetime) -> list[str]:
    procedures = {p.pk: p for p in Procedure.objects.all()}
    shapes = shapes_by_procedure()
    # The busiest procedures (certificates, adjustments) get more dossiers, as on a real desk.
    chosen = sorted(shapes)
    first = now - timedelta(days=365 * scale.years)
    _PLAN.update(
        seed=rng.random(),
        people=people,
        now=now,
        count=scale.dossiers,
        first=first,
        span=(now - first).total_seconds(),
        chosen=chosen,
        weights=[3 if "dieu-chinh" in procedures[pk].code or "cap" in procedures[pk].code else 1 for pk in chosen],
        shapes=shapes,
        procedures=procedures,
        first_pk=(Dossier.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1,
    )
    get_calendar()  # loaded before the processes fork, so none of them reads the database
    began = time.perf_counter()
    skipped = 0
    starts = range(0, scale.dossiers, BATCH)
    workers = min(os.cpu_count() or 1, len(starts))
    # This process writes while the others build the next batches; a few batches ahead at most, so
    # memory stays flat at a million dossiers.
    connections.close_all()  # a forked process must not share this one's database connection
    pool = multiprocessing.get_context("fork").Pool(workers, initializer=_plain_signals)
    try:
        with deferred_indexes([Dossier, Step, Pause]), transaction.atomic():
            pending: deque = deque()
            for start in starts:
                pending.append(pool.apply_async(_build_chunk, (start,)))
                if len(pending) > 2 * workers:
                    skipped += _write(*pending.popleft().get())
            while pending:
                skipped += _write(*pending.popleft().get())
            _reset_sequences()
        # Closed, not terminated: the processes finish and exit on their own (terminating them could
        # leave one waiting on a lock it held, and the fill waiting on it).
        pool.close()
    except BaseException:
        pool.terminate()
        raise
    finally:
        pool.join()
    lines = [
        f"{Dossier.objects.count():,} dossiers, {Step.objects.count():,} steps, {Pause.objects.count():,} pauses "
        f"over {scale.years} year(s) in {time.perf_counter() - began:.0f} s with {workers} process(es) building rows"
        + (f" ({skipped:,} days without a version in force skipped)" if skipped else "")
    ]
    began = time.perf_counter()
    days = daily.rebuild()  # bulk inserts bypass the signals that keep the per-day and monthly totals
    lines.append(f"per-day and monthly totals rebuilt for {days:,} days in {time.perf_counter() - began:.0f} s")
    return lines


@contextmanager
def deferred_indexes(models):
    """The secondary indexes of ``models`` (and SQLite's search triggers) dropped while their rows are
    loaded, and built again from the whole table afterwards.

    Inserting a million rows into a dozen indexes keyed by person, status and due time touches their
    pages in random order: on SQLite that was most of the writing process's time, the one the building
    processes wait on. Building an index from the loaded table sorts once. Only for a database being
    filled by this generator: nobody else reads it meanwhile.
    """
    tables = [model._meta.db_table for model in models]
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA cache_size = -1048576")  # 1 GiB for this connection: the index builds sort in it
            marks = ", ".join(["%s"] * len(tables))
            cursor.execute(
                f"SELECT type, name, sql FROM sqlite_master WHERE tbl_name IN ({marks})"
                " AND type IN ('index', 'trigger') AND sql IS NOT NULL",
                tables,
            )
            saved = cursor.fetchall()
            for kind, name, _sql in saved:
                cursor.execute(f'DROP {kind.upper()} "{name}"')
        elif connection.vendor == "postgresql":
            cursor.execute(
                "SELECT 'index', indexname, indexdef FROM pg_indexes WHERE tablename = ANY(%s)"
                " AND indexname NOT IN (SELECT conname FROM pg_constraint)",
                [tables],
            )
            saved = cursor.fetchall()
            for _kind, name, _sql in saved:
                cursor.execute(f'DROP INDEX "{name}"')
        else:
            saved = []
    try:
        yield
    finally:
        # Also when the load fails: a kept database must not be left without its indexes, nor its
        # search index without the triggers that keep it current.
        _restore_indexes(models, saved)


def _restore_indexes(models, saved: list) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Sorting a million keys (and the trigram index's) in memory rather than in batches on disk.
            cursor.execute("SET maintenance_work_mem = '1GB'")
        for _kind, _name, sql in saved:
            cursor.execute(sql)
        if connection.vendor == "postgresql":
            cursor.execute("RESET maintenance_work_mem")
        if connection.vendor == "sqlite":
            from investdesk.core.search import index_table

            for model in models:
                if getattr(model, "search_index", False):
                    fts = index_table(model._meta.db_table)
                    cursor.execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")


def _write(dossiers: list[dict], steps: list[dict], pauses: list[dict], skipped: int) -> int:
    insert_values(Dossier, dossiers, with_keys=True)
    insert_values(Step, steps)
    insert_values(Pause, pauses)
    return skipped


def _reset_sequences() -> None:
    """Rows were inserted with their keys: PostgreSQL's sequences must move past them."""
    if connection.vendor != "postgresql":
        return
    from django.core.management.color import no_style

    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), [Dossier]):
            cursor.execute(statement)


def generate_projects(scale: Scale, people: People, rng: random.Random, now: datetime) -> list[str]:
    """Investors and projects across Khánh Hòa's communes with their milestones: committed dates from
    registration, most met, some late by months or years; then the nightly delay job marks each
    project as the delay engine sees it (on track, late, seriously late, review for termination)."""
    from django.apps import apps

    if not apps.is_installed("investdesk.projects"):
        return []
    from investdesk.projects import services as projects
    from investdesk.projects.choices import MilestoneKind, ProjectKind, ProjectStatus, Sector, commune_choices
    from investdesk.projects.models import Investor, Milestone, Project

    began = time.perf_counter()
    division = Division.objects.get(code="dtnns")
    communes = [code for code, _name in commune_choices()]
    investors = []
    for number in range(max(10, scale.projects // 3)):
        investor = Investor(name=f"Công ty Cổ phần {rng.choice(COMPANIES)} {rng.choice(PLACES)} {number}")
        investor.refresh_search_key()
        investors.append(investor)
    investors = Investor.objects.bulk_create(investors, batch_size=2000)
    today = now.date()
    statuses = [ProjectStatus.IMPLEMENTING] * 6 + [ProjectStatus.OPERATING] * 3 + [ProjectStatus.PREPARING]
    made = []
    for number in range(scale.projects):
        project = Project(
            code=f"56{number:08d}",
            name=f"Dự án {rng.choice(COMPANIES).lower()} {rng.choice(PLACES)} {number}",
            investor=rng.choice(investors),
            kind=rng.choice(ProjectKind.values),
            sector=rng.choice(Sector.values),
            commune=rng.choice(communes),
            total_capital_vnd=Decimal(rng.randrange(10, 5000)) * 1_000_000_000,
            registered_on=today - timedelta(days=rng.randrange(30, 365 * 8)),
            status=rng.choice(statuses),
            division=division,
        )
        project.refresh_search_key()
        made.append(project)
    made = Project.objects.bulk_create(made, batch_size=2000)
    milestones = []
    kinds = [MilestoneKind.CAPITAL_CONTRIBUTION, MilestoneKind.CONSTRUCTION_START, MilestoneKind.COMPLETION]
    for project in made:
        for step, kind in enumerate(kinds, start=1):
            committed = project.registered_on + timedelta(days=240 * step)
            slip = rng.choices([0, 60, 200, 420, 800], weights=[55, 20, 12, 8, 5])[0]
            due = committed + timedelta(days=slip)
            milestones.append(
                Milestone(project=project, kind=kind, committed_on=committed, actual_on=due if due <= today else None)
            )
    Milestone.objects.bulk_create(milestones, batch_size=5000)
    checked = projects.refresh_all_delays(at=now)
    return [
        f"{len(made):,} projects of {len(investors):,} investors, {len(milestones):,} milestones "
        f"({checked:,} delays set) in {time.perf_counter() - began:.0f} s"
    ]


def generate_kpi(scale: Scale, people: People, now: datetime) -> list[str]:
    """This year's KPI work items, made from the finished dossier steps by the module's own bulk
    catch-up (the path imports take), so they carry each step's timeliness."""
    from django.apps import apps

    if not apps.is_installed("investdesk.kpi"):
        return []
    from investdesk.kpi.sync import sync_steps

    began = time.perf_counter()
    start = now.replace(month=1, day=1, hour=0, minute=0, second=0)
    result = sync_steps(Step.objects.filter(finished_at__gte=start))
    return [f"{result['created']:,} KPI work items from this year's steps in {time.perf_counter() - began:.0f} s"]


def generate(scale: Scale, seed: int = 2026) -> tuple[People, list[str]]:
    rng = random.Random(seed)
    now = datetime.now(TZ).replace(microsecond=0)
    began = time.perf_counter()
    people = make_people(scale, rng)
    lines = [f"{len(people.everyone):,} people in {time.perf_counter() - began:.1f} s"]
    lines += generate_dossiers(scale, people, rng, now)
    lines += generate_projects(scale, people, rng, now)
    lines += generate_kpi(scale, people, now)
    if connection.vendor == "postgresql":
        # What autovacuum gives a database in use: planner statistics and the visibility map (without
        # it a count of a million rows reads the table from disk instead of an index).
        began = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute("VACUUM (ANALYZE)")
        lines.append(f"vacuumed and analysed in {time.perf_counter() - began:.0f} s")
    return people, lines
