"""The vocabulary of the ISO 9001 records: register sections, bands, treatments, indicators."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RiskSection(models.TextChoices):
    """The register's four parts, as the division's table numbers them."""

    INTERNAL = "I", _("I. Các yếu tố nội bộ")
    EXTERNAL = "II", _("II. Các yếu tố bên ngoài")
    INTERESTED_PARTIES = "III", _("III. Nhu cầu và mong đợi các bên quan tâm")
    PROCEDURES = "IV", _("IV. Quá trình giải quyết TTHC")


class RiskKind(models.TextChoices):
    RISK = "risk", _("Rủi ro (−)")
    OPPORTUNITY = "opportunity", _("Cơ hội (+)")


class RiskBand(models.TextChoices):
    LOW = "low", _("Thấp")
    MEDIUM = "medium", _("Trung bình")
    HIGH = "high", _("Cao")


class Treatment(models.TextChoices):
    ACCEPT = "accept", _("Chấp nhận")
    MITIGATE = "mitigate", _("Giảm thiểu")
    AVOID = "avoid", _("Né tránh")
    TRANSFER = "transfer", _("Chuyển giao, chia sẻ")
    EXPLOIT = "exploit", _("Tận dụng cơ hội")


class Indicator(models.TextChoices):
    """Where an objective's figure comes from."""

    PROCEDURE_FLOWCHARTS = "procedure_flowcharts", _("Thủ tục có quy trình lưu đồ được phê duyệt")
    PROJECT_DATABASE = "project_database", _("Mức đầy đủ của CSDL dự án ngoài ngân sách")
    DOSSIER_ON_TIME = "dossier_on_time", _("Tỷ lệ hồ sơ TTHC giải quyết đúng hạn")
    KPI_RATING = "kpi_rating", _("Công chức được đánh giá KPI, đạt khá/tốt trở lên")
    MILESTONES = "milestones", _("Các mốc công việc hoàn thành")


class Light(models.TextChoices):
    """The traffic light of an objective."""

    GREEN = "green", _("Đạt / đúng tiến độ")
    AMBER = "amber", _("Cần theo dõi")
    RED = "red", _("Không đạt / chậm")
    GREY = "grey", _("Chưa có số liệu")


class ActionStatus(models.TextChoices):
    OPEN = "open", _("Chưa thực hiện")
    IN_PROGRESS = "in_progress", _("Đang thực hiện")
    DONE = "done", _("Đã hoàn thành")
    CANCELLED = "cancelled", _("Hủy bỏ")


OPEN_ACTION_STATUSES = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)
