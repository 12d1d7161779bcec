"""Statuses and outcomes of dossiers and steps (API values are fixed by the integration contract)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from investdesk.core.import_records import ImportStatus  # noqa: F401 - the import's steps, shared with the projects'


class Channel(models.TextChoices):
    ONLINE = "online", _("Trực tuyến")
    DIRECT = "direct", _("Trực tiếp")
    POST = "post", _("Bưu chính")


class DossierStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", _("Đang giải quyết")
    PAUSED = "paused", _("Tạm dừng (chờ bổ sung)")
    RESOLVED = "resolved", _("Đã giải quyết")
    WITHDRAWN = "withdrawn", _("Rút hồ sơ")
    STOPPED = "stopped", _("Dừng giải quyết")


OPEN_STATUSES = (DossierStatus.IN_PROGRESS, DossierStatus.PAUSED)


class Outcome(models.TextChoices):
    EARLY = "early", _("Trước hạn")
    ON_TIME = "on_time", _("Đúng hạn")
    LATE = "late", _("Quá hạn")


class Result(models.TextChoices):
    APPROVED = "approved", _("Chấp thuận / cấp")
    REJECTED = "rejected", _("Từ chối")


class PauseKind(models.TextChoices):
    SUPPLEMENT = "supplement", _("Bổ sung, hoàn thiện hồ sơ")
    EXPLANATION = "explanation", _("Giải trình")
