import io
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def at(text: str) -> datetime:
    return datetime.strptime(text, "%H:%M %d/%m/%Y").replace(tzinfo=TZ)


@pytest.fixture
def catalogue(seeded):
    call_command("seed", verbosity=0, stdout=io.StringIO())


@pytest.fixture
def staff(catalogue, reception, officer, division_head, leader, admin_user):
    return {"reception": reception, "officer": officer, "head": division_head, "leader": leader, "admin": admin_user}
