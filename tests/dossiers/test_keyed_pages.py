"""A list's page read by key (``keyed_pages``): the same rows in the same order as one query would
give, the filter evaluated once for the page, and the paginator's count unchanged."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from investdesk.dossiers.models import Dossier

from .conftest import received_online

pytestmark = pytest.mark.django_db


@pytest.fixture
def dossiers(staff):
    # Two dossiers share each receipt time: the key order must break ties as the list does.
    names = [f"Công ty TNHH Thủy sản {n}" if n % 3 else f"Công ty Du lịch {n}" for n in range(10)]
    return received_online(staff["reception"], [(name, f"08:0{n // 2} 02/03/2026") for n, name in enumerate(names)])


def listed(staff):
    return (
        Dossier.objects.restrict(staff["head"], "view")
        .search("thuy san")
        .select_related("procedure", "responsible")
        .defer("workflow_state", "search_key")
        .order_by("-received_at", "-id")
    )


@pytest.mark.parametrize("bounds", [(0, 3), (3, 6), (5, 50), (50, 60)])
def test_a_keyed_page_holds_the_rows_of_the_plain_one(staff, dossiers, bounds):
    bottom, top = bounds
    plain = list(listed(staff)[bottom:top])
    keyed = list(listed(staff).keyed_pages()[bottom:top])
    assert [row.pk for row in keyed] == [row.pk for row in plain]
    with CaptureQueriesContext(connection) as reads:
        assert [(row.procedure.code, row.responsible_id) for row in keyed] == [
            (row.procedure.code, row.responsible_id) for row in plain
        ]
    assert not reads.captured_queries  # the related rows came with the page


def test_the_page_filters_once_and_reads_only_its_rows(staff, dossiers):
    page = listed(staff).keyed_pages()[0:2]
    list(listed(staff)[:1])  # the person's scope, read once per request, is not what is measured
    with CaptureQueriesContext(connection) as reads:
        rows = list(page)
    keys, full = (query["sql"] for query in reads.captured_queries)
    assert len(rows) == 2 and "LIMIT 2" in keys and "thuy" in keys
    assert "thuy" not in full and "ORDER BY" not in full and "LIMIT" not in full


def test_counting_a_slice_is_unchanged(staff, dossiers):
    assert listed(staff).keyed_pages().order_by()[:5].count() == 5
    assert listed(staff).keyed_pages().count() == listed(staff).count() == 6
