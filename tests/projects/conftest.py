"""Projects to test with: an investor and a project in a Khánh Hòa commune, made through the services."""

from datetime import date
from decimal import Decimal

import pytest

from investdesk.projects import services
from investdesk.projects.choices import Country, InvestorKind, MilestoneKind, ProjectKind, Sector
from investdesk.projects.models import Investor, Milestone, Project

NHA_TRANG = "22333"  # Phường Bắc Nha Trang
TODAY = date(2026, 11, 30)


@pytest.fixture
def make_investor(officer):
    def make(name="Công ty Cổ phần Du lịch Biển Xanh", **fields):
        fields.setdefault("kind", InvestorKind.DOMESTIC)
        fields.setdefault("country", Country.VN)
        return services.save_investor(officer, Investor(name=name, **fields))

    return make


@pytest.fixture
def make_project(officer, make_investor):
    counter = iter(range(1, 10_000))

    def make(code=None, *, investor=None, milestones=(), actor=None, **fields):
        fields.setdefault("name", "Khu nghỉ dưỡng Bãi Dài")
        fields.setdefault("kind", ProjectKind.DIRECT)
        fields.setdefault("sector", Sector.I)
        fields.setdefault("commune", NHA_TRANG)
        fields.setdefault("total_capital_vnd", Decimal("150000000000"))
        project = Project(code=code or f"56{next(counter):08d}", investor=investor or make_investor(), **fields)
        services.save_project(actor or officer, project, at=_at())
        for kind, committed, actual in milestones:
            services.save_milestone(
                actor or officer,
                Milestone(project=project, kind=kind, committed_on=committed, actual_on=actual),
                at=_at(),
            )
        project.refresh_from_db()
        return project

    return make


def _at():
    from datetime import datetime
    from zoneinfo import ZoneInfo

    return datetime(2026, 11, 30, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


AT = _at()
LATE_MILESTONES = ((MilestoneKind.CONSTRUCTION_START, date(2025, 6, 1), None),)
