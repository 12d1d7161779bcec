"""The project services: one write path with permission, history, optimistic locking and delay."""

from datetime import date
from decimal import Decimal

import pytest

from investdesk.core.exceptions import ConcurrentEditError, DomainError, PermissionDeniedError
from investdesk.projects import services
from investdesk.projects.choices import (
    DecisionKind,
    DecisionStatus,
    DelayStatus,
    ExemptionReason,
    InspectionKind,
    InspectionStatus,
    MilestoneKind,
    ProjectStatus,
    ReportKind,
)
from investdesk.projects.models import DecisionVersion, Inspection, InvestorReport, Milestone, Project

from .conftest import AT, LATE_MILESTONES

pytestmark = pytest.mark.django_db


def test_a_project_is_saved_with_history_and_folded_search(officer, make_project):
    project = make_project(name="Khu đô thị Hòa Xuân", investor=None)
    assert project.version == 1
    assert project.history.count() == 1
    assert project.history.first().history_user == officer
    assert Project.objects.search("hoa xuan").get() == project
    assert Project.objects.search("HOÀ XUÂN").get() == project
    assert Project.objects.search("bien xanh").get() == project  # the investor's name


def test_a_late_milestone_makes_the_project_late_and_recorded_months(make_project):
    project = make_project(milestones=LATE_MILESTONES)
    assert (project.delay_status, project.delay_months) == (DelayStatus.SERIOUSLY_LATE, 17)
    assert project.milestones.get().delay_months == 17


def test_doing_the_milestone_puts_the_project_back_on_track(officer, make_project):
    project = make_project(milestones=LATE_MILESTONES)
    milestone = project.milestones.get()
    milestone.actual_on = date(2026, 1, 10)
    services.save_milestone(officer, milestone, milestone.version, at=AT)
    project.refresh_from_db()
    assert project.delay_status == DelayStatus.ON_TRACK
    assert Milestone.objects.get().delay_months == 7


def test_exemption_needs_a_reason_and_is_not_counted(officer, make_project):
    project = make_project(milestones=LATE_MILESTONES)
    milestone = project.milestones.get()
    milestone.exempt_months = 12
    with pytest.raises(DomainError):
        services.save_milestone(officer, milestone, milestone.version, at=AT)
    milestone.exemption_reason = ExemptionReason.LATE_LAND_HANDOVER
    services.save_milestone(officer, milestone, milestone.version, at=AT)
    project.refresh_from_db()
    assert (project.delay_status, project.delay_months) == (DelayStatus.LATE, 5)


def test_a_terminated_project_is_not_monitored(officer, make_project):
    project = make_project(milestones=LATE_MILESTONES)
    project.status = ProjectStatus.TERMINATED
    services.save_project(officer, project, project.version, at=AT)
    project.refresh_from_db()
    assert project.delay_status == DelayStatus.NOT_MONITORED


def test_the_nightly_refresh_is_idempotent_and_sees_days_pass(make_project):
    project = make_project(milestones=((MilestoneKind.COMPLETION, date(2026, 12, 15), None),))
    assert project.delay_status == DelayStatus.ON_TRACK
    later = AT.replace(year=2027, month=1)
    assert services.refresh_all_delays(at=later) == 1
    assert services.refresh_all_delays(at=later) == 0
    project.refresh_from_db()
    assert project.delay_status == DelayStatus.LATE
    assert project.version == 1  # the job is not an edit: open forms stay valid


def test_concurrent_edits_are_refused(officer, make_project):
    project = make_project()
    first = Project.objects.get(pk=project.pk)
    second = Project.objects.get(pk=project.pk)
    first.name = "Tên mới"
    services.save_project(officer, first, first.version, at=AT)
    second.name = "Tên khác"
    with pytest.raises(ConcurrentEditError):
        services.save_project(officer, second, second.version, at=AT)
    assert Project.objects.get().name == "Tên mới"


def test_duplicate_code_and_foreign_commune_are_refused(officer, make_project, make_investor):
    make_project(code="5612345678")
    with pytest.raises(DomainError) as error:
        make_project(code="5612345678")
    assert error.value.field == "code"
    with pytest.raises(DomainError) as error:
        make_project(commune="00004")  # Ba Đình, Hà Nội
    assert error.value.field == "commune"


def test_roles(officer, division_head, leader, make_person, make_project):
    from investdesk.accounts.choices import Role

    viewer = make_person("nguoixem", Role.VIEWER)
    project = make_project()
    for reader in (leader, viewer):
        assert Project.objects.restrict(reader, "view").count() == 1
        assert not Project.objects.restrict(reader, "change").exists()
        with pytest.raises(PermissionDeniedError):
            services.save_project(reader, project, project.version, at=AT)
    other = make_person("khac", Role.OFFICER, division="van-phong")
    assert not Project.objects.restrict(other, "change").exists()
    with pytest.raises(PermissionDeniedError):
        services.save_project(other, project, project.version, at=AT)
    assert Project.objects.restrict(division_head, "confirm").count() == 1
    assert not Project.objects.restrict(officer, "confirm").exists()


def test_decisions_are_confirmed_by_the_head_only(officer, division_head, make_project):
    project = make_project(total_capital_vnd=Decimal(100))
    decision = services.add_decision(
        officer,
        project,
        DecisionVersion(
            kind=DecisionKind.CERTIFICATE,
            reference="5612345678",
            decided_on=date(2025, 3, 1),
            total_capital_vnd=Decimal(500),
        ),
    )
    adjustment = services.add_decision(
        officer,
        project,
        DecisionVersion(
            kind=DecisionKind.ADJUSTMENT, reference="ĐC1", decided_on=date(2026, 1, 5), changes_schedule=True
        ),
    )
    assert (decision.number, adjustment.number) == (1, 2)
    with pytest.raises(PermissionDeniedError):
        services.confirm_decision(officer, decision, decision.version)
    services.confirm_decision(division_head, decision, decision.version, at=AT)
    project.refresh_from_db()
    assert decision.status == DecisionStatus.CONFIRMED
    assert (project.registered_on, project.total_capital_vnd) == (date(2025, 3, 1), Decimal(500))
    assert services.decision_in_force(project) == decision
    milestone = services.save_milestone(
        officer, Milestone(project=project, kind=MilestoneKind.COMPLETION, committed_on=date(2027, 1, 1)), at=AT
    )
    assert milestone.decision == decision


def test_reports_get_their_due_date(officer, make_project):
    project = make_project()
    report = services.save_report(
        officer,
        InvestorReport(
            project=project, kind=ReportKind.QUARTERLY_ACTIVITY, year=2026, period=2, received_on=date(2026, 7, 9)
        ),
        at=AT,
    )
    assert report.due_on == date(2026, 7, 10) and report.on_time
    with pytest.raises(DomainError):
        services.save_report(
            officer, InvestorReport(project=project, kind=ReportKind.SEMIANNUAL_ME, year=2026, period=3), at=AT
        )


def test_inspections_are_closed_by_the_head_and_then_frozen(officer, division_head, make_project):
    project = make_project()
    inspection = services.save_inspection(
        officer,
        Inspection(
            project=project, kind=InspectionKind.PERIODIC, inspected_on=date(2026, 10, 1), findings="Chậm tiến độ"
        ),
        at=AT,
    )
    with pytest.raises(PermissionDeniedError):
        services.close_inspection(officer, inspection, inspection.version)
    services.close_inspection(division_head, inspection, inspection.version, at=AT)
    assert inspection.status == InspectionStatus.CLOSED
    inspection.findings = "Sửa"
    with pytest.raises(DomainError):
        services.save_inspection(officer, inspection, inspection.version, at=AT)


def test_merging_investors_moves_projects(officer, make_project, make_investor):
    keep = make_investor("Công ty TNHH Sao Mai")
    duplicate = make_investor("Cty TNHH Sao Mai")
    project = make_project(investor=duplicate)
    services.merge_investors(officer, keep, duplicate)
    project.refresh_from_db()
    duplicate.refresh_from_db()
    assert project.investor == keep and duplicate.merged_into == keep
    assert "sao mai" in project.search_key
