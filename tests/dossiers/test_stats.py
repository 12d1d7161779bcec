"""Period statistics with the semantics of DOMAIN.md §4, on a hand-built quarter."""

import io
import zipfile
from datetime import date

import pytest

from investdesk.dossiers import stats
from investdesk.dossiers.models import Dossier
from investdesk.procedures.models import Procedure

from .conftest import at

pytestmark = pytest.mark.django_db


@pytest.fixture
def quarter(catalogue):
    procedure = Procedure.objects.get(code="cap-lai-gcndkdt")
    version = procedure.version_at(date(2026, 3, 2))

    def make(code, received, channel="direct", status="in_progress", finished=None, outcome="", due=None, apology=None):
        return Dossier.objects.create(
            code=code,
            procedure=procedure,
            procedure_version=version,
            applicant_name=code,
            channel=channel,
            received_at=at(received),
            due_at=at(due or received),
            original_due_at=at(due or received),
            status=status,
            finished_at=at(finished) if finished else None,
            outcome=outcome,
            result="approved" if status == "resolved" else "",
            apology_at=at(apology) if apology else None,
        )

    make(
        "A",
        "08:00 10/03/2026",
        status="resolved",
        finished="09:00 06/04/2026",
        outcome="on_time",
        due="17:00 06/04/2026",
    )
    make(
        "B", "08:00 10/03/2026", status="resolved", finished="09:00 20/03/2026", outcome="early", due="17:00 25/03/2026"
    )
    make(
        "C",
        "08:00 02/04/2026",
        channel="online",
        status="resolved",
        finished="09:00 06/04/2026",
        outcome="early",
        due="08:00 07/04/2026",
    )
    make(
        "D", "08:00 15/04/2026", status="resolved", finished="09:00 15/07/2026", outcome="late", due="08:00 20/04/2026"
    )
    make("E", "08:00 22/06/2026", channel="post", due="08:00 03/07/2026")
    make("F", "08:00 04/05/2026", status="withdrawn", finished="10:00 05/05/2026")
    make(
        "G",
        "08:00 04/05/2026",
        status="resolved",
        finished="10:00 20/05/2026",
        outcome="late",
        due="10:00 07/05/2026",
        apology="10:00 06/05/2026",
    )
    make("H", "08:00 01/07/2026")
    return stats.Period.of(date(2026, 4, 1), date(2026, 6, 30), now=at("12:00 27/11/2026"))


def test_the_quarter_follows_the_period_rules(quarter):
    figures = stats.summary(quarter)
    assert figures["received"] == {"total": 6, "online": 1, "direct_or_post": 4, "carried_over": 1}
    assert figures["resolved"] == {
        "total": 3,
        "early": 1,
        "on_time": 1,
        "late": 1,
        "late_with_apology": 1,
        "late_with_late_apology": 0,
    }
    # D finished after the quarter: in progress in it, and past its due time at the quarter's end.
    assert figures["in_progress"] == {"total": 2, "within_time": 1, "overdue": 1}
    assert (figures["withdrawn"], figures["stopped"]) == (1, 0)
    assert figures["on_time_rate"] == 66.67


def test_a_past_report_gives_the_same_figures_whenever_it_is_run(quarter):
    later = stats.Period.of(date(2026, 4, 1), date(2026, 6, 30), now=at("12:00 27/11/2027"))
    assert stats.summary(quarter) == stats.summary(later)


def test_a_period_ending_in_the_future_describes_now(catalogue):
    period = stats.Period.of(date(2026, 1, 1), date(2026, 12, 31), now=at("12:00 27/11/2026"))
    assert period.end == at("12:00 27/11/2026")


def test_no_resolved_dossier_means_no_rate(catalogue):
    figures = stats.summary(stats.Period.of(date(2025, 1, 1), date(2025, 3, 31)))
    assert figures["on_time_rate"] is None and figures["received"]["total"] == 0


def test_report_rows_by_procedure_add_up(quarter):
    rows, total = stats.by_procedure(quarter)
    assert len(rows) == 1 and rows[0]["procedure"].startswith("Cấp lại")
    assert {k: v for k, v in rows[0].items() if k != "procedure"} == stats.summary(quarter) == total


def test_stats_api(client, quarter, officer):
    client.force_login(officer)
    body = client.get("/api/v1/dossiers/stats", {"from": "2026-04-01", "to": "2026-06-30"}).json()
    assert body["resolved"]["total"] == 3 and body["on_time_rate"] == 66.67
    assert client.get("/api/v1/dossiers/stats", {"from": "2026-06-30", "to": "2026-04-01"}).status_code == 400
    assert client.get("/api/v1/dossiers/stats", {"from": "30/06/2026", "to": "2026-04-01"}).status_code == 400
    assert (
        client.get("/api/v1/dossiers/stats", {"from": "2026-04-01", "to": "2026-06-30", "procedure": "x"}).status_code
        == 400
    )
    one = client.get(
        "/api/v1/dossiers/stats", {"from": "2026-04-01", "to": "2026-06-30", "procedure": "cap-lai-gcndkdt"}
    )
    assert one.json() == body


def test_report_page_and_excel(client, quarter, division_head):
    client.force_login(division_head)
    page = client.get("/reports/dossiers/", {"date_from": "01/04/2026", "date_to": "30/06/2026"}).content.decode()
    assert 'data-testid="report-table"' in page and "66,67%" in page
    response = client.get("/reports/dossiers/", {"date_from": "01/04/2026", "date_to": "30/06/2026", "format": "xlsx"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    with zipfile.ZipFile(io.BytesIO(response.content)) as book:
        strings = book.read("xl/sharedStrings.xml").decode()
    assert "Tổng cộng" in strings and "Kỳ trước chuyển qua" in strings and "66,67%" in strings


def test_register_exports_the_filtered_dossiers(client, quarter, division_head):
    client.force_login(division_head)
    page = client.get("/dossiers/").content.decode()
    assert 'data-testid="export"' in page and "Mẫu 07" in page
    response = client.get("/dossiers/", {"status": "resolved", "format": "xlsx"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    with zipfile.ZipFile(io.BytesIO(response.content)) as book:
        sheet = book.read("xl/worksheets/sheet1.xml").decode()
    # Written in constant memory, strings are inline: the resolved dossiers are there, the open one is not.
    assert "SỔ THEO DÕI HỒ SƠ" in sheet and "<t>C</t>" in sheet and "<t>G</t>" in sheet and "<t>E</t>" not in sheet


def test_dashboard_breakdowns_and_forecast(client, quarter, division_head):
    from investdesk.dossiers.models import Dossier

    for code, days in (("C", 2), ("G", 9)):
        dossier = Dossier.objects.get(code=code)
        dossier.processing_days = days
        dossier.save()  # the per-day totals follow every save
    client.force_login(division_head)
    response = client.get("/reports/dashboard/", {"year": "2026"})
    html = response.content.decode()
    assert response.status_code == 200 and 'data-testid="monthly-chart"' in html
    context = response.context
    months = {m["month"]: m for m in context["charts"]["monthly"]}
    assert months["04/2026"]["early"] == 1 and months["05/2026"]["late"] == 1 and months["07/2026"]["late"] == 1
    procedure = context["by_procedure"][0]
    assert procedure["resolved"] == 5 and procedure["average_days"] == 5.5
    forecast = context["forecast"]
    assert forecast["resolved"] == 5 and forecast["year_to_date"] == 60.0
    assert forecast["forecast"] is not None
    assert client.get("/reports/dashboard/", {"year": "abc"}).status_code == 200


def test_processing_days_are_recorded_when_resolved(staff):
    from investdesk.dossiers import services

    dossier = services.receive_dossier(
        staff["reception"],
        procedure=Procedure.objects.get(code="cap-lai-gcndkdt"),
        applicant_name="A",
        channel="direct",
        received_at=at("08:00 02/03/2026"),
    )
    for when in ["09:00 02/03/2026", "10:00 02/03/2026", "11:00 02/03/2026"]:
        step = dossier.steps.get(finished_at__isnull=True)
        services.complete_step(step.assignee, step, at=at(when))
    step = dossier.steps.get(finished_at__isnull=True)
    services.complete_step(step.assignee, step, result="approved", at=at("08:00 03/03/2026"))
    step = dossier.steps.get(finished_at__isnull=True)
    services.complete_step(step.assignee, step, at=at("08:00 04/03/2026"))
    dossier.refresh_from_db()
    assert str(dossier.processing_days) == "2.00"
