from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorktimeConfig(AppConfig):
    name = "investdesk.worktime"
    label = "worktime"
    verbose_name = _("Lịch làm việc")

    def ready(self) -> None:
        from . import signals  # noqa: F401
