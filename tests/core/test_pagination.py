"""A list counts exactly up to LIST_COUNT_CAP rows, then says "more than" and stops reading."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

from investdesk.accounts.choices import Role
from investdesk.accounts.models import User


def shown_count(html: str) -> str:
    return " ".join(re.search(r'data-testid="list-count">(.*?)</p>', html, re.S).group(1).split())


def list_counts(queries) -> list[str]:
    return [query["sql"] for query in queries if "COUNT(" in query["sql"].upper() and "accounts_user" in query["sql"]]


def test_a_long_list_says_more_than_the_cap_and_counts_no_further(client, admin_user, make_person, settings):
    settings.LIST_COUNT_CAP = 4
    settings.LIST_PAGE_SIZE = 2
    for index in range(6):
        make_person(f"p{index}", Role.OFFICER)
    assert User.objects.count() > 4
    client.force_login(admin_user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/people/")
    assert "Hiển thị 1–2 trên hơn 4 dòng" in shown_count(response.content.decode())
    counts = list_counts(queries)
    assert len(counts) == 1 and "LIMIT 5" in counts[0]
    # The pages stop at the cap: asking past it shows its last page.
    last = client.get("/people/", {"page": 9}).content.decode()
    assert "Hiển thị 3–4 trên hơn 4 dòng" in shown_count(last)


def test_a_list_under_the_cap_shows_its_exact_total_with_one_count(client, admin_user, make_person, settings):
    settings.LIST_COUNT_CAP = 100
    for index in range(3):
        make_person(f"p{index}", Role.OFFICER)
    client.force_login(admin_user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/people/")
    total = User.objects.count()
    assert shown_count(response.content.decode()).endswith(f"trên tổng số {total}")
    assert len(list_counts(queries)) == 1


def test_the_cap_can_be_turned_off(client, admin_user, make_person, settings):
    settings.LIST_COUNT_CAP = 0
    settings.LIST_PAGE_SIZE = 2
    for index in range(4):
        make_person(f"p{index}", Role.OFFICER)
    client.force_login(admin_user)
    html = client.get("/people/").content.decode()
    assert shown_count(html).endswith(f"trên tổng số {User.objects.count()}")


def test_a_page_size_from_the_address_is_kept_within_bounds(client, admin_user, make_person):
    for index in range(3):
        make_person(f"p{index}", Role.OFFICER)
    client.force_login(admin_user)
    for size in ["-1", "0", "abc", "100000"]:
        response = client.get("/people/", {"per_page": size})
        assert response.status_code == 200, size
    assert "Hiển thị 1–1 " in shown_count(client.get("/people/", {"per_page": "-1"}).content.decode())
