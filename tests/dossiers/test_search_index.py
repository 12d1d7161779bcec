"""The dossier search box reads a trigram index, not every row, and answers exactly as a scan would."""

import pytest
from django.db import connection
from django.db.models import Q
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from investdesk.core.text import search_terms
from investdesk.dossiers.models import Dossier

from .conftest import received_online

NAMES = [
    "Công ty TNHH Thủy sản Nha Trang",
    "Công ty CP Du lịch Vịnh Cam Ranh",
    "Tập đoàn Năng lượng Khánh Hòa",
    "Công ty TNHH Thuỷ sản Vạn Ninh",
]


@pytest.fixture
def dossiers(staff):
    return received_online(staff["reception"], [(name, f"09:00 0{n + 2}/03/2026") for n, name in enumerate(NAMES)])


def scanned(query: str) -> set[int]:
    condition = Q()
    for term in search_terms(query):
        condition &= Q(search_key__contains=term)
    return set(Dossier.objects.filter(condition).values_list("pk", flat=True))


def found(query: str) -> set[int]:
    return set(Dossier.objects.search(query).values_list("pk", flat=True))


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    ["thủy sản", "thuy san", "THUỶ SẢN nha", "cam ranh", "ng", "khánh hòa năng", "không có", "a b", "26/"],
)
def test_search_answers_as_a_scan_would(dossiers, query):
    assert found(query) == scanned(query)


@pytest.mark.django_db
def test_the_index_follows_renames_deletions_and_bulk_inserts(dossiers):
    first = dossiers[0]
    assert first.pk in found("thuy san nha trang")
    Dossier.objects.filter(pk=first.pk).update(search_key="doi ten hoan toan")
    assert first.pk not in found("thuy san nha trang")
    assert found("hoan toan") == {first.pk}
    dossiers[1].steps.all().delete()
    Dossier.objects.filter(pk=dossiers[1].pk).delete()
    assert found("cam ranh") == set()


@pytest.mark.django_db
def test_a_search_term_is_looked_up_in_the_index(dossiers):
    sql, params = Dossier.objects.search("thuy san").order_by().values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
            plan = " | ".join(row[-1] for row in cursor.fetchall())
            assert "VIRTUAL TABLE INDEX" in plan, plan
        else:
            # With four rows the planner would rightly scan; forbid that to see the index is usable.
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(f"EXPLAIN {sql}", params)
            plan = " | ".join(row[0] for row in cursor.fetchall())
            assert "dossiers_dossier_search_trgm" in plan, plan


# Keys as folding leaves them (lower case, single spaces) with the punctuation codes and names carry,
# LIKE's wildcards and FTS5's quote and operators; a few letters repeated so that substrings recur.
KEY_TEXT = st.text(alphabet='abcthuy nsg0123./-_%"*:()^+ñøß', min_size=0, max_size=24)


@pytest.mark.django_db
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(keys=st.lists(KEY_TEXT, min_size=4, max_size=4), query=KEY_TEXT)
def test_any_search_answers_as_a_scan_would(dossiers, keys, query):
    for dossier, key in zip(dossiers, keys, strict=True):
        Dossier.objects.filter(pk=dossier.pk).update(search_key=" ".join(key.split()))
    assert found(query) == scanned(query)


@pytest.mark.django_db
def test_a_nul_in_the_search_box_is_dropped_not_an_error(dossiers):
    assert found("thuy\x00 san") == scanned("thuy san") == found("thuy san")
