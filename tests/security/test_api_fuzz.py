"""Every API operation, fuzzed against the OpenAPI schema the API publishes: valid and invalid
input alike must never answer 500, and must answer only statuses, content types and bodies that the
schema declares. Short and seeded here; ``python -m bench.fuzz_api`` is the long run."""

import pytest

from bench.fuzz_api import fuzz
from investdesk.accounts import services

pytestmark = pytest.mark.django_db

EXAMPLES = 25


def test_every_operation_keeps_to_its_schema(admin_user):
    _token, raw = services.create_api_token(admin_user, name="fuzz")
    report = fuzz(raw, examples=EXAMPLES)
    print("\n".join(report.lines()))
    assert len(report.operations) >= 15
    # An operation without parameters has only a few distinct cases; the others get their full share.
    assert report.total_cases >= len(report.operations) * EXAMPLES // 2
    assert not report.failures, "\n".join(report.lines())
