"""The register's filters are one filterset, read in SQL by the page and by the API."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from investdesk.quality import services
from investdesk.quality.filters import RiskFilterSet
from investdesk.quality.models import Risk

pytestmark = pytest.mark.django_db


def rows(**params):
    return list(RiskFilterSet(params, queryset=Risk.objects.filter(register__year=2026)).qs)


def test_the_disagreeing_level_is_stored_and_filtered_in_sql(seeded, division_head):
    flagged = Risk.objects.get(register__year=2026, section="IV", number="1.1.2")
    assert flagged.level_mismatch
    assert Risk.objects.filter(level_mismatch=True).count() == 1
    with CaptureQueriesContext(connection) as queries:
        found = rows(mismatch="1")
    assert found == [flagged]
    assert len(queries) == 1 and "level_mismatch" in queries[0]["sql"]
    # A save that makes the level agree clears the flag.
    flagged.written_level = "9 - Trung bình"
    services.save_risk(division_head, flagged, flagged.version)
    assert rows(mismatch="true") == []


def test_bands_and_kinds_are_choices_and_leave_the_captions_out(seeded):
    medium = rows(band="medium")
    assert medium and all(r.band == "medium" and not r.is_heading for r in medium)
    cell = rows(kind="risk", likelihood="3", severity="3")
    assert [(r.section, r.number) for r in cell] == [("IV", "1.1.2")]
    # A value outside the choices is ignored, as the page always did.
    everything = rows()
    assert rows(band="rất cao") == everything and rows(likelihood="9") == everything
    assert any(r.is_heading for r in everything)
    assert RiskFilterSet({"band": "rất cao"}).active is False
    assert RiskFilterSet({"band": "high"}).active is True
    assert RiskFilterSet({}).active is False


def test_the_api_answers_the_page_filters(seeded, client, officer):
    client.force_login(officer)
    listed = client.get("/api/v1/risks", {"year": 2026, "mismatch": "true"}).json()
    assert [(r["section"], r["number"]) for r in listed] == [("IV", "1.1.2")]
    listed = client.get("/api/v1/risks", {"year": 2026, "band": "medium"}).json()
    assert listed and {r["band"] for r in listed} == {"medium"}
    refused = client.get("/api/v1/risks", {"year": 2026, "band": "rất cao"})
    assert refused.status_code == 400 and refused.json()["detail"]


def test_the_register_page_offers_the_bands_from_their_choices(seeded, client, officer):
    client.force_login(officer)
    page = client.get("/quality/2026/risks/", {"band": "high"}).content.decode()
    assert '<option value="high" selected>Cao</option>' in page
    assert 'value="medium" >Trung bình</option>' in page or 'value="medium">Trung bình</option>' in page
