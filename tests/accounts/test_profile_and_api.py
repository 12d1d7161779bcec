"""One's own profile, language, API tokens and the API's JSON answers."""

import pytest
from django.utils import timezone

from investdesk.accounts import services
from investdesk.accounts.models import ApiToken

from ..conftest import PASSWORD

pytestmark = pytest.mark.django_db


def bearer(raw):
    return {"Authorization": f"Bearer {raw}"}


def test_obtain_token_and_use_it(client, officer):
    response = client.post(
        "/api/v1/auth/token",
        {"username": "chuyenvien", "password": PASSWORD},
        content_type="application/json",
    )
    assert response.status_code == 200
    raw = response.json()["token"]
    assert raw.startswith("idk_")
    token = ApiToken.objects.get(user=officer)
    assert raw not in (token.digest, token.prefix) and token.digest != raw
    divisions = client.get("/api/v1/divisions", headers=bearer(raw))
    assert divisions.status_code == 200
    codes = {d["code"] for d in divisions.json()}
    assert {"dtnns", "van-phong", "ban-giam-doc"} <= codes
    assert set(divisions.json()[0]) == {"id", "code", "name", "department"}


def test_wrong_credentials_are_401_in_vietnamese(client, officer):
    response = client.post(
        "/api/v1/auth/token",
        {"username": "chuyenvien", "password": "sai"},
        content_type="application/json",
    )
    assert response.status_code == 401
    assert response.json() == {"detail": "Tên đăng nhập hoặc mật khẩu không đúng."}


@pytest.mark.parametrize(
    "body",
    ['{"username": "a"}', "not json", '{"username": 1, "password": []}', "[]", ""],
)
def test_bad_input_is_400_never_500(client, body):
    response = client.post("/api/v1/auth/token", body, content_type="application/json")
    assert 400 <= response.status_code < 500
    assert isinstance(response.json()["detail"], str) and response.json()["detail"]


def test_revoked_and_expired_tokens_are_refused(client, officer):
    token, raw = services.create_api_token(officer, name="tích hợp")
    assert client.get("/api/v1/divisions", headers=bearer(raw)).status_code == 200
    services.revoke_api_token(officer, token)
    assert client.get("/api/v1/divisions", headers=bearer(raw)).status_code == 401
    token2, raw2 = services.create_api_token(officer, name="hết hạn")
    ApiToken.objects.filter(pk=token2.pk).update(expires_at=timezone.now())
    assert client.get("/api/v1/divisions", headers=bearer(raw2)).status_code == 401


def test_token_of_a_deactivated_person_is_refused(client, officer, admin_user):
    _token, raw = services.create_api_token(officer, name="x")
    services.update_person(admin_user, officer, expected_version=officer.version, is_active=False)
    assert client.get("/api/v1/divisions", headers=bearer(raw)).status_code == 401


def test_profile_creates_shows_once_and_revokes_tokens(client, officer):
    client.force_login(officer)
    response = client.post("/profile/tokens/", {"token-name": "Hệ thống một cửa", "token-days": 30})
    html = response.content.decode()
    assert response.status_code == 200 and "idk_" in html
    token = ApiToken.objects.get(user=officer)
    profile = client.get("/profile/").content.decode()
    assert token.prefix in profile and "Hệ thống một cửa" in profile
    assert client.post(f"/profile/tokens/{token.pk}/revoke/").status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_another_persons_token_cannot_be_revoked(client, officer, reception):
    token, _raw = services.create_api_token(reception, name="x")
    client.force_login(officer)
    assert client.post(f"/profile/tokens/{token.pk}/revoke/").status_code == 404


def test_profile_edit_changes_only_own_contact_details(client, officer):
    client.force_login(officer)
    response = client.post(
        "/profile/",
        {
            "profile-email": "thuy@example.vn",
            "profile-phone": "0905 000 111",
            "profile-language": "vi",
            "profile-expected_version": officer.version,
            "profile-full_name": "Kẻ Mạo Danh",
        },
    )
    assert response.status_code == 302
    officer.refresh_from_db()
    assert officer.email == "thuy@example.vn" and officer.full_name == "Đặng Thị Thủy"


def test_language_switch_is_kept_on_the_account(client, officer):
    client.force_login(officer)
    assert "Trang chủ" in client.get("/").content.decode()
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    officer.refresh_from_db()
    assert officer.language == "en"
    client.cookies.clear()
    client.force_login(officer)
    html = client.get("/").content.decode()
    assert "Home" in html and 'lang="en"' in html


def test_browser_language_does_not_override_vietnamese(client, officer):
    client.force_login(officer)
    html = client.get("/", headers={"Accept-Language": "en-US,en;q=0.9"}).content.decode()
    assert 'lang="vi"' in html and "Trang chủ" in html


def test_set_language_refuses_foreign_redirects(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_login_page_is_vietnamese(client):
    html = client.get("/accounts/login/").content.decode()
    assert "Đăng nhập" in html and "Tên đăng nhập" in html and "Quên mật khẩu?" in html


def test_password_reset_sends_a_vietnamese_mail(client, officer, mailoutbox):
    officer.email = "thuy@example.vn"
    officer.save()
    response = client.post("/accounts/password/reset/", {"email": "thuy@example.vn"})
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    assert "Đặt lại mật khẩu" in mailoutbox[0].subject
    assert "Tên đăng nhập của bạn: chuyenvien" in mailoutbox[0].body
