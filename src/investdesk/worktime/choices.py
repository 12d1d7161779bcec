"""Kinds of calendar override."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OverrideKind(models.TextChoices):
    DAY_OFF = "day_off", _("Ngày nghỉ")
    WORKING_DAY = "working_day", _("Ngày làm việc")


class DaySource(models.TextChoices):
    """Where a date's status comes from, so a person can check it."""

    LAW = "law", _("Theo Bộ luật Lao động (lịch tự động)")
    OVERRIDE = "override", _("Quyết định của cơ quan có thẩm quyền (do quản trị nhập)")
