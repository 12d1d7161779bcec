"""Reference data: the scoring rule of NĐ 335/2025 for 2026 and 2027 (monthly, 30 + 70 points,
bands 90/70/50, 25% off a late or erroneous product). Roles get their KPI permissions from
``permissions.py`` through the accounts seed."""

from .models import ScoringRule

YEARS = (2026, 2027)


def run(log) -> None:
    for year in YEARS:
        _rule, created = ScoringRule.objects.get_or_create(year=year)
        if created:
            log(f"  cách tính điểm KPI năm {year}")
