"""The division summary of a period (BM02.2, the API, the team and leaders' pages, objective 4):
one row per person, from a fixed number of SQL queries whatever the size of the division.

Item counts add up the per-person monthly tallies of the span (``tally``; every span is whole
months), so a division-year reads a few thousand rows however many items there are. Scores come
from the evaluations of the scoring periods inside the span: one period gives its own figures,
several (a quarter of months, the year) their average. Only approved evaluations are official:
``approved_only`` is what the export, the API and the coverage read.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models import Count, F, Sum

from . import periods, scoring
from .choices import EvaluationStatus
from .models import Evaluation, ItemTally


@dataclass
class Row:
    person: object
    position: str
    items_assigned: int = 0
    items_on_time: int = 0
    items_late: int = 0
    items_open: int = 0
    general_score: Decimal | None = None
    task_score: Decimal | None = None
    total: Decimal | None = None
    band: str = ""
    evaluations: list = field(default_factory=list)
    note: str = ""

    @property
    def evaluated(self) -> bool:
        return self.total is not None

    @property
    def band_label(self) -> str:
        from .choices import Band

        return str(Band(self.band).label) if self.band else ""


@dataclass
class Summary:
    division: object
    span: periods.Span
    rows: list[Row]
    quota: scoring.QuotaCheck

    @property
    def staff(self) -> int:
        return len(self.rows)

    @property
    def evaluated(self) -> int:
        return sum(1 for row in self.rows if row.evaluated)

    @property
    def good_or_above(self) -> int:
        return sum(1 for row in self.rows if scoring.good_or_above(row.band))

    def share(self, part: int) -> Decimal | None:
        if not self.staff:
            return None
        return scoring.points(Decimal(100) * part / self.staff)

    @property
    def coverage(self) -> dict:
        return {
            "staff": self.staff,
            "evaluated": self.evaluated,
            "evaluated_percent": self.share(self.evaluated),
            "good_or_above": self.good_or_above,
            "good_or_above_percent": self.share(self.good_or_above),
        }


def staff_of(division):
    """The division's people who are evaluated: active, with a position."""
    return (
        get_user_model()
        .objects.filter(division=division, is_active=True, position__isnull=False)
        .select_related("position")
        .order_by("position__sort_order", "full_name", "pk")
    )


def division_summary(division, span: periods.Span, *, approved_only: bool = True) -> Summary:
    from .services import rule_for

    year_rule = rule_for(span.year)
    rule = year_rule.as_rule()
    people = list(staff_of(division))
    rows = {person.pk: Row(person=person, position=str(person.position or "")) for person in people}

    counts = (
        ItemTally.objects.filter(division=division, person_id__in=rows, month__range=(span.starts_on, span.ends_on))
        .values("person_id")
        .annotate(assigned=Sum("assigned"), open=Sum("open"), late=Sum("late"))
        .order_by()
    )
    for count in counts:
        row = rows[count["person_id"]]
        row.items_assigned, row.items_open, row.items_late = count["assigned"], count["open"], count["late"]
        row.items_on_time = count["assigned"] - count["open"] - count["late"]

    # Plain values, not model instances: a division-year is 500 people × 12 periods.
    evaluations = Evaluation.objects.filter(
        person_id__in=rows,
        period__kind=year_rule.frequency,
        period__starts_on__gte=span.starts_on,
        period__ends_on__lte=span.ends_on,
    )
    if approved_only:
        evaluations = evaluations.filter(status=EvaluationStatus.APPROVED)
    if span.kind != year_rule.frequency:
        # Several periods (a year, or a quarter scored monthly): the figures are averages of the
        # scored periods, summed in SQL — one row a person instead of one a person and period.
        # The year's method (``scoring.year_mean``): the plain mean, or weighted by items assigned.
        figures = ("general_score", "task_score", "total")
        sums = (
            evaluations.filter(total__isnull=False)
            .values("person_id")
            .annotate(
                n=Count("pk"),
                weight=Sum("items_assigned"),
                **{f"{name}_sum": Sum(name) for name in figures},
                **{f"{name}_weighted": Sum(F(name) * F("items_assigned")) for name in figures},
            )
            .order_by()
        )
        for line in sums:
            row = rows[line["person_id"]]
            row.general_score, row.task_score, row.total = (
                scoring.year_mean(
                    line["n"], line[f"{name}_sum"], line[f"{name}_weighted"], line["weight"], year_rule.year_rating
                )
                for name in figures
            )
            row.band = scoring.band(row.total, rule)
    else:
        fields = ("person_id", "status", "general_score", "task_score", "total", "review_comment")
        for evaluation in evaluations.values(*fields):
            row = rows[evaluation["person_id"]]
            row.evaluations.append(evaluation)
            if evaluation["total"] is not None:
                row.general_score, row.task_score = evaluation["general_score"], evaluation["task_score"]
                row.total, row.band = evaluation["total"], scoring.band(evaluation["total"], rule)
                row.note = evaluation["review_comment"][:500]
    ordered = list(rows.values())
    quota = scoring.quota_check([(row.person.pk, row.total, row.band) for row in ordered if row.evaluated], rule)
    return Summary(division=division, span=span, rows=ordered, quota=quota)
