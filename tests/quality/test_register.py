"""The risk and opportunity register: the seed word for word, P×S on the year's fixed matrix, the
written-level mismatch, reviews, the heat map, and the API."""

from datetime import date

import pytest

from investdesk.core.exceptions import ConcurrentEditError, DomainError, PermissionDeniedError
from investdesk.quality import overview, services
from investdesk.quality.models import QualityYear, Risk

pytestmark = pytest.mark.django_db


def row(number, section="IV"):
    return Risk.objects.get(register__year=2026, section=section, number=number)


def test_the_seed_register_is_in_the_system_word_for_word(seeded):
    rows = list(Risk.objects.filter(register__year=2026).order_by("position"))
    assert [(r.section, r.number) for r in rows] == [
        ("I", "1"),
        ("II", "1"),
        ("II", "2"),
        ("II", "3"),
        ("III", "1"),
        ("IV", "1"),
        ("IV", "1.1"),
        ("IV", "1.1.1"),
        ("IV", "1.1.2"),
    ]
    assert row("2", "II").title.startswith("Định hướng, chủ trương của Chính phủ và Tỉnh ủy, UBND tỉnh")
    assert row("1.1.2").related_units == "Sở Khoa học và Công nghệ; Trung tâm Dịch vụ hành chính công tỉnh Khánh Hòa"
    assert row("1.1").is_heading and row("1.1").title == "Các lĩnh vực của Sở Tài chính"
    plan = QualityYear.objects.get(year=2026)
    assert plan.register_issued_on == date(2026, 1, 26) and plan.signer_name == "Ngô Bá Hưng"


def test_scores_and_bands_follow_the_matrix_and_the_1_1_2_mismatch_is_flagged(seeded):
    assert (row("2", "II").score, row("2", "II").band) == (8, "low")  # the seed calls 8 "Thấp"
    flagged = row("1.1.2")
    assert (flagged.score, flagged.band, flagged.written_level) == (9, "medium", "2- Thấp")
    assert flagged.written_level_mismatch
    others = [r for r in Risk.objects.filter(register__year=2026).exclude(pk=flagged.pk) if r.written_level_mismatch]
    assert others == []


@pytest.mark.parametrize(
    ("p", "s", "band"),
    [(1, 1, "low"), (2, 4, "low"), (3, 3, "medium"), (3, 4, "medium"), (3, 5, "high"), (5, 5, "high")],
)
def test_default_bands(seeded, division_head, p, s, band):
    plan = services.open_year(division_head, 2031)
    risk = services.save_risk(
        division_head, Risk(register=plan, section="I", number="1", title="Thử", likelihood=p, severity=s)
    )
    assert (risk.score, risk.band) == (p * s, band)


def test_a_written_band_name_that_disagrees_is_flagged_too(seeded, division_head):
    plan = services.open_year(division_head, 2031)
    risk = services.save_risk(
        division_head,
        Risk(register=plan, section="I", number="1", title="Thử", likelihood=3, severity=5, written_level="Thấp"),
    )
    assert risk.band == "high" and risk.written_level_mismatch
    risk.written_level = "15 - Cao"
    assert not risk.written_level_mismatch


def test_bands_of_an_issued_register_are_fixed_and_others_rescore_when_changed(seeded, division_head):
    issued = QualityYear.objects.get(year=2026)
    issued.low_max = 4
    with pytest.raises(DomainError):
        services.update_year(division_head, issued, issued.version)
    assert row("1.1.2").band == "medium"

    plan = services.open_year(division_head, 2031)
    risk = services.save_risk(
        division_head, Risk(register=plan, section="I", number="1", title="Thử", likelihood=2, severity=4)
    )
    assert risk.band == "low"
    plan.low_max, plan.medium_max = 4, 9
    services.update_year(division_head, plan, plan.version)
    risk.refresh_from_db()
    assert risk.band == "medium"
    services.issue_register(division_head, plan, date(2031, 1, 20))
    plan.refresh_from_db()
    plan.medium_max = 12
    with pytest.raises(DomainError):
        services.update_year(division_head, plan, plan.version)


def test_changing_p_or_s_records_a_review_and_history(seeded, division_head):
    risk = row("1.1.2")
    risk.severity = 2
    services.save_risk(division_head, risk, risk.version, comment="Cổng DVC ổn định hơn")
    risk.refresh_from_db()
    assert (risk.score, risk.band) == (6, "low") and risk.written_level_mismatch  # "2" is still not 6
    review = risk.reviews.get()
    assert (review.score, review.band, review.comment, review.reviewer) == (
        6,
        "low",
        "Cổng DVC ổn định hơn",
        division_head,
    )
    assert risk.history.first().history_user == division_head
    services.review_risk(division_head, risk, likelihood=3, severity=2, comment="Giữ nguyên")
    assert risk.reviews.count() == 2


def test_only_quality_managers_change_the_register_and_stale_edits_are_refused(seeded, division_head, officer):
    risk = row("1.1.1")
    with pytest.raises(PermissionDeniedError):
        services.save_risk(officer, risk, risk.version)
    first, second = row("1.1.1"), row("1.1.1")
    first.notes = "A"
    services.save_risk(division_head, first, first.version)
    second.notes = "B"
    with pytest.raises(ConcurrentEditError):
        services.save_risk(division_head, second, second.version)


def test_p_and_s_outside_one_to_five_are_refused(seeded, division_head):
    plan = services.open_year(division_head, 2031)
    for p, s in [(0, 3), (6, 3), (3, None)]:
        with pytest.raises(DomainError):
            services.save_risk(
                division_head, Risk(register=plan, section="I", number="9", title="x", likelihood=p, severity=s)
            )


def test_heat_map_counts_the_rows_behind_each_cell(seeded, client, officer):
    grid = overview.heat_map(QualityYear.objects.get(year=2026))
    counts = {(c["likelihood"], c["severity"]): c["count"] for r in grid for c in r["cells"]}
    assert counts[1, 1] == 5 and counts[2, 4] == 1 and counts[3, 3] == 1 and sum(counts.values()) == 7
    bands = {(c["likelihood"], c["severity"]): c["band"] for r in grid for c in r["cells"]}
    assert bands[2, 4] == "low" and bands[3, 3] == "medium" and bands[3, 5] == "high"
    client.force_login(officer)
    page = client.get("/quality/2026/risks/", {"kind": "risk", "likelihood": 3, "severity": 3}).content.decode()
    assert 'data-testid="risk-row-IV-1.1.2"' in page and 'data-testid="risk-row-II-2"' not in page
    page = client.get("/quality/2026/risks/", {"mismatch": "1"}).content.decode()
    assert 'data-testid="risk-row-IV-1.1.2"' in page and 'data-testid="risk-row-I-1"' not in page


def test_api_adds_and_lists_risks(seeded, client, division_head, officer):
    client.force_login(division_head)
    response = client.post(
        "/api/v1/risks",
        {"title": "Mất điện kéo dài", "kind": "risk", "likelihood": 3, "severity": 5, "year": 2026},
        content_type="application/json",
    )
    assert response.status_code == 201
    body = response.json()
    assert (body["score"], body["band"], body["band_label"]) == (15, "high", "Cao")
    for bad in ({"likelihood": 6}, {"severity": 0}, {"likelihood": "ba"}):
        payload = {"title": "x", "kind": "risk", "likelihood": 2, "severity": 2, "year": 2026, **bad}
        response = client.post("/api/v1/risks", payload, content_type="application/json")
        assert response.status_code == 400 and response.json()["detail"]
    listed = client.get("/api/v1/risks", {"year": 2026}).json()
    flagged = [r for r in listed if r["written_level_mismatch"]]
    assert [(r["section"], r["number"]) for r in flagged] == [("IV", "1.1.2")]
    assert any(r["title"] == "Mất điện kéo dài" and r["number"] == "2" and r["section"] == "I" for r in listed)
    client.force_login(officer)
    payload = {"title": "x", "kind": "risk", "likelihood": 2, "severity": 2, "year": 2026}
    assert client.post("/api/v1/risks", payload, content_type="application/json").status_code == 403
    assert client.get("/api/v1/risks", {"year": 2026}).status_code == 200
