"""Guessing passwords on ``POST /api/v1/auth/token``: every wrong try counts towards the lockout and
answers the same, whatever the body or its declared content type, and whatever IP it claims."""

import json

import pytest
from axes.models import AccessAttempt
from django.conf import settings

from investdesk.accounts import services

from ..conftest import PASSWORD

pytestmark = pytest.mark.django_db

URL = "/api/v1/auth/token"
WRONG = "sai-mat-khau"


def as_json(username, password):
    return {"data": json.dumps({"username": username, "password": password}), "content_type": "application/json"}


def as_form(username, password):
    return {
        "data": f"username={username}&password={password}",
        "content_type": "application/x-www-form-urlencoded",
    }


def as_multipart(username, password):
    # The test client builds a body with a boundary from a dict.
    return {"data": {"username": username, "password": password}}


def json_as_multipart_without_boundary(username, password):
    return {"data": json.dumps({"username": username, "password": password}), "content_type": "multipart/form-data"}


def json_as_multipart_with_empty_boundary(username, password):
    return {
        "data": json.dumps({"username": username, "password": password}),
        "content_type": "multipart/form-data; boundary=",
    }


def json_as_text(username, password):
    return {"data": json.dumps({"username": username, "password": password}), "content_type": "text/plain"}


ENCODINGS = [
    as_json,
    as_form,
    as_multipart,
    json_as_multipart_without_boundary,
    json_as_multipart_with_empty_boundary,
    json_as_text,
]


def failures(username="chuyenvien") -> int:
    return sum(AccessAttempt.objects.filter(username=username).values_list("failures_since_start", flat=True))


@pytest.mark.parametrize("encode", ENCODINGS, ids=lambda f: f.__name__)
def test_a_wrong_password_is_401_and_counted_in_every_encoding(client, officer, encode):
    response = client.post(URL, **encode("chuyenvien", WRONG))
    assert response.status_code == 401
    assert response.json() == {"detail": "Tên đăng nhập hoặc mật khẩu không đúng."}
    assert failures() == 1


@pytest.mark.parametrize("encode", ENCODINGS, ids=lambda f: f.__name__)
def test_the_right_password_gives_a_token_in_every_encoding(client, officer, encode):
    response = client.post(URL, **encode("chuyenvien", PASSWORD))
    assert response.status_code == 200
    assert response.json()["token"].startswith("idk_")


@pytest.mark.parametrize("encode", ENCODINGS, ids=lambda f: f.__name__)
def test_guessing_in_any_encoding_is_locked_out_and_the_right_password_then_tells_nothing(client, officer, encode):
    answers = [client.post(URL, **encode("chuyenvien", f"{WRONG}-{n}")).status_code for n in range(6)]
    assert answers == [401, 401, 401, 401, 429, 429]
    response = client.post(URL, **encode("chuyenvien", PASSWORD))
    assert response.status_code == 429
    assert "tạm bị khóa" in response.json()["detail"]
    assert services.is_locked_out(officer)


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        ("", "application/json"),
        ("", "multipart/form-data"),
        ("", "application/x-www-form-urlencoded"),
        ("not json at all", "application/json"),
        ("\x00\xff garbage", "multipart/form-data"),
        ("--x\r\nbroken", "multipart/form-data; boundary=x"),
        ("[]", "application/json"),
        ('{"username": 1, "password": []}', "application/json"),
        ('{"username": "chuyenvien"}', "application/json"),
        ('{"password": "x"}', "application/json"),
    ],
)
def test_a_body_without_usable_credentials_is_401_never_500(client, officer, body, content_type):
    response = client.post(URL, body, content_type=content_type)
    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["detail"]


def test_a_username_only_try_counts_as_a_failure(client, officer):
    client.post(URL, '{"username": "chuyenvien"}', content_type="application/json")
    assert failures() == 1


@pytest.mark.parametrize("username", ["x" * 400, "chuyen\x00vien", ""])
def test_odd_usernames_are_401_never_500(client, officer, username):
    response = client.post(URL, **as_json(username, WRONG))
    assert response.status_code == 401


def test_the_lockout_counts_per_username_whatever_ip_and_browser_are_claimed(client, officer):
    for n in range(4):
        response = client.post(
            URL,
            **as_json("chuyenvien", WRONG),
            headers={"X-Forwarded-For": f"203.0.113.{n}", "X-Real-IP": f"198.51.100.{n}", "User-Agent": f"ua-{n}"},
            REMOTE_ADDR=f"192.0.2.{n}",
        )
        assert response.status_code == 401
    assert not services.is_locked_out(officer) or settings.AXES_FAILURE_LIMIT <= 4
    response = client.post(
        URL,
        **as_json("chuyenvien", WRONG),
        headers={"X-Forwarded-For": "203.0.113.99", "User-Agent": "ua-99"},
        REMOTE_ADDR="192.0.2.99",
    )
    assert response.status_code == 429
    assert services.is_locked_out(officer)
    response = client.post(
        URL, **as_json("chuyenvien", PASSWORD), headers={"X-Forwarded-For": "10.9.9.9"}, REMOTE_ADDR="192.0.2.200"
    )
    assert response.status_code == 429


def test_locking_one_person_leaves_the_others_alone(client, officer, reception):
    for _ in range(5):
        client.post(URL, **as_json("chuyenvien", WRONG))
    assert client.post(URL, **as_json("tiepnhan", PASSWORD)).status_code == 200
