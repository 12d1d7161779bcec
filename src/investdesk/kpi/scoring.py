"""KPI scoring under NĐ 335/2025, as pure functions (no database): the task score from work items,
the total, the band, the year's average and the "excellent" quota.

Defaults: 30 points of general criteria (the leader's assessment, itemised) + 70 points of task
results. Each item is worth its share of the 70 points by weight (converted products); an item not
finished earns nothing (quantity), the leader's quality assessment scales it (quality), and each late
or erroneous product loses 25% of its points (progress). Everything here is a parameter of ``Rule``
so a year can follow another formula (the province's earlier pilot bands, other weights).
"""

from dataclasses import dataclass, field
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal

EXCELLENT = "excellent"
GOOD = "good"
COMPLETED = "completed"
NOT_COMPLETED = "not_completed"
BANDS = (EXCELLENT, GOOD, COMPLETED, NOT_COMPLETED)  # best first

HUNDRED = Decimal(100)
CENT = Decimal("0.01")


def points(value: Decimal) -> Decimal:
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Threshold:
    """The lowest total of a band: ``strict`` means "above" (the pilot's "> 80"), else "from"."""

    band: str
    minimum: Decimal
    strict: bool = False

    def admits(self, total: Decimal) -> bool:
        return total > self.minimum if self.strict else total >= self.minimum


@dataclass(frozen=True)
class Criterion:
    """One general criterion the leader scores (e.g. political qualities, discipline) and its maximum."""

    code: str
    name: str
    maximum: Decimal


@dataclass(frozen=True)
class Rule:
    general_max: Decimal = Decimal(30)
    task_max: Decimal = Decimal(70)
    late_penalty: Decimal = Decimal("0.25")  # share of an item's points a late product loses
    error_penalty: Decimal = Decimal("0.25")  # and an erroneous one
    thresholds: tuple[Threshold, ...] = (
        Threshold(EXCELLENT, Decimal(90)),
        Threshold(GOOD, Decimal(70)),
        Threshold(COMPLETED, Decimal(50)),
    )
    quota_share: Decimal = Decimal("0.20")  # "excellent" at most this share of those rated good or above
    criteria: tuple[Criterion, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Item:
    """A work item as scoring sees it. ``quality`` is the leader's assessment in percent (None: not
    assessed, taken as 100)."""

    weight: Decimal
    done: bool
    late: bool = False
    error: bool = False
    quality: Decimal | None = None


def item_factor(item: Item, rule: Rule) -> Decimal:
    """The share of its points an item earns, 0–1."""
    if not item.done:
        return Decimal(0)
    quality = HUNDRED if item.quality is None else min(HUNDRED, max(Decimal(0), Decimal(item.quality)))
    kept = Decimal(1) - (rule.late_penalty if item.late else 0) - (rule.error_penalty if item.error else 0)
    return quality / HUNDRED * max(Decimal(0), kept)


def task_score(items: list[Item], rule: Rule) -> Decimal | None:
    """The task-results score; None when nothing was assigned (there is nothing to judge)."""
    counted = [item for item in items if item.weight > 0]
    assigned = sum((Decimal(item.weight) for item in counted), Decimal(0))
    if not assigned:
        return None
    earned = sum((Decimal(item.weight) * item_factor(item, rule) for item in counted), Decimal(0))
    return points(rule.task_max * earned / assigned)


def general_score(scores: dict[str, Decimal], rule: Rule) -> Decimal:
    """The sum of the itemised general criteria; ValueError(code) for a score outside 0–maximum or a
    criterion the rule does not have. Without itemised criteria the single score "general" is read."""
    criteria = rule.criteria or (Criterion("general", "", rule.general_max),)
    known = {criterion.code: criterion for criterion in criteria}
    total = Decimal(0)
    for code, value in scores.items():
        criterion = known.get(code)
        if criterion is None:
            raise ValueError(code)
        value = Decimal(value)
        if not Decimal(0) <= value <= criterion.maximum:
            raise ValueError(code)
        total += value
    return points(min(total, rule.general_max))


def band(total: Decimal, rule: Rule) -> str:
    for threshold in rule.thresholds:
        if threshold.admits(Decimal(total)):
            return threshold.band
    return NOT_COMPLETED


def total(general: Decimal, task: Decimal) -> Decimal:
    return points(Decimal(general) + Decimal(task))


def average(totals: list[Decimal]) -> Decimal | None:
    """The year's total: the mean of its periods' totals."""
    if not totals:
        return None
    return points(sum((Decimal(value) for value in totals), Decimal(0)) / len(totals))


# How the year is rated from its periods. DOMAIN default (NĐ 335/2025): the mean of the periods'
# totals. A department may weight each period by the work items assigned in it instead, so a month
# of little work does not count as much as a busy one.
YEAR_AVERAGE = "average"
YEAR_BY_WORKLOAD = "by_workload"


def year_mean(n: int, plain_sum, weighted_sum, weight_sum, method: str = YEAR_AVERAGE) -> Decimal | None:
    """The year's figure from sums over its ``n`` scored periods: ``plain_sum`` of the figure,
    ``weighted_sum`` of figure × items assigned and ``weight_sum`` of the items assigned (sums are
    what SQL hands back for a whole division at once). By workload falls back to the plain mean
    when no period had items."""
    if not n:
        return None
    if method == YEAR_BY_WORKLOAD and weight_sum:
        return points(Decimal(str(weighted_sum)) / Decimal(str(weight_sum)))
    return points(Decimal(str(plain_sum)) / n)


def year_total(periods: list[tuple[Decimal, int]], method: str = YEAR_AVERAGE) -> Decimal | None:
    """The year's total from its scored periods, each (total, items assigned)."""
    return year_mean(
        len(periods),
        sum((Decimal(total) for total, _items in periods), Decimal(0)),
        sum((Decimal(total) * items for total, items in periods), Decimal(0)),
        sum(items for _total, items in periods),
        method,
    )


def good_or_above(band_value: str) -> bool:
    return band_value in (EXCELLENT, GOOD)


@dataclass(frozen=True)
class QuotaCheck:
    allowed: int
    excellent: tuple  # keys of those rated excellent
    over: tuple  # those beyond the quota, lowest total first

    @property
    def ok(self) -> bool:
        return not self.over


def quota_check(ratings: list[tuple[object, Decimal, str]], rule: Rule) -> QuotaCheck:
    """``ratings`` = (key, total, band). "Excellent" may be at most ``quota_share`` of those rated good
    or above (rounded down); the excellent ones with the lowest totals beyond it are listed."""
    base = sum(1 for _key, _total, value in ratings if good_or_above(value))
    allowed = int((rule.quota_share * base).to_integral_value(rounding=ROUND_FLOOR))
    excellent = sorted(
        ((key, Decimal(value_total)) for key, value_total, value in ratings if value == EXCELLENT),
        key=lambda pair: (-pair[1], str(pair[0])),
    )
    over = tuple(key for key, _total in reversed(excellent[allowed:]))
    return QuotaCheck(allowed=allowed, excellent=tuple(key for key, _ in excellent), over=over)
