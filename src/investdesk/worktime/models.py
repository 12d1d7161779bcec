"""The working calendar's data: overrides decided by the authorities, and the office hours."""

from datetime import time

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from investdesk.core.models import TimeStampedModel

from .choices import OverrideKind


class CalendarOverride(TimeStampedModel):
    """Ngày nghỉ / ngày làm bù: a date whose status the government set apart from the law.

    E.g. Friday 02/01/2026 off and Saturday 10/01/2026 worked (Công văn 12729/VPCP-KGVX). An
    override always wins over the holidays package.
    """

    date = models.DateField(_("ngày"), unique=True)
    kind = models.CharField(_("loại"), max_length=16, choices=OverrideKind.choices)
    reason = models.CharField(_("lý do"), max_length=255)
    legal_reference = models.CharField(
        _("căn cứ"), max_length=255, blank=True, help_text=_("Ví dụ: Công văn 12729/VPCP-KGVX")
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ngày điều chỉnh lịch làm việc")
        verbose_name_plural = _("ngày điều chỉnh lịch làm việc")
        ordering = ["date"]
        permissions = [("manage_calendar", _("Quản lý lịch làm việc, ngày nghỉ, giờ làm việc"))]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=OverrideKind.values),
                name="worktime_override_kind_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} – {self.get_kind_display()}"


class OfficeHours(TimeStampedModel):
    """Giờ làm việc hành chính: the morning and afternoon sessions of every working day.

    One row. Their total is one working day (8 hours by default), the unit of every time limit.
    """

    morning_start = models.TimeField(_("buổi sáng bắt đầu"), default=time(7, 0))
    morning_end = models.TimeField(_("buổi sáng kết thúc"), default=time(11, 30))
    afternoon_start = models.TimeField(_("buổi chiều bắt đầu"), default=time(13, 30))
    afternoon_end = models.TimeField(_("buổi chiều kết thúc"), default=time(17, 0))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("giờ làm việc")
        verbose_name_plural = _("giờ làm việc")
        ordering = ["pk"]

    def __str__(self) -> str:
        return (
            f"{self.morning_start:%H:%M}–{self.morning_end:%H:%M}, "
            f"{self.afternoon_start:%H:%M}–{self.afternoon_end:%H:%M}"
        )

    @classmethod
    def current(cls) -> "OfficeHours":
        """The configured hours, or the defaults when none were saved."""
        return cls.objects.order_by("pk").first() or cls()

    @property
    def sessions(self):
        return ((self.morning_start, self.morning_end), (self.afternoon_start, self.afternoon_end))

    def clean(self):
        if not (self.morning_start < self.morning_end <= self.afternoon_start < self.afternoon_end):
            raise ValidationError(
                _("Giờ làm việc phải theo thứ tự: sáng bắt đầu < sáng kết thúc ≤ chiều bắt đầu < chiều kết thúc.")
            )
