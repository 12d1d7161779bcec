from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "investdesk.core"
    label = "core"
    verbose_name = _("Nền tảng")

    def ready(self) -> None:
        # Django 6.1's new empty choice ("- Select an option -") has no Vietnamese translation yet.
        from django.db.models import fields

        fields.BLANK_CHOICE_LABEL = _("— Chọn —")
