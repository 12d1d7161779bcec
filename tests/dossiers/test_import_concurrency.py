"""An import holds the database only in short transactions: a receipt made while it writes goes
through, and a worker killed half-way leaves nothing of the import visible; run again, it succeeds.

Each scenario runs in a separate process on a copy of the test database (a file for SQLite, the
test database itself for PostgreSQL), as a worker would.
"""

import json
import os
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[2]

PRELUDE = """
import json, os, signal, sys, threading
from django.conf import settings
if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    settings.DATABASES["default"]["OPTIONS"]["timeout"] = 5  # fail fast when the database stays locked
import django
django.setup()
from django.db import connection
from investdesk.accounts.models import User
from investdesk.dossiers import imports, services
from investdesk.dossiers.models import Dossier
from investdesk.procedures.models import Procedure

imports.BATCH = 5
desk = User.objects.filter(username="tiepnhan").first()
ROWS = [
    {
        "code": f"CU-{n:03d}",
        "procedure": "cap-lai-gcndkdt",
        "received_at": f"2026-05-{4 + n % 20:02d}T08:00:00+07:00",
        "channel": "online",
        "finished_at": None if n % 4 == 0 else f"2026-05-{6 + n % 20:02d}T10:00:00+07:00",
        "result": None if n % 4 == 0 else "approved",
        "pauses": [],
    }
    for n in range(20)
]


def halfway(action):
    # The import reports progress after each batch; act once past half the work, with rows written.
    def progress(done, total=None, message=None):
        progress.total = total or progress.total
        if not progress.fired and done >= progress.total // 2 + imports.BATCH:
            progress.fired = True
            action()

    progress.total, progress.fired = 0, False
    return progress


def counts():
    from investdesk.dossiers.models import StagedDossier, StagedPause, StagedStep

    staged = sum(m.objects.count() for m in (StagedDossier, StagedStep, StagedPause))
    return {"dossiers": Dossier.objects.filter(code__startswith="CU-").count(), "staged": staged}
"""


def database_url(tmp_path) -> str:
    """A database another process can open, holding this test's rows."""
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        target = sqlite3.connect(tmp_path / "copy.sqlite3")
        connection.connection.backup(target)
        target.close()
        return f"sqlite:///{tmp_path / 'copy.sqlite3'}"
    settings = connection.settings_dict
    return f"postgresql://{settings['USER']}@{settings['HOST']}:{settings['PORT']}/{settings['NAME']}"


def run_worker(tmp_path, script: str) -> subprocess.CompletedProcess:
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": database_url(tmp_path) if not (tmp_path / "url").exists() else (tmp_path / "url").read_text(),
        "INVESTDESK_VAR_DIR": str(tmp_path / "var"),
    }
    (tmp_path / "url").write_text(environment["DATABASE_URL"])
    code = PRELUDE + textwrap.dedent(script)
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )


def answer(process: subprocess.CompletedProcess) -> dict:
    assert process.returncode == 0, process.stderr[-3000:]
    return json.loads(process.stdout.strip().splitlines()[-1])


def test_a_receipt_goes_through_while_an_import_writes(staff, tmp_path):
    process = run_worker(
        tmp_path,
        """
        seen = {}

        def receive():
            try:
                dossier = services.receive_dossier(
                    desk,
                    procedure=Procedure.objects.get(code="cap-lai-gcndkdt"),
                    applicant_name="Công ty nộp giữa lúc nhập",
                    channel="direct",
                )
                seen["receipt"] = dossier.code
            except Exception as error:
                seen["receipt"] = f"failed: {error}"
            finally:
                connection.close()

        def receive_meanwhile():
            desk_at_work = threading.Thread(target=receive)
            desk_at_work.start()
            desk_at_work.join()

        result = imports.import_dossiers(desk, ROWS, progress=halfway(receive_meanwhile))
        print(json.dumps({"result": result, **seen, **counts()}))
        """,
    )
    found = answer(process)
    assert not found["receipt"].startswith("failed"), found["receipt"]
    assert found["result"] == {"created": 20, "updated": 0, "errors": []}
    assert found["dossiers"] == 20 and found["staged"] == 0


def test_a_killed_import_leaves_nothing_and_succeeds_when_run_again(staff, tmp_path):
    killed = run_worker(
        tmp_path,
        """
        die = halfway(lambda: os.kill(os.getpid(), signal.SIGKILL))
        imports.import_dossiers(desk, ROWS, run="retry-me", progress=die)
        print("not killed")
        """,
    )
    assert killed.returncode == -9, killed.stdout + killed.stderr[-2000:]
    again = answer(
        run_worker(
            tmp_path,
            """
            before = counts()
            result = imports.import_dossiers(desk, ROWS, run="retry-me")
            print(json.dumps({"before": before, "result": result, "after": counts()}))
            """,
        )
    )
    assert again["before"]["dossiers"] == 0 and again["before"]["staged"] > 0  # staged, never published
    assert again["result"] == {"created": 20, "updated": 0, "errors": []}
    assert again["after"] == {"dossiers": 20, "staged": 0}
