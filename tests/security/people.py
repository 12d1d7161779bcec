"""Fixtures of the authorization tests: people of every role, in this division and in another, and
a dossier at its check step (imported by the test modules, so no conftest is shared here)."""

import pytest

from investdesk.accounts.choices import Role
from investdesk.dossiers import services
from investdesk.procedures.models import Procedure
from tests.dossiers.conftest import at


@pytest.fixture
def viewer(make_person):
    return make_person("nguoixem", Role.VIEWER, division="van-phong", full_name="Đỗ Hoàng Long")


@pytest.fixture
def other_head(make_person):
    """The head of another division of the department (here the department's office)."""
    return make_person(
        "truongvanphong", Role.DIVISION_HEAD, division="van-phong", position="truong-phong", full_name="Lê Văn Phòng"
    )


@pytest.fixture
def other_officer(make_person):
    return make_person("chuyenvien2", Role.OFFICER, full_name="Võ Minh Tuấn")


@pytest.fixture
def office_officer(make_person):
    """An officer of another division."""
    return make_person("chuyenvienvp", Role.OFFICER, division="van-phong", full_name="Huỳnh Quốc Bảo")


@pytest.fixture
def people(seeded, admin_user, leader, division_head, officer, reception, viewer):
    return {
        "administrator": admin_user,
        "department_leader": leader,
        "division_head": division_head,
        "officer": officer,
        "reception": reception,
        "viewer": viewer,
    }


def receive(reception, when="08:00 02/03/2026"):
    return services.receive_dossier(
        reception,
        procedure=Procedure.objects.get(code="cap-lai-gcndkdt"),
        applicant_name="Công ty TNHH Du lịch Vịnh Nha Trang",
        channel="direct",
        received_at=at(when),
    )


@pytest.fixture
def checking(people):
    """A dossier past the desk: its check step is open and held by the division's officer."""
    dossier = receive(people["reception"])
    services.complete_step(people["reception"], dossier.steps.get(), at=at("09:00 02/03/2026"))
    dossier.refresh_from_db()
    return dossier
