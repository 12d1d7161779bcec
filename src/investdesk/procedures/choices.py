"""Choices of the procedure catalogue."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProcessRole(models.TextChoices):
    """Who performs a step (a lane of the flowchart)."""

    RECEPTION = "reception", _("Bộ phận tiếp nhận và trả kết quả")
    OFFICER = "officer", _("Chuyên viên thụ lý")
    DIVISION_HEAD = "division_head", _("Lãnh đạo phòng")
    DEPARTMENT_LEADER = "department_leader", _("Lãnh đạo Sở")
    PPC_CHAIRMAN = "ppc_chairman", _("Chủ tịch UBND tỉnh")
    CONSULTED_AGENCY = "consulted_agency", _("Cơ quan được lấy ý kiến")


class Authority(models.TextChoices):
    """Who decides the procedure's result."""

    DEPARTMENT = "department", _("Sở Tài chính")
    PPC_CHAIRMAN = "ppc_chairman", _("Chủ tịch UBND tỉnh")


class Field(models.TextChoices):
    """Lĩnh vực."""

    INVESTMENT_DOMESTIC = "investment", _("Đầu tư tại Việt Nam")
    FOREIGN_INVESTMENT = "foreign_investment", _("Đầu tư của nhà đầu tư nước ngoài")


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("Bản nháp")
    APPROVED = "approved", _("Đã phê duyệt")
    RETIRED = "retired", _("Hết hiệu lực")
