"""Dossiers and projects: a dossier names its project, the project's "Hồ sơ" tab lists its dossiers
with their outcomes, and a resolved certificate dossier proposes the decision version (or the new
project) on a review screen; nothing is written before the officer confirms."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from investdesk.accounts.choices import Role
from investdesk.core.exceptions import DomainError, PermissionDeniedError
from investdesk.dossiers import services as dossier_services
from investdesk.dossiers.models import Dossier
from investdesk.procedures.models import Procedure
from investdesk.projects import linking
from investdesk.projects.choices import DecisionKind
from investdesk.projects.models import DecisionVersion, Project

pytestmark = pytest.mark.django_db
HCM = ZoneInfo("Asia/Ho_Chi_Minh")
CERTIFICATE = "cap-gcndkdt-sau-chap-thuan-chu-truong"


@pytest.fixture
def make_dossier(seeded, officer):
    counter = iter(range(1, 1000))

    def make(procedure_code=CERTIFICATE, *, resolved=True, project=None, **fields):
        procedure = Procedure.objects.get(code=procedure_code)
        received = datetime(2026, 10, 1, 8, tzinfo=HCM)
        return Dossier.objects.create(
            code=f"DT-{next(counter):04d}",
            procedure=procedure,
            procedure_version=procedure.version_at(date(2026, 10, 1)),
            applicant_name="Công ty TNHH Sao Mai",
            applicant_tax_code=fields.pop("applicant_tax_code", ""),
            channel="direct",
            received_at=received,
            due_at=received,
            original_due_at=received,
            responsible=officer,
            status="resolved" if resolved else "in_progress",
            finished_at=datetime(2026, 10, 20, 9, tzinfo=HCM) if resolved else None,
            outcome="on_time" if resolved else "",
            result="approved" if resolved else "",
            result_number="1234/GCN-STC" if resolved else "",
            result_date=date(2026, 10, 20) if resolved else None,
            project=project,
            **fields,
        )

    return make


def test_which_dossiers_give_a_decision():
    assert linking.decision_kind(CERTIFICATE, "resolved", "approved") == DecisionKind.CERTIFICATE
    assert linking.decision_kind("dieu-chinh-gcndkdt-ten-tien-do-dia-diem", "resolved", "approved") == "adjustment"
    assert linking.decision_kind(CERTIFICATE, "resolved", "rejected") is None
    assert linking.decision_kind(CERTIFICATE, "in_progress", "") is None
    assert linking.decision_kind("cap-lai-gcndkdt", "resolved", "approved") is None
    proposed = linking.proposed_decision(
        procedure_code="dieu-chinh-gcndkdt-ten-tien-do-dia-diem",
        procedure_name="Điều chỉnh",
        dossier_code="DT-1",
        result_number="9/QĐ",
        decided_on=date(2026, 1, 2),
    )
    assert proposed["changes_schedule"] and proposed["changes_location"] and proposed["reference"] == "9/QĐ"


def test_a_dossier_names_its_project_by_code_with_history(officer, make_project, make_dossier, make_person):
    project = make_project()
    dossier = make_dossier(resolved=False)
    dossier_services.link_project(officer, dossier, f" {project.code} ")
    dossier.refresh_from_db()
    assert dossier.project == project
    change = dossier.history.first()
    assert change.history_user == officer and project.code in change.history_change_reason
    with pytest.raises(DomainError, match="Không có dự án"):
        dossier_services.link_project(officer, dossier, "khong-co")
    with pytest.raises(PermissionDeniedError):
        dossier_services.link_project(make_person("docgia", Role.VIEWER), dossier, "")
    dossier_services.link_project(officer, dossier, "")
    dossier.refresh_from_db()
    assert dossier.project is None


def test_the_project_tab_lists_its_dossiers_with_a_fixed_query_count(client_for, officer, make_project, make_dossier):
    project = make_project()
    make_dossier(project=project)
    client = client_for(officer)
    url = f"/projects/{project.code}/dossiers/"
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        page = client.get(url)
    assert page.status_code == 200 and "DT-0001" in page.content.decode()
    assert 'data-testid="dossier-proposal"' in page.content.decode()
    for _ in range(4):
        make_dossier(project=project, procedure_code="cap-lai-gcndkdt")
    with CaptureQueriesContext(connection) as five:
        page = client.get(url)
    assert page.content.decode().count("DT-0") == 5
    assert len(five) == len(one)


def test_the_review_screen_writes_the_decision_only_on_confirmation(client_for, officer, make_project, make_dossier):
    project = make_project()
    dossier = make_dossier(project=project)
    client = client_for(officer)
    url = f"/projects/from-dossier/{dossier.pk}/"
    page = client.get(url)
    assert page.status_code == 200 and "1234/GCN-STC" in page.content.decode()
    assert not DecisionVersion.objects.exists()  # reading the proposal writes nothing
    response = client.post(
        url,
        {
            "decision-kind": "certificate",
            "decision-reference": "1234/GCN-STC",
            "decision-decided_on": "20/10/2026",
            "decision-summary": "Cấp giấy chứng nhận",
        },
    )
    assert response.status_code == 302
    decision = DecisionVersion.objects.get()
    assert (decision.project, decision.source_dossier, decision.status) == (project, dossier, "draft")
    assert decision.decided_on == date(2026, 10, 20) and decision.history.get().history_user == officer
    again = client.post(
        url, {"decision-kind": "certificate", "decision-reference": "x", "decision-decided_on": "20/10/2026"}
    )
    assert "đã được ghi" in again.content.decode() and DecisionVersion.objects.count() == 1
    assert 'data-testid="dossier-proposal"' not in client.get(f"/projects/{project.code}/dossiers/").content.decode()


def test_a_dossier_with_no_project_proposes_a_new_one(client_for, officer, make_investor, make_dossier):
    investor = make_investor(enterprise_code="4209999999")
    dossier = make_dossier(applicant_tax_code="4209999999")
    client = client_for(officer)
    url = f"/projects/from-dossier/{dossier.pk}/"
    page = client.get(url).content.decode()
    assert f'value="{investor.pk}" selected' in page  # the investor found by the dossier's tax code
    response = client.post(
        url,
        {
            "project-code": "5611112222",
            "project-name": "Nhà máy nước Cam Lâm",
            "project-investor": investor.pk,
            "project-kind": "direct",
            "project-sector": "E",
            "project-status": "preparing",
            "project-commune": "22333",
            "project-total_capital_vnd": "90000000000",
            "project-contributed_capital_vnd": "0",
            "project-mobilised_capital_vnd": "0",
            "project-deposit_vnd": "0",
            "decision-kind": "certificate",
            "decision-reference": "1234/GCN-STC",
            "decision-decided_on": "20/10/2026",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    project = Project.objects.get(code="5611112222")
    dossier.refresh_from_db()
    assert dossier.project == project and project.decisions.get().source_dossier == dossier


def test_a_dossier_that_gives_no_decision_has_no_review_screen(client_for, officer, make_dossier, leader):
    dossier = make_dossier(procedure_code="cap-lai-gcndkdt")
    assert client_for(officer).get(f"/projects/from-dossier/{dossier.pk}/").status_code == 404
    open_one = make_dossier(resolved=False)
    assert client_for(officer).get(f"/projects/from-dossier/{open_one.pk}/").status_code == 404
    assert client_for(leader).get(f"/projects/from-dossier/{make_dossier().pk}/").status_code == 403


# Naming the project at the desk, on the receipt form ---------------------------------------------


@pytest.fixture
def desk_reading_projects(reception):
    """A desk clerk who also reads the project database (the viewer's role besides the desk's)."""
    from django.contrib.auth.models import Group

    reception.groups.add(Group.objects.get(name=Role.VIEWER))
    return reception


def _receipt(procedure, **fields):
    return {
        "procedure": procedure.pk,
        "applicant_name": "Công ty TNHH Sao Mai",
        "channel": "direct",
        "received_at": "08:00 02/03/2026",
        **fields,
    }


def test_the_receipt_names_the_project_in_the_dossiers_history(client_for, desk_reading_projects, make_project):
    project = make_project(name="Khu du lịch Hòn Tằm")
    procedure = Procedure.objects.get(code=CERTIFICATE)
    client = client_for(desk_reading_projects)
    page = client.get("/dossiers/new/", {"procedure": procedure.pk}).content.decode()
    assert 'data-testid="intake-project"' in page and 'list="intake-project-options"' in page
    response = client.post("/dossiers/new/", _receipt(procedure, project=project.code))
    dossier = Dossier.objects.get()
    assert response.status_code == 302 and dossier.project == project
    reasons = [change.history_change_reason for change in dossier.history.all()]
    assert any(project.code in (reason or "") for reason in reasons)
    assert dossier.history.first().history_user == desk_reading_projects
    assert dossier.code in client.get(f"/projects/{project.code}/dossiers/").content.decode()


def test_an_unknown_project_refuses_the_receipt_and_writes_nothing(client_for, desk_reading_projects):
    procedure = Procedure.objects.get(code=CERTIFICATE)
    client = client_for(desk_reading_projects)
    response = client.post("/dossiers/new/", _receipt(procedure, project="5699999999"))
    page = response.content.decode()
    assert response.status_code == 200 and "Không có dự án mã số 5699999999" in page
    assert Dossier.objects.count() == 0
    # The number was not used up either: the next receipt takes the first of the year.
    client.post("/dossiers/new/", _receipt(procedure))
    assert Dossier.objects.get().code.endswith("00001")


def test_a_clerk_who_does_not_read_projects_is_not_offered_the_field_nor_can_name_one(
    client_for, reception, make_project
):
    project = make_project()
    procedure = Procedure.objects.get(code=CERTIFICATE)
    client = client_for(reception)
    assert 'data-testid="intake-project"' not in client.get("/dossiers/new/").content.decode()
    assert client.get("/projects/pick/", {"project": project.code}).status_code == 403
    with pytest.raises(PermissionDeniedError):
        dossier_services.receive_dossier(
            reception,
            procedure=procedure,
            applicant_name="Công ty TNHH Sao Mai",
            channel="direct",
            project_code=project.code,
        )
    assert Dossier.objects.count() == 0
    # A code posted anyway is not read: the form has no such field for this clerk.
    client.post("/dossiers/new/", _receipt(procedure, project=project.code))
    assert Dossier.objects.get().project is None


def test_the_service_names_only_a_project_in_the_actors_scope(desk_reading_projects, make_project, monkeypatch):
    from investdesk.projects import access as project_access

    project = make_project()
    procedure = Procedure.objects.get(code=CERTIFICATE)
    # A reader whose scope leaves this project out (as a narrower scope would): refused by field.
    real_scope = project_access.project_scope

    def scope_without_it(queryset, user, action, prefix=""):
        return real_scope(queryset, user, action, prefix).exclude(pk=project.pk)

    monkeypatch.setattr(project_access, "project_scope", scope_without_it)
    with pytest.raises(DomainError) as refused:
        dossier_services.receive_dossier(
            desk_reading_projects,
            procedure=procedure,
            applicant_name="Công ty TNHH Sao Mai",
            channel="direct",
            project_code=project.code,
        )
    assert refused.value.field == "project"
    assert Dossier.objects.count() == 0


def test_project_suggestions_search_code_name_and_investor_in_a_fixed_number_of_queries(
    client_for, officer, make_project, make_investor
):
    hon_tam = make_project(name="Khu du lịch Hòn Tằm")
    other = make_project(name="Nhà máy nước Cam Ranh", investor=make_investor("Công ty Cổ phần Sông Đà"))
    client = client_for(officer)
    page = client.get("/projects/pick/", {"project": "hon tam"}).content.decode()
    assert f'value="{hon_tam.code}"' in page and other.code not in page
    page = client.get("/projects/pick/", {"project": "song da"}).content.decode()
    assert f'value="{other.code}"' in page and hon_tam.code not in page
    page = client.get("/projects/pick/", {"project": other.code}).content.decode()
    assert f'value="{other.code}"' in page and hon_tam.code not in page
    assert client.get("/projects/pick/", {"project": " "}).content.decode().strip() == ""
    with CaptureQueriesContext(connection) as few:
        client.get("/projects/pick/", {"project": "khu"})
    for number in range(5):
        make_project(name=f"Khu dân cư số {number}", investor=make_investor(f"Công ty {number}"))
    with CaptureQueriesContext(connection) as many:
        page = client.get("/projects/pick/", {"project": "khu"}).content.decode()
    assert page.count("<option") == 6 and len(many) == len(few)
