"""What the quality dashboard and the register pages read: the heat map and the objectives' lights."""

from django.db.models import Count

from . import indicators
from .choices import RiskBand, RiskKind
from .models import QualityYear

LEVELS = (5, 4, 3, 2, 1)


def heat_map(plan: QualityYear, kind: str = RiskKind.RISK) -> list[dict]:
    """The 5×5 grid, severity from 5 down, likelihood from 1 across: each cell's count (one GROUP BY)
    and its band on the year's matrix."""
    counts = {
        (row["likelihood"], row["severity"]): row["n"]
        for row in plan.risks.assessed()
        .filter(kind=kind)
        .values("likelihood", "severity")
        .annotate(n=Count("pk"))
        .order_by()
    }
    grid = []
    for severity in LEVELS:
        cells = []
        for likelihood in reversed(LEVELS):
            score = likelihood * severity
            cells.append(
                {
                    "likelihood": likelihood,
                    "severity": severity,
                    "score": score,
                    "band": plan.band(score),
                    "count": counts.get((likelihood, severity), 0),
                }
            )
        grid.append({"severity": severity, "cells": cells})
    return grid


def band_counts(plan: QualityYear) -> dict[str, int]:
    rows = plan.risks.assessed().filter(kind=RiskKind.RISK).values("band").annotate(n=Count("pk")).order_by()
    counts = {band: 0 for band in RiskBand.values}
    counts.update({row["band"]: row["n"] for row in rows})
    return counts


def objectives_with_readings(plan: QualityYear) -> list[tuple]:
    return [(objective, indicators.read(objective)) for objective in plan.objectives.select_related("owner")]
