"""Demo data: a few hundred realistic Khánh Hòa projects across the communes, some of them late.

Deterministic (a seeded random generator) and idempotent: nothing is added once the demo projects
exist. Everything goes through the services, as an officer of the division would enter it.
"""

import random
from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from investdesk.accounts.models import User

from . import services
from .choices import (
    Country,
    DecisionKind,
    ExemptionReason,
    InspectionKind,
    InvestorKind,
    MilestoneKind,
    ProjectKind,
    ProjectStatus,
    ReportKind,
    Sector,
    commune_choices,
)
from .models import DecisionVersion, Inspection, Investor, InvestorReport, Milestone, Project

COUNT = 300
CODE_PREFIX = "56"

INVESTORS = [
    ("Công ty Cổ phần Du lịch Vịnh Nha Trang", Country.VN),
    ("Công ty TNHH Khánh Việt Xanh", Country.VN),
    ("Công ty Cổ phần Đầu tư Hòn Tre", Country.VN),
    ("Công ty TNHH Năng lượng Vân Phong", Country.VN),
    ("Công ty Cổ phần Thủy sản Ninh Hòa", Country.VN),
    ("Công ty TNHH Bất động sản Cam Ranh", Country.VN),
    ("Công ty Cổ phần Y tế Phương Đông", Country.VN),
    ("Công ty TNHH Giáo dục Trường Sa", Country.VN),
    ("Tổng Công ty Xây dựng Miền Trung", Country.VN),
    ("Công ty TNHH Nông nghiệp Diên Khánh", Country.VN),
    ("Hanwha Resort Vietnam Co., Ltd.", Country.KR),
    ("Sumitomo Khánh Hòa Co., Ltd.", Country.JP),
    ("Sembcorp Vân Phong Pte. Ltd.", Country.SG),
    ("Hyosung Heavy Industries Vina", Country.KR),
    ("Minor Hotels Cam Ranh Ltd.", Country.TH),
    ("Pacific Marine Holdings (BVI)", Country.VG),
]
NAMES = {
    Sector.I: ["Khu nghỉ dưỡng {p}", "Khách sạn {p}", "Tổ hợp du lịch sinh thái {p}"],
    Sector.L: ["Khu đô thị mới {p}", "Khu dân cư {p}", "Khu nhà ở xã hội {p}"],
    Sector.C: ["Nhà máy chế biến thủy sản {p}", "Nhà máy sản xuất bao bì {p}", "Nhà máy đóng tàu {p}"],
    Sector.D: ["Nhà máy điện mặt trời {p}", "Nhà máy điện gió {p}"],
    Sector.A: ["Trang trại nuôi tôm công nghệ cao {p}", "Vùng trồng xoài {p}"],
    Sector.H: ["Cảng tổng hợp {p}", "Trung tâm logistics {p}"],
    Sector.Q: ["Bệnh viện đa khoa {p}"],
    Sector.P: ["Trường liên cấp {p}"],
    Sector.R: ["Công viên vui chơi giải trí {p}", "Sân golf {p}"],
}


def run(log) -> None:
    # The schedules are laid out around today, so some projects are late today.
    at = timezone.now()
    if Project.objects.filter(code__startswith=CODE_PREFIX).count() >= COUNT:
        return
    officer = User.objects.filter(username="thuy.dt").first()
    head = User.objects.filter(username="truongphong").first()
    if officer is None or head is None:
        return
    rng = random.Random(56)  # noqa: S311 - demo data, the same every run
    investors = []
    for name, country in INVESTORS:
        investor = Investor.objects.filter(name=name).first() or services.save_investor(
            officer,
            Investor(
                name=name,
                country=country,
                kind=InvestorKind.DOMESTIC if country == Country.VN else InvestorKind.FOREIGN,
                enterprise_code=f"42{rng.randrange(10**7, 10**8)}",
                legal_representative=rng.choice(["Nguyễn Văn An", "Trần Thị Bích", "Lê Quang Huy", "Kim Min-jun"]),
            ),
        )
        investors.append(investor)
    communes = commune_choices()
    sectors = list(NAMES)
    created = 0
    for number in range(1, COUNT + 1):
        code = f"{CODE_PREFIX}{number:08d}"
        if Project.objects.filter(code=code).exists():
            continue
        sector = rng.choice(sectors)
        commune, commune_label = rng.choice(communes)
        place = commune_label.split(" ", 1)[1] if " " in commune_label else commune_label
        investor = rng.choice(investors)
        registered = date(2016, 1, 1) + timedelta(days=rng.randrange(0, 3600))
        capital = Decimal(rng.randrange(20, 5000)) * 1_000_000_000
        status = rng.choices(
            [
                ProjectStatus.IMPLEMENTING,
                ProjectStatus.OPERATING,
                ProjectStatus.PREPARING,
                ProjectStatus.SUSPENDED,
                ProjectStatus.TERMINATED,
            ],
            weights=[45, 30, 15, 5, 5],
        )[0]
        lat = Decimal("11.8") + Decimal(rng.randrange(0, 9000)) / 10000
        lon = Decimal("108.7") + Decimal(rng.randrange(0, 6000)) / 10000
        project = services.save_project(
            officer,
            Project(
                code=code,
                name=rng.choice(NAMES[sector]).format(p=place),
                investor=investor,
                kind=rng.choices(list(ProjectKind.values), weights=[70, 5, 10, 15])[0],
                sector=sector,
                commune=commune,
                address=f"{place}, tỉnh Khánh Hòa",
                latitude=lat,
                longitude=lon,
                land_area_ha=Decimal(rng.randrange(5, 5000)) / 10,
                total_capital_vnd=capital,
                contributed_capital_vnd=(capital * Decimal("0.2")).quantize(Decimal(1)),
                mobilised_capital_vnd=(capital * Decimal("0.8")).quantize(Decimal(1)),
                total_capital_usd=(capital / 25_000).quantize(Decimal(1)) if investor.country != Country.VN else None,
                term_years=rng.choice([30, 50, 50, 70]),
                registered_on=registered,
                status=status,
                objectives="Đầu tư xây dựng và kinh doanh theo quy hoạch được duyệt.",
                officer=officer,
            ),
            at=at,
        )
        decision = services.add_decision(
            officer,
            project,
            DecisionVersion(
                kind=DecisionKind.CERTIFICATE, reference=code, decided_on=registered, total_capital_vnd=capital
            ),
        )
        services.confirm_decision(head, decision, decision.version, at=at)
        _milestones(officer, project, registered, status, rng, at)
        _monitoring(officer, project, registered, rng, at)
        created += 1
    log(f"  dự án đầu tư: {created}")


def _milestones(officer, project, registered: date, status: str, rng, at) -> None:
    # About one project in three slips: its open milestones stay past their committed dates.
    slipping = rng.random() < 0.35 and status not in (ProjectStatus.OPERATING,)
    offset = 0
    for kind, months in (
        (MilestoneKind.CAPITAL_CONTRIBUTION, 6),
        (MilestoneKind.LAND_HANDOVER, 12),
        (MilestoneKind.CONSTRUCTION_START, 18),
        (MilestoneKind.COMPLETION, 42),
        (MilestoneKind.OPERATION_START, 48),
    ):
        offset = months
        committed = registered + timedelta(days=30 * offset)
        done = committed <= timezone.localdate(at) and (
            status == ProjectStatus.OPERATING or (not slipping and rng.random() < 0.85)
        )
        actual = min(committed + timedelta(days=rng.randrange(-60, 120)), timezone.localdate(at)) if done else None
        milestone = Milestone(project=project, kind=kind, committed_on=committed, actual_on=actual)
        if slipping and kind == MilestoneKind.LAND_HANDOVER and rng.random() < 0.3:
            milestone.exempt_months = 6
            milestone.exemption_reason = ExemptionReason.LATE_LAND_HANDOVER
            milestone.exemption_note = "Chậm giải phóng mặt bằng do địa phương."
        services.save_milestone(officer, milestone, at=at)
        if actual is None and not slipping:
            break


def _monitoring(officer, project, registered: date, rng, at) -> None:
    for year in (2025, 2026):
        if registered.year > year:
            continue
        for quarter in (1, 2, 3) if year == 2026 else (1, 2, 3, 4):
            if rng.random() < 0.25:
                continue  # not reported: shows on the "who has not reported" lists
            report = InvestorReport(project=project, kind=ReportKind.QUARTERLY_ACTIVITY, year=year, period=quarter)
            due = services.report_due_on(report.kind, year, quarter)
            report.received_on = min(due + timedelta(days=rng.randrange(-9, 25)), timezone.localdate(at))
            report.realised_capital_vnd = (project.total_capital_vnd * Decimal(rng.randrange(0, 8)) / 100).quantize(
                Decimal(1)
            )
            report.labour = rng.randrange(0, 400)
            services.save_report(officer, report, at=at)
    if rng.random() < 0.2:
        services.save_inspection(
            officer,
            Inspection(
                project=project,
                kind=InspectionKind.PERIODIC,
                inspected_on=date(2026, rng.randrange(1, 11), rng.randrange(1, 28)),
                findings="Dự án triển khai chậm so với tiến độ cam kết."
                if project.is_late
                else "Dự án triển khai đúng tiến độ.",
            ),
            at=at,
        )
