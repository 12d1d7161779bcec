from django.conf import settings
from django.db import migrations, models

BATCH = 2000


def fill_open_steps(apps, schema_editor):
    """The instant each open step turns "at risk", for the open steps only: a finished step is never
    counted as at risk again (tens of thousands of rows at ten times a province, not millions).

    The rule and the calendar are today's (``rules.at_risk_from`` and the working calendar as now
    stored): the value is derived, and the service that keeps it is the one that computes it."""
    Step = apps.get_model("dossiers", "Step")
    # One read of the open steps (by the open-step index, before it is rebuilt below), then writes
    # by primary key.
    pending = list(
        Step.objects.filter(finished_at__isnull=True, due_at__isnull=False).values_list("pk", "started_at", "due_at")
    )
    if not pending:
        return
    from investdesk.core.bulk import update_rows
    from investdesk.dossiers.rules import at_risk_from
    from investdesk.worktime.loader import build_calendar

    calendar = build_calendar()
    for first in range(0, len(pending), BATCH):
        batch = [
            Step(pk=pk, at_risk_from=at_risk_from(started_at, due_at, calendar))
            for pk, started_at, due_at in pending[first : first + BATCH]
        ]
        update_rows(Step, batch, ["at_risk_from"])  # one prepared UPDATE by key, not a CASE per row


class Migration(migrations.Migration):
    dependencies = [
        ("dossiers", "0015_monthly_outcomes"),
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
        migrations.RunPython(fill_open_steps, migrations.RunPython.noop, elidable=True),
        # Filled before the open-step index takes the instant in, so the index is written once.
        migrations.RemoveIndex(model_name="step", name="step_open_due_idx"),
        migrations.AddIndex(
            model_name="step",
            index=models.Index(fields=["finished_at", "due_at", "at_risk_from", "assignee"], name="step_open_due_idx"),
        ),
    ]
