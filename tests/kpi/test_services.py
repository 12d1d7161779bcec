"""Scoring, review and approval of a period through the services."""

from decimal import Decimal as D

import pytest

from investdesk.core.exceptions import ConcurrentEditError, DomainError, PermissionDeniedError
from investdesk.kpi import periods, services
from investdesk.kpi.choices import EvaluationStatus
from investdesk.kpi.models import Evaluation, ScoringRule, WorkItem
from investdesk.kpi.summary import division_summary

from .conftest import at

pytestmark = pytest.mark.django_db

FULL = {"chinh-tri": 6, "dao-duc": 6, "tac-phong": 6, "ky-luat": 5, "phuc-vu": 5}  # 28


@pytest.fixture
def month(staff):
    return services.scoring_period(periods.parse("2026-03").starts_on)


def items_for(staff, person):
    first = services.add_item(
        person,
        person,
        title="Báo cáo tình hình dự án quý I",
        deadline=at("17:00 20/03/2026"),
        at=at("08:00 02/03/2026"),
    )
    second = services.add_item(
        staff["head"], person, title="Rà soát dự án chậm tiến độ", weight=D(3), deadline=at("17:00 10/03/2026")
    )
    services.finish_item(person, first, first.version, at=at("10:00 19/03/2026"))
    services.finish_item(person, second, second.version, at=at("10:00 12/03/2026"))  # late
    return first, second


def test_a_period_from_self_assessment_to_approval(staff, month):
    officer, head, leader = staff["officer"], staff["head"], staff["leader"]
    first, second = items_for(staff, officer)
    assert WorkItem.objects.get(pk=second.pk).is_late
    evaluation = services.open_evaluation(officer, officer, month)
    assert evaluation.status == EvaluationStatus.DRAFT
    # weights 1 and 3 of 70: 17.5 + 52.5 × 75% = 56.875
    assert evaluation.task_score == D("56.88") and evaluation.items_late == 1 and evaluation.items_on_time == 1
    evaluation = services.self_assess(officer, evaluation, evaluation.version, scores=FULL, comment="Hoàn thành")
    with pytest.raises(PermissionDeniedError):
        services.review(officer, evaluation, evaluation.version, scores=FULL, comment="")
    with pytest.raises(PermissionDeniedError):
        services.approve(leader, evaluation, evaluation.version)  # not reviewed yet
    with pytest.raises(DomainError):
        services.review(head, evaluation, evaluation.version, scores={"chinh-tri": 6}, comment="")
    with pytest.raises(DomainError):
        services.review(head, evaluation, evaluation.version, scores={**FULL, "ky-luat": 7}, comment="")
    stale = evaluation.version
    evaluation = services.review(head, evaluation, evaluation.version, scores=FULL, comment="Tích cực")
    assert (evaluation.general_score, evaluation.total, evaluation.band) == (D(28), D("84.88"), "good")
    with pytest.raises(ConcurrentEditError):
        services.review(head, evaluation, stale, scores=FULL, comment="")
    evaluation = services.approve(leader, evaluation, evaluation.version, comment="Đồng ý")
    assert evaluation.status == EvaluationStatus.APPROVED and evaluation.approved_by == leader
    # Frozen: nothing about the period changes any more.
    for attempt in (
        lambda: services.review(head, evaluation, evaluation.version, scores=FULL, comment=""),
        lambda: services.self_assess(officer, evaluation, evaluation.version, scores=FULL, comment=""),
        lambda: services.assess_item(head, first, first.version, quality=D(50), has_error=True),
    ):
        with pytest.raises((DomainError, PermissionDeniedError)):
            attempt()
    assert Evaluation.history.filter(id=evaluation.pk).count() == 4
    summary = division_summary(officer.division, periods.parse("2026-Q1"))
    row = next(r for r in summary.rows if r.person == officer)
    assert (row.items_assigned, row.items_on_time, row.items_late, row.total, row.band) == (2, 1, 1, D("84.88"), "good")
    assert summary.coverage["evaluated"] == 1


def test_the_head_scores_only_their_division_and_not_themself(staff, make_person, month):
    outsider = make_person("vanphong", "officer", division="van-phong", full_name="Lê Văn Phòng")
    items_for(staff, staff["officer"])
    with pytest.raises(PermissionDeniedError):
        services.add_item(staff["head"], outsider, title="X")
    with pytest.raises(PermissionDeniedError):
        services.open_evaluation(staff["officer"], outsider, month)
    own = services.open_evaluation(staff["head"], staff["head"], month)
    with pytest.raises(PermissionDeniedError):
        services.review(staff["head"], own, own.version, scores=FULL, comment="")


def test_item_quality_and_errors_assessed_by_the_head_change_the_task_score(staff, month):
    first, _second = items_for(staff, staff["officer"])
    with pytest.raises(PermissionDeniedError):
        services.assess_item(staff["officer"], first, first.version, quality=D(100), has_error=False)
    services.assess_item(staff["head"], first, first.version, quality=D(80), has_error=True)
    evaluation = services.open_evaluation(staff["head"], staff["officer"], month)
    # 17.5 × 80% × 75% + 39.375 = 49.875
    assert evaluation.task_score == D("49.88")


def test_an_adjustment_changes_the_item_only_once_approved(staff, month):
    first, _second = items_for(staff, staff["officer"])
    proposal = services.propose_adjustment(staff["officer"], first, reason="Khối lượng lớn hơn dự kiến", weight=D(2))
    assert WorkItem.objects.get(pk=first.pk).weight == D(1)
    with pytest.raises(PermissionDeniedError):
        services.decide_adjustment(staff["officer"], proposal, approve=True)
    services.decide_adjustment(staff["head"], proposal, approve=True, note="Đồng ý")
    assert WorkItem.objects.get(pk=first.pk).weight == D(2)
    with pytest.raises(DomainError):
        services.decide_adjustment(staff["head"], proposal, approve=False)


def test_a_changed_rule_rescores_open_evaluations_but_not_approved_ones(staff, month):
    items_for(staff, staff["officer"])
    evaluation = services.open_evaluation(staff["head"], staff["officer"], month)
    evaluation = services.review(staff["head"], evaluation, evaluation.version, scores=FULL, comment="")
    rule = ScoringRule.objects.get(year=2026)
    rule.late_penalty = D(50)
    with pytest.raises(PermissionDeniedError):
        services.save_rule(staff["head"], rule, rule.version)
    services.save_rule(staff["admin"], rule, rule.version)
    evaluation.refresh_from_db()
    assert evaluation.task_score == D("43.75")  # 17.5 + 52.5 × 50%
    rule.good_min = D(95)
    with pytest.raises(DomainError):
        services.save_rule(staff["admin"], rule, rule.version)


def test_the_year_averages_its_approved_periods(staff):
    from investdesk.kpi.summary import division_summary

    officer, head, leader = staff["officer"], staff["head"], staff["leader"]
    for month, late in ((3, True), (4, False)):
        start = periods.parse(f"2026-{month:02d}").starts_on
        item = services.add_item(officer, officer, title="Báo cáo", counts_on=start)
        services.finish_item(officer, item, item.version, at=at(f"08:00 10/{month:02d}/2026"))
        if late:
            services.assess_item(head, item, item.version, quality=None, has_error=True)
        evaluation = services.open_evaluation(head, officer, services.scoring_period(start))
        evaluation = services.review(head, evaluation, evaluation.version, scores=FULL, comment="")
        services.approve(leader, evaluation, evaluation.version)
    # March: 28 + 52.5 = 80.5; April: 28 + 70 = 98 → the year 89.25, "good".
    row = next(r for r in division_summary(officer.division, periods.parse("2026")).rows if r.person == officer)
    assert (row.total, row.band, row.task_score, row.items_assigned) == (D("89.25"), "good", D("61.25"), 2)


def test_an_item_past_the_cutoff_counts_in_the_next_year(staff):
    """15 December (the default): an item counted on the 16th is January's, in its tallies too."""
    officer = staff["officer"]
    kept = services.add_item(officer, officer, title="Báo cáo năm", counts_on=periods.parse("2026-12").starts_on)
    moved = services.add_item(officer, officer, title="Tổng kết", deadline=at("17:00 16/12/2026"))
    assert kept.period.code == "2026-12" and moved.period.code == "2027-01"
    assert moved.counts_on.isoformat() == "2026-12-16"  # the day itself is kept as it was
    division = officer.division
    rows = {span: division_summary(division, periods.parse(span), approved_only=False) for span in ("2026", "2027-01")}
    mine = {span: next(r for r in summary.rows if r.person == officer) for span, summary in rows.items()}
    assert mine["2026"].items_assigned == 1 and mine["2027-01"].items_assigned == 1
    # A later cut-off (31/12) for 2026 keeps the 16th in December for the items made after it.
    ScoringRule.objects.update_or_create(year=2026, defaults={"cutoff_month": 12, "cutoff_day": 31})
    late = services.add_item(officer, officer, title="Báo cáo bổ sung", deadline=at("17:00 20/12/2026"))
    assert late.period.code == "2026-12"


def test_the_year_summary_follows_the_year_s_rating_method(staff, make_person):
    """Two approved months: 90 with 1 item, 60 with 3. Mean (90 + 60) / 2 = 75 (good); by
    workload (90×1 + 60×3) / 4 = 67.5 (completed)."""
    officer = staff["officer"]
    division = officer.division
    for code, figures, items in (("2026-01", (D(27), D(63), D(90)), 1), ("2026-02", (D(20), D(40), D(60)), 3)):
        period = services.scoring_period(periods.parse(code).starts_on)
        Evaluation.objects.create(
            person=officer,
            division=division,
            period=period,
            status=EvaluationStatus.APPROVED,
            general_score=figures[0],
            task_score=figures[1],
            total=figures[2],
            items_assigned=items,
        )
    year = periods.parse("2026")
    row = next(r for r in division_summary(division, year).rows if r.person == officer)
    assert (row.general_score, row.task_score, row.total, row.band) == (D("23.50"), D("51.50"), D(75), "good")
    ScoringRule.objects.update_or_create(year=2026, defaults={"year_rating": "by_workload"})
    row = next(r for r in division_summary(division, year).rows if r.person == officer)
    # general (27 + 60) / 4 = 21.75; task (63 + 120) / 4 = 45.75; total (90 + 180) / 4 = 67.5
    assert (row.general_score, row.task_score, row.total, row.band) == (D("21.75"), D("45.75"), D("67.50"), "completed")


def _rule_data(**changes) -> dict:
    import json

    from django.forms.models import model_to_dict

    from investdesk.kpi.forms import RuleForm

    data = model_to_dict(ScoringRule(year=2026), fields=RuleForm.Meta.fields)
    data["criteria"] = json.dumps(data["criteria"])
    return {**data, **changes}


def test_the_cutoff_is_a_day_of_december(staff):
    """30/06 would move July to December into next January: refused by the form and the service."""
    from investdesk.kpi.forms import RuleForm

    rule = services.rule_for(2026)
    rule.cutoff_month, rule.cutoff_day = 6, 30
    with pytest.raises(DomainError) as refused:
        services.save_rule(staff["admin"], rule, rule.version)
    assert refused.value.field == "cutoff_month" and "tháng 12" in refused.value.message
    assert services.rule_for(2026).cutoff == periods.DEFAULT_CUTOFF
    form = RuleForm(data=_rule_data(cutoff_month=6, cutoff_day=30), instance=ScoringRule(year=2026))
    assert not form.is_valid() and "tháng 12" in form.errors["cutoff_month"][0]
    assert RuleForm(data=_rule_data(cutoff_month=12, cutoff_day=1), instance=ScoringRule(year=2026)).is_valid()
    rule.cutoff_month, rule.cutoff_day = 12, 31
    assert services.save_rule(staff["admin"], rule, rule.version).cutoff == (12, 31)


def test_moving_the_cutoff_moves_december_s_items_their_tallies_and_figures(staff):
    """Items of 10 and 20 December under the default 15/12: December's and January's. A cut-off on
    5/12 gives both to January; 31/12 (none) both to December — items, tallies and evaluations agree."""
    officer, admin = staff["officer"], staff["admin"]
    december = periods.parse("2026-12").starts_on
    early = services.add_item(officer, officer, title="Báo cáo tháng", counts_on=december.replace(day=10))
    late = services.add_item(officer, officer, title="Tổng kết năm", counts_on=december.replace(day=20))
    january = services.open_evaluation(staff["head"], officer, late.period)
    assert (early.period.code, late.period.code, january.items_assigned) == ("2026-12", "2027-01", 1)

    def counted(code):
        summary = division_summary(officer.division, periods.parse(code), approved_only=False)
        return next(row for row in summary.rows if row.person == officer).items_assigned

    rule = services.rule_for(2026)
    rule.cutoff_day = 5
    services.save_rule(admin, rule, rule.version)
    early.refresh_from_db()
    january.refresh_from_db()
    assert early.period.code == "2027-01" and january.items_assigned == 2
    assert (counted("2026-12"), counted("2027-01")) == (0, 2)
    assert early.history.first().history_user == admin and early.history.count() == 2

    rule.cutoff_day = 31
    services.save_rule(admin, rule, rule.version)
    assert {item.period.code for item in WorkItem.objects.all()} == {"2026-12"}
    january.refresh_from_db()
    assert january.items_assigned == 0 and (counted("2026-12"), counted("2027-01")) == (2, 0)

    # Once December's figures are approved, its items stay where they were approved.
    early.refresh_from_db()
    evaluation = services.open_evaluation(staff["head"], officer, early.period)
    evaluation = services.review(staff["head"], evaluation, evaluation.version, scores=FULL, comment="")
    services.approve(staff["leader"], evaluation, evaluation.version)
    rule.refresh_from_db()
    rule.cutoff_day = 15
    with pytest.raises(DomainError) as refused:
        services.save_rule(admin, rule, rule.version)
    assert "phê duyệt" in refused.value.message
    assert ScoringRule.objects.get(year=2026).cutoff_day == 31
    rule.cutoff_day, rule.late_penalty = 31, D(50)  # other changes of the rule are still allowed
    services.save_rule(admin, rule, rule.version)


def test_items_made_past_the_cutoff_before_it_existed_move_to_the_next_year_unless_approved(staff):
    """Items of 20 December kept in December (made before the cut-off) go to January 2027 with a
    history record; one whose December evaluation is approved stays with it."""
    from importlib import import_module

    from django.apps import apps

    migration = import_module("investdesk.kpi.migrations.0006_items_past_the_cutoff_in_the_next_year")
    officer, other = staff["officer"], staff["head"]
    december = services.scoring_period(periods.parse("2026-12").starts_on)
    day = december.starts_on.replace(day=20)
    made = {
        person.pk: WorkItem.objects.create(
            person=person, division=person.division, period=december, counts_on=day, title="Tổng kết năm"
        )
        for person in (officer, other)
    }
    kept = WorkItem.objects.create(
        person=officer, division=officer.division, period=december, counts_on=december.starts_on, title="Báo cáo"
    )
    Evaluation.objects.create(person=other, division=other.division, period=december, status=EvaluationStatus.APPROVED)
    migration.move_items_past_the_cutoff(apps, None)
    moved, frozen = (WorkItem.objects.get(pk=made[person.pk].pk) for person in (officer, other))
    assert moved.period.code == "2027-01" and moved.version == 2
    assert moved.history.first().history_change_reason and moved.history.count() == 2  # made, moved
    assert frozen.period == december and WorkItem.objects.get(pk=kept.pk).period == december
