"""A process that writes dossiers through the services into one SQLite file until it is killed.

Run by ``test_sqlite_crash_safety``: ``python sqlite_writer.py DB setup`` creates the schema and the
catalogue; ``python sqlite_writer.py DB write`` receives dossiers and moves their steps on, printing
how many it has committed, as fast as it can, until the test SIGKILLs it.
"""

import os
import sys
from pathlib import Path


class _NoMigrations:
    """Tables straight from the models (``migrate --run-syncdb``): the migrations hold no data
    steps, and replaying them would take most of the test's time."""

    def __contains__(self, item):
        return True

    def __getitem__(self, item):
        return None


def main(db: str, mode: str) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    os.environ["DATABASE_URL"] = f"sqlite:///{db}"
    os.environ["INVESTDESK_VAR_DIR"] = str(Path(db).parent)
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.settings"
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth.models import Group
    from django.core.management import call_command
    from django.db import connection

    from investdesk.accounts.models import User
    from investdesk.dossiers import services
    from investdesk.procedures.models import Procedure

    if mode == "setup":
        settings.MIGRATION_MODULES = _NoMigrations()
        call_command("migrate", run_syncdb=True, verbosity=0)
        call_command("seed", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
        for role in ("reception", "officer", "division_head", "department_leader"):
            person = User.objects.create(username=role, full_name=role.title(), is_superuser=True)
            person.groups.add(Group.objects.get(name=role))
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode")
            print(cursor.fetchone()[0], flush=True)
        return

    reception = User.objects.get(username="reception")
    procedures = list(Procedure.objects.filter(versions__status="approved").distinct()[:3])
    written = 0
    while True:
        dossier = services.receive_dossier(
            reception,
            procedure=procedures[written % len(procedures)],
            applicant_name=f"Công ty TNHH Khánh Hòa {written}",
            channel="direct",
            note="Hồ sơ\u2028ghi chú" * 50,
            check_permission=False,
        )
        step = dossier.steps.filter(finished_at__isnull=True).first()
        if step is not None and step.assignee_id:
            services.complete_step(step.assignee, step, answers={"valid": True}, check_permission=False)
        written += 1
        print(written, flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
