from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KpiConfig(AppConfig):
    name = "investdesk.kpi"
    label = "kpi"
    verbose_name = _("KPI cán bộ, công chức")

    def ready(self):
        from . import signals  # noqa: F401
