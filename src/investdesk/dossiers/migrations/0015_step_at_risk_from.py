from django.conf import settings
from django.db import migrations, models

BATCH = 2000


def fill_open_steps(apps, schema_editor):
    """The instant each open step turns "at risk", for the open steps only: a finished step is never
    counted as at risk again (tens of thousands of rows at ten times a province, not millions).

    The rule and the calendar are today's (``rules.at_risk_from`` and the working calendar as now
    stored): the value is derived, and the service that keeps it is the one that computes it."""
    Step = apps.get_model("dossiers", "Step")
    pending = Step.objects.filter(finished_at__isnull=True, due_at__isnull=False).order_by("pk")
    if not pending.exists():
        return
    from investdesk.dossiers.rules import at_risk_from
    from investdesk.worktime.loader import build_calendar

    calendar = build_calendar()
    last = 0
    while True:
        batch = list(pending.filter(pk__gt=last).only("pk", "started_at", "due_at")[:BATCH])
        if not batch:
            return
        for step in batch:
            step.at_risk_from = at_risk_from(step.started_at, step.due_at, calendar)
        Step.objects.bulk_update(batch, ["at_risk_from"])
        last = batch[-1].pk


class Migration(migrations.Migration):
    dependencies = [
        ("dossiers", "0014_dossier_project"),
        ("worktime", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="step",
            name="at_risk_from",
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name="sắp đến hạn từ"),
        ),
        migrations.AddField(model_name="stagedstep", name="at_risk_from", field=models.DateTimeField(null=True)),
        # Filled before the index is built, so the index is written once.
        migrations.RunPython(fill_open_steps, migrations.RunPython.noop, elidable=True),
        migrations.AddIndex(
            model_name="step",
            index=models.Index(
                condition=models.Q(("finished_at__isnull", True)),
                fields=["due_at", "at_risk_from"],
                name="step_open_at_risk_idx",
            ),
        ),
    ]
