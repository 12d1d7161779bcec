from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def at(text: str) -> datetime:
    return datetime.strptime(text, "%H:%M %d/%m/%Y").replace(tzinfo=TZ)


@pytest.fixture
def catalogue(seeded):
    """The seeded procedure catalogue (seeded once per test database, see tests/conftest.py)."""


@pytest.fixture
def staff(catalogue, reception, officer, division_head, leader, admin_user):
    return {"reception": reception, "officer": officer, "head": division_head, "leader": leader, "admin": admin_user}
