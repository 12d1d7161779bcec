from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentKind(models.TextChoices):
    LAW = "law", _("Luật")
    RESOLUTION = "resolution", _("Nghị quyết")
    DECREE = "decree", _("Nghị định")
    CIRCULAR = "circular", _("Thông tư")
    DECISION = "decision", _("Quyết định")
    DIRECTIVE = "directive", _("Chỉ thị")
    OFFICIAL_LETTER = "letter", _("Công văn")
    OTHER = "other", _("Văn bản khác")


class DocumentStatus(models.TextChoices):
    PENDING = "pending", _("Chưa có hiệu lực")
    IN_FORCE = "in_force", _("Đang có hiệu lực")
    REPLACED = "replaced", _("Đã được thay thế")
