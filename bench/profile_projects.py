"""CPU and queries of the project pages at 20,000 projects, in process, beside the admin changelist.

    python -m bench.profile_projects --workdir /tmp/projects-20k           # SQLite, filled once and kept
    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/investdesk_projbench \\
        python -m bench.profile_projects --workdir /tmp/projects-20k-pg    # PostgreSQL, kept too
    python -m bench.profile_projects --workdir /tmp/projects-20k --profile /projects/   # cProfile of a page

The database is filled with ``bench_projects``' 20,000 projects the first time and reused afterwards.
Each page is asked once to warm up, then ``--repeat`` times: the report gives the CPU milliseconds per
request of this process (``time.process_time``, which with SQLite includes the queries) and the
number of queries. The machine may be shared; CPU time hardly stretches with that, wall time does.
"""

import argparse
import cProfile
import io
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PAGES = [
    ("project list", "officer", "/projects/"),
    ("project list, late", "officer", "/projects/?delay=late"),
    ("list, status + delay + sector", "officer", "/projects/?status=implementing&delay=late&sector=C"),
    ("search, no diacritics", "officer", "/projects/?q=hon+tam"),
    ("search, common words", "officer", "/projects/?q=du+an+san+xuat"),
    ("watch list", "officer", "/projects/watch/"),
    ("dashboard", "officer", "/projects/dashboard/"),
    ("API search", "officer", "/api/v1/projects?q=hoa+binh+so+7"),
    ("admin changelist", "admin", "/admin/projects/project/"),
]


def _setup(workdir: Path) -> None:
    os.environ["INVESTDESK_VAR_DIR"] = str(workdir.resolve())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    from investdesk.accounts.models import User

    call_command("migrate", verbosity=0)
    if not User.objects.filter(username="bench.officer").exists():
        from bench import bench_projects

        started = time.perf_counter()
        bench_projects._fill()
        User.objects.create_superuser("bench.admin", password="x", full_name="Quản trị")
        print(f"filled {bench_projects.PROJECTS:,} projects in {time.perf_counter() - started:.0f} s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.profile_projects", description=__doc__.splitlines()[0])
    parser.add_argument("--workdir", required=True)
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--profile", nargs="*", default=[], help="paths to run under cProfile")
    parser.add_argument("--top", type=int, default=35)
    parser.add_argument("--dump", help="write the last profile here, for pstats")
    args = parser.parse_args(argv)
    _setup(Path(args.workdir))
    from django.db import connection
    from django.test import Client

    from investdesk.accounts.models import User

    clients = {}
    for who, username in (("officer", "bench.officer"), ("admin", "bench.admin")):
        clients[who] = Client()
        clients[who].force_login(User.objects.get(username=username))
    pages = PAGES if not args.profile else [("profiled", "officer", path) for path in args.profile]
    figures = {}
    print(f"| page ({connection.vendor}) | CPU ms median | min | SQL ms (wall) | queries |")
    print("|---|---:|---:|---:|---:|")
    for label, who, path in pages:
        client = clients[who]
        assert client.get(path).status_code == 200, path
        queries: list[tuple[str, float]] = []

        def count(execute, sql, params, many, context, queries=queries):
            began = time.perf_counter()
            try:
                return execute(sql, params, many, context)
            finally:
                queries.append((sql, (time.perf_counter() - began) * 1000))

        with connection.execute_wrapper(count):
            client.get(path)
        samples, sql_ms = [], []
        for _ in range(args.repeat):
            queries.clear()
            began = time.process_time()
            with connection.execute_wrapper(count):
                client.get(path)
            samples.append((time.process_time() - began) * 1000)
            sql_ms.append(sum(spent for _sql, spent in queries))
        figures[label] = statistics.median(samples)
        print(
            f"| {label} `{path}` | {figures[label]:.1f} | {min(samples):.1f} | "
            f"{statistics.median(sql_ms):.1f} | {len(queries)} |"
        )
        if args.profile:
            profile = cProfile.Profile()
            profile.enable()
            for _ in range(args.repeat):
                client.get(path)
            profile.disable()
            if args.dump:
                profile.dump_stats(args.dump)
            out = io.StringIO()
            stats = pstats.Stats(profile, stream=out)
            stats.sort_stats("cumulative").print_stats(args.top)
            stats.sort_stats("tottime").print_stats(args.top)
            print(out.getvalue())
            for sql, spent in queries:
                print(f"   {spent:7.2f} ms  {sql}")
    if "admin changelist" in figures:
        print(f"\nproject_list_vs_admin (CPU): {figures['project list'] / figures['admin changelist']:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
