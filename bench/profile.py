"""Where one page spends its CPU: cProfile over repeated requests, on a database ``bench.load`` kept.

    python -m bench.load --size 120000 --duration 60 --workdir /tmp/load-120k   # loads and keeps it
    python -m bench.profile --workdir /tmp/load-120k /dossiers/ "/api/v1/dossiers/stats?from=2026-01-01&to=2026-12-31"

Each path is asked ``--repeat`` times by the division head (after one warm-up request); the report
gives the CPU milliseconds per request, the queries per request and the functions with the most
cumulative time. ``DB=postgresql`` reads the PostgreSQL database ``bench.load`` made.
"""

import argparse
import cProfile
import io
import os
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.profile", description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--workdir", required=True, help="the folder given to bench.load --workdir")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--user", default="head")
    parser.add_argument("--top", type=int, default=30)
    args = parser.parse_args(argv)

    os.environ["INVESTDESK_VAR_DIR"] = str(Path(args.workdir).resolve())
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    if os.environ.get("DB", "").lower() in {"postgresql", "postgres", "pg"}:
        from bench.load import PG_DEFAULT

        os.environ["DATABASE_URL"] = os.environ.get("LOAD_DATABASE_URL", PG_DEFAULT)
    else:
        os.environ.pop("DATABASE_URL", None)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    from investdesk.accounts.models import User

    client = Client()
    client.force_login(User.objects.get(username=args.user))
    for path in args.paths:
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        queries: list[str] = []

        def count(execute, sql, params, many, context, queries=queries):
            queries.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
            client.get(path)
        profile = cProfile.Profile()
        began = time.process_time()
        profile.enable()
        for _ in range(args.repeat):
            client.get(path)
        profile.disable()
        spent = (time.process_time() - began) * 1000 / args.repeat
        print(f"\n== {path}: {spent:.1f} ms CPU per request (profiled), {len(queries)} queries")
        out = io.StringIO()
        stats = pstats.Stats(profile, stream=out)
        stats.sort_stats("cumulative").print_stats(args.top)
        stats.sort_stats("tottime").print_stats(args.top)
        print(out.getvalue())
        began = time.process_time()
        for _ in range(args.repeat):
            client.get(path)
        print(f"   without the profiler: {(time.process_time() - began) * 1000 / args.repeat:.1f} ms CPU per request")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
