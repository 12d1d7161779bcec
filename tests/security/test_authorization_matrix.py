"""The authorization matrix: every page (by URL name) and every API operation, for every role and
for an anonymous visitor, allowed (with the status class expected) or denied.

The URL configuration is walked and the API's operations are read from its schema, so a page or an
operation added without a line in ``MATRIX`` fails ``test_every_route_has_a_line``. The Django admin
site is one line (``admin:*``): its pages are generated per model and all answer to the same rule.

Codes: ``ok`` 2xx · ``go`` a redirect (3xx, not to the login page) · ``no`` 403 · ``hid`` 404 (the
row exists but is not this person's to see) · ``in`` a redirect to the login page (web) or 401 (API).
"""

import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import QueryDict
from django.urls import NoReverseMatch, reverse

from investdesk.accounts.models import ApiToken, Division, hash_token
from investdesk.core.models import BackgroundJob
from investdesk.dossiers import services as dossier_services
from investdesk.dossiers.models import DossierImport
from investdesk.kpi import services as kpi_services
from investdesk.legal import services as legal_services
from investdesk.legal.models import LegalDocument
from investdesk.procedures.models import Procedure
from investdesk.projects import services as projects_services
from investdesk.projects.models import DecisionVersion, Inspection, Investor, InvestorReport, Project, ProjectImport
from investdesk.projects.models import Milestone as ProjectMilestone
from investdesk.quality import services as quality_services
from investdesk.quality.models import Action, Objective, QualityYear, Risk
from investdesk.worktime import services as worktime_services
from investdesk.worktime.choices import OverrideKind
from tests.accounts.test_login_required import ROUTES
from tests.dossiers.conftest import at

from .hostile import pdf
from .people import *  # noqa: F403  (the fixtures)
from .people import receive

pytestmark = pytest.mark.django_db

IDENTITIES = ("administrator", "department_leader", "division_head", "officer", "reception", "viewer", "anonymous")
ROLES = IDENTITIES[:-1]
ADMIN, LEADER, HEAD, OFFICER, DESK, VIEWER, ANON = IDENTITIES
# Two more people for the rows: an officer of the division who does not hold the sample step, and
# the head of another division. Unless a line says otherwise they answer as their role does.
OTHER_OFFICER, OTHER_HEAD = "other_officer", "other_head"
IDENTITIES = (*IDENTITIES, OTHER_OFFICER, OTHER_HEAD)
NOT_THEIRS = {OTHER_OFFICER: "hid", OTHER_HEAD: "hid"}  # a row of someone else's, or of another division


def rule(default: str, anonymous: str = "in", method: str = "GET", **by_role) -> tuple[str, dict]:
    """One line: ``default`` for every role not named, ``anonymous`` for the visitor signed out."""
    unknown = set(by_role) - set(ROLES) - {OTHER_OFFICER, OTHER_HEAD}
    assert not unknown, unknown
    line = {**dict.fromkeys(ROLES, default), **by_role, ANON: anonymous}
    line.setdefault(OTHER_OFFICER, line[OFFICER])
    line.setdefault(OTHER_HEAD, line[HEAD])
    return method, line


def only(allowed, code: str = "ok", *, others: str = "no", method: str = "GET", **by_role) -> tuple[str, dict]:
    """Allowed (``code``) for the roles in ``allowed``, ``others`` for the rest."""
    return rule(others, method=method, **dict.fromkeys(allowed, code), **by_role)


EVERYONE = rule("ok")
PUBLIC = rule("ok", anonymous="ok")
MANAGERS = (ADMIN,)  # people, divisions, system, calendar and the procedure catalogue
QUALITY = (ADMIN, HEAD)  # keep the quality records
LEGAL = (ADMIN, HEAD)  # keep the legal documents
DOSSIER_READERS = (ADMIN, LEADER, HEAD, OFFICER, DESK)  # everyone who works on dossiers
ASSIGNERS = (ADMIN, HEAD)
RECEIVERS = (ADMIN, DESK)
POST = "POST"
PROJECT_READERS = (ADMIN, LEADER, HEAD, OFFICER, VIEWER)
PROJECT_EDITORS = (ADMIN, HEAD, OFFICER)  # and the other division's head, on projects of their own division
PROJECT_HEADS = (ADMIN, HEAD)

MATRIX: dict[str, tuple[str, dict]] = {
    # Signing in and out, one's own account
    "home": EVERYONE,
    "health": rule("503", anonymous="503"),  # no background worker runs under the tests: "unhealthy"
    "login": rule("go", anonymous="ok"),
    "logout": rule("in", anonymous="in", method=POST),
    "password_change": EVERYONE,
    "password_change_done": EVERYONE,
    "password_reset": PUBLIC,
    "password_reset_done": PUBLIC,
    "password_reset_confirm": PUBLIC,
    "password_reset_complete": PUBLIC,
    "set_language": rule("go", anonymous="go", method=POST),
    "accounts:profile": EVERYONE,
    "accounts:token_create": rule("go", method=POST),
    # The sample token, job and person are the officer's.
    "accounts:token_revoke": rule("hid", method=POST, officer="go", other_officer="hid"),
    "core:notifications": EVERYONE,
    "core:job": rule("no", administrator="ok", officer="ok", other_officer="no"),
    "core:job_result": rule("no", administrator="hid", officer="hid", other_officer="no"),  # and has no result file yet
    # People and the organisation (the sample person is the division's officer)
    "accounts:person_list": only((ADMIN, LEADER, HEAD)),
    "accounts:person_create": only(MANAGERS),
    "accounts:person_detail": only((ADMIN, LEADER, HEAD, OFFICER), others="hid", **NOT_THEIRS),
    "accounts:person_edit": only(MANAGERS),
    "accounts:person_history": only((ADMIN, LEADER, HEAD, OFFICER), others="hid", **NOT_THEIRS),
    "accounts:person_set_password": only(MANAGERS, "go", method=POST),
    "accounts:person_unlock": only(MANAGERS, "go", method=POST),
    "accounts:division_list": EVERYONE,
    "accounts:division_create": only(MANAGERS),
    "accounts:division_detail": EVERYONE,
    "accounts:division_edit": only(MANAGERS),
    "accounts:division_history": EVERYONE,
    "accounts:role_list": only(MANAGERS),
    "accounts:role_detail": only(MANAGERS),
    "core:system": only(MANAGERS),
    "core:backup_start": only(MANAGERS, "go", method=POST),
    # Working calendar
    "worktime:calendar": rule("go"),
    "worktime:year": EVERYONE,
    "worktime:due": EVERYONE,
    "worktime:office_hours": only(MANAGERS),
    "worktime:override_create": only(MANAGERS, "go", method=POST),
    "worktime:override_delete": only(MANAGERS, "go", method=POST),
    # Procedure catalogue
    "procedures:list": EVERYONE,
    "procedures:detail": EVERYONE,
    "procedures:edit": only(MANAGERS),
    "procedures:upload": only(MANAGERS),
    "procedures:version": EVERYONE,
    "procedures:version_bpmn": EVERYONE,
    "procedures:version_sheet": EVERYONE,
    "procedures:editor": only(MANAGERS),
    "procedures:approve": only(MANAGERS, "go", method=POST),
    # Dossiers: the sample dossier is the division's, its open step the officer's. The viewer reads
    # figures only: the list and reports show it nothing, a dossier's pages are 404.
    "dossiers:list": EVERYONE,
    "dossiers:intake": only(RECEIVERS),
    "dossiers:imports": only((ADMIN, HEAD, DESK)),
    "dossiers:import": only((ADMIN, HEAD, DESK)),
    "dossiers:import_status": only((ADMIN, HEAD, DESK)),
    "dossiers:refuse": only(RECEIVERS),
    "dossiers:refusal": only(RECEIVERS),
    "dossiers:upload_document": only(DOSSIER_READERS, "go", others="hid", method=POST, **NOT_THEIRS),
    "dossiers:document": only(DOSSIER_READERS, others="hid", **NOT_THEIRS),
    "dossiers:detail": only(DOSSIER_READERS, others="hid", **NOT_THEIRS),
    "dossiers:history": only(DOSSIER_READERS, others="hid", **NOT_THEIRS),
    "dossiers:receipt": only(DOSSIER_READERS, others="hid", **NOT_THEIRS),
    "dossiers:control_sheet": only(DOSSIER_READERS, others="hid", **NOT_THEIRS),
    "dossiers:printed_form": only(DOSSIER_READERS, others="hid", **NOT_THEIRS),
    "dossiers:complete": only((ADMIN, HEAD, OFFICER), "go", method=POST, viewer="hid", **NOT_THEIRS),
    "dossiers:reassign": only(ASSIGNERS, "go", method=POST, other_head="hid"),
    "dossiers:action": only(DOSSIER_READERS, "go", others="hid", method=POST, **NOT_THEIRS),
    "dossiers:my_work": EVERYONE,
    "dossiers:report": EVERYONE,
    "dossiers:dashboard": EVERYONE,
    "dossiers:board": only(ASSIGNERS),
    "dossiers:default_assignees": only(ASSIGNERS),
    # Quality system: everyone reads; the division's leaders keep the records. Its POST pages answer
    # a refusal with a message and a redirect ("go"); test_the_viewer_changes_nothing proves that
    # nothing was written.
    "quality:home": rule("go"),
    "quality:dashboard": EVERYONE,
    "quality:year_settings": only(QUALITY),
    "quality:open_year": rule("go", method=POST),
    "quality:objectives": EVERYONE,
    "quality:objective_new": only(QUALITY),
    "quality:objective_edit": only(QUALITY),
    "quality:objective": EVERYONE,
    "quality:objective_history": EVERYONE,
    "quality:objective_action": rule("go", method=POST),
    "quality:milestone_toggle": rule("go", method=POST),
    "quality:register": EVERYONE,
    "quality:risk_new": only(QUALITY),
    "quality:risk_edit": only(QUALITY),
    "quality:risk": EVERYONE,
    "quality:risk_review": rule("go", method=POST),
    "quality:risk_history": EVERYONE,
    "quality:export": EVERYONE,
    "quality:actions": EVERYONE,
    "quality:action_new": only(QUALITY),
    "quality:action_edit": only(QUALITY),
    "quality:action": EVERYONE,
    "quality:action_evidence": rule("go", method=POST),
    "quality:action_history": EVERYONE,
    "quality:evidence": rule("hid"),  # the sample evidence is a link: there is no file to send
    "legal:documents": EVERYONE,
    "legal:document_new": only(LEGAL),
    "legal:document_changes": EVERYONE,
    "legal:document": EVERYONE,
    "legal:document_edit": only(LEGAL),
    "legal:document_file": rule("hid"),  # the sample document has no file
    "legal:document_history": EVERYONE,
    # Projects: the sample project is the division's; every reader sees it, the division edits it,
    # the division head confirms its decisions and closes its inspections. Another division's head
    # may create projects (for that division) but not touch this one.
    "projects:list": only(PROJECT_READERS),
    "projects:watch": only(PROJECT_READERS),
    "projects:dashboard": only(PROJECT_READERS),
    "projects:pick": only(PROJECT_READERS),
    "projects:annual_report": only(PROJECT_READERS),
    "projects:import": only(PROJECT_EDITORS),
    "projects:import_template": only(PROJECT_READERS),
    "projects:create": only(PROJECT_EDITORS),
    "projects:investors": only(PROJECT_READERS),
    "projects:investor_create": only(PROJECT_EDITORS),
    "projects:investor": only(PROJECT_READERS),
    "projects:investor_edit": only(PROJECT_EDITORS),
    "projects:investor_history": only(PROJECT_READERS),
    "projects:investor_merge": only(PROJECT_EDITORS, "go", method=POST),
    "projects:detail": only(PROJECT_READERS),
    "projects:edit": only(PROJECT_EDITORS, other_head="hid"),
    "projects:decisions": only(PROJECT_READERS),
    "projects:decision_create": only(PROJECT_EDITORS, other_head="hid"),
    "projects:decision_edit": only(PROJECT_EDITORS, other_head="hid"),
    "projects:decision_confirm": only(PROJECT_HEADS, "go", method=POST, other_head="hid"),
    "projects:milestones": only(PROJECT_READERS),
    "projects:milestone_create": only(PROJECT_EDITORS, other_head="hid"),
    "projects:milestone_edit": only(PROJECT_EDITORS, other_head="hid"),
    "projects:reports": only(PROJECT_READERS),
    "projects:report_create": only(PROJECT_EDITORS, other_head="hid"),
    "projects:report_edit": only(PROJECT_EDITORS, other_head="hid"),
    "projects:inspections": only(PROJECT_READERS),
    "projects:inspection_create": only(PROJECT_EDITORS, other_head="hid"),
    "projects:inspection_edit": only(PROJECT_EDITORS, other_head="hid"),
    "projects:inspection_close": only(PROJECT_HEADS, "go", method=POST, other_head="hid"),
    "projects:history": only(PROJECT_READERS),
    "projects:dossiers": only(PROJECT_READERS),
    "projects:report_gaps": only(PROJECT_READERS),
    "projects:map": only(PROJECT_READERS),
    "projects:map_markers": only(PROJECT_READERS),
    "projects:save_filter": only(PROJECT_READERS, "go", method=POST),
    # The sample saved filter is the officer's: only its owner deletes it, nobody else finds it.
    "projects:delete_filter": only((OFFICER,), "go", others="hid", method=POST, other_officer="hid"),
    # The officer's upload: carried on within the officer's division (and by administrators).
    "projects:import_detail": only(PROJECT_EDITORS, other_head="hid"),
    "projects:import_status": only(PROJECT_EDITORS, other_head="hid"),
    # The sample dossier is still open, so it proposes nothing: no review screen for anyone who
    # may record project decisions; the others are refused before the dossier is looked at.
    "projects:dossier_proposal": only(PROJECT_EDITORS, "hid"),
    "dossiers:link_project": only(DOSSIER_READERS, "go", others="hid", method=POST, **NOT_THEIRS),
    # KPI: the sample item, evaluation and adjustment are the division officer's. Every person has
    # their own KPI; the division head the division's, the department leader and administrators all.
    "kpi:home": rule("ok"),  # my current period: the evaluation page, or the period before it starts
    "kpi:person_period": rule(
        "hid",
        administrator="go",
        department_leader="go",
        division_head="go",
        officer="go",
        other_officer="hid",
        other_head="hid",
    ),
    "kpi:person_period_action": rule(
        "hid",
        method=POST,
        administrator="go",
        department_leader="go",
        division_head="go",
        officer="go",
        other_officer="hid",
        other_head="hid",
    ),
    "kpi:evaluation": only((ADMIN, LEADER, HEAD, OFFICER), others="hid", **NOT_THEIRS),
    "kpi:evaluation_history": only((ADMIN, LEADER, HEAD, OFFICER), others="hid", **NOT_THEIRS),
    "kpi:evaluation_action": only((ADMIN, LEADER, HEAD, OFFICER), "go", others="hid", method=POST, **NOT_THEIRS),
    "kpi:items": EVERYONE,
    "kpi:item_new": rule(
        "hid",
        administrator="no",
        department_leader="no",
        division_head="ok",
        officer="ok",
        other_officer="hid",
        other_head="hid",
    ),
    "kpi:item": only((ADMIN, LEADER, HEAD, OFFICER), others="hid", **NOT_THEIRS),
    "kpi:item_history": only((ADMIN, LEADER, HEAD, OFFICER), others="hid", **NOT_THEIRS),
    "kpi:item_action": only((ADMIN, LEADER, HEAD, OFFICER), "go", others="hid", method=POST, **NOT_THEIRS),
    "kpi:adjustment_decide": only((ADMIN, LEADER, HEAD, OFFICER), "go", others="hid", method=POST, **NOT_THEIRS),
    "kpi:team": only((ADMIN, LEADER, HEAD)),
    "kpi:overview": only((ADMIN, LEADER)),
    "kpi:export": only((ADMIN, LEADER, HEAD)),
    "kpi:rule": only(MANAGERS),
    "kpi:templates": only(MANAGERS),
    # The Django admin site: closed to every role (no staff account); only its sign-in page answers
    "admin:*": rule("closed", anonymous="closed"),
    # The API: each operation by method and path (the viewer reads figures, never a dossier)
    "api:api-root": rule("hid", anonymous="hid"),
    "api:openapi-json": EVERYONE,
    "api:openapi-view": EVERYONE,
    "POST /api/v1/auth/token": rule("ok", anonymous="ok"),
    "GET /api/v1/divisions": EVERYONE,
    "GET /api/v1/worktime/due": EVERYONE,
    "GET /api/v1/worktime/calendar": EVERYONE,
    "GET /api/v1/procedures": EVERYONE,
    "GET /api/v1/dossiers/stats": EVERYONE,
    "POST /api/v1/dossiers/import": only((ADMIN, HEAD, DESK)),
    "GET /api/v1/jobs/{job_id}": rule("hid", officer="ok", other_officer="hid"),  # the job's owner only
    "POST /api/v1/dossiers": only(RECEIVERS),
    "GET /api/v1/dossiers/{dossier_id}": only(DOSSIER_READERS, others="hid", **NOT_THEIRS),
    "POST /api/v1/dossiers/{dossier_id}/steps/{step_id}/complete": only(
        (ADMIN, HEAD, OFFICER), viewer="hid", **NOT_THEIRS
    ),
    "POST /api/v1/dossiers/{dossier_id}/withdraw": only((ADMIN, HEAD, DESK), viewer="hid", **NOT_THEIRS),
    "POST /api/v1/dossiers/{dossier_id}/stop": only(ASSIGNERS, viewer="hid", **NOT_THEIRS),
    "POST /api/v1/dossiers/{dossier_id}/apology": only((ADMIN, LEADER, HEAD), viewer="hid", **NOT_THEIRS),
    "POST /api/v1/dossiers/{dossier_id}/explanation": only((ADMIN, HEAD, OFFICER), viewer="hid", **NOT_THEIRS),
    "POST /api/v1/dossiers/{dossier_id}/explanation/received": only(
        (ADMIN, HEAD, OFFICER, DESK), viewer="hid", **NOT_THEIRS
    ),
    "POST /api/v1/dossiers/{dossier_id}/steps/{step_id}/reassign": only(ASSIGNERS, viewer="hid", **NOT_THEIRS),
    "GET /api/v1/risks": EVERYONE,
    "POST /api/v1/risks": only(QUALITY),
    "GET /api/v1/projects": EVERYONE,  # the reception desk reads an empty list
    "GET /api/v1/projects/{code}": only(PROJECT_READERS, others="hid"),
    "GET /api/v1/projects/import-template": only(PROJECT_READERS),
    # Sent with no file: refused for its shape (400) once the right to import is established.
    "POST /api/v1/projects/import": only(PROJECT_EDITORS, "400"),
    # An officer reads their own row of their division; another division's summary is refused.
    "GET /api/v1/kpi/summary": rule(
        "no",
        administrator="ok",
        department_leader="ok",
        division_head="ok",
        officer="ok",
        other_officer="ok",
        other_head="no",
    ),
}


# Walking the routes ------------------------------------------------------------------------------


def api_operations() -> list[tuple[str, str]]:
    """Every (method, path) of the API, from its OpenAPI schema."""
    from investdesk.api import api

    schema = api.get_openapi_schema(path_prefix="/api/v1")
    return sorted(
        (method.upper(), path) for path, operations in schema["paths"].items() for method in operations if method
    )


def _api_path_of(walked_path: str) -> str:
    return walked_path.replace("/x", "/{x}")


def routes() -> list[str]:
    """The matrix's keys the application has: URL names, ``admin:*``, and ``METHOD /api/...``."""
    operation_paths = {path for _method, path in api_operations()}
    keys = {f"{method} {path}" for method, path in api_operations()}
    for name, path in ROUTES:
        if name is None or name.startswith("admin:"):
            keys.add("admin:*")
            continue
        if name.startswith("api:") and _is_operation(path, operation_paths):
            continue
        keys.add(name)
    return sorted(keys)


def _is_operation(walked: str, operation_paths: set[str]) -> bool:
    import re

    pattern = re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(walked.replace("/x", "/{x}")))
    return any(re.fullmatch(pattern.replace(r"\{x\}", "[^/]+"), p) for p in operation_paths)


def test_every_route_has_a_line():
    keys = routes()
    missing = [key for key in keys if key not in MATRIX]
    stale = [key for key in MATRIX if key not in keys]
    assert not missing, f"Routes without a line in the authorization matrix: {missing}"
    assert not stale, f"Lines for routes that no longer exist: {stale}"
    for key, (method, expected) in MATRIX.items():
        assert set(expected) == set(IDENTITIES), key
        assert method in {"GET", "POST"}, key


# The sample world: one row of each kind the routes take ----------------------------------------


MUTATING_API = (
    "complete",
    "withdraw",
    "stop",
    "apology",
    "explanation",
    "explanation/received",
    "reassign",
)


@pytest.fixture
def world(people, make_person):
    reception, head, officer = people["reception"], people["division_head"], people["officer"]

    def checking(hour: int):
        dossier = receive(reception, when=f"{hour:02d}:00 02/03/2026")
        dossier_services.complete_step(reception, dossier.steps.get(), at=at(f"{hour:02d}:30 02/03/2026"))
        dossier.refresh_from_db()
        return dossier

    dossiers = {"main": checking(7)}
    for hour, key in enumerate(MUTATING_API, start=8):
        dossiers[key] = checking(min(hour, 16))
    # Made after the dossiers, so every check step is the officer's.
    other_officer = make_person("chuyenvien2", "officer", full_name="Võ Minh Tuấn")
    dossier_services.request_explanation(head, dossiers["explanation/received"], reason="Nguồn vốn")
    document = dossier_services.attach_document(
        reception, dossiers["main"], title="Đơn đề nghị", upload=SimpleUploadedFile("don.pdf", pdf())
    )
    upload = DossierImport.objects.create(original_name="cu.xlsx", uploaded_by=reception, file="imports/cu.xlsx")
    refusal = dossier_services.refuse_receipt(
        reception,
        procedure=Procedure.objects.get(code="cap-lai-gcndkdt"),
        applicant_name="Công ty A",
        channel="direct",
        reason="Thiếu hồ sơ",
    )
    raw = "tok-officer-matrix"
    token = ApiToken.objects.create(user=officer, name="Máy chủ", prefix=raw[:8], digest=hash_token(raw))
    job = BackgroundJob.objects.create(kind="backup", title="Sao lưu", created_by=officer)
    override = worktime_services.save_override(
        people["administrator"], day=at("08:00 04/03/2026").date(), kind=OverrideKind.DAY_OFF, reason="Nghỉ"
    )
    plan = QualityYear.objects.get(year=2026)
    objective = Objective.objects.filter(plan=plan).first()
    risk = Risk.objects.filter(register=plan, likelihood__isnull=False).first()
    action = quality_services.save_action(
        head, Action(plan=plan, risk=risk, title="Theo dõi cổng DVC", owner=officer, due_on=at("08:00 30/06/2026"))
    )
    evidence = quality_services.add_evidence(head, title="Biên bản", link="https://example.org/bb", action=action)
    milestone = quality_services.add_milestone(head, objective, title="Quý I", due_on=None)
    legal = LegalDocument.objects.first()
    if legal is None:
        legal = legal_services.save_document(head, LegalDocument(number="96/2026/NĐ-CP", title="Nghị định"))
    other_head = make_person(
        "truongvanphong", "division_head", division="van-phong", position="truong-phong", full_name="Lê Văn Phòng"
    )
    people = {**people, OTHER_OFFICER: other_officer, OTHER_HEAD: other_head}
    project = projects_services.save_project(
        officer,
        Project(
            code="5600000001",
            name="Khu nghỉ dưỡng",
            investor=Investor.objects.create(name="Công ty A"),
            sector="I",
            commune="22333",
        ),
    )
    decision = projects_services.add_decision(
        officer, project, DecisionVersion(kind="certificate", reference="1", decided_on=at("08:00 02/03/2026").date())
    )
    project_milestone = projects_services.save_milestone(
        officer, ProjectMilestone(project=project, kind="completion", committed_on=at("08:00 02/03/2026").date())
    )
    report = projects_services.save_report(officer, InvestorReport(project=project, kind="annual_me", year=2025))
    inspection = projects_services.save_inspection(
        officer,
        Inspection(project=project, kind="periodic", inspected_on=at("08:00 02/03/2026").date(), findings="Đạt"),
    )
    project_import = ProjectImport.objects.create(
        original_name="du-an.xlsx", uploaded_by=officer, file="imports/du-an.xlsx", layout_key="x"
    )
    saved_filter = projects_services.save_filter(officer, name="Chậm", query=QueryDict("late=true"))
    kpi_item = kpi_services.add_item(officer, officer, title="Báo cáo quý I", counts_on=at("08:00 02/03/2026").date())
    kpi_evaluation = kpi_services.open_evaluation(officer, officer, kpi_item.period)
    kpi_adjustment = kpi_services.propose_adjustment(officer, kpi_item, reason="Khối lượng lớn", weight=2)
    return {
        "kpi_item": kpi_item,
        "kpi_evaluation": kpi_evaluation,
        "kpi_adjustment": kpi_adjustment,
        "dossiers": dossiers,
        "document": document,
        "import": upload,
        "refusal": refusal,
        "token": token,
        "job": job,
        "override": override,
        "objective": objective,
        "risk": risk,
        "action": action,
        "evidence": evidence,
        "milestone": milestone,
        "legal": legal,
        "other_officer": other_officer,
        "people": people,
        "project": project,
        "decision": decision,
        "project_milestone": project_milestone,
        "report": report,
        "inspection": inspection,
        "project_import": project_import,
        "saved_filter": saved_filter,
    }


def _pk_for(name: str, w) -> int:
    by_prefix = [
        ("accounts:person_", w["people"]["officer"].pk),
        ("accounts:division_", Division.objects.get(code="dtnns").pk),
        ("accounts:token_", w["token"].pk),
        ("core:job", w["job"].pk),
        ("worktime:override", w["override"].pk),
        ("dossiers:import", w["import"].pk),
        ("dossiers:refusal", w["refusal"].pk),
        ("dossiers:", w["dossiers"]["main"].pk),
        ("quality:objective", w["objective"].pk),
        ("quality:risk", w["risk"].pk),
        ("quality:action", w["action"].pk),
        ("quality:evidence", w["evidence"].pk),
        ("quality:milestone", w["milestone"].pk),
        ("legal:document", w["legal"].pk),
        ("projects:investor", w["project"].investor_id),
        ("projects:import_", w["project_import"].pk),
        ("projects:delete_filter", w["saved_filter"].pk),
        ("projects:dossier_proposal", w["dossiers"]["main"].pk),
        ("projects:decision", w["decision"].pk),
        ("projects:milestone", w["project_milestone"].pk),
        ("projects:report", w["report"].pk),
        ("projects:inspection", w["inspection"].pk),
    ]
    return next((pk for prefix, pk in by_prefix if name.startswith(prefix)), 0)


KPI_PATHS = {
    "kpi:person_period": lambda w: {"person_id": w["people"]["officer"].pk, "period": "2026-03"},
    "kpi:person_period_action": lambda w: {
        "person_id": w["people"]["officer"].pk,
        "period": "2026-03",
        "action": "review",
    },
    "kpi:evaluation": lambda w: {"pk": w["kpi_evaluation"].pk},
    "kpi:evaluation_history": lambda w: {"pk": w["kpi_evaluation"].pk},
    "kpi:evaluation_action": lambda w: {"pk": w["kpi_evaluation"].pk, "action": "review"},
    "kpi:item_new": lambda w: {"person_id": w["people"]["officer"].pk},
    "kpi:item": lambda w: {"pk": w["kpi_item"].pk},
    "kpi:item_history": lambda w: {"pk": w["kpi_item"].pk},
    "kpi:item_action": lambda w: {"pk": w["kpi_item"].pk, "action": "adjust"},
    "kpi:adjustment_decide": lambda w: {"pk": w["kpi_adjustment"].pk},
    "kpi:export": lambda w: {"fmt": "xlsx"},
    "kpi:rule": lambda w: {"year": 2026},
}


def web_path(name: str, w) -> str:
    if name in KPI_PATHS:
        return reverse(name, kwargs=KPI_PATHS[name](w))
    main = w["dossiers"]["main"]
    values = {
        "year": 2026,
        "code": "officer"
        if name.startswith("accounts:role")
        else w["project"].code
        if name.startswith("projects:")
        else "cap-lai-gcndkdt",
        "number": "02" if name == "dossiers:printed_form" else 1,
        "step_pk": main.steps.get(finished_at__isnull=True).pk,
        "document_pk": w["document"].pk,
        "action": "explain" if name == "dossiers:action" else "milestone",
        "table": "risks",
        "fmt": "xlsx",
        "uidb64": "MQ",
        "token": "x-x",
    }
    for attempt in (
        {},
        {"pk": None},
        {"year": None},
        {"code": None},
        {"code": None, "number": None},
        {"pk": None, "step_pk": None},
        {"pk": None, "document_pk": None},
        {"pk": None, "action": None},
        {"pk": None, "number": None},
        {"year": None, "pk": None},
        {"year": None, "table": None, "fmt": None},
        {"uidb64": None, "token": None},
    ):
        kwargs = {key: (_pk_for(name, w) if key == "pk" else values[key]) for key in attempt}
        try:
            return reverse(name, kwargs=kwargs)
        except NoReverseMatch:  # the route takes other arguments: try the next set
            continue
    raise AssertionError(f"No sample arguments for {name}")


def api_request(key: str, w, identity: str):
    method, path = key.split(" ", 1)
    dossier_key = next((k for k in MUTATING_API if path.endswith("/" + k)), "main")
    if path.endswith("/steps/{step_id}/complete"):
        dossier_key = "complete"
    if path.endswith("/steps/{step_id}/reassign"):
        dossier_key = "reassign"
    dossier = w["dossiers"][dossier_key]
    step = dossier.steps.filter(finished_at__isnull=True).first()
    path = path.replace("{dossier_id}", str(dossier.pk)).replace("{step_id}", str(step.pk if step else 0))
    path = path.replace("{job_id}", str(w["job"].pk)).replace("{code}", w["project"].code)
    body = {
        "POST /api/v1/auth/token": {
            "username": w["people"][identity if identity in ROLES else "officer"].username,
            "password": "Mat-khau-thu-2026",
        },
        "POST /api/v1/dossiers": {
            "procedure": "cap-lai-gcndkdt",
            "applicant": {"name": "Công ty B"},
            "channel": "online",
        },
        "POST /api/v1/dossiers/import": [],
    }.get(key)
    if body is None and method == "POST":
        body = {
            "reason": "Theo đề nghị",
            "answers": {"valid": True},
            "new_due_at": "2026-04-30T16:00:00+07:00",
            "sent_at": "2026-03-03T09:00:00+07:00",
            "other_reason": True,
            "assignee_id": w["other_officer"].pk,
            "title": "Rủi ro mới",
            "likelihood": 2,
            "severity": 2,
            "year": 2026,
        }
    path += {
        "POST /api/v1/dossiers/import": "?dry_run=true",
        "GET /api/v1/dossiers/stats": "?from=2026-01-01&to=2026-03-31",
        "GET /api/v1/worktime/due": "?start=2026-03-02T08:00:00&working_days=3",
        "GET /api/v1/worktime/calendar": "?year=2026",
        "GET /api/v1/kpi/summary": "?division=dtnns&period=2026-Q1",
    }.get(key, "")
    return method, path, body


ADMIN_SIGN_IN = {"admin:login", "admin:logout"}  # the admin's own sign-in pages answer everyone


def classify(response) -> str:
    status = response.status_code
    if 200 <= status < 300:
        return "ok"
    if 300 <= status < 400:
        location = response.headers.get("Location", "")
        return "in" if location.startswith(("/accounts/login/", "/admin/login/")) else "go"
    return {401: "in", 403: "no", 404: "hid"}.get(status, str(status))


def observe(client, key: str, w, identity: str) -> tuple[str, str]:
    if key == "admin:*":
        opened = sorted(
            name
            for name, path in ROUTES
            if (name is None or name.startswith("admin:"))
            and name not in ADMIN_SIGN_IN
            and classify(client.get(path)) not in {"in", "hid"}
        )
        return "admin", "closed" if not opened else "open: " + ", ".join(str(n) for n in opened)
    if key.startswith(("GET /", "POST /")):
        method, path, body = api_request(key, w, identity)
        if method == "GET":
            return path, classify(client.get(path))
        return path, classify(client.post(path, body, content_type="application/json"))
    method, _ = MATRIX[key]
    path = web_path(key, w)
    return path, classify(client.post(path) if method == "POST" else client.get(path))


@pytest.mark.parametrize("identity", IDENTITIES)
def test_the_matrix_holds(client, world, identity):
    dump = os.environ.get("AUTHZ_MATRIX_DUMP")
    wrong = []
    for key in routes():
        _method, expected = MATRIX[key]
        if identity != ANON:  # signed in again each time: a line may sign out
            client.force_login(world["people"][identity])
        path, outcome = observe(client, key, world, identity)
        if dump:
            print(f"{identity:18} {key:60} {outcome}")
        if outcome != expected[identity]:
            wrong.append(f"{key} ({path}): expected {expected[identity]}, got {outcome}")
    assert not wrong, f"{identity}:\n" + "\n".join(wrong)


# The viewer changes nothing ---------------------------------------------------------------------

# The viewer's own session and account: signing in and out, language, password, profile, tokens.
PERSONAL = {
    "login",
    "logout",
    "set_language",
    "password_change",
    "password_reset",
    "password_reset_confirm",
    "accounts:profile",
    "accounts:token_create",
    "accounts:token_revoke",
    "core:notifications",
    "POST /api/v1/auth/token",
}


def footprint() -> dict[str, int]:
    """How many rows each model of the application holds, history tables included."""
    from django.apps import apps

    return {
        model._meta.label: model._base_manager.count()
        for model in apps.get_models()
        if model.__module__.startswith("investdesk.")
    }


def test_the_viewer_changes_nothing(client, world):
    """Every POST the viewer can send, to every page and API operation, writes no row."""
    viewer = world["people"]["viewer"]
    written = []
    for key in routes():
        if key in PERSONAL or key == "admin:*" or key.startswith("GET /"):
            continue
        client.force_login(viewer)
        before = footprint()
        if key.startswith("POST /"):
            _method, path, body = api_request(key, world, "viewer")
            response = client.post(path, body, content_type="application/json")
            refused = response.status_code in {403, 404}
        else:
            path = web_path(key, world)
            response = client.post(path)
            # A page that only reads may answer a POST as it answers a GET; what changes things must
            # refuse (403, 404, 405) or send the viewer back with a message (a redirect).
            refused = response.status_code in {302, 403, 404, 405} or (
                MATRIX[key][0] == "GET" and response.status_code < 500
            )
        after = footprint()
        changed = sorted(label for label in after if after[label] != before[label])
        if not refused or changed:
            written.append(f"{key} ({path}): {response.status_code}, rows changed in {changed}")
    assert not written, "The viewer could change:\n" + "\n".join(written)
