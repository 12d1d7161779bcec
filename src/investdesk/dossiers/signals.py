"""When the working calendar changes, open dossiers and steps get their due times again."""

from django.dispatch import receiver

from investdesk.worktime.signals import calendar_changed

from .services import recompute_due_times


@receiver(calendar_changed, dispatch_uid="dossiers_recompute_due_times")
def on_calendar_changed(sender, dates=None, **kwargs):
    recompute_due_times(dates)
