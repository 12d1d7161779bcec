"""Years and dates outside the calendar's range (2000–2100) are refused with a Vietnamese 400 on
the API and the report pages, never a 500 and never silently accepted."""

import pytest

from investdesk.accounts import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(client, admin_user):
    _token, raw = services.create_api_token(admin_user, name="kiểm thử")

    def get(path, params):
        return client.get(path, params, headers={"Authorization": f"Bearer {raw}"})

    return get


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"from": "0001-01-01", "to": "2026-03-31"}, "from"),
        ({"from": "2026-01-01", "to": "9999-12-31"}, "to"),
        ({"from": "1999-12-31", "to": "2026-03-31"}, "from"),
        ({"from": "2026-01-01", "to": "2101-01-01"}, "to"),
    ],
)
def test_stats_refuses_dates_outside_the_calendar(api, params, field):
    response = api("/api/v1/dossiers/stats", params)
    assert response.status_code == 400
    assert response.json() == {"detail": "Ngày phải thuộc các năm 2000–2100.", "field": field}


def test_stats_accepts_the_first_and_last_days_of_the_range(api):
    assert api("/api/v1/dossiers/stats", {"from": "2000-01-01", "to": "2100-12-31"}).status_code == 200


@pytest.mark.parametrize(
    "start",
    [
        "2100-12-31T20:00:00-10:00",  # 2101-01-01 in Vietnam
        "2000-01-01T01:00:00+10:00",  # 1999-12-31 in Vietnam
        "9999-12-31T23:59:59-12:00",  # past the last representable instant once converted
        "0001-01-01T00:00:00+14:00",
    ],
)
def test_due_refuses_a_start_whose_local_year_is_outside_the_calendar(api, start):
    response = api("/api/v1/worktime/due", {"start": start, "working_days": "1"})
    assert response.status_code == 400
    assert response.json() == {"detail": "Năm phải trong khoảng 2000–2100.", "field": "start"}


def test_due_keeps_working_inside_the_range(api):
    response = api("/api/v1/worktime/due", {"start": "2026-03-02T08:00:00+07:00", "working_days": "1"})
    assert response.status_code == 200
    assert response.json()["due"] == "2026-03-03T08:00:00+07:00"


@pytest.mark.parametrize("year", ["0", "-1", "1999", "2101", "10000", "99999999999999999999"])
def test_risks_refuse_years_outside_the_range(api, year):
    response = api("/api/v1/risks", {"year": year})
    assert response.status_code == 400
    assert response.json()["field"] == "year"


@pytest.mark.parametrize("year", ["0", "-1", "10000", "1999", "2101"])
def test_dashboard_refuses_a_year_outside_the_range(client, division_head, year):
    client.force_login(division_head)
    response = client.get("/reports/dashboard/", {"year": year})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Năm phải trong khoảng 2000–2100." in html
    assert 'lang="vi"' in html  # the application's layout, not a bare error


@pytest.mark.parametrize(
    ("date_from", "date_to"),
    [("01/01/0001", "31/03/2026"), ("01/01/2026", "31/12/9999"), ("01/01/1999", "31/12/2026")],
)
def test_report_refuses_dates_outside_the_range(client, division_head, date_from, date_to):
    client.force_login(division_head)
    response = client.get("/reports/dossiers/", {"date_from": date_from, "date_to": date_to})
    assert response.status_code == 400
    assert "Ngày phải thuộc các năm 2000–2100." in response.content.decode()
    response = client.get("/reports/dossiers/", {"date_from": date_from, "date_to": date_to, "format": "xlsx"})
    assert response.status_code == 400
