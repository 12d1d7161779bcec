"""Fixtures shared by every test: the organisation and one person per role."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from investdesk.accounts.choices import Role
from investdesk.accounts.models import Division, Position, User

PASSWORD = "Mat-khau-thu-2026"


@pytest.fixture(autouse=True)
def fresh_calendar():
    """Each test builds the working calendar from its own database state."""
    from django.core.cache import cache

    from investdesk.worktime import loader

    cache.clear()
    loader._state.update(calendar=None, version=None, checked=0.0)
    yield


def _seed() -> None:
    call_command("seed", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115


def _is_seeded() -> bool:
    from investdesk.procedures.models import Procedure

    return Group.objects.filter(name=Role.ADMINISTRATOR).exists() and Procedure.objects.exists()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The reference data (``investdesk seed``: divisions, roles, the procedure catalogue, the quality
    register) is written once per test database, not once per test: seeding costs seconds, and every
    test that uses the database runs in a transaction that is rolled back, so the catalogue comes
    back unchanged for the next one."""
    with django_db_blocker.unblock():
        _seed()


@pytest.fixture
def seeded(db):
    # A test that commits (``transaction=True``, the browser tests) empties the tables when it ends;
    # the tests after it seed again, inside their own transaction.
    if not _is_seeded():
        _seed()


@pytest.fixture
def make_person(seeded):
    def make(username, role=None, *, division="dtnns", position="chuyen-vien", **fields):
        person = User(
            username=username,
            full_name=fields.pop("full_name", username.title()),
            division=Division.objects.get(code=division) if division else None,
            position=Position.objects.get(code=position) if position else None,
            **fields,
        )
        person.set_password(PASSWORD)
        person.save()
        if role:
            person.groups.add(Group.objects.get(name=role))
        return person

    return make


@pytest.fixture
def admin_user(make_person):
    return make_person("quantri", Role.ADMINISTRATOR, division="van-phong", position=None, full_name="Quản Trị")


@pytest.fixture
def leader(make_person):
    return make_person(
        "giamdoc",
        Role.DEPARTMENT_LEADER,
        division="ban-giam-doc",
        position="giam-doc",
        full_name="Trần Minh Khoa",
    )


@pytest.fixture
def division_head(make_person):
    return make_person("truongphong", Role.DIVISION_HEAD, position="truong-phong", full_name="Nguyễn Văn Thành")


@pytest.fixture
def officer(make_person):
    return make_person("chuyenvien", Role.OFFICER, full_name="Đặng Thị Thủy")


@pytest.fixture
def reception(make_person):
    return make_person(
        "tiepnhan",
        Role.RECEPTION,
        division="van-phong",
        position="nhan-vien",
        full_name="Trương Thị Mai",
    )


@pytest.fixture
def client_for(client):
    def login(person):
        client.force_login(person)
        return client

    return login
