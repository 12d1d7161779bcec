"""Periods, sources, statuses and bands of the KPI app (band values are fixed by the API contract)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PeriodKind(models.TextChoices):
    MONTH = "month", _("Tháng")
    QUARTER = "quarter", _("Quý")
    YEAR = "year", _("Năm")


class YearRating(models.TextChoices):
    """How the year's result is made from its periods (``scoring.year_mean``)."""

    AVERAGE = "average", _("Trung bình cộng điểm các kỳ")
    BY_WORKLOAD = "by_workload", _("Bình quân các kỳ theo số đầu mục được giao")


class Frequency(models.TextChoices):
    """How often a year's performance is scored; the year itself averages these periods."""

    MONTH = "month", _("Hằng tháng")
    QUARTER = "quarter", _("Hằng quý")


class ItemSource(models.TextChoices):
    DOSSIER_STEP = "dossier_step", _("Bước xử lý hồ sơ")
    PROJECT_TASK = "project_task", _("Nhiệm vụ theo dõi dự án")
    MANUAL = "manual", _("Nhập tay")


class Band(models.TextChoices):
    EXCELLENT = "excellent", _("Hoàn thành xuất sắc nhiệm vụ")
    GOOD = "good", _("Hoàn thành tốt nhiệm vụ")
    COMPLETED = "completed", _("Hoàn thành nhiệm vụ")
    NOT_COMPLETED = "not_completed", _("Không hoàn thành nhiệm vụ")


class EvaluationStatus(models.TextChoices):
    DRAFT = "draft", _("Chưa tự đánh giá")
    SELF_ASSESSED = "self_assessed", _("Đã tự đánh giá")
    REVIEWED = "reviewed", _("Lãnh đạo phòng đã chấm")
    APPROVED = "approved", _("Lãnh đạo Sở đã phê duyệt")


class AdjustmentStatus(models.TextChoices):
    PROPOSED = "proposed", _("Chờ duyệt")
    APPROVED = "approved", _("Đã chấp thuận")
    REJECTED = "rejected", _("Không chấp thuận")
