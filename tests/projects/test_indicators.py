"""Quality objective 2 reads the project database."""

from datetime import date

import pytest

from investdesk.projects import services
from investdesk.projects.choices import ReportKind
from investdesk.projects.models import InvestorReport
from investdesk.quality import indicators
from investdesk.quality.choices import Indicator, Light
from investdesk.quality.models import Objective

from .conftest import AT

pytestmark = pytest.mark.django_db


def test_objective_two_reads_the_share_of_projects_followed(officer, make_project):
    objective = Objective.objects.filter(indicator=Indicator.PROJECT_DATABASE, plan__year=2026).first()
    assert objective is not None
    assert indicators.read(objective, date(2026, 11, 30)).light == Light.GREY
    followed = make_project()
    make_project()
    services.save_report(
        officer,
        InvestorReport(
            project=followed, kind=ReportKind.QUARTERLY_ACTIVITY, year=2026, period=1, received_on=date(2026, 4, 20)
        ),
        at=AT,
    )
    reading = indicators.read(objective, date(2026, 11, 30))
    assert reading.value == 50
    assert "1/2" in reading.figure and "0/1" in reading.figure  # the report came after 10/04
    assert "Tỷ lệ dự án đang theo dõi" in reading.note
