"""Five wrong passwords lock the account, on the login page and on the API token endpoint alike."""

import pytest
from django.conf import settings

from investdesk.accounts import services

from ..conftest import PASSWORD

pytestmark = pytest.mark.django_db


def login_page(client, password):
    return client.post("/accounts/login/", {"username": "chuyenvien", "password": password})


def api_token(client, password):
    return client.post(
        "/api/v1/auth/token",
        {"username": "chuyenvien", "password": password},
        content_type="application/json",
    )


def test_limit_is_five():
    assert settings.AXES_FAILURE_LIMIT == 5


def test_sixth_attempt_on_the_page_is_locked_even_with_the_right_password(client, officer):
    for _ in range(4):
        response = login_page(client, "sai-mat-khau")
        assert response.status_code == 200
        assert "không đúng" in response.content.decode()
    # The fifth failure reaches the limit: its answer already says the account is locked.
    assert login_page(client, "sai-mat-khau").status_code == 429
    response = login_page(client, PASSWORD)
    assert response.status_code == 429
    assert "tạm bị khóa" in response.content.decode()
    assert services.is_locked_out(officer)


def test_sixth_attempt_on_the_api_is_locked(client, officer):
    for _ in range(4):
        response = api_token(client, "sai-mat-khau")
        assert response.status_code == 401
        assert response.json()["detail"]
    assert api_token(client, "sai-mat-khau").status_code == 429
    response = api_token(client, PASSWORD)
    assert response.status_code == 429
    assert "tạm bị khóa" in response.json()["detail"]


def test_page_and_api_failures_add_up(client, officer):
    for _ in range(3):
        login_page(client, "sai")
    for _ in range(2):
        api_token(client, "sai")
    assert login_page(client, PASSWORD).status_code == 429


def test_a_success_before_the_limit_resets_the_count(client, officer):
    for _ in range(4):
        login_page(client, "sai")
    assert login_page(client, PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        login_page(client, "sai")
    assert login_page(client, PASSWORD).status_code == 302


def test_an_administrator_unlocks(client, officer, admin_user):
    for _ in range(5):
        login_page(client, "sai")
    assert services.is_locked_out(officer)
    client.force_login(admin_user)
    response = client.post(f"/people/{officer.pk}/unlock/")
    assert response.status_code == 302
    assert not services.is_locked_out(officer)
    client.logout()
    assert login_page(client, PASSWORD).status_code == 302
