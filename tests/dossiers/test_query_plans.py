"""Query shapes that must stay cheap as dossiers accumulate (checked on the plan, not on a clock)."""

import pytest
from django.db import connection

from investdesk.dossiers.models import Dossier


def sqlite_plan(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        return " | ".join(row[-1] for row in cursor.fetchall())


@pytest.mark.django_db
def test_an_officers_dossiers_are_found_without_searching_their_steps_once_per_dossier(officer):
    # The steps an officer holds are read once; a subquery run for every dossier would search all
    # of the officer's steps each time (minutes for the list of 120,000 dossiers).
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL plans this with its table statistics")
    plan = sqlite_plan(Dossier.objects.restrict(officer))
    assert "CORRELATED" not in plan, plan
