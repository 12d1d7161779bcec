"""Every change of a domain row made through the services is kept in its history with who made it.

The installed models are walked: a model with history must have a line in ``CHANGES`` (a service
call as a named person) and the test checks that person is the history's ``history_user``; a model
without history must be listed in ``WITHOUT_HISTORY`` with the reason.
"""

from datetime import date, time

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile

from investdesk.accounts import services as accounts
from investdesk.accounts.models import Division, User
from investdesk.dossiers import services as dossiers
from investdesk.legal import services as legal
from investdesk.legal.models import LegalDocument
from investdesk.procedures import services as procedures
from investdesk.procedures.models import Procedure
from investdesk.quality import services as quality
from investdesk.quality.models import Action, Objective, QualityYear, Risk
from investdesk.worktime import services as worktime
from investdesk.worktime.choices import OverrideKind
from investdesk.worktime.models import OfficeHours
from tests.dossiers.conftest import at
from tests.security.hostile import pdf

pytestmark = pytest.mark.django_db

WITHOUT_HISTORY = {
    "core.BackgroundJob": "a job's own row says who asked for it and when it ran; it changes nothing of the domain",
    "core.WorkerHeartbeat": "a liveness signal of the background worker, not data of the department",
    "core.Notification": "a message to one person; its row is its record (recipient, sent, read)",
    "procedures.ProcedureStep": "derived from the version's process model and never edited; the version has history",
    "dossiers.DossierCounter": "the last number given in a year; every number is on a dossier that has history",
    "dossiers.DossierImport": "the upload's own record (who, when, result); the dossiers it writes have history",
    "projects.ProjectImport": "the upload's own record (who, when, result); the projects it writes have history",
    "dossiers.DailyOutcome": "per-day totals derived from dossiers, rebuilt by rebuild_daily_stats",
    "dossiers.DailyStepOutcome": "per-day totals derived from steps, rebuilt by rebuild_daily_stats",
    "dossiers.MonthlyOutcome": "monthly sums of the per-day totals, rebuilt with them by rebuild_daily_stats",
    "dossiers.MonthlyStepOutcome": "monthly sums of the per-day step totals, rebuilt by rebuild_daily_stats",
    "quality.RiskReview": "itself the record of a review (reviewer, date, comment), written once and never changed",
    "dossiers.StagedDossier": "rows of an import under way, moved into the dossiers (with history) when it publishes",
    "dossiers.StagedStep": "rows of an import under way, moved into the steps (with history) when it publishes",
    "dossiers.StagedPause": "rows of an import under way, moved into the pauses when it publishes",
    "kpi.ItemTally": "monthly counts derived from the work items (which have history), rebuilt by kpi.tally",
}
# Models with history that no service changes: reference data the seed writes and the Django admin
# edits (the admin records its user through the request).
NO_SERVICE = {
    "accounts.Department": "the department is one row written by ``investdesk seed`` and edited in the Django admin",
    "accounts.Position": "positions are reference data of ``investdesk seed`` and the Django admin",
    "kpi.Period": "scoring periods are a calendar, made on first use and never edited",
}


def _plan():
    return QualityYear.objects.get(year=2026)


def _checking(p):
    dossier = dossiers.receive_dossier(
        p["reception"],
        procedure=Procedure.objects.get(code="cap-lai-gcndkdt"),
        applicant_name="Công ty TNHH Vịnh Xanh",
        channel="direct",
        received_at=at("08:00 02/03/2026"),
    )
    dossiers.complete_step(p["reception"], dossier.steps.get(), at=at("09:00 02/03/2026"))
    dossier.refresh_from_db()
    return dossier


def _action(p):
    plan = _plan()
    risk = Risk.objects.filter(register=plan, likelihood__isnull=False).first()
    return quality.save_action(
        p["head"], Action(plan=plan, risk=risk, title="Theo dõi", owner=p["officer"], due_on=date(2026, 6, 30))
    )


def change_division(p):
    division = Division.objects.get(code="dtnns")
    division.short_name = "Phòng ĐT"
    return accounts.save_division(p["admin"], division, expected_version=division.version), p["admin"]


def change_user(p):
    officer = p["officer"]
    return accounts.update_person(p["admin"], officer, expected_version=officer.version, phone="0905"), p["admin"]


def change_token(p):
    token, _raw = accounts.create_api_token(p["officer"], name="Máy chủ báo cáo", days=30)
    accounts.revoke_api_token(p["officer"], token)
    return token, p["officer"]


def change_override(p):
    override = worktime.save_override(p["admin"], day=date(2026, 3, 4), kind=OverrideKind.DAY_OFF, reason="Nghỉ")
    return override, p["admin"]


def change_office_hours(p):
    hours = OfficeHours.current()
    worktime.update_office_hours(
        p["admin"],
        expected_version=hours.version if hours.pk else None,
        morning_start=time(7, 30),
        morning_end=time(11, 30),
        afternoon_start=time(13, 30),
        afternoon_end=time(17, 0),
    )
    return OfficeHours.current(), p["admin"]


def change_procedure(p):
    procedure = Procedure.objects.get(code="cap-lai-gcndkdt")
    procedure.fee = "Không thu phí"
    return procedures.save_procedure(p["admin"], procedure, expected_version=procedure.version), p["admin"]


def change_procedure_version(p):
    procedure = Procedure.objects.get(code="cap-lai-gcndkdt")
    current = procedure.versions.order_by("-number").first()
    return procedures.create_version(p["admin"], procedure, current.bpmn_xml, difference_note="Thử"), p["admin"]


def change_dossier(p):
    return _checking(p), p["reception"]


def change_step(p):
    dossier = _checking(p)
    step = dossier.steps.get(finished_at__isnull=True)
    dossiers.complete_step(p["officer"], step, answers={"valid": True}, at=at("10:00 02/03/2026"))
    return step, p["officer"]


def change_pause(p):
    dossier = _checking(p)
    return dossiers.request_explanation(p["head"], dossier, reason="Nguồn vốn"), p["head"]


def change_default_assignee(p):
    dossiers.set_default_assignee(p["head"], procedure=None, role="officer", person=p["officer"])
    from investdesk.dossiers.models import DefaultAssignee

    return DefaultAssignee.objects.get(procedure=None, role="officer"), p["head"]


def change_refusal(p):
    refusal = dossiers.refuse_receipt(
        p["reception"],
        procedure=Procedure.objects.get(code="cap-lai-gcndkdt"),
        applicant_name="Công ty A",
        channel="direct",
        reason="Thiếu đơn",
    )
    return refusal, p["reception"]


def change_document(p):
    dossier = _checking(p)
    upload = SimpleUploadedFile("don.pdf", pdf())
    return dossiers.attach_document(p["officer"], dossier, title="Đơn", upload=upload), p["officer"]


def change_year(p):
    plan = _plan()
    return quality.update_year(p["head"], plan, plan.version, reason="Rà soát"), p["head"]


def change_risk(p):
    risk = Risk.objects.filter(register=_plan(), likelihood__isnull=False).first()
    risk.action_plan = "Theo dõi hằng tháng"
    return quality.save_risk(p["head"], risk, risk.version), p["head"]


def change_objective(p):
    objective = Objective.objects.filter(plan=_plan()).first()
    objective.note = "Rà soát quý I"
    return quality.save_objective(p["head"], objective, objective.version), p["head"]


def change_milestone(p):
    objective = Objective.objects.filter(plan=_plan()).first()
    return quality.add_milestone(p["head"], objective, title="Quý I", due_on=date(2026, 3, 31)), p["head"]


def change_objective_review(p):
    objective = Objective.objects.filter(plan=_plan()).first()
    return quality.review_objective(p["head"], objective, quarter=1, comment="Đạt"), p["head"]


def change_action(p):
    return _action(p), p["head"]


def change_evidence(p):
    action = _action(p)
    return quality.add_evidence(p["officer"], title="Biên bản", link="https://example.org/bb", action=action), p[
        "officer"
    ]


def change_legal_document(p):
    document = LegalDocument.objects.first()
    if document is None:
        document = LegalDocument(number="96/2026/NĐ-CP", kind="decree", issuer="Chính phủ", title="Nghị định")
        return legal.save_document(p["head"], document), p["head"]
    document.summary = "Thủ tục đầu tư"
    return legal.save_document(p["head"], document, document.version), p["head"]


def _project(p):
    from investdesk.projects import services as projects
    from investdesk.projects.models import Investor, Project

    investor = projects.save_investor(p["officer"], Investor(name="Công ty TNHH Hòn Tre"))
    project = Project(code="5699000001", name="Bến du thuyền", investor=investor, sector="I", commune="22333")
    return projects.save_project(p["officer"], project)


def change_saved_filter(p):
    from django.http import QueryDict

    from investdesk.projects import services as projects

    return projects.save_filter(p["officer"], name="Dự án chậm", query=QueryDict("late=true")), p["officer"]


def change_investor(p):
    return _project(p).investor, p["officer"]


def change_project(p):
    return _project(p), p["officer"]


def change_decision(p):
    from investdesk.projects import services as projects
    from investdesk.projects.models import DecisionVersion

    decision = projects.add_decision(
        p["officer"], _project(p), DecisionVersion(kind="certificate", reference="1", decided_on=date(2026, 1, 5))
    )
    return projects.confirm_decision(p["head"], decision, decision.version), p["head"]


def change_project_milestone(p):
    from investdesk.projects import services as projects
    from investdesk.projects.models import Milestone

    milestone = Milestone(project=_project(p), kind="completion", committed_on=date(2027, 1, 1))
    return projects.save_milestone(p["officer"], milestone), p["officer"]


def change_report(p):
    from investdesk.projects import services as projects
    from investdesk.projects.models import InvestorReport

    report = InvestorReport(project=_project(p), kind="annual_me", year=2025)
    return projects.save_report(p["officer"], report), p["officer"]


def change_inspection(p):
    from investdesk.projects import services as projects
    from investdesk.projects.models import Inspection

    inspection = projects.save_inspection(
        p["officer"], Inspection(project=_project(p), kind="periodic", inspected_on=date(2026, 1, 5), findings="Đạt")
    )
    return projects.close_inspection(p["head"], inspection, inspection.version), p["head"]


def _kpi_item(p):
    from investdesk.kpi import services as kpi

    return kpi.add_item(p["officer"], p["officer"], title="Báo cáo quý I", counts_on=date(2026, 3, 2))


def change_scoring_rule(p):
    from investdesk.kpi import services as kpi
    from investdesk.kpi.models import ScoringRule

    rule = ScoringRule.objects.get(year=2026)
    rule.quota_percent = 25
    return kpi.save_rule(p["admin"], rule, rule.version), p["admin"]


def change_work_item(p):
    return _kpi_item(p), p["officer"]


def change_adjustment(p):
    from investdesk.kpi import services as kpi

    return kpi.propose_adjustment(p["officer"], _kpi_item(p), reason="Thêm khối lượng", weight=2), p["officer"]


def change_evaluation(p):
    from investdesk.kpi import services as kpi

    item = _kpi_item(p)
    evaluation = kpi.open_evaluation(p["officer"], p["officer"], item.period)
    return kpi.self_assess(p["officer"], evaluation, evaluation.version, scores={}, comment="Xong"), p["officer"]


def change_export_template(p):
    from investdesk.kpi import services as kpi
    from tests.kpi.test_pages_and_api import _word_layout

    upload = SimpleUploadedFile("bm02-2.docx", _word_layout())
    return kpi.upload_template(p["admin"], upload), p["admin"]


CHANGES = {
    "projects.Investor": change_investor,
    "projects.Project": change_project,
    "projects.DecisionVersion": change_decision,
    "projects.Milestone": change_project_milestone,
    "projects.InvestorReport": change_report,
    "projects.Inspection": change_inspection,
    "projects.SavedFilter": change_saved_filter,
    "kpi.ExportTemplate": change_export_template,
    "kpi.ScoringRule": change_scoring_rule,
    "kpi.WorkItem": change_work_item,
    "kpi.Adjustment": change_adjustment,
    "kpi.Evaluation": change_evaluation,
    "accounts.Division": change_division,
    "accounts.User": change_user,
    "accounts.ApiToken": change_token,
    "worktime.CalendarOverride": change_override,
    "worktime.OfficeHours": change_office_hours,
    "procedures.Procedure": change_procedure,
    "procedures.ProcedureVersion": change_procedure_version,
    "dossiers.Dossier": change_dossier,
    "dossiers.Step": change_step,
    "dossiers.Pause": change_pause,
    "dossiers.DefaultAssignee": change_default_assignee,
    "dossiers.ReceiptRefusal": change_refusal,
    "dossiers.DossierDocument": change_document,
    "quality.QualityYear": change_year,
    "quality.Risk": change_risk,
    "quality.Objective": change_objective,
    "quality.Milestone": change_milestone,
    "quality.ObjectiveReview": change_objective_review,
    "quality.Action": change_action,
    "quality.Evidence": change_evidence,
    "legal.LegalDocument": change_legal_document,
}


def domain_models():
    return [
        model
        for model in apps.get_models()
        if model.__module__.startswith("investdesk.") and not model.__name__.startswith("Historical")
    ]


def test_every_domain_model_is_listed():
    listed = set(CHANGES) | set(NO_SERVICE) | set(WITHOUT_HISTORY)
    for model in domain_models():
        label = model._meta.label
        has_history = hasattr(model, "history")
        assert label in listed, f"{label}: add a service change to CHANGES, or say in WITHOUT_HISTORY why it has none"
        assert has_history == (label not in WITHOUT_HISTORY), f"{label}: history and the lists disagree"
    assert not listed - {model._meta.label for model in domain_models()}, "a listed model no longer exists"


@pytest.fixture
def people(seeded, admin_user, division_head, officer, reception):
    return {"admin": admin_user, "head": division_head, "officer": officer, "reception": reception}


@pytest.mark.parametrize("label", sorted(CHANGES))
def test_a_change_through_the_services_is_recorded_with_its_author(people, label):
    instance, actor = CHANGES[label](people)
    assert type(instance)._meta.label == label
    latest = instance.history.order_by("-history_date", "-history_id").first()
    assert latest is not None, f"{label}: nothing recorded"
    assert latest.history_user_id == actor.pk, f"{label}: recorded as {latest.history_user}, not {actor}"
    assert User.objects.filter(pk=latest.history_user_id).exists()
