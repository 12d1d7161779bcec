from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "investdesk.projects"
    label = "projects"
    verbose_name = _("Dự án đầu tư")
    default_auto_field = "django.db.models.BigAutoField"
