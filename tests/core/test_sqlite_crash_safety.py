"""SQLite in WAL mode survives a web process killed in the middle of its writes.

A separate process receives dossiers through the services (each one a transaction: the dossier,
its first steps, its history, the yearly counter) into a temporary SQLite file, and is SIGKILLed
while it writes, twice. The file must pass ``PRAGMA integrity_check``, every committed dossier
must still be there, no dossier may lack its steps or history, and the next process must carry
on numbering where the last one stopped.
"""

import os
import random
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

WRITER = Path(__file__).with_name("sqlite_writer.py")


def run_setup(db: Path) -> None:
    done = subprocess.run([sys.executable, str(WRITER), str(db), "setup"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split()[-1] == "wal"


def write_then_kill(db: Path, at_least: int) -> int:
    """Starts a writer, SIGKILLs it once it has committed ``at_least`` dossiers (plus a random
    moment more, so the kill falls anywhere in a transaction); returns how many it reported."""
    writer = subprocess.Popen(
        [sys.executable, str(WRITER), str(db), "write"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    reported = 0
    try:
        for line in writer.stdout:
            reported = int(line)
            if reported >= at_least:
                break
        else:
            raise AssertionError(writer.stderr.read())
        # Let it get into the next transaction, then kill it without warning.
        for _ in range(random.randint(0, 3)):
            reported = int(writer.stdout.readline())
        writer.send_signal(signal.SIGKILL)
        for line in writer.stdout:  # what it had printed before dying
            reported = int(line)
    finally:
        writer.kill()
        writer.wait()
    assert writer.returncode == -signal.SIGKILL
    return reported


def check(db: Path, reported: int) -> int:
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        dossiers = connection.execute("SELECT COUNT(*) FROM dossiers_dossier").fetchone()[0]
        # A dossier is printed after its transaction committed: none of those may be lost.
        assert reported <= dossiers <= reported + 1
        without_steps = connection.execute(
            "SELECT code FROM dossiers_dossier d WHERE NOT EXISTS "
            "(SELECT 1 FROM dossiers_step s WHERE s.dossier_id = d.id)"
        ).fetchall()
        assert without_steps == []
        without_history = connection.execute(
            "SELECT code FROM dossiers_dossier d WHERE NOT EXISTS "
            "(SELECT 1 FROM dossiers_historicaldossier h WHERE h.id = d.id)"
        ).fetchall()
        assert without_history == []
        # The workflow state is written last in the dossier's transaction.
        unfinished = connection.execute("SELECT code FROM dossiers_dossier WHERE workflow_state = '{}'").fetchall()
        assert unfinished == []
        counted = connection.execute("SELECT SUM(last) FROM dossiers_dossiercounter").fetchone()[0]
        assert counted == dossiers
    return dossiers


def test_a_killed_writer_leaves_a_sound_database(tmp_path):
    db = tmp_path / "investdesk.sqlite3"
    run_setup(db)
    first = check(db, write_then_kill(db, at_least=3))
    # The next process works on the same file and numbers on from where the killed one stopped.
    second = write_then_kill(db, at_least=2)
    assert check(db, first + second) > first
