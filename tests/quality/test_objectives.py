"""Quality objectives: the seed word for word, live indicators (objective 3 moves when a dossier is
resolved late), milestones, quarterly reviews, evidence."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from investdesk.core.exceptions import DomainError, PermissionDeniedError
from investdesk.dossiers.imports import import_dossiers
from investdesk.quality import indicators, services
from investdesk.quality.models import Objective

from ..security.hostile import pdf

pytestmark = pytest.mark.django_db


def objective(number):
    return Objective.objects.get(plan__year=2026, number=number)


def dossier(code, finished):
    return {
        "code": code,
        "procedure": "cap-lai-gcndkdt",
        "received_at": "2026-05-04T08:00:00+07:00",  # due 07/05 08:00 (3 working days)
        "channel": "online",
        "finished_at": finished,
        "result": "approved",
    }


def test_the_seed_objectives_are_in_the_system_word_for_word(seeded):
    assert Objective.objects.filter(plan__year=2026).count() == 4
    first, third = objective(1), objective(3)
    assert first.title == "Xây dựng Quy trình thủ tục dự án đầu tư ngoài ngân sách (bằng lưu đồ)"
    assert first.finish_text == "Trước 31/3/2026" and objective(2).finish_text == "Quý II/2026"
    assert third.title.startswith("Phân đấu Tỷ lệ hồ sơ giải quyết TTHC lĩnh vực của phòng")
    assert "Quyết định số 1384/QĐ-UBND ngày 01/10/2025 của UBND tỉnh Khánh Hòa" in third.measurement
    assert "xác định người chịu trách nhiệm trực tiếp đối với từng hồ sơ" in third.means
    assert third.target == Decimal("95") and third.finishes_on == date(2026, 12, 14)
    assert "(Mẫu BM02.2)" in objective(4).means


def test_objective_3_moves_when_a_dossier_is_resolved_late(seeded, reception):
    assert indicators.read(objective(3)).light == "grey"
    import_dossiers(reception, [dossier("Q-1", "2026-05-06T10:00:00+07:00")])
    reading = indicators.read(objective(3))
    assert (reading.value, reading.light) == (Decimal("100.00"), "green")
    import_dossiers(reception, [dossier("Q-2", "2026-05-08T10:00:00+07:00")])  # a day late
    reading = indicators.read(objective(3))
    assert (reading.value, reading.light) == (Decimal("50.00"), "red")
    assert "1 trễ hạn" in reading.figure


def test_objective_1_reads_the_procedures_with_an_approved_flowchart(seeded):
    reading = indicators.read(objective(1))
    assert reading.value == Decimal("100.00") and reading.light == "green" and "20/20" in reading.figure


def test_indicators_of_apps_not_installed_say_so(seeded, monkeypatch):
    # An installation without the project database or KPI shows those objectives grey, never a figure.
    monkeypatch.setattr(indicators.apps, "is_installed", lambda name: False)
    for number in (2, 4):
        reading = indicators.read(objective(number))
        assert reading.value is None and reading.light == "grey" and "chưa được triển khai" in reading.note


def test_objective_4_reads_the_kpi_evaluations(seeded):
    # Installed now: with nobody in the division yet it is grey for want of data.
    reading = indicators.read(objective(4))
    assert reading.value is None and reading.light == "grey" and "chưa được triển khai" not in reading.note
    assert "chưa có cán bộ" in reading.figure


def test_objective_2_reads_the_project_database(seeded):
    # Installed now: with no project yet it is grey for want of data, and says how it is measured.
    reading = indicators.read(objective(2))
    assert reading.value is None and reading.light == "grey"
    assert "chưa có dự án" in reading.figure and "Tỷ lệ dự án đang theo dõi" in reading.note


def test_milestones_reviews_and_evidence(seeded, division_head, officer):
    goal = objective(2)
    goal.indicator = "milestones"
    services.save_objective(division_head, goal, goal.version)
    first = services.add_milestone(division_head, goal, title="Thiết kế CSDL", due_on=date(2026, 4, 30))
    services.add_milestone(division_head, goal, title="Nhập dữ liệu dự án", due_on=date(2026, 6, 15))
    services.set_milestone_done(division_head, first, date(2026, 4, 28))
    reading = indicators.read(goal, today=date(2026, 5, 1))
    assert (reading.value, reading.light) == (Decimal("50.00"), "amber")
    assert indicators.read(goal, today=date(2026, 7, 1)).light == "red"  # the plan's time is out
    review = services.review_objective(division_head, goal, quarter=2, comment="Đúng tiến độ")
    assert review.figure == "1/2 mốc đã hoàn thành" and review.light in {"amber", "red"}
    with pytest.raises(DomainError):
        services.review_objective(division_head, goal, quarter=2, comment="Lần hai")
    with pytest.raises(PermissionDeniedError):
        services.add_milestone(officer, goal, title="x", due_on=None)
    evidence = services.add_evidence(
        division_head, objective=goal, title="Biên bản", upload=SimpleUploadedFile("bb.pdf", pdf())
    )
    assert evidence.file.name.endswith("bb.pdf")
    with pytest.raises(DomainError):
        services.add_evidence(division_head, objective=goal, title="Tệp lạ", upload=SimpleUploadedFile("a.pdf", b"MZ"))
    with pytest.raises(DomainError):
        services.add_evidence(division_head, objective=goal, title="Không gì")


def test_objective_pages_show_the_lights(seeded, client, officer, division_head):
    client.force_login(officer)
    page = client.get("/quality/2026/objectives/").content.decode()
    assert "Xây dựng Quy trình thủ tục dự án đầu tư ngoài ngân sách" in page and 'data-light="green"' in page
    assert client.get(f"/quality/objectives/{objective(3).pk}/").status_code == 200
    assert client.get("/quality/2026/objectives/new/").status_code == 403
    client.force_login(division_head)
    goal = objective(3)
    response = client.post(
        f"/quality/2026/objectives/{goal.pk}/edit/",
        {
            "number": 3,
            "title": goal.title,
            "measurement": goal.measurement,
            "means": goal.means,
            "starts_on": "01/01/2026",
            "finishes_on": "14/12/2026",
            "finish_text": goal.finish_text,
            "indicator": goal.indicator,
            "target": "96",
            "owner": division_head.pk,
            "expected_version": goal.version,
        },
    )
    assert response.status_code == 302
    goal.refresh_from_db()
    assert goal.target == Decimal("96") and goal.history.first().history_user == division_head


def test_a_quarterly_review_keeps_the_figure_of_its_quarter(seeded, reception, division_head):
    import_dossiers(reception, [dossier("Q-1", "2026-05-06T10:00:00+07:00")])
    late = {**dossier("Q-3", "2026-08-10T10:00:00+07:00"), "received_at": "2026-08-03T08:00:00+07:00"}
    import_dossiers(reception, [late])  # due 06/08 08:00, finished 10/08: late, in Q3
    goal = objective(3)
    second = services.review_objective(division_head, goal, quarter=2, comment="Quý II")
    third = services.review_objective(division_head, goal, quarter=3, comment="Quý III")
    assert (second.light, third.light) == ("green", "red")
    assert second.figure.startswith("100%") and third.figure.startswith("50%")
    later = Objective.objects.create(
        plan=services.open_year(division_head, 2027),
        number=1,
        title="x",
        measurement="x",
        means="x",
        starts_on=date(2027, 1, 1),
        finishes_on=date(2027, 12, 31),
        indicator="milestones",
    )
    with pytest.raises(DomainError):
        services.review_objective(division_head, later, quarter=1, comment="Chưa đến")


def test_objective_3_reads_the_totals_not_the_dossiers(seeded, reception):
    """The quality dashboard reads objective 3 on every visit: from the kept totals (the same figures
    as the period report's), never by counting a year of dossiers."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from investdesk.dossiers import stats

    import_dossiers(
        reception, [dossier("Q-1", "2026-05-06T10:00:00+07:00"), dossier("Q-2", "2026-05-08T10:00:00+07:00")]
    )
    with CaptureQueriesContext(connection) as queries:
        reading = indicators.read(objective(3), today=date(2026, 11, 30))
    assert not [query["sql"] for query in queries if 'FROM "dossiers_dossier"' in query["sql"]]
    figures = stats.summary(stats.Period.of(date(2026, 1, 1), date(2026, 11, 30)))
    assert reading.value == Decimal(str(figures["on_time_rate"])) == Decimal("50.00")
