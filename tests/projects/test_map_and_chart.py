"""The map of projects (markers of the filtered list, with or without a tile server) and the
capital chart on the project page."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from investdesk.accounts.choices import Role
from investdesk.projects import services
from investdesk.projects.choices import ProjectStatus, ReportKind
from investdesk.projects.models import InvestorReport

from .conftest import AT

pytestmark = pytest.mark.django_db


def located(make_project, n, **fields):
    return make_project(latitude=Decimal("12.25") + n, longitude=Decimal("109.19"), **fields)


def test_markers_are_the_located_projects_of_the_filtered_list(client_for, officer, make_project):
    operating = located(make_project, 0, status=ProjectStatus.OPERATING, name="Khách sạn <b>Biển</b>")
    located(make_project, 1, status=ProjectStatus.IMPLEMENTING)
    make_project(status=ProjectStatus.OPERATING)  # no coordinates: not on the map
    client = client_for(officer)
    body = client.get("/projects/map/markers.json").json()
    assert len(body["markers"]) == 2 and body["truncated"] is False
    body = client.get("/projects/map/markers.json", {"status": "operating"}).json()
    assert body["markers"] == [
        {
            "code": operating.code,
            "name": "Khách sạn <b>Biển</b>",
            "status": "operating",
            "lat": 12.25,
            "lng": 109.19,
            "url": f"/projects/{operating.code}/",
        }
    ]
    assert client.get("/projects/map/markers.json", {"status": "nonsense"}).status_code == 400


def test_markers_take_one_query_whatever_their_number(client_for, officer, make_project):
    client = client_for(officer)
    located(make_project, 0)
    client.get("/projects/map/markers.json")
    with CaptureQueriesContext(connection) as one:
        client.get("/projects/map/markers.json")
    for n in range(1, 6):
        located(make_project, Decimal(n) / 10)
    with CaptureQueriesContext(connection) as six:
        assert len(client.get("/projects/map/markers.json").json()["markers"]) == 6
    assert len(six) == len(one)


def test_the_map_page_works_with_and_without_tiles(client_for, officer, settings):
    client = client_for(officer)
    page = client.get("/projects/map/", {"status": "operating"}).content.decode()
    assert 'data-tile-url=""' in page and "nền trơn" in page
    assert "/projects/map/markers.json?status=operating" in page
    assert "vendor/leaflet/leaflet.js" in page and "unpkg" not in page
    settings.PROJECT_MAP_TILE_URL = "https://tiles.example.vn/{z}/{x}/{y}.png"
    page = client.get("/projects/map/").content.decode()
    assert 'data-tile-url="https://tiles.example.vn/{z}/{x}/{y}.png"' in page


def test_the_map_needs_login_and_permission(client, make_person):
    assert client.get("/projects/map/").status_code == 302
    assert client.get("/projects/map/markers.json").status_code == 302
    client.force_login(make_person("khong-quyen", None))
    assert client.get("/projects/map/").status_code == 403
    assert client.get("/projects/map/markers.json").status_code == 403
    client.force_login(make_person("xem", Role.VIEWER))
    assert client.get("/projects/map/markers.json").status_code == 200


def test_the_project_page_charts_registered_against_realised_capital(client_for, officer, make_project):
    project = make_project(registered_on=date(2025, 3, 1), total_capital_vnd=Decimal(90_000_000_000))
    services.save_report(
        officer,
        InvestorReport(
            project=project,
            kind=ReportKind.QUARTERLY_ACTIVITY,
            year=2025,
            period=2,
            received_on=date(2025, 7, 5),
            realised_capital_vnd=Decimal(12_000_000_000),
        ),
        at=AT,
    )
    page = client_for(officer).get(f"/projects/{project.code}/").content.decode()
    assert 'data-testid="capital-chart"' in page and 'id="capital-data"' in page
    assert "12.000.000.000" in page and "90.000.000.000" in page
    assert "vendor/chartjs/chart.umd.min.js" in page
