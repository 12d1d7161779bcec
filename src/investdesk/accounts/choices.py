"""Roles and position levels."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """What a person may do in the system; each role is a group of permissions."""

    ADMINISTRATOR = "administrator", _("Quản trị hệ thống")
    DEPARTMENT_LEADER = "department_leader", _("Lãnh đạo Sở")
    DIVISION_HEAD = "division_head", _("Lãnh đạo phòng")
    OFFICER = "officer", _("Chuyên viên")
    RECEPTION = "reception", _("Bộ phận tiếp nhận và trả kết quả")
    VIEWER = "viewer", _("Người xem")


ROLE_DESCRIPTIONS = {
    Role.ADMINISTRATOR: _("Quản lý người dùng, phòng, vai trò, danh mục và cấu hình hệ thống; sao lưu dữ liệu."),
    Role.DEPARTMENT_LEADER: _("Giám đốc, Phó Giám đốc Sở: xem toàn bộ dữ liệu của Sở, phê duyệt và ký kết quả."),
    Role.DIVISION_HEAD: _("Trưởng phòng, Phó Trưởng phòng: phân công, kiểm soát và duyệt công việc của phòng mình."),
    Role.OFFICER: _("Chuyên viên: xử lý hồ sơ và công việc được phân công cho mình."),
    Role.RECEPTION: _("Tiếp nhận hồ sơ, in giấy tiếp nhận và hẹn trả, trả kết quả."),
    Role.VIEWER: _("Chỉ xem số liệu tổng hợp và báo cáo."),
}


class PositionLevel(models.TextChoices):
    """Where a position stands in the hierarchy; decides default roles and signatures."""

    STAFF = "staff", _("Nhân viên")
    OFFICER = "officer", _("Chuyên viên")
    DIVISION_DEPUTY = "division_deputy", _("Phó trưởng phòng")
    DIVISION_HEAD = "division_head", _("Trưởng phòng")
    DEPARTMENT_DEPUTY = "department_deputy", _("Phó Giám đốc Sở")
    DEPARTMENT_HEAD = "department_head", _("Giám đốc Sở")


class Language(models.TextChoices):
    VI = "vi", "Tiếng Việt"
    EN = "en", "English"
