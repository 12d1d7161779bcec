"""Background work on KPI: catching up with dossier steps written in bulk (imports)."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task


@db_periodic_task(crontab(minute="*/30"))
def sync_step_items_job() -> None:
    from investdesk.dossiers.models import Step

    from .sync import sync_steps

    # Steps saved one by one already have their item (signal); this finds the ones written in bulk.
    sync_steps(Step.objects.filter(kpi_item__isnull=True))
