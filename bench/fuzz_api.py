"""Fuzzes the REST API against its own OpenAPI schema, in process, as an administrator.

Every operation of ``/api/v1/openapi.json`` gets cases that fit the schema and cases that do not
(schemathesis), sent through the WSGI application with a bearer token; each answer must not be a
server error, and its status, content type and body must be the ones the schema declares.
The test suite runs a short, seeded round of the same (tests/security/test_api_fuzz.py); this is
the long run:

    python -m bench.fuzz_api --examples 1000 [--seed 2026]

``DATABASE_URL`` chooses PostgreSQL (a throw-away test database is created and dropped);
otherwise a SQLite file in a temporary folder is used.
"""

import argparse
import logging
import os
import sys
import tempfile
import time
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

SEED = 2026
CHECK_NAMES = (
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_schema_conformance",
)


@dataclass
class Failure:
    operation: str
    check: str
    status: int
    title: str
    reproduce: str
    count: int = 1


@dataclass
class FuzzReport:
    operations: list[str] = field(default_factory=list)
    cases: Counter = field(default_factory=Counter)
    failures: dict[tuple, Failure] = field(default_factory=dict)
    statuses: Counter = field(default_factory=Counter)
    seconds: float = 0.0
    cpu_seconds: float = 0.0

    @property
    def total_cases(self) -> int:
        return sum(self.cases.values())

    def lines(self) -> list[str]:
        out = [
            f"{len(self.operations)} operations, {self.total_cases} cases, "
            f"{len(self.failures)} distinct failures "
            f"({sum(f.count for f in self.failures.values())} failing cases) "
            f"in {self.seconds:.1f} s ({self.cpu_seconds:.1f} s of CPU)",
            "answers: " + ", ".join(f"{status}×{n}" for status, n in sorted(self.statuses.items())),
        ]
        out += [
            f"{f.operation}: {f.check} — {f.status} {f.title} (×{f.count})\n      {f.reproduce}"
            for f in self.failures.values()
        ]
        return out


def wsgi_application():
    from django.core.wsgi import get_wsgi_application

    return get_wsgi_application()


@contextmanager
def connection_kept_open():
    """Requests sent through the WSGI handler close the database connection when they finish,
    which would end the surrounding test transaction; Django's own test client does the same."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def load_schema(token: str):
    import schemathesis

    return schemathesis.openapi.from_wsgi(
        "/api/v1/openapi.json", wsgi_application(), headers={"Authorization": f"Bearer {token}"}
    )


def fuzz(token: str, *, examples: int = 25, seed: int = SEED, exclude: tuple[str, ...] = ()) -> FuzzReport:
    """Runs ``examples`` cases against each operation, half of them valid and half invalid."""
    from schemathesis.checks import not_a_server_error
    from schemathesis.generation import GenerationMode
    from schemathesis.specs.openapi.checks import (
        content_type_conformance,
        response_schema_conformance,
        status_code_conformance,
    )

    checks = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
    headers = {"Authorization": f"Bearer {token}"}
    report = FuzzReport()
    started, cpu_started = time.perf_counter(), time.process_time()
    with connection_kept_open():
        schema = load_schema(token)
        for result in schema.get_all_operations():
            operation = result.ok()
            label = operation.label
            if label in exclude:
                continue
            report.operations.append(label)
            for mode, count in (
                (GenerationMode.POSITIVE, examples - examples // 2),
                (GenerationMode.NEGATIVE, examples // 2),
            ):
                _round(operation, mode, report, headers, checks, examples=count, seed=seed)
    report.seconds = time.perf_counter() - started
    report.cpu_seconds = time.process_time() - cpu_started
    return report


def _round(operation, mode, report, headers, checks, *, examples, seed) -> None:
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import seed as hypothesis_seed
    from schemathesis.core.failures import FailureGroup

    label = operation.label

    @hypothesis_seed(seed)
    @settings(
        max_examples=examples,
        database=None,
        deadline=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(generation_mode=mode))
    def run(case):
        report.cases[label] += 1
        response = case.call(headers=headers)
        report.statuses[response.status_code] += 1
        try:
            case.validate_response(response, checks=checks, headers=headers)
        except FailureGroup as group:
            for failure in group.exceptions:
                key = (label, type(failure).__name__, response.status_code, failure.title)
                if key in report.failures:
                    report.failures[key].count += 1
                else:
                    report.failures[key] = Failure(
                        operation=label,
                        check=type(failure).__name__,
                        status=response.status_code,
                        title=failure.title,
                        reproduce=case.as_curl_command(headers=headers),
                    )

    run()


def administrator_token() -> str:
    """The seeded organisation with one administrator, and that person's API token."""
    from django.contrib.auth.models import Group
    from django.core.management import call_command

    from investdesk.accounts import services
    from investdesk.accounts.choices import Role
    from investdesk.accounts.models import User

    call_command("seed", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    person = User.objects.create(username="fuzz-admin", full_name="Quản Trị Kiểm Thử")
    person.groups.add(Group.objects.get(name=Role.ADMINISTRATOR))
    _token, raw = services.create_api_token(person, name="fuzz")
    return raw


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=100, help="cases per operation, half of them invalid")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args()

    os.environ["INVESTDESK_VAR_DIR"] = tempfile.mkdtemp(prefix="investdesk-fuzz-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

    import django
    from django.test.utils import setup_databases, setup_test_environment, teardown_databases

    django.setup()
    logging.disable(logging.WARNING)  # each refused case would log a line; server errors still show
    setup_test_environment()
    old = setup_databases(verbosity=0, interactive=False)
    try:
        report = fuzz(administrator_token(), examples=args.examples, seed=args.seed)
        for line in report.lines():
            print(line)
    finally:
        teardown_databases(old, verbosity=0)
    return 1 if report.failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
