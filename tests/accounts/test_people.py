"""Administrator pages for people and divisions: roles, rows, history, concurrent edits."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

from investdesk.accounts import services
from investdesk.accounts.choices import Role
from investdesk.accounts.models import Division, Position, User
from investdesk.core.exceptions import ConcurrentEditError, DomainError, PermissionDeniedError

pytestmark = pytest.mark.django_db


def person_form(person, **changes):
    data = {
        "username": person.username,
        "full_name": person.full_name,
        "position": person.position_id or "",
        "division": person.division_id or "",
        "email": person.email,
        "phone": person.phone,
        "is_active": "on" if person.is_active else "",
        "roles": sorted(person.role_codes),
        "expected_version": person.version,
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_administrator_creates_a_person_with_roles(client, admin_user):
    client.force_login(admin_user)
    division = Division.objects.get(code="dtnns")
    response = client.post(
        "/people/new/",
        {
            "username": "an.nv",
            "full_name": "  Nguyễn Văn  An ",
            "division": division.pk,
            "position": Position.objects.get(code="chuyen-vien").pk,
            "email": "an@example.vn",
            "is_active": "on",
            "roles": [Role.OFFICER],
            "password": "Mot-mat-khau-dai-2026",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    person = User.objects.get(username="an.nv")
    assert person.full_name == "Nguyễn Văn An"
    assert person.has_role(Role.OFFICER)
    assert person.check_password("Mot-mat-khau-dai-2026")
    record = person.history.latest()
    assert record.history_user == admin_user and record.history_change_reason == "Tạo tài khoản"


def test_a_weak_password_is_refused_in_vietnamese(client, admin_user):
    client.force_login(admin_user)
    response = client.post(
        "/people/new/",
        {"username": "b", "full_name": "B", "is_active": "on", "password": "123"},
    )
    assert response.status_code == 200
    assert "Mật khẩu" in response.content.decode() or "mật khẩu" in response.content.decode()
    assert not User.objects.filter(username="b").exists()


@pytest.mark.parametrize("role_fixture", ["officer", "division_head", "leader", "reception"])
def test_only_administrators_manage_people(client, request, role_fixture, officer):
    client.force_login(request.getfixturevalue(role_fixture))
    assert client.get("/people/new/").status_code == 403
    assert client.post(f"/people/{officer.pk}/edit/", person_form(officer)).status_code == 403


def test_division_head_sees_only_their_division(client, division_head, officer, reception):
    client.force_login(division_head)
    response = client.get("/people/")
    html = response.content.decode()
    assert officer.full_name in html
    assert reception.full_name not in html
    assert client.get(f"/people/{reception.pk}/").status_code == 404


def test_an_officer_has_no_staff_list_and_sees_only_themself(client, officer, reception):
    client.force_login(officer)
    assert client.get("/people/").status_code == 403
    assert client.get(f"/people/{reception.pk}/").status_code == 404
    assert client.get(f"/people/{officer.pk}/").status_code == 200


def test_search_ignores_diacritics_and_tone_mark_placement(client, admin_user, make_person):
    make_person("hoa", Role.OFFICER, full_name="Bùi Ngọc Hoà")
    make_person("khac", Role.OFFICER, full_name="Lê Văn Khác")
    client.force_login(admin_user)
    for query in ["hòa", "HOA", "ngoc hoa", "Hoà"]:
        html = client.get("/people/", {"q": query}).content.decode()
        assert "Bùi Ngọc Hoà" in html and "Lê Văn Khác" not in html, query


def test_list_query_count_does_not_grow_with_rows(client, admin_user, make_person):
    client.force_login(admin_user)
    make_person("p0", Role.OFFICER)
    client.get("/people/")
    with CaptureQueriesContext(connection) as few:
        client.get("/people/")
    for index in range(1, 30):
        make_person(f"p{index}", Role.OFFICER if index % 2 else Role.RECEPTION)
    with CaptureQueriesContext(connection) as many:
        response = client.get("/people/")
    assert response.status_code == 200
    assert 0 < len(many) == len(few)


def test_htmx_list_request_returns_only_the_results(client, admin_user):
    client.force_login(admin_user)
    response = client.get("/people/", {"q": "quan"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert 'data-testid="person-table"' in html and "<html" not in html


def test_concurrent_edits_do_not_overwrite_each_other(client, admin_user, officer):
    client.force_login(admin_user)
    stale = person_form(officer)
    first = client.post(f"/people/{officer.pk}/edit/", {**stale, "phone": "0905 111 111"})
    assert first.status_code == 302
    second = client.post(f"/people/{officer.pk}/edit/", {**stale, "phone": "0905 222 222"})
    assert second.status_code == 200
    assert "người khác thay đổi" in second.content.decode()
    officer.refresh_from_db()
    assert officer.phone == "0905 111 111"


def test_service_refuses_a_stale_version(admin_user, officer):
    services.update_person(admin_user, officer, expected_version=officer.version, phone="1")
    with pytest.raises(ConcurrentEditError):
        services.update_person(admin_user, User.objects.get(pk=officer.pk), expected_version=1, phone="2")


def test_the_last_administrator_cannot_be_removed(admin_user):
    with pytest.raises(DomainError):
        services.update_person(admin_user, admin_user, expected_version=admin_user.version, roles=[Role.OFFICER])
    with pytest.raises(DomainError):
        services.update_person(admin_user, admin_user, expected_version=admin_user.version, is_active=False)


def test_services_check_the_actor(officer, reception):
    with pytest.raises(PermissionDeniedError):
        services.update_person(officer, reception, expected_version=None, phone="x")
    with pytest.raises(PermissionDeniedError):
        services.create_person(officer, username="x", full_name="X")


def test_history_tab_shows_who_changed_what(client, admin_user, officer):
    services.update_person(admin_user, officer, expected_version=officer.version, phone="0258 3822 123")
    client.force_login(admin_user)
    html = client.get(f"/people/{officer.pk}/history/").content.decode()
    assert "Lịch sử thay đổi" in html
    assert "Điện thoại" in html or "điện thoại" in html
    assert "0258 3822 123" in html
    assert admin_user.full_name in html


def test_sign_in_adds_no_history_row(client, officer):
    before = officer.history.count()
    assert (
        client.post("/accounts/login/", {"username": "chuyenvien", "password": "Mat-khau-thu-2026"}).status_code == 302
    )
    officer.refresh_from_db()
    assert officer.last_login is not None
    assert officer.history.count() == before


def test_division_create_edit_and_history(client, admin_user):
    client.force_login(admin_user)
    department = Division.objects.get(code="dtnns").department
    response = client.post(
        "/divisions/new/",
        {
            "department": department.pk,
            "code": "ktdn",
            "name": "Phòng Tài chính doanh nghiệp",
            "sort_order": 20,
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    division = Division.objects.get(code="ktdn")
    response = client.post(
        f"/divisions/{division.pk}/edit/",
        {
            "department": department.pk,
            "code": "ktdn",
            "name": "Phòng Tài chính - Doanh nghiệp",
            "sort_order": 20,
            "is_active": "on",
            "expected_version": division.version,
        },
    )
    assert response.status_code == 302
    html = client.get(f"/divisions/{division.pk}/history/").content.decode()
    assert "Phòng Tài chính doanh nghiệp" in html and "Phòng Tài chính - Doanh nghiệp" in html


def test_role_pages_list_every_role_with_members(client, admin_user, officer):
    client.force_login(admin_user)
    html = client.get("/roles/").content.decode()
    for label in ["Quản trị hệ thống", "Lãnh đạo Sở", "Lãnh đạo phòng", "Chuyên viên", "Người xem"]:
        assert label in html
    assert officer.full_name in client.get("/roles/officer/").content.decode()
    assert client.get("/roles/nope/").status_code == 404


def test_seed_gives_roles_their_permissions(seeded):
    admin_group = Group.objects.get(name=Role.ADMINISTRATOR)
    assert admin_group.permissions.filter(codename="manage_people").exists()
    assert not Group.objects.get(name=Role.OFFICER).permissions.filter(codename="manage_people").exists()


def test_set_password_by_administrator_unlocks_and_is_validated(admin_user, officer):
    with pytest.raises(DomainError):
        services.set_password(admin_user, officer, "short")
    services.set_password(admin_user, officer, "Mot-mat-khau-moi-2026")
    officer.refresh_from_db()
    assert officer.check_password("Mot-mat-khau-moi-2026")


def test_people_without_a_role_are_listed(client, admin_user, make_person):
    make_person("moi", None, full_name="Người Mới Vào")
    client.force_login(admin_user)
    response = client.get("/people/")
    assert response.status_code == 200 and "Người Mới Vào" in response.content.decode()
