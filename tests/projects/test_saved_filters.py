"""Saved filters of the project list: kept per person under a name, shared with one of the person's
groups, used by the group's members, changed and deleted only by their owner."""

import pytest
from django.contrib.auth.models import Group
from django.http import QueryDict

from investdesk.accounts.choices import Role
from investdesk.core.exceptions import DomainError, PermissionDeniedError
from investdesk.projects import services
from investdesk.projects.models import SavedFilter

pytestmark = pytest.mark.django_db


def test_only_the_list_filters_are_kept_and_the_name_replaces(officer):
    saved = services.save_filter(
        officer, name=" PPP chậm ", query=QueryDict("kind=ppp&late=true&page=3&format=xlsx&x=1")
    )
    assert (saved.name, saved.query) == ("PPP chậm", "kind=ppp&late=true")
    again = services.save_filter(officer, name="PPP chậm", query=QueryDict("kind=ppp"))
    assert again.pk == saved.pk and SavedFilter.objects.get().query == "kind=ppp"
    assert again.get_absolute_url() == "/projects/?kind=ppp"
    assert again.history.count() == 2 and again.history.first().history_user == officer
    with pytest.raises(DomainError, match="Chưa có điều kiện"):
        services.save_filter(officer, name="Trống", query=QueryDict("page=2"))


def test_a_filter_is_shared_with_one_of_the_owners_groups(officer, make_person):
    officers = Group.objects.get(name=Role.OFFICER)
    saved = services.save_filter(officer, name="Chậm", query=QueryDict("late=true"), group=officers)
    colleague = make_person("dongnghiep", Role.OFFICER)
    viewer = make_person("xem", Role.VIEWER)
    assert list(SavedFilter.objects.restrict(colleague)) == [saved]
    assert not SavedFilter.objects.restrict(viewer).exists()
    assert not SavedFilter.objects.restrict(colleague, "delete").exists()
    with pytest.raises(PermissionDeniedError):
        services.delete_filter(colleague, saved)
    with pytest.raises(DomainError, match="nhóm mình thuộc về"):
        services.save_filter(
            officer, name="Lạ", query=QueryDict("late=true"), group=Group.objects.get(name=Role.VIEWER)
        )
    services.delete_filter(officer, saved)
    assert not SavedFilter.objects.exists()


def test_the_list_page_saves_shows_and_deletes_filters(client_for, officer, make_person, make_project):
    make_project()
    client = client_for(officer)
    group = Group.objects.get(name=Role.OFFICER)
    response = client.post(
        "/projects/filters/", {"name": "Dự án PPP", "shared_with": group.pk, "query": "kind=ppp&page=2"}
    )
    assert response.status_code == 302 and response.url == "/projects/?kind=ppp"
    page = client.get("/projects/").content.decode()
    assert 'data-testid="saved-filters"' in page and "Dự án PPP" in page
    colleague = make_person("dongnghiep", Role.OFFICER)
    page = client_for(colleague).get("/projects/").content.decode()
    assert "Dự án PPP" in page and "/projects/?kind=ppp" in page
    saved = SavedFilter.objects.get()
    assert client_for(colleague).post(f"/projects/filters/{saved.pk}/delete/").status_code == 404
    client = client_for(officer)
    client.post(f"/projects/filters/{saved.pk}/delete/")
    assert not SavedFilter.objects.exists()


def test_the_list_keeps_a_fixed_query_count_with_saved_filters(
    client_for, officer, make_project, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    make_project()
    client = client_for(officer)
    services.save_filter(officer, name="A", query=QueryDict("kind=ppp"))
    client.get("/projects/")
    with CaptureQueriesContext(connection) as one:
        client.get("/projects/")
    group = Group.objects.get(name=Role.OFFICER)
    for name in "BCDE":
        services.save_filter(officer, name=name, query=QueryDict("kind=ppp"), group=group)
    with CaptureQueriesContext(connection) as five:
        client.get("/projects/")
    assert len(five) == len(one)
