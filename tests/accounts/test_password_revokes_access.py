"""A new password shuts every door the old one opened: the person's API tokens stop working and
their other signed-in sessions end, whether they changed it themselves, an administrator set it,
or it was reset by e-mail."""

import re

import pytest
from django.test import Client

from investdesk.accounts import services
from investdesk.accounts.models import ApiToken

from ..conftest import PASSWORD

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Mat-khau-moi-2027!"


def bearer(raw):
    return {"Authorization": f"Bearer {raw}"}


@pytest.fixture
def doors(officer):
    """Two API tokens (a personal one and one from the token endpoint) and a second browser."""
    _personal, personal_raw = services.create_api_token(officer, name="Hệ thống một cửa")
    response = Client().post(
        "/api/v1/auth/token",
        {"username": "chuyenvien", "password": PASSWORD},
        content_type="application/json",
    )
    login_raw = response.json()["token"]
    other_browser = Client()
    assert other_browser.post("/accounts/login/", {"username": "chuyenvien", "password": PASSWORD}).status_code == 302
    assert other_browser.get("/profile/").status_code == 200
    for raw in (personal_raw, login_raw):
        assert Client().get("/api/v1/divisions", headers=bearer(raw)).status_code == 200
    return {"tokens": (personal_raw, login_raw), "browser": other_browser}


def assert_all_closed(doors):
    for raw in doors["tokens"]:
        assert Client().get("/api/v1/divisions", headers=bearer(raw)).status_code == 401
    response = doors["browser"].get("/profile/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_changing_ones_own_password_revokes_tokens_and_other_sessions(client, officer, doors):
    client.post("/accounts/login/", {"username": "chuyenvien", "password": PASSWORD})
    response = client.post(
        "/accounts/password/change/",
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert_all_closed(doors)
    # The browser that changed it stays signed in.
    assert client.get("/profile/").status_code == 200
    assert not ApiToken.objects.usable().filter(user=officer).exists()


def test_an_administrator_setting_a_password_revokes_tokens_and_sessions(client, officer, admin_user, doors):
    client.force_login(admin_user)
    response = client.post(f"/people/{officer.pk}/password/", {"password": NEW_PASSWORD})
    assert response.status_code == 302
    assert_all_closed(doors)


def test_the_service_revokes_tokens_too(officer, admin_user, doors):
    services.set_password(admin_user, officer, NEW_PASSWORD)
    assert_all_closed(doors)


def test_a_reset_by_mail_revokes_tokens_and_sessions(client, officer, doors, mailoutbox):
    officer.email = "thuy@example.vn"
    officer.save()
    client.post("/accounts/password/reset/", {"email": "thuy@example.vn"})
    link = re.search(r"https?://[^/\s]+(/accounts/password/reset/\S+/)", mailoutbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    response = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert response.status_code == 302
    assert_all_closed(doors)
    assert Client().post("/accounts/login/", {"username": "chuyenvien", "password": NEW_PASSWORD}).status_code == 302


def test_tokens_of_other_people_are_left_alone(officer, reception, admin_user):
    _token, raw = services.create_api_token(reception, name="x")
    services.set_password(admin_user, officer, NEW_PASSWORD)
    assert Client().get("/api/v1/divisions", headers=bearer(raw)).status_code == 200


def test_a_password_saved_outside_the_services_also_revokes_tokens_and_sessions(officer, doors):
    # The Django admin site and the ``changepassword`` command save the person directly.
    officer.set_password(NEW_PASSWORD)
    officer.save()
    assert_all_closed(doors)
    assert officer.history.filter(history_type="~").exists()
    revoked = ApiToken.history.filter(user=officer, revoked_at__isnull=False)
    assert revoked.count() == 2 and all(row.history_user_id == officer.pk for row in revoked)
