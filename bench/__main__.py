"""Runs every benchmark module in this package on a fresh database of its own.

``DATABASE_URL`` chooses PostgreSQL (the database is created and dropped); otherwise a SQLite file
in a temporary folder is used. Results are printed as a table.
"""

import importlib
import os
import pkgutil
import sys
import tempfile
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent


def main() -> int:
    workdir = tempfile.mkdtemp(prefix="investdesk-bench-")
    os.environ["INVESTDESK_VAR_DIR"] = workdir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    sys.path.insert(0, str(BENCH_DIR.parent))

    import django
    from django.test.utils import (
        get_runner,  # noqa: F401 - imports the test machinery
        setup_databases,
        teardown_databases,
    )

    django.setup()
    names = sys.argv[1:] or [m.name for m in pkgutil.iter_modules([str(BENCH_DIR)]) if m.name.startswith("bench_")]
    old = setup_databases(verbosity=0, interactive=False)
    try:
        for name in names:
            module = importlib.import_module(f"bench.{name}")
            started = time.perf_counter()
            print(f"\n== {name}: {module.__doc__.strip().splitlines()[0]}")
            for line in module.run():
                print(f"   {line}")
            print(f"   ({time.perf_counter() - started:.1f} s in all)")
    finally:
        teardown_databases(old, verbosity=0)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
