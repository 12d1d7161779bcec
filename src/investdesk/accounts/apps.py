from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "investdesk.accounts"
    label = "accounts"
    verbose_name = _("Tổ chức và người dùng")

    def ready(self) -> None:
        from . import signals  # noqa: F401
