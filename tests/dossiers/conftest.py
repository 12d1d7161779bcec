from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def at(text: str) -> datetime:
    return datetime.strptime(text, "%H:%M %d/%m/%Y").replace(tzinfo=TZ)


def received_online(desk, applicants: list[tuple[str, str]]) -> list:
    """Dossiers of the reissue procedure received online by ``desk``: one per (applicant, "HH:MM
    dd/mm/yyyy")."""
    from investdesk.dossiers import services
    from investdesk.procedures.models import Procedure

    procedure = Procedure.objects.get(code="cap-lai-gcndkdt")
    return [
        services.receive_dossier(desk, procedure=procedure, applicant_name=name, channel="online", received_at=at(when))
        for name, when in applicants
    ]


@pytest.fixture
def catalogue(seeded):
    """The seeded procedure catalogue (seeded once per test database, see tests/conftest.py)."""


@pytest.fixture
def staff(catalogue, reception, officer, division_head, leader, admin_user):
    return {"reception": reception, "officer": officer, "head": division_head, "leader": leader, "admin": admin_user}
