"""The OpenAPI schema tells the truth about errors: every operation declares the error answers it
can give, all of one shape, and the API's error messages follow the person's language."""

import pytest
from django.utils import translation

from investdesk.api import api
from investdesk.core.api import describe_validation_errors

pytestmark = pytest.mark.django_db


def operations():
    schema = api.get_openapi_schema()
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            yield f"{method.upper()} {path}", operation, schema


def error_schemas(operation, schema, status) -> list[dict]:
    """The shapes an error status may answer with (one, or several for ``anyOf``)."""
    content = operation["responses"][int(status)]["content"]["application/json"]["schema"]
    refs = [content] if "$ref" in content else content["anyOf"]
    return [schema["components"]["schemas"][ref["$ref"].rsplit("/", 1)[-1]] for ref in refs]


def test_every_operation_declares_its_errors_in_one_shape():
    missing = []
    for label, operation, schema in operations():
        wanted = {"401"}
        if "/auth/token" in label:
            wanted.add("429")
        else:
            wanted.add("400")
        if label.startswith("POST") and "/auth/token" not in label:
            wanted.add("403")
        if "{" in label:
            wanted.add("404")
        if label.endswith("/complete") or label.endswith("/reassign"):
            wanted.add("409")
        declared = {str(status) for status in operation["responses"]}
        missing += [f"{label} {status}" for status in sorted(wanted - declared)]
        for status in declared:
            if status.startswith("4"):
                # Every error can answer the common shape; the import's 400 may also list row errors.
                shapes = error_schemas(operation, schema, status)
                shapes = [shape for shape in shapes if "detail" in shape["properties"]]
                assert shapes and shapes[0]["required"] == ["detail"], (label, status)
                assert shapes[0]["properties"]["detail"]["type"] == "string"
    assert not missing


def test_the_docs_and_schema_need_sign_in(client, officer):
    assert client.get("/api/v1/docs").status_code == 401
    assert client.get("/api/v1/openapi.json").status_code == 401
    client.force_login(officer)
    assert client.get("/api/v1/docs").status_code == 200
    assert client.get("/api/v1/openapi.json").status_code == 200


def test_validation_messages_are_translated():
    errors = [{"type": "missing", "loc": ("query", "year")}, {"type": "int_parsing", "loc": ("query", "n")}]
    assert describe_validation_errors(errors)[0]["message"] == "thiếu giá trị bắt buộc"
    with translation.override("en"):
        described = describe_validation_errors(errors)
    assert described == [
        {"field": "year", "message": "required value is missing"},
        {"field": "n", "message": "must be a whole number"},
    ]


def test_a_post_without_credentials_is_401_not_a_csrf_complaint(client):
    response = client.post("/api/v1/risks", {}, content_type="application/json")
    assert response.status_code == 401
    assert "Authorization: Bearer" in response.json()["detail"]


def test_a_session_post_without_csrf_token_is_403_in_vietnamese(officer):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(officer)
    response = browser.post("/api/v1/risks", {}, content_type="application/json")
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"] and "tải lại trang" in response.json()["detail"]


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/api/v1/procedures", {"q": "thu\x00tuc"}),
        ("/api/v1/dossiers/stats", {"from": "2026-01-01", "to": "2026-03-31", "procedure": "a\x00"}),
    ],
)
def test_nul_characters_are_refused_up_front(client, admin_user, path, params):
    client.force_login(admin_user)
    response = client.get(path, params)
    assert response.status_code == 400
    assert "NUL" in response.json()["detail"]


def test_a_json_nul_escape_is_refused_too(client, admin_user):
    client.force_login(admin_user)
    response = client.post(
        "/api/v1/risks",
        '{"title": "R\\u0000", "likelihood": 1, "severity": 1, "year": 2026}',
        content_type="application/json",
    )
    assert response.status_code == 400
