"""The generic object views, declared on divisions (tests/core/generic_urls.py)."""

import copy
from pathlib import Path

import pytest
from django.contrib import messages
from django.urls import reverse

from investdesk.accounts.models import Division
from investdesk.core.exceptions import DomainError, report_domain_error
from investdesk.core.forms import StyledForm

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.core.generic_urls")]


@pytest.fixture(autouse=True)
def test_templates(settings):
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["DIRS"] = [*templates[0]["DIRS"], Path(__file__).parent / "templates"]
    settings.TEMPLATES = templates


@pytest.fixture
def division(seeded):
    return Division.objects.get(code="dtnns")


def test_detail_shows_the_row_its_tabs_and_blocks(client_for, officer, division):
    response = client_for(officer).get(reverse("generic:detail", args=[division.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert f"{division.name} · phòng thử" in body
    assert [tab["key"] for tab in response.context["tabs"]] == ["info", "related", "history"]
    assert response.context["tabs"][2]["url"] == reverse("generic:history", args=[division.pk])
    assert response.context["active_tab"] == "info"
    assert response.context["division"] == division == response.context["object"]


def test_detail_needs_sign_in_and_the_row(client, division):
    response = client.get(reverse("generic:detail", args=[division.pk]))
    assert response.status_code == 302  # to the sign-in page
    assert client.get(reverse("generic:detail", args=[999999])).status_code in (302, 404)


def test_a_predicate_on_the_row_refuses_with_403(client_for, officer, division):
    other = Division.objects.exclude(pk=division.pk).first()
    client = client_for(officer)
    assert client.get(reverse("generic:guarded", args=[division.pk])).status_code == 403
    assert client.get(reverse("generic:guarded", args=[other.pk])).status_code == 200


def test_related_tab_lists_the_children_through_their_restrict(client_for, admin_user, officer, division):
    response = client_for(admin_user).get(reverse("generic:people", args=[division.pk]))
    assert response.status_code == 200
    assert response.context["active_tab"] == "related"
    assert officer in list(response.context["table"].data)


def test_history_tab_shows_changes_with_tabs(client_for, admin_user, division):
    client = client_for(admin_user)
    client.post(
        reverse("generic:edit", args=[division.pk]),
        {
            "department": division.department_id,
            "code": division.code,
            "name": "Phòng mới",
            "short_name": "",
            "is_active": "on",
            "sort_order": 1,
            "expected_version": division.version,
        },
    )
    response = client.get(reverse("generic:history", args=[division.pk]))
    assert response.status_code == 200
    assert response.context["active_tab"] == "history"
    assert any(change.new == "Phòng mới" for entry in response.context["entries"] for change in entry.changes)
    partial = client.get(reverse("generic:history", args=[division.pk]), headers={"HX-Request": "true"})
    assert b"<html" not in partial.content and b"history-table" in partial.content


def _division_form(division, **changes):
    data = {
        "department": division.department_id,
        "code": division.code,
        "name": division.name,
        "short_name": division.short_name,
        "is_active": "on",
        "sort_order": division.sort_order,
        "expected_version": division.version,
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_edit_saves_through_the_service_with_a_message(client_for, admin_user, division):
    client = client_for(admin_user)
    response = client.post(reverse("generic:edit", args=[division.pk]), _division_form(division, name="Phòng ĐT"))
    assert response.status_code == 302 and response.url == division.get_absolute_url()
    division.refresh_from_db()
    assert division.name == "Phòng ĐT" and division.version == 2
    assert [str(m) for m in messages.get_messages(response.wsgi_request)] == ["Đã lưu phòng Phòng ĐT."]
    assert division.history.first().history_user == admin_user


def test_edit_refuses_a_stale_version(client_for, admin_user, division):
    client = client_for(admin_user)
    stale = _division_form(division, name="Cũ")
    Division.objects.filter(pk=division.pk).update(version=division.version + 1)
    response = client.post(reverse("generic:edit", args=[division.pk]), stale)
    assert response.status_code == 200
    assert "người khác thay đổi" in str(response.context["form"].errors)
    assert Division.objects.get(pk=division.pk).name == division.name


def test_create_has_its_title_and_saves_a_new_row(client_for, admin_user, division):
    client = client_for(admin_user)
    page = client.get(reverse("generic:new"))
    assert page.status_code == 200 and page.context["title"] == "Thêm phòng"
    data = _division_form(division, code="moi", name="Phòng mới", expected_version="")
    response = client.post(reverse("generic:new"), data)
    created = Division.objects.get(code="moi")
    assert response.url == created.get_absolute_url() and created.version == 1


def test_edit_needs_the_permission_and_a_row_it_may_change(client_for, officer, division):
    client = client_for(officer)
    assert client.get(reverse("generic:edit", args=[division.pk])).status_code == 403
    assert client.get(reverse("generic:new")).status_code == 403


def test_a_service_refusal_shows_under_its_field_and_saves_nothing(client_for, admin_user, division):
    client = client_for(admin_user)
    response = client.post(reverse("generic:refuse", args=[division.pk]), _division_form(division, name="X"))
    assert response.status_code == 200
    assert response.context["form"].errors["name"] == ["Tên phòng đã có."]
    assert Division.objects.get(pk=division.pk).name == division.name


def test_download_is_an_attachment_with_a_safe_name(client_for, officer, division):
    response = client_for(officer).get(reverse("generic:download", args=[division.pk]))
    assert response.status_code == 200
    assert response.content == b"PK-dtnns"
    header = response["Content-Disposition"]
    assert header.startswith("attachment;")
    assert "\r" not in header and "\n" not in header and "/" not in header.split("filename", 1)[1].replace("%2F", "")


def test_one_function_reports_a_refusal_on_a_form_a_message_or_an_api_body(rf):
    error = DomainError("Sai năm.", field="year")

    class YearForm(StyledForm):
        from django import forms

        year = forms.IntegerField()

    form = YearForm({"year": "2026"})
    form.is_valid()
    assert report_domain_error(error, form=form) == {"detail": "Sai năm.", "field": "year"}
    assert form.errors["year"] == ["Sai năm."]

    request = rf.get("/")
    from django.contrib.messages.storage.fallback import FallbackStorage

    request.session = {}
    request._messages = FallbackStorage(request)
    report_domain_error(DomainError("Không được."), request=request)
    assert [str(m) for m in request._messages] == ["Không được."]


def test_an_api_list_reads_the_pages_filterset_through_restrict(rf, officer, division_head, division):
    from investdesk.accounts.filters import PersonFilterSet
    from investdesk.accounts.models import User
    from investdesk.core.api import FilterError, filter_rows

    request = rf.get("/", {"division": division.pk})
    request.user = officer
    # An officer sees only themselves, whatever the filter asks.
    assert list(filter_rows(request, User, PersonFilterSet)) == [officer]
    request.user = division_head
    rows = filter_rows(request, User, PersonFilterSet)
    assert officer in rows and all(person.division_id == division.pk for person in rows)

    bad = rf.get("/", {"division": "không-phải-số", "is_active": "có lẽ"})
    bad.user = division_head
    with pytest.raises(FilterError) as refused:
        filter_rows(bad, User, PersonFilterSet)
    body = report_domain_error(refused.value)
    assert body["field"] in {"division", "is_active"}
    assert {e["field"] for e in body["errors"]} >= {"division"}
