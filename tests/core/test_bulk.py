"""The bulk writer's shortcuts give the database exactly what Django's own adaptation would."""

from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.apps import apps
from django.db import connection
from hypothesis import given, settings
from hypothesis import strategies as st

from investdesk.core.bulk import _adapters, insert_values
from investdesk.core.models import BackgroundJob
from investdesk.dossiers.models import DailyOutcome
from investdesk.procedures.models import Procedure

ZONES = [UTC, ZoneInfo("Asia/Ho_Chi_Minh"), timezone(timedelta(hours=-5, minutes=-30))]

aware = st.builds(
    lambda naive, zone: naive.replace(tzinfo=zone),
    st.datetimes(min_value=datetime(1900, 1, 2), max_value=datetime(9998, 12, 30)),
    st.sampled_from(ZONES),
)
VALUES = {
    "DateTimeField": st.one_of(st.none(), aware),
    "DecimalField": st.one_of(st.none(), st.decimals(allow_nan=False, allow_infinity=False, places=2)),
    "BooleanField": st.booleans(),
    "IntegerField": st.integers(-(2**31), 2**31 - 1),
    "PositiveIntegerField": st.integers(0, 2**31 - 1),
    "BigAutoField": st.integers(1, 2**62),
    "CharField": st.text(max_size=20),
}


def project_fields(kind: str) -> list:
    return [
        field
        for model in apps.get_models()
        if model.__module__.startswith("investdesk.")
        for field in model._meta.concrete_fields
        if field.get_internal_type() == kind
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("kind", sorted(VALUES))
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_adapted_value_is_what_django_would_send(kind, data):
    fields = project_fields(kind)
    assert fields, kind
    field = data.draw(st.sampled_from(fields))
    value = data.draw(VALUES[kind])
    (adapt,) = _adapters([field], connection)
    ours = adapt(value) if adapt else value
    assert ours == field.get_db_prep_save(value, connection)


@pytest.mark.django_db
def test_bulk_rows_read_back_as_saved(admin_user):
    """Rows written in bulk read back with the values they were given, time zones and decimals included."""
    when = datetime(2026, 3, 1, 8, 15, 30, 123456, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    insert_values(
        BackgroundJob, [{"kind": "k", "title": "t", "created_by_id": admin_user.pk, "created_at": when, "done": 7}]
    )
    procedure = Procedure.objects.first()
    insert_values(
        DailyOutcome,
        [
            {
                "day": when.date(),
                "procedure_id": procedure.pk,
                "channel": "online",
                "processing_days_sum": Decimal("2.50"),
            }
        ],
    )
    job = BackgroundJob.objects.get(kind="k")
    assert (job.created_at, job.started_at, job.done) == (when, None, 7)
    assert DailyOutcome.objects.get().processing_days_sum == Decimal("2.50")
