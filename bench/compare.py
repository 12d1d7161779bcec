"""Benchmarks that compare: a named scale of realistic data, a real server, and ratios measured side
by side in one run.

    make bench SCALE=tiny|small|province|x10 DB=sqlite|postgresql
    python -m bench.compare --scale province --db postgresql

It creates its own database (a SQLite file in a temporary folder, or ``investdesk_bench_<scale>`` on
the local PostgreSQL server, dropped at the end unless ``--keep``), migrates, seeds and fills it with
``bench.generate`` at the scale, then starts gunicorn (2 workers, 127.0.0.1) and a huey consumer as
``docs/deployment.md`` runs them, and measures through that real WSGI stack:

- latency: p50 / p95 of each page and endpoint people use, over ``--repeat`` requests after warm-up,
  one at a time;
- ratios, each pair measured in the same run so the machine's noise cancels out: our dossier list vs
  the Django admin changelist (same page size, same filter), the stats endpoint vs the one raw SQL
  aggregate over the dossiers that computes the same headline counts, our historical import vs a bare
  ``bulk_create`` of the same rows;
- throughput: 8 signed-in people for ``--duration`` seconds on a mixed workload (reads, receptions,
  step completions; ``bench.load``): requests/s, errors (must be 0), p95 and peak RSS per worker;
- working-time computations per second.

Results go to ``bench/results/<scale>-<database>.json`` and a Markdown table is printed. ``SCALE=tiny``
runs in CI: it checks that every measured request answers 200 and the result has its shape, never
a speed.
"""

import argparse
import json
import os
import random
import shutil
import signal
import sys
import tempfile
import time
import urllib.parse
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from bench import load

BENCH_DIR = Path(__file__).resolve().parent
RESULTS = BENCH_DIR / "results"
PG_BASE = "postgresql://postgres@127.0.0.1:5432/"
# Requests sent as a form's POST: a list's export (a GET of its address asks before starting a job).
POSTED = {"register_export_month"}
WARM_UP = 4
DEFAULTS = {  # scale → (requests per page, throughput seconds, import rows)
    "tiny": (3, 5, 300),
    "small": (30, 30, 10_000),
    "province": (30, 30, 100_000),
    "x10": (30, 30, 100_000),
}


def percentile(values: list[float], share: float) -> float:
    return load.percentile(values, share)


def summary(samples: list[float]) -> dict:
    return {
        "p50": round(percentile(samples, 0.5) * 1000, 1),
        "p95": round(percentile(samples, 0.95) * 1000, 1),
        "n": len(samples),
    }


class Run:
    def __init__(self, args):
        self.args = args
        self.repeat, self.duration, self.import_rows = DEFAULTS[args.scale]
        self.repeat = args.repeat or self.repeat
        self.duration = args.duration or self.duration
        self.import_rows = args.import_rows or self.import_rows
        self.workdir = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="investdesk-bench-"))
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.database_url = f"{PG_BASE}investdesk_bench_{args.scale}" if args.db == "postgresql" else None
        self.failures: list[str] = []
        self.result: dict = {"scale": args.scale, "database": args.db}

    # --- Set-up ------------------------------------------------------------------------------------

    def environment(self) -> dict:
        env = dict(os.environ)
        env.update(
            INVESTDESK_VAR_DIR=str(self.workdir),
            DJANGO_SETTINGS_MODULE="bench.settings",
            PYTHONPATH=os.pathsep.join(filter(None, [str(BENCH_DIR.parent), env.get("PYTHONPATH", "")])),
            EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
            LOG_LEVEL="WARNING",
        )
        if self.args.scale == "tiny":
            # The smoke run's month is a few hundred rows: a low threshold sends its export through the
            # background job, as a month at ten times a province goes, so that path never rots either.
            env.setdefault("EXPORT_BACKGROUND_ROWS", "50")
        env.pop("DATABASE_URL", None)
        if self.database_url:
            env["DATABASE_URL"] = self.database_url
        os.environ.clear()
        os.environ.update(env)
        return env

    def fill(self) -> None:
        marker = self.workdir / "filled.json"
        wanted = {"scale": self.args.scale, "database": self.args.db}
        kept = json.loads(marker.read_text()) if marker.exists() else {}
        reuse = {key: kept.get(key) for key in wanted} == wanted
        if self.database_url and not reuse:
            load.pg_admin(self.database_url, f'DROP DATABASE IF EXISTS "{self.db_name}" WITH (FORCE)')
            load.pg_admin(self.database_url, f'CREATE DATABASE "{self.db_name}"')
        import django

        django.setup()
        from django.core.management import call_command

        from bench.generate import SCALES, generate

        if reuse:
            # Code may have moved on since the fill: its migrations (and their data steps) bring the kept
            # database up to date, as they would a province's database on an upgrade.
            began = time.perf_counter()
            call_command("migrate", verbosity=0, interactive=False)
            print(
                f"reusing the database filled earlier in {self.workdir}"
                f" (migrated in {time.perf_counter() - began:.0f} s)",
                flush=True,
            )
            # How long the kept database took to fill, and its parts, as that run measured them.
            self.result.update({key: kept[key] for key in ("generate_s", "generated") if key in kept})
        else:
            began = time.perf_counter()
            call_command("migrate", verbosity=0, interactive=False)
            call_command("seed", verbosity=0)
            print(f"migrated and seeded in {time.perf_counter() - began:.0f} s", flush=True)
            began = time.perf_counter()
            _people, lines = generate(SCALES[self.args.scale])
            for line in lines:
                print(f"  {line}", flush=True)
            self.result["generate_s"] = round(time.perf_counter() - began, 1)
            self.result["generated"] = lines
            print(f"generated in {self.result['generate_s']} s", flush=True)
            self.make_admin()
            marker.write_text(json.dumps({**wanted, "generate_s": self.result["generate_s"], "generated": lines}))
        self.result["rows"] = self.count_rows()

    @property
    def db_name(self) -> str:
        return urllib.parse.urlsplit(self.database_url).path.lstrip("/")

    def make_admin(self) -> None:
        from investdesk.accounts.models import User

        admin = User(username="benchadmin", full_name="Quản trị", is_staff=True, is_superuser=True)
        admin.set_password(load.PASSWORD)
        User.objects.bulk_create([admin])

    def count_rows(self) -> dict:
        from django.apps import apps

        counted = {}
        for label in ("dossiers.Dossier", "dossiers.Step", "dossiers.Pause", "accounts.User"):
            counted[label.split(".")[1].lower() + "s"] = apps.get_model(label).objects.count()
        for label in ("projects.Project", "kpi.WorkItem"):
            app, name = label.split(".")
            if apps.is_installed(f"investdesk.{app}"):
                counted[name.lower() + "s"] = apps.get_model(label).objects.count()
        return counted

    # --- Measuring ---------------------------------------------------------------------------------

    def sessions(self, port: int) -> dict[str, load.Session]:
        from investdesk.accounts.models import User
        from investdesk.dossiers.models import Step

        officer_id = (
            Step.objects.filter(finished_at__isnull=True, assignee__username__startswith="officer")
            .values_list("assignee_id", flat=True)
            .first()
        )
        officer = User.objects.get(pk=officer_id) if officer_id else User.objects.get(username="officer000")
        made = {}
        for key, username in (("head", "head"), ("officer", officer.username), ("admin", "benchadmin")):
            session = load.Session(port, username, 0)
            session.sign_in()
            made[key] = session
        return made

    def requests(self) -> list[tuple[str, str, str]]:
        """(name, who, path) of every page and endpoint measured."""
        from investdesk.dossiers.models import Dossier

        today = date.today()
        year = today.year
        quarter_start = date(year, 3 * ((today.month - 1) // 3) + 1, 1)
        month_end = today.replace(day=1) - timedelta(days=1)
        month_start = month_end.replace(day=1)
        sample = Dossier.objects.order_by("-pk").values_list("pk", "code").first()
        pk, code = sample
        report = f"/reports/dossiers/?date_from={quarter_start:%d/%m/%Y}&date_to={today:%d/%m/%Y}"
        register = f"/dossiers/?format=xlsx&received_from={month_start:%d/%m/%Y}&received_to={month_end:%d/%m/%Y}"
        paths = [
            ("home", "head", "/"),
            ("my_work", "officer", "/my-work/"),
            ("dossier_list", "head", "/dossiers/"),
            ("dossier_list_filtered", "head", "/dossiers/?status=in_progress"),
            ("dossier_search_code", "head", f"/dossiers/?q={urllib.parse.quote(code[:9])}"),
            ("dossier_search_name", "head", "/dossiers/?q=thuy+san+nha+trang"),
            ("dossier_page", "head", f"/dossiers/{pk}/"),
            ("board", "head", "/board/"),
            ("stats_api_year", "head", f"/api/v1/dossiers/stats?from={year}-01-01&to={year}-12-31"),
            ("on_time_dashboard_year", "head", f"/reports/dashboard/?year={year}"),
            ("report_ii06a_quarter", "head", report),
            ("report_ii06a_quarter_xlsx", "head", report + "&format=xlsx"),
            ("register_export_month", "head", register),  # posted, as the list's export button does
            ("risk_register", "head", f"/quality/{year}/risks/"),
            ("quality_dashboard", "head", f"/quality/{year}/"),
            ("admin_dossier_changelist", "admin", "/admin/dossiers/dossier/"),
            ("admin_dossier_changelist_filtered", "admin", "/admin/dossiers/dossier/?status__exact=in_progress"),
        ]
        from django.apps import apps

        if apps.is_installed("investdesk.projects"):
            paths += [
                ("project_list", "head", "/projects/"),
                ("project_list_late", "head", "/projects/?delay=late"),
                ("project_search", "head", "/projects/?q=du+lich+nha+trang"),
                ("project_dashboard", "head", "/projects/dashboard/"),
                ("admin_project_changelist", "admin", "/admin/projects/project/"),
            ]
        if apps.is_installed("investdesk.kpi"):
            paths += [
                ("kpi_team", "head", "/kpi/team/"),
                ("kpi_summary_api", "head", f"/api/v1/kpi/summary?division=dtnns&period={year}"),
            ]
        return paths

    def latency(self, sessions: dict) -> dict:
        measured = {}
        for name, who, path in self.requests():
            session = sessions[who]
            samples, to_file = [], []
            # Warm-up requests are not counted: two per server worker, as the first request of a kind
            # in a fresh worker pays for loading its code and templates.
            for attempt in range(self.repeat + WARM_UP):
                began = time.perf_counter()
                if name in POSTED:
                    status, body, response = session.request("POST", path, b"", session.csrf_headers())
                else:
                    status, body, response = session.request("GET", path)
                elapsed = time.perf_counter() - began
                job = self.export_job(status, response)
                if status != 200 and job is None:
                    self.failures.append(f"{name}: {path} answered {status}: {body[:200]!r}")
                    break
                if attempt >= WARM_UP:
                    samples.append(elapsed)
                    # A large export answers by starting a background job: the request is timed as
                    # above, and the first few also until their file can be downloaded.
                    if job is not None and len(to_file) < 3:
                        to_file.append(self.wait_for_file(session, job, began, name))
            if samples:
                measured[name] = summary(samples)
                print(f"  {name}: p50 {measured[name]['p50']} ms, p95 {measured[name]['p95']} ms", flush=True)
            if to_file and None not in to_file:
                measured[f"{name}_to_file"] = summary(to_file)
                print(f"  {name}, until the file: p50 {measured[f'{name}_to_file']['p50']} ms", flush=True)
        return measured

    @staticmethod
    def export_job(status: int, response) -> str | None:
        location = response.getheader("Location", "") if status == 302 else ""
        return location.rstrip("/").rsplit("/", 1)[-1] if "/jobs/" in location else None

    def wait_for_file(self, session, job: str, began: float, name: str) -> float | None:
        deadline = time.perf_counter() + 300
        while time.perf_counter() < deadline:
            status, _body, _ = session.request("GET", f"/jobs/{job}/result/")
            if status == 200:
                return time.perf_counter() - began
            time.sleep(0.1)
        self.failures.append(f"{name}: the export job {job} gave no file in 300 s")
        return None

    def raw_sql_stats(self) -> dict:
        """The headline counts of the stats endpoint as one aggregate over the dossiers table: the
        limit of what the database can do with no per-day totals and no application code."""
        from django.db import connection

        from investdesk.dossiers.models import Dossier

        year = date.today().year
        tz = datetime.now().astimezone().tzinfo
        start = datetime(year, 1, 1, tzinfo=tz)
        end = datetime(year, 12, 31, 23, 59, 59, tzinfo=tz)
        table = connection.ops.quote_name(Dossier._meta.db_table)
        sql = f"""
            SELECT
              SUM(CASE WHEN received_at >= %s THEN 1 ELSE 0 END),
              SUM(CASE WHEN received_at < %s THEN 1 ELSE 0 END),
              SUM(CASE WHEN status = 'resolved' AND finished_at <= %s AND outcome = 'early' THEN 1 ELSE 0 END),
              SUM(CASE WHEN status = 'resolved' AND finished_at <= %s AND outcome = 'on_time' THEN 1 ELSE 0 END),
              SUM(CASE WHEN status = 'resolved' AND finished_at <= %s AND outcome = 'late' THEN 1 ELSE 0 END),
              SUM(CASE WHEN (finished_at IS NULL OR finished_at > %s) AND due_at >= %s THEN 1 ELSE 0 END),
              SUM(CASE WHEN (finished_at IS NULL OR finished_at > %s) AND due_at < %s THEN 1 ELSE 0 END)
            FROM {table}
            WHERE received_at <= %s AND (finished_at IS NULL OR finished_at >= %s)
        """
        params = [start, start, end, end, end, end, end, end, end, end, start]
        params = [connection.ops.adapt_datetimefield_value(value) for value in params]
        samples = []
        with connection.cursor() as cursor:
            for attempt in range(self.repeat + 2):
                began = time.perf_counter()
                cursor.execute(sql, params)
                cursor.fetchall()
                if attempt >= 2:
                    samples.append(time.perf_counter() - began)
        return summary(samples)

    def imports(self) -> dict:
        """Our historical import (checked, staged, published with history) against a bare
        ``bulk_create`` of the same finished dossiers, on the same database."""
        from django.db import transaction

        from investdesk.accounts.models import User
        from investdesk.dossiers.imports import import_dossiers
        from investdesk.dossiers.models import Dossier
        from investdesk.procedures.models import Procedure
        from investdesk.worktime.functions import add_working_time

        desk = User.objects.get(username="desk0")
        procedure = Procedure.objects.get(code="cap-lai-gcndkdt")
        start = datetime(date.today().year, 1, 5, 8, tzinfo=datetime.now().astimezone().tzinfo)
        # Codes are unique: a run on a database kept from an earlier run must not meet that run's rows.
        mark = datetime.now().strftime("%y%m%d%H%M%S")
        rows = [
            {
                "code": f"IMP{mark}-{index:07d}",
                "procedure": procedure.code,
                "received_at": (start + timedelta(minutes=index % 50_000)).isoformat(),
                "channel": ("online", "direct", "post")[index % 3],
                "finished_at": (start + timedelta(minutes=index % 50_000, days=2)).isoformat(),
                "result": "approved",
                "pauses": [],
            }
            for index in range(self.import_rows)
        ]
        began = time.perf_counter()
        outcome = import_dossiers(desk, rows)
        ours = time.perf_counter() - began
        if outcome["errors"]:
            self.failures.append(f"import refused its rows: {outcome['errors'][:3]}")
        version = procedure.version_at(start.date())
        began = time.perf_counter()
        with transaction.atomic():
            bare = []
            for index, row in enumerate(rows):
                received = datetime.fromisoformat(row["received_at"])
                due = add_working_time(received, version.total_days)
                bare.append(
                    Dossier(
                        code=f"BULK{mark}-{index:07d}",
                        procedure=procedure,
                        procedure_version=version,
                        applicant_name=f"Nhập {index}",
                        channel=row["channel"],
                        received_at=received,
                        due_at=due,
                        original_due_at=due,
                        status="resolved",
                        finished_at=datetime.fromisoformat(row["finished_at"]),
                        outcome="on_time",
                        result="approved",
                    )
                )
            Dossier.objects.bulk_create(bare, batch_size=2000)
        bulk = time.perf_counter() - began
        self.forget_imported(mark)
        return {"rows": len(rows), "ours_s": round(ours, 2), "bulk_create_s": round(bulk, 2)}

    @staticmethod
    def forget_imported(mark: str) -> None:
        """The rows both imports made go again, with their steps, history and day totals: a kept
        database is measured again later, and 200,000 extra dossiers in this year would slow its
        year's figures (the on-time dashboard by half at ×10)."""
        from django.db import transaction
        from django.db.models import Q

        from investdesk.dossiers import daily
        from investdesk.dossiers.models import Dossier, Pause, Step

        made = Dossier.objects.filter(Q(code__startswith=f"IMP{mark}-") | Q(code__startswith=f"BULK{mark}-"))
        with transaction.atomic():
            days = {daily.local_day(at) for at in made.exclude(finished_at=None).values_list("finished_at", flat=True)}
            for model in (Step, Pause):
                model.history.filter(dossier_id__in=made.values("pk"))._raw_delete(model.objects.db)
                model.objects.filter(dossier__in=made)._raw_delete(model.objects.db)
            Dossier.history.filter(id__in=made.values("pk"))._raw_delete(Dossier.objects.db)
            made._raw_delete(made.db)
            daily.refresh(days)

    def throughput(self, port: int, servers) -> dict:
        rng = random.Random(2026)
        people, officers_dossiers, everyone = load.people_and_samples(rng)
        sessions = {}
        for entry in people:
            if not entry["username"].startswith(("desk", "officer", "head", "leader")):
                continue
            session = load.Session(port, entry["username"], entry["id"])
            session.sign_in()
            session.dossier_ids = officers_dossiers.get(entry["id"], [])
            sessions[entry["id"]] = session
        by_name = {s.username: s for s in sessions.values()}
        cast = ["desk0", "desk1", "head", "leader", *sorted(n for n in by_name if n.startswith("officer"))[:4]]
        users = [by_name[name] for name in cast if name in by_name][:8]
        options = argparse.Namespace(think=0.0)
        mixed = load.Load(options, port, sessions, users, everyone)
        mixed.run(self.duration)
        samples = [value for values in mixed.recorder.samples.values() for value in values]
        requests = len(samples)
        rss = [round(load.peak_rss_mb(pid), 1) for pid in servers.web_workers()]
        if mixed.recorder.error_count:
            self.failures.append(f"{mixed.recorder.error_count} errors under load: {mixed.recorder.errors[:3]}")
        return {
            "rps": round(requests / self.duration, 1),
            "requests": requests,
            "errors": mixed.recorder.error_count,
            "p95_ms": round(percentile(samples, 0.95) * 1000, 1) if samples else None,
            "peak_rss_mb": max(rss) if rss else None,
            "clients": len(users),
            "duration_s": self.duration,
        }

    def worktime_rate(self) -> float:
        from decimal import Decimal

        from investdesk.worktime.functions import add_working_time

        base = datetime(2024, 1, 1, 8, tzinfo=datetime.now().astimezone().tzinfo)
        rng = random.Random(1)
        starts = [base + timedelta(minutes=rng.randrange(0, 3 * 365 * 24 * 60)) for _ in range(1000)]
        limits = [Decimal(x) for x in ("0.5", "1", "3", "5", "10", "15", "35")]
        count = 100_000
        began = time.perf_counter()
        for index in range(count):
            add_working_time(starts[index % 1000], limits[index % 7])
        return round(count / (time.perf_counter() - began))

    # --- The run -----------------------------------------------------------------------------------

    def run(self) -> int:
        env = self.environment()
        self.fill()
        if self.args.generate_only:
            return 0
        from django.db import connection

        port = load.free_port()
        # No periodic job during the measurements: the KPI catch-up would turn the generated
        # earlier years' steps into items at the first half hour, competing with the pages measured.
        servers = load.Servers(env, self.workdir, port, periodic=False)
        connection.close()
        try:
            servers.start()
            print(f"gunicorn on 127.0.0.1:{port}", flush=True)
            sessions = self.sessions(port)
            self.result["latency_ms"] = self.latency(sessions)
            raw = self.raw_sql_stats()
            self.result["latency_ms"]["stats_raw_sql"] = raw
            print(f"  stats_raw_sql: p50 {raw['p50']} ms", flush=True)
            self.result["throughput"] = self.throughput(port, servers)
        finally:
            servers.stop()
        imported = self.imports()
        self.result["imports_s"] = imported
        self.result["worktime_ops_per_s"] = self.worktime_rate()
        self.result["ratios"] = self.ratios()
        self.result["machine"] = {"cpus": os.cpu_count(), "memory_gb": memory_gb(), "load_average": os.getloadavg()}
        self.result["measured_at"] = datetime.now(UTC).isoformat(timespec="seconds")
        self.result["failures"] = self.failures
        self.save()
        return 1 if self.failures else 0

    def ratios(self) -> dict:
        latency = self.result["latency_ms"]

        def ratio(ours: str, theirs: str) -> float | None:
            if ours in latency and theirs in latency and latency[theirs]["p50"]:
                return round(latency[ours]["p50"] / latency[theirs]["p50"], 2)
            return None

        imported = self.result["imports_s"]
        found = {
            "dossier_list_vs_admin": ratio("dossier_list", "admin_dossier_changelist"),
            "dossier_list_filtered_vs_admin": ratio("dossier_list_filtered", "admin_dossier_changelist_filtered"),
            "stats_vs_raw_sql": ratio("stats_api_year", "stats_raw_sql"),
            "dossier_import_vs_bulk_create": round(imported["ours_s"] / imported["bulk_create_s"], 2)
            if imported["bulk_create_s"]
            else None,
        }
        if "project_list" in latency:
            found["project_list_vs_admin"] = ratio("project_list", "admin_project_changelist")
        return found

    def save(self) -> None:
        RESULTS.mkdir(exist_ok=True)
        path = RESULTS / f"{self.args.scale}-{self.args.db}.json"
        path.write_text(json.dumps(self.result, indent=2, ensure_ascii=False) + "\n")
        print(markdown(self.result))
        print(f"written to {path.relative_to(BENCH_DIR.parent)}")
        for failure in self.failures:
            print(f"FAILED: {failure}")

    def clean(self) -> None:
        if self.args.keep:
            return
        from django.db import connections

        connections.close_all()
        if self.database_url:
            load.pg_admin(self.database_url, f'DROP DATABASE IF EXISTS "{self.db_name}" WITH (FORCE)')
        shutil.rmtree(self.workdir, ignore_errors=True)


def memory_gb() -> float:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            return round(int(line.split()[1]) / 1024 / 1024, 1)
    return 0.0


def markdown(result: dict) -> str:
    lines = [
        f"## {result['scale']} on {result['database']}: "
        + ", ".join(f"{count:,} {name}" for name, count in result.get("rows", {}).items()),
        "",
        "| request | p50 ms | p95 ms | n |",
        "|---|---:|---:|---:|",
    ]
    for name, figures in result.get("latency_ms", {}).items():
        lines.append(f"| {name} | {figures['p50']} | {figures['p95']} | {figures['n']} |")
    lines += ["", "| ratio | value |", "|---|---:|"]
    for name, value in result.get("ratios", {}).items():
        lines.append(f"| {name} | {value} |")
    throughput = result.get("throughput", {})
    imported = result.get("imports_s", {})
    lines += [
        "",
        f"- throughput: {throughput.get('rps')} requests/s with {throughput.get('clients')} clients, "
        f"errors {throughput.get('errors')}, p95 {throughput.get('p95_ms')} ms, "
        f"peak RSS per worker {throughput.get('peak_rss_mb')} MB",
        f"- historical import of {imported.get('rows', 0):,} rows: {imported.get('ours_s')} s "
        f"(bare bulk_create: {imported.get('bulk_create_s')} s)",
        f"- working time: {result.get('worktime_ops_per_s', 0):,} due times per second",
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.compare", description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=list(DEFAULTS), default="tiny")
    parser.add_argument("--db", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--repeat", type=int, default=0, help="requests per page after warm-up")
    parser.add_argument("--duration", type=float, default=0, help="seconds of mixed load")
    parser.add_argument("--import-rows", type=int, default=0, help="rows of the historical import")
    parser.add_argument("--keep", help="keep the filled database in this folder and reuse it next time")
    parser.add_argument(
        "--generate-only",
        action="store_true",
        help="fill the database (with --keep: for later runs) and stop before measuring",
    )
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    sys.path.insert(0, str(BENCH_DIR.parent))
    run = Run(args)
    try:
        return run.run()
    finally:
        run.clean()


if __name__ == "__main__":
    raise SystemExit(main())
