"""Load test of a real server: gunicorn (2 workers, 127.0.0.1 only) and the huey worker, on a database
bulk-loaded to a province's volume, driven by signed-in people reading and writing at once.

    python -m bench.load --size 120000 --users 20 --duration 300
    DB=postgresql python -m bench.load --duration 60

SQLite by default (a file in a temporary folder); ``DB=postgresql`` uses a database of its own,
``investdesk_loadbench`` on 127.0.0.1 (``LOAD_DATABASE_URL`` overrides it), created and dropped here.

Each simulated person signs in through the login page and then, without pause (``--think`` adds one),
picks an action by weight: home, "Việc của tôi", the dossier list (plain, filtered, searched), a
dossier page, the stats API for the year, the on-time dashboard, and the writes: receiving a dossier
(``POST /api/v1/dossiers``, by the reception desk) and completing the open step of a dossier received
during the run (``POST /api/v1/dossiers/{id}/steps/{step}/complete``, by the step's assignee).

The report: requests per second, errors (any unexpected status or failure; must be 0), p50/p95 per
kind, CPU milliseconds per request (the gunicorn workers' user+system time from /proc, before and
after, divided by the requests; with PostgreSQL the database backends' time is shown apart), the peak
resident memory of each worker, and the writes: every write the server acknowledged (2xx) must be in
the database afterwards. After the mixed run, each read kind is asked alone, one request at a time, to
give its own CPU time per request. JSON and Markdown go to bench/results/.
"""

import argparse
import http.client
import json
import os
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import defaultdict
from datetime import UTC, datetime
from http.cookies import SimpleCookie
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
VENV_BIN = Path(sys.executable).parent
PASSWORD = "tai-thu-2026"
TICK = os.sysconf("SC_CLK_TCK")
PG_DEFAULT = "postgresql://postgres@127.0.0.1:5432/investdesk_loadbench"
RECEPTION_DESKS = 3
PROCEDURES = ("chap-thuan-chu-truong-dau-tu", "cap-lai-gcndkdt")
# The last steps decide the result (a leader's or the chairman's step).
RESULT_ROLES = {"department_leader", "ppc_chairman"}

# Action → weight. Writes are about a fifth of the requests, as on a busy desk.
WEIGHTS = {
    "home": 10,
    "my_work": 14,
    "list": 12,
    "list_filtered": 6,
    "list_search": 6,
    "dossier": 12,
    "stats": 8,
    "dashboard": 4,
    "receive": 8,
    "complete": 12,
}
READ_KINDS = ["home", "my_work", "list", "list_filtered", "list_search", "dossier", "stats", "dashboard"]


# --- A small HTTP client: one connection per request (gunicorn's sync workers close it anyway) ------


class Session:
    """One signed-in person: their cookies, and the dossiers they may open."""

    def __init__(self, port: int, username: str, person_id: int):
        self.port = port
        self.username = username
        self.person_id = person_id
        self.cookies: dict[str, str] = {}
        self.dossier_ids: list[int] = []
        self.sees_all = False

    def request(self, method: str, path: str, body: bytes | None = None, headers: dict | None = None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        try:
            sent = {"Host": "127.0.0.1", "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
            sent.update(headers or {})
            connection.request(method, path, body=body, headers=sent)
            response = connection.getresponse()
            data = response.read()
            for header in response.msg.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(header).items():
                    self.cookies[name] = morsel.value
            return response.status, data, response
        finally:
            connection.close()

    def sign_in(self) -> None:
        status, _, _ = self.request("GET", "/accounts/login/")
        if status != 200 or "csrftoken" not in self.cookies:
            raise RuntimeError(f"login page answered {status}")
        form = urllib.parse.urlencode(
            {"username": self.username, "password": PASSWORD, "csrfmiddlewaretoken": self.cookies["csrftoken"]}
        ).encode()
        status, _, _ = self.request(
            "POST", "/accounts/login/", form, {"Content-Type": "application/x-www-form-urlencoded"}
        )
        if status != 302 or "sessionid" not in self.cookies:
            raise RuntimeError(f"{self.username} could not sign in ({status})")

    def csrf_headers(self, content_type: str = "application/x-www-form-urlencoded") -> dict:
        return {"Content-Type": content_type, "X-CSRFToken": self.cookies["csrftoken"]}

    def post_json(self, path: str, payload: dict):
        return self.request("POST", path, json.dumps(payload).encode(), self.csrf_headers("application/json"))


# --- Processes -------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICK  # utime, stime


def peak_rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def children(pid: int) -> list[int]:
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


class Servers:
    """gunicorn with two workers and one huey consumer, started and stopped together."""

    def __init__(self, env: dict, workdir: Path, port: int, *, periodic: bool = True):
        self.env, self.workdir, self.port = env, workdir, port
        self.periodic = periodic  # False: the consumer runs queued jobs only, no periodic task
        self.web = self.worker = None

    def start(self) -> None:
        log = open(self.workdir / "gunicorn.log", "ab")  # noqa: SIM115 - lives as long as the process
        self.web = subprocess.Popen(
            [
                str(VENV_BIN / "gunicorn"),
                "investdesk.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                "2",
                "--timeout",
                "120",
            ],
            env=self.env,
            cwd=ROOT,
            stdout=log,
            stderr=log,
        )
        log = open(self.workdir / "huey.log", "ab")  # noqa: SIM115
        self.worker = subprocess.Popen(
            [str(VENV_BIN / "investdesk"), "run_huey", "--workers", "1", *([] if self.periodic else ["--no-periodic"])],
            env=self.env,
            cwd=ROOT,
            stdout=log,
            stderr=log,
        )
        deadline = time.monotonic() + 180  # two cold workers on busy shared cores
        while time.monotonic() < deadline:
            if self.web.poll() is not None:
                raise RuntimeError(f"gunicorn exited:\n{self.log_tail()}")
            try:
                status, _, _ = Session(self.port, "", 0).request("GET", "/accounts/login/")
                if status == 200 and len(self.web_workers()) == 2:
                    return
            except OSError:
                pass
            time.sleep(0.3)
        raise RuntimeError(f"gunicorn did not answer within 180 s:\n{self.log_tail()}")

    def log_tail(self) -> str:
        return "\n".join((self.workdir / "gunicorn.log").read_text(errors="replace").splitlines()[-15:])

    def web_workers(self) -> list[int]:
        return children(self.web.pid)

    def stop(self) -> None:
        for process in (self.web, self.worker):
            if process is not None and process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in (self.web, self.worker):
            if process is not None:
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    process.kill()


class DatabaseBackends:
    """CPU time of the PostgreSQL backends serving the load database (they are not the workers')."""

    def __init__(self, enabled: bool):
        self.enabled = enabled

    def pids(self) -> list[int]:
        if not self.enabled:
            return []
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
            return [row[0] for row in cursor.fetchall()]

    def snapshot(self) -> dict[int, float]:
        return {pid: cpu_seconds(pid) for pid in self.pids()}


def cpu_between(before: dict[int, float], after: dict[int, float]) -> float:
    return sum(after[pid] - before.get(pid, 0.0) for pid in after)


# --- The database ----------------------------------------------------------------------------------


def prepare_environment(args) -> tuple[dict, Path, str | None]:
    workdir = Path(args.workdir) if args.workdir else Path(tempfile.mkdtemp(prefix="investdesk-load-"))
    workdir.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    env.update(
        INVESTDESK_VAR_DIR=str(workdir),
        DJANGO_SETTINGS_MODULE="bench.settings",
        PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")])),
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        LOG_LEVEL="WARNING",
    )
    database_url = None
    if os.environ.get("DB", "").lower() in {"postgresql", "postgres", "pg"}:
        database_url = os.environ.get("LOAD_DATABASE_URL", PG_DEFAULT)
        env["DATABASE_URL"] = database_url
    else:
        env.pop("DATABASE_URL", None)
    os.environ.update({k: v for k, v in env.items() if k != "DATABASE_URL"})
    os.environ.pop("DATABASE_URL", None)
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    return env, workdir, database_url


def pg_admin(database_url: str, statement: str) -> None:
    import psycopg

    parts = urllib.parse.urlsplit(database_url)
    admin = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(statement)


def load_database(size: int, database_url: str | None, workdir: Path) -> list[str]:
    """Migrates and bulk-loads a fresh database, unless ``workdir`` already holds one of that size."""
    marker = workdir / "loaded.json"
    wanted = {"size": size, "database": database_url or "sqlite"}
    if marker.exists() and json.loads(marker.read_text()) == wanted:
        import django

        django.setup()
        return [f"reusing the database loaded earlier in {workdir}"]
    if database_url:
        name = urllib.parse.urlsplit(database_url).path.lstrip("/")
        pg_admin(database_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        pg_admin(database_url, f'CREATE DATABASE "{name}"')
    import django

    django.setup()
    from django.contrib.auth.models import Group
    from django.core.management import call_command

    from bench.bench_scale import bulk_load, person
    from investdesk.accounts.choices import Role
    from investdesk.accounts.models import User

    began = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    lines = [f"migrated in {time.perf_counter() - began:.0f} s"]
    loaded = bulk_load(size)
    lines.extend(loaded["lines"])
    for index in range(1, RECEPTION_DESKS):
        person(f"desk{index}", Role.RECEPTION)
    for user in User.objects.filter(groups__in=Group.objects.all()).distinct():
        user.set_password(PASSWORD)
        user.save(update_fields=["password"])
    marker.write_text(json.dumps(wanted))
    return lines


def people_and_samples(rng: random.Random) -> tuple[list[dict], dict[int, list[int]], list[int]]:
    """The people who sign in, the dossiers each officer may open, and dossier ids anyone may open."""
    from django.db.models import Max, Min

    from investdesk.accounts.models import User
    from investdesk.dossiers.models import Dossier

    people = []
    for user in User.objects.filter(groups__isnull=False).distinct().order_by("username"):
        roles = set(user.groups.values_list("name", flat=True))
        people.append({"id": user.pk, "username": user.username, "roles": roles})
    bounds = Dossier.objects.aggregate(low=Min("pk"), high=Max("pk"))
    everyone = [rng.randint(bounds["low"], bounds["high"]) for _ in range(2000)]
    everyone = list(Dossier.objects.filter(pk__in=everyone).values_list("pk", flat=True))
    officers_dossiers: dict[int, list[int]] = {}
    for entry in people:
        if entry["username"].startswith("officer"):
            officers_dossiers[entry["id"]] = list(
                Dossier.objects.filter(responsible_id=entry["id"]).order_by("?").values_list("pk", flat=True)[:200]
            )
    return people, officers_dossiers, everyone


# --- The load --------------------------------------------------------------------------------------


class Recorder:
    def __init__(self):
        self.lock = threading.Lock()
        self.samples: dict[str, list[float]] = defaultdict(list)
        self.errors: list[dict] = []
        self.error_count = 0
        self.received: list[int] = []  # dossier ids acknowledged with 201
        self.completed: list[int] = []  # step ids acknowledged with 200
        self.pool: list[dict] = []  # open dossiers received during the run (their API representation)
        self.skipped_no_work = 0

    def record(self, kind: str, seconds: float, status: int | None, expected: int, detail: str = "") -> bool:
        with self.lock:
            self.samples[kind].append(seconds)
            if status != expected:
                self.error_count += 1
                if len(self.errors) < 50:
                    self.errors.append({"kind": kind, "status": status, "detail": detail[:300]})
                return False
            return True

    def take(self) -> dict | None:
        with self.lock:
            return self.pool.pop(0) if self.pool else None

    def give_back(self, dossier: dict) -> None:
        with self.lock:
            self.pool.append(dossier)


class Load:
    def __init__(self, args, port: int, sessions: dict[int, Session], users: list[Session], everyone: list[int]):
        self.args, self.port = args, port
        self.sessions, self.users, self.everyone = sessions, users, everyone
        self.year = datetime.now().year
        self.recorder = Recorder()
        self.counter = 0
        self.counter_lock = threading.Lock()
        self.run_id = datetime.now(UTC).strftime("%H%M%S")

    def next_number(self) -> int:
        with self.counter_lock:
            self.counter += 1
            return self.counter

    def read_path(self, kind: str, user: Session, rng: random.Random) -> str:
        if kind == "home":
            return "/"
        if kind == "my_work":
            return "/my-work/"
        if kind == "list":
            return "/dossiers/" + ("?page=2" if rng.random() < 0.2 else "")
        if kind == "list_filtered":
            return rng.choice(
                ["/dossiers/?status=in_progress&overdue=true", "/dossiers/?status=resolved&channel=online"]
            )
        if kind == "list_search":
            return f"/dossiers/?q={rng.choice(['b-00', 'b-01', 'cong+ty+12', 'b-0099'])}{rng.randint(0, 9)}"
        if kind == "dossier":
            ids = user.dossier_ids or self.everyone
            return f"/dossiers/{rng.choice(ids)}/"
        if kind == "stats":
            return f"/api/v1/dossiers/stats?from={self.year}-01-01&to={self.year}-12-31"
        if kind == "dashboard":
            return f"/reports/dashboard/?year={self.year}"
        raise ValueError(kind)

    def do(self, kind: str, user: Session, rng: random.Random) -> None:
        if kind in READ_KINDS:
            path = self.read_path(kind, user, rng)
            began = time.perf_counter()
            try:
                status, body, _ = user.request("GET", path)
            except (OSError, http.client.HTTPException) as error:
                self.recorder.record(kind, time.perf_counter() - began, None, 200, f"{path}: {error}")
                return
            self.recorder.record(kind, time.perf_counter() - began, status, 200, f"{path}: {body[:200]!r}")
        elif kind == "receive":
            self.receive(user, rng)
        elif kind == "complete":
            self.complete(rng)

    def receive(self, user: Session, rng: random.Random) -> None:
        number = self.next_number()
        payload = {
            "procedure": rng.choice(PROCEDURES),
            "applicant": {"name": f"Tải thử {self.run_id} #{number}", "tax_code": f"{4200000000 + number}"},
            "channel": rng.choice(["online", "direct", "post"]),
            "components": [],
        }
        began = time.perf_counter()
        try:
            status, body, _ = user.post_json("/api/v1/dossiers", payload)
        except (OSError, http.client.HTTPException) as error:
            self.recorder.record("receive", time.perf_counter() - began, None, 201, str(error))
            return
        detail = body[:300].decode("utf-8", "replace")
        if self.recorder.record("receive", time.perf_counter() - began, status, 201, detail):
            dossier = json.loads(body)
            with self.recorder.lock:
                self.recorder.received.append(dossier["id"])
            self.recorder.give_back(dossier)

    def complete(self, rng: random.Random) -> None:
        dossier = self.recorder.take()
        if dossier is None:
            self.recorder.skipped_no_work += 1
            return
        step = next((s for s in dossier["steps"] if s["finished_at"] is None), None)
        session = self.sessions.get(step["assignee_id"]) if step else None
        if session is None:
            return  # finished, or held by someone who does not sign in here
        payload = {"note": "Tải thử"}
        if step["role"] in RESULT_ROLES and not dossier["result"]:
            today = str(datetime.now().date())
            payload.update(result="approved", result_number=f"{dossier['id']}/QĐ", result_date=today)
        began = time.perf_counter()
        path = f"/api/v1/dossiers/{dossier['id']}/steps/{step['id']}/complete"
        try:
            status, body, _ = session.post_json(path, payload)
        except (OSError, http.client.HTTPException) as error:
            self.recorder.record("complete", time.perf_counter() - began, None, 200, str(error))
            return
        detail = body[:300].decode("utf-8", "replace")
        if self.recorder.record("complete", time.perf_counter() - began, status, 200, detail):
            with self.recorder.lock:
                self.recorder.completed.append(step["id"])
            dossier = json.loads(body)
            if dossier["finished_at"] is None:
                self.recorder.give_back(dossier)

    def person_loop(self, user: Session, deadline: float, seed: int) -> None:
        rng = random.Random(seed)
        kinds = [k for k in WEIGHTS if k != "receive" or "receive" in self.allowed(user)]
        weights = [WEIGHTS[k] for k in kinds]
        while time.monotonic() < deadline:
            kind = rng.choices(kinds, weights)[0]
            self.do(kind, user, rng)
            if self.args.think:
                time.sleep(rng.expovariate(1 / self.args.think))

    def allowed(self, user: Session) -> set[str]:
        return {"receive"} if user.username.startswith("desk") else set()

    def run(self, duration: float) -> float:
        deadline = time.monotonic() + duration
        threads = [
            threading.Thread(target=self.person_loop, args=(user, deadline, index), daemon=True)
            for index, user in enumerate(self.users)
        ]
        began = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=duration + 180)
        return time.perf_counter() - began


# --- Report ----------------------------------------------------------------------------------------


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def per_kind_cpu(load: Load, servers: Servers, backends: DatabaseBackends, repeat: int) -> dict:
    """Each read kind alone, one request at a time: the workers' CPU milliseconds per request."""
    head = next(u for u in load.sessions.values() if u.username == "head")
    officer = next(u for u in load.users if u.username.startswith("officer"))
    result = {}
    for kind in READ_KINDS:
        user = officer if kind == "my_work" else head
        rng = random.Random(7)
        load.do(kind, user, rng)  # warm
        workers = servers.web_workers()
        before = {pid: cpu_seconds(pid) for pid in workers}
        db_before = backends.snapshot()
        began = time.perf_counter()
        for _ in range(repeat):
            load.do(kind, user, rng)
        wall = time.perf_counter() - began
        spent = cpu_between(before, {pid: cpu_seconds(pid) for pid in workers})
        entry = {"cpu_ms": round(spent * 1000 / repeat, 1), "wall_ms": round(wall * 1000 / repeat, 1)}
        if backends.enabled:
            entry["db_cpu_ms"] = round(cpu_between(db_before, backends.snapshot()) * 1000 / repeat, 1)
        result[kind] = entry
    return result


def verify_writes(load: Load) -> dict:
    from investdesk.dossiers.models import Dossier, Step

    received = set(load.recorder.received)
    completed = set(load.recorder.completed)
    marker = f"Tải thử {load.run_id} #"
    in_database = set(Dossier.objects.filter(applicant_name__startswith=marker).values_list("pk", flat=True))
    finished = set(
        Step.objects.filter(dossier_id__in=in_database, finished_at__isnull=False).values_list("pk", flat=True)
    )
    return {
        "receive_acknowledged": len(received),
        "receive_in_database": len(in_database),
        "receive_missing": len(received - in_database),
        "complete_acknowledged": len(completed),
        "complete_in_database": len(finished),
        "complete_missing": len(completed - finished),
        "lost_writes": len(received - in_database) + len(completed - finished),
        "unacknowledged_rows": len(in_database - received) + len(finished - completed),
    }


def markdown(report: dict) -> str:
    lines = [
        f"## Load: {report['database']}, {report['dossiers']:,} dossiers, {report['users']} people, "
        f"{report['duration_s']:.0f} s ({report['started']})",
        "",
        f"- requests: {report['requests']:,} ({report['requests_per_s']:.1f}/s), errors: {report['errors']}",
        f"- CPU per request (gunicorn workers): {report['cpu_ms_per_request']:.1f} ms"
        + (
            f"; PostgreSQL backends: {report['db_cpu_ms_per_request']:.1f} ms"
            if report.get("db_cpu_ms_per_request") is not None
            else ""
        ),
        f"- huey worker CPU during the run: {report['huey_cpu_s']:.1f} s",
        f"- peak RSS per worker: {', '.join(f'{mb:.0f} MB' for mb in report['peak_rss_mb'])}",
        f"- writes: {report['writes']['receive_acknowledged']} receptions acknowledged, "
        f"{report['writes']['receive_in_database']} in the database; "
        f"{report['writes']['complete_acknowledged']} steps completed, {report['writes']['complete_in_database']} "
        f"finished in the database; lost writes: {report['writes']['lost_writes']}",
        "",
        "| kind | requests | p50 ms | p95 ms | CPU ms alone |",
        "|---|---:|---:|---:|---:|",
    ]
    for kind, entry in report["kinds"].items():
        alone = report["alone"].get(kind, {}).get("cpu_ms")
        lines.append(
            f"| {kind} | {entry['count']:,} | {entry['p50_ms']:.0f} | {entry['p95_ms']:.0f} | "
            f"{'' if alone is None else f'{alone:.1f}'} |"
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=120_000, help="dossiers to bulk-load (default 120000)")
    parser.add_argument("--users", type=int, default=20, help="people signed in at once (default 20)")
    parser.add_argument("--duration", type=float, default=300, help="seconds of load (default 300)")
    parser.add_argument("--think", type=float, default=0.0, help="mean pause between a person's actions (s)")
    parser.add_argument("--alone", type=int, default=20, help="requests per read kind measured alone (0: skip)")
    parser.add_argument("--workdir", help="keep the database here and reuse it on the next run of the same size")
    parser.add_argument("--label", default="", help="a word for the result file names (e.g. before, after)")
    args = parser.parse_args(argv)
    if not 1 <= args.users <= 200 or not 1 <= args.duration <= 3600:
        parser.error("--users must be 1..200 and --duration 1..3600 s")

    # Stopped from outside, it still stops its servers and removes its database.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    env, workdir, database_url = prepare_environment(args)
    sys.path.insert(0, str(ROOT))
    print(f"database: {database_url or 'SQLite in ' + str(workdir)}", flush=True)
    for line in load_database(args.size, database_url, workdir):
        print(f"  {line}", flush=True)
    from django.db import connection

    from investdesk.dossiers.models import Dossier

    rng = random.Random(2026)
    people, officers_dossiers, everyone = people_and_samples(rng)
    dossiers = Dossier.objects.count()
    vendor = connection.vendor
    connection.close()

    port = free_port()
    servers = Servers(env, workdir, port)
    backends = DatabaseBackends(database_url is not None)
    report: dict = {}
    try:
        servers.start()
        print(f"gunicorn on 127.0.0.1:{port}, workers {servers.web_workers()}", flush=True)
        sessions: dict[int, Session] = {}
        for entry in people:
            session = Session(port, entry["username"], entry["id"])
            session.sign_in()
            session.dossier_ids = officers_dossiers.get(entry["id"], [])
            sessions[entry["id"]] = session
        by_name = {s.username: s for s in sessions.values()}
        desks = sorted(n for n in by_name if n.startswith("desk"))
        officers = sorted(n for n in by_name if n.startswith("officer"))
        cast = [*desks, "head", "leader", *officers]
        users = [by_name[cast[i % len(cast)]] for i in range(args.users)]
        load = Load(args, port, sessions, users, everyone)

        # Warm both workers (imports, templates, the calendar) before measuring.
        warm = Load(args, port, sessions, users, everyone)
        warm.run_id = "warm" + load.run_id
        warm.run(min(10.0, args.duration))

        workers = servers.web_workers()
        before = {pid: cpu_seconds(pid) for pid in workers}
        huey_before = cpu_seconds(servers.worker.pid)
        db_before = backends.snapshot()
        started = datetime.now(UTC)
        print(f"running {args.users} people for {args.duration:.0f} s…", flush=True)
        wall = load.run(args.duration)
        after = {pid: cpu_seconds(pid) for pid in servers.web_workers()}
        if set(after) != set(workers):
            print("warning: a gunicorn worker was replaced during the run", flush=True)
        spent = cpu_between(before, after)
        db_spent = cpu_between(db_before, backends.snapshot()) if backends.enabled else None
        huey_spent = cpu_seconds(servers.worker.pid) - huey_before
        requests = sum(len(v) for v in load.recorder.samples.values())

        kinds = {
            kind: {
                "count": len(values),
                "p50_ms": round(percentile(values, 0.5) * 1000, 1),
                "p95_ms": round(percentile(values, 0.95) * 1000, 1),
                "mean_ms": round(statistics.fmean(values) * 1000, 1),
            }
            for kind, values in sorted(load.recorder.samples.items())
        }
        errors = load.recorder.error_count
        alone = per_kind_cpu(load, servers, backends, args.alone) if args.alone else {}
        rss = [round(peak_rss_mb(pid), 1) for pid in servers.web_workers()]
        writes = verify_writes(load)
        report = {
            "label": args.label,
            "started": started.isoformat(timespec="seconds"),
            "database": vendor,
            "dossiers": dossiers,
            "users": args.users,
            "duration_s": round(wall, 1),
            "think_s": args.think,
            "requests": requests,
            "requests_per_s": round(requests / wall, 2),
            "errors": errors,
            "errors_measuring_alone": load.recorder.error_count - errors,
            "error_samples": load.recorder.errors,
            "cpu_ms_per_request": round(spent * 1000 / max(requests, 1), 2),
            "db_cpu_ms_per_request": round(db_spent * 1000 / max(requests, 1), 2) if db_spent is not None else None,
            "huey_cpu_s": round(huey_spent, 2),
            "peak_rss_mb": rss,
            "cpus": os.cpu_count(),
            "load_average": os.getloadavg(),
            "kinds": kinds,
            "alone": alone,
            "writes": writes,
            "completions_skipped_no_open_dossier": load.recorder.skipped_no_work,
        }
    finally:
        servers.stop()
        if not args.workdir:
            connection.close()
            if database_url:
                name = urllib.parse.urlsplit(database_url).path.lstrip("/")
                pg_admin(database_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            shutil.rmtree(workdir, ignore_errors=True)

    results = BENCH_DIR / "results"
    results.mkdir(exist_ok=True)
    stem = "-".join(
        filter(None, ["load", vendor, str(args.size), args.label, datetime.now(UTC).strftime("%Y%m%dT%H%M%S")])
    )
    (results / f"{stem}.json").write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    text = markdown(report)
    (results / f"{stem}.md").write_text(text)
    print(text)
    if report["errors"]:
        print("errors:", json.dumps(report["error_samples"][:5], ensure_ascii=False, indent=1))
    ok = report["errors"] == report["errors_measuring_alone"] == 0 and report["writes"]["lost_writes"] == 0
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
