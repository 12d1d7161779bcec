"""Items counted past a year's cut-off but made before the cut-off existed sit in December (or the
fourth quarter), while the tallies and the item lists already give those days to the next year's
first period. Each such item moves to that period, with a history record, unless the evaluation of
its period or of the period it would go to is approved: approved figures are final, and those
items stay where they were approved. A rule whose cut-off is not in December (possible before the
cut-off was limited to December) is left for its administrator to correct; its items stay."""

import calendar
from datetime import date

from django.db import migrations
from django.utils import timezone

DEFAULT_CUTOFF = (12, 15)
REASON = "Ngày chốt năm: chuyển sang kỳ đầu năm sau"


def first_period(Period, year: int, frequency: str):
    """January, or the first quarter, of ``year``: what a day past the previous cut-off counts in."""
    kind = "month" if frequency == "month" else "quarter"
    last = 1 if kind == "month" else 3
    period, _created = Period.objects.get_or_create(
        kind=kind,
        year=year,
        number=1,
        defaults={"starts_on": date(year, 1, 1), "ends_on": date(year, last, calendar.monthrange(year, last)[1])},
    )
    return period


def move_items_past_the_cutoff(apps, schema_editor):
    ScoringRule = apps.get_model("kpi", "ScoringRule")
    Period = apps.get_model("kpi", "Period")
    WorkItem = apps.get_model("kpi", "WorkItem")
    HistoricalWorkItem = apps.get_model("kpi", "HistoricalWorkItem")
    Evaluation = apps.get_model("kpi", "Evaluation")
    rules = {rule.year: rule for rule in ScoringRule.objects.all()}
    approved = set(Evaluation.objects.filter(status="approved").values_list("person_id", "period_id"))
    now = timezone.now()
    fields = [field.attname for field in WorkItem._meta.concrete_fields]
    for year in sorted({day.year for day in WorkItem.objects.dates("counts_on", "year")}):
        rule = rules.get(year)
        month, day = (rule.cutoff_month, rule.cutoff_day) if rule else DEFAULT_CUTOFF
        if month != 12 or day >= 31:
            continue
        following = rules.get(year + 1)
        target = None
        items = WorkItem.objects.filter(counts_on__gt=date(year, 12, day), counts_on__lte=date(year, 12, 31))
        moved = []
        for item in items.exclude(period__year=year + 1):
            if target is None:
                target = first_period(Period, year + 1, following.frequency if following else "month")
            if (item.person_id, item.period_id) in approved or (item.person_id, target.pk) in approved:
                continue
            item.period_id, item.version, item.updated_at = target.pk, item.version + 1, now
            moved.append(item)
        WorkItem.objects.bulk_update(moved, ["period", "version", "updated_at"], batch_size=500)
        HistoricalWorkItem.objects.bulk_create(
            [
                HistoricalWorkItem(
                    **{name: getattr(item, name) for name in fields},
                    history_date=now,
                    history_type="~",
                    history_change_reason=REASON,
                )
                for item in moved
            ],
            batch_size=500,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("kpi", "0005_year_rating_and_cutoff"),
    ]

    operations = [
        migrations.RunPython(move_items_past_the_cutoff, migrations.RunPython.noop),
    ]
