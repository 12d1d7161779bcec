from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QualityConfig(AppConfig):
    name = "investdesk.quality"
    label = "quality"
    verbose_name = _("Hệ thống quản lý chất lượng")
