"""Every page and endpoint refuses anonymous visitors, except the few that must not.

The URL configuration is walked, so a page added later without protection fails here.
"""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

# Pages a person must reach before signing in, and the monitoring probe.
ANONYMOUS_ALLOWED = {
    "login",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "set_language",  # the language switch on the login page: it only sets a cookie
    "health",
    "admin:login",  # Django admin's own login page
    "api:obtain_token",  # the API's login: POST /api/v1/auth/token
}
SAMPLE_VALUES = {
    "int": "1",
    "slug": "x",
    "str": "x",
    "path": "x",
    "uuid": "00000000-0000-0000-0000-000000000000",
}
GROUP = re.compile(r"\(\?P<(\w+)>([^)]*)\)")


def _route_to_path(pattern) -> str:
    text = str(pattern.pattern)
    if hasattr(pattern.pattern, "_route"):
        return re.sub(
            r"<(?:(\w+):)?(\w+)>",
            lambda m: SAMPLE_VALUES.get(m.group(1) or "str", "x"),
            text,
        )
    text = GROUP.sub(lambda m: m.group(2).split("|")[0] if "|" in m.group(2) else "x", text)
    return text.replace("^", "").replace("$", "").replace("\\", "")


def walk(patterns=None, prefix="", namespace=""):
    if patterns is None:
        patterns = get_resolver().url_patterns
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = namespace
            if pattern.namespace:
                ns = f"{namespace}{pattern.namespace}:"
            yield from walk(pattern.url_patterns, prefix + _route_to_path(pattern), ns)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}{pattern.name}" if pattern.name else None
            yield name, "/" + prefix + _route_to_path(pattern)


ROUTES = sorted(set(walk()), key=lambda r: (r[1], r[0] or ""))  # by path, then name: the same order in every worker


def test_the_walk_finds_the_application():
    paths = {path for _name, path in ROUTES}
    assert "/people/" in paths and "/api/v1/divisions" in paths and len(ROUTES) > 40


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "path"), [r for r in ROUTES if r[0] not in ANONYMOUS_ALLOWED], ids=lambda v: str(v))
def test_anonymous_is_refused(client, name, path):
    for method in ("get", "post"):
        response = getattr(client, method)(path)
        if path.startswith("/api/"):
            assert response.status_code in {401, 404, 405}, (method, path, response.status_code)
            continue
        assert response.status_code in {302, 404, 405}, (method, path, response.status_code)
        if response.status_code == 302:
            location = response.headers["Location"]
            assert location.startswith(("/accounts/login/", "/admin/login/")), (
                method,
                path,
                location,
            )


@pytest.mark.django_db
def test_api_answers_401_in_json_for_a_real_endpoint(client):
    response = client.get("/api/v1/divisions")
    assert response.status_code == 401
    assert "Bearer" in response.json()["detail"]


@pytest.mark.django_db
def test_openapi_schema_needs_authentication(client, officer):
    assert client.get("/api/v1/openapi.json").status_code == 401
    client.force_login(officer)
    assert client.get("/api/v1/openapi.json").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/accounts/login/", "/accounts/password/reset/", "/health"])
def test_allowed_pages_answer_anonymous(client, path):
    assert client.get(path).status_code in {200, 503}
