"""A dossier step saved as finished gets its work item at once (bulk writes are caught up by
``sync.sync_steps``, run by the worker)."""

from django.db.models.signals import post_save
from django.dispatch import receiver


@receiver(post_save, sender="dossiers.Step", dispatch_uid="kpi_item_from_step")
def on_step_saved(sender, instance, created=False, update_fields=None, raw=False, **kwargs):
    if raw or instance.finished_at is None or not instance.outcome:
        return
    if update_fields is not None and not {"finished_at", "outcome", "due_at", "assignee"} & set(update_fields):
        return
    from .sync import record_step

    record_step(instance)
