import pytest


@pytest.fixture
def staff(seeded, reception, officer, division_head, leader, admin_user):
    """The people of the desk and the division, on the seeded catalogue (its procedures and processes)."""
    return {"reception": reception, "officer": officer, "head": division_head, "leader": leader, "admin": admin_user}
