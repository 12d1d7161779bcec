from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DossiersConfig(AppConfig):
    name = "investdesk.dossiers"
    label = "dossiers"
    verbose_name = _("Hồ sơ thủ tục hành chính")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from . import daily, signals  # noqa: F401

        post_migrate.connect(fill_daily_totals, sender=self, dispatch_uid="dossiers_fill_daily_totals")


def fill_daily_totals(sender, using="default", **kwargs):
    """An installation that had dossiers before the per-day totals existed gets them on migrate."""
    from .daily import rebuild
    from .models import DailyOutcome, Dossier, Step

    if DailyOutcome.objects.using(using).exists():
        return
    if (
        Dossier.objects.using(using).filter(finished_at__isnull=False).exists()
        or Step.objects.using(using).filter(finished_at__isnull=False).exists()
    ):
        rebuild()
