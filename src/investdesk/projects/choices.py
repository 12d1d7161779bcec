"""The project database's fixed lists: kinds, statuses, sectors (VSIC 2018 sections), delay states."""

from functools import cache

from django.db import models
from django.utils.translation import gettext_lazy as _


class InvestorKind(models.TextChoices):
    DOMESTIC = "domestic", _("Trong nước")
    FOREIGN = "foreign", _("Nước ngoài")


class Country(models.TextChoices):
    """Nationality of an investor (ISO 3166-1 alpha-2): the countries the province's investors come from."""

    VN = "VN", _("Việt Nam")
    KR = "KR", _("Hàn Quốc")
    JP = "JP", _("Nhật Bản")
    SG = "SG", _("Singapore")
    CN = "CN", _("Trung Quốc")
    TW = "TW", _("Đài Loan")
    HK = "HK", _("Hồng Kông")
    TH = "TH", _("Thái Lan")
    MY = "MY", _("Malaysia")
    US = "US", _("Hoa Kỳ")
    AU = "AU", _("Úc")
    FR = "FR", _("Pháp")
    DE = "DE", _("Đức")
    GB = "GB", _("Vương quốc Anh")
    NL = "NL", _("Hà Lan")
    RU = "RU", _("Nga")
    VG = "VG", _("Quần đảo Virgin thuộc Anh")
    OTHER = "XX", _("Khác")


class ProjectKind(models.TextChoices):
    DIRECT = "direct", _("Đầu tư trực tiếp")
    PPP = "ppp", _("Đối tác công tư (PPP)")
    SOCIALISED = "socialised", _("Xã hội hóa")
    LAND_USE = "land_use", _("Dự án có sử dụng đất (lựa chọn nhà đầu tư)")


class Sector(models.TextChoices):
    """Ngành kinh tế cấp 1 theo Hệ thống ngành kinh tế Việt Nam (VSIC 2018)."""

    A = "A", _("A - Nông nghiệp, lâm nghiệp và thủy sản")
    B = "B", _("B - Khai khoáng")
    C = "C", _("C - Công nghiệp chế biến, chế tạo")
    D = "D", _("D - Sản xuất và phân phối điện, khí đốt")
    E = "E", _("E - Cung cấp nước; quản lý và xử lý rác thải, nước thải")
    F = "F", _("F - Xây dựng")
    G = "G", _("G - Bán buôn và bán lẻ; sửa chữa ô tô, mô tô")
    H = "H", _("H - Vận tải kho bãi")
    I = "I", _("I - Dịch vụ lưu trú và ăn uống")  # noqa: E741
    J = "J", _("J - Thông tin và truyền thông")
    K = "K", _("K - Hoạt động tài chính, ngân hàng và bảo hiểm")
    L = "L", _("L - Hoạt động kinh doanh bất động sản")
    M = "M", _("M - Hoạt động chuyên môn, khoa học và công nghệ")
    N = "N", _("N - Hoạt động hành chính và dịch vụ hỗ trợ")
    P = "P", _("P - Giáo dục và đào tạo")
    Q = "Q", _("Q - Y tế và hoạt động trợ giúp xã hội")
    R = "R", _("R - Nghệ thuật, vui chơi và giải trí")
    S = "S", _("S - Hoạt động dịch vụ khác")


class ProjectStatus(models.TextChoices):
    PREPARING = "preparing", _("Chuẩn bị đầu tư")
    IMPLEMENTING = "implementing", _("Đang triển khai")
    OPERATING = "operating", _("Đã đi vào hoạt động")
    SUSPENDED = "suspended", _("Ngừng hoạt động")
    TERMINATED = "terminated", _("Chấm dứt hoạt động")
    REVOKED = "revoked", _("Bị thu hồi")


# A project that has ended is no longer monitored for delay.
CLOSED_STATUSES = frozenset({ProjectStatus.TERMINATED, ProjectStatus.REVOKED})


class DelayStatus(models.TextChoices):
    ON_TRACK = "on_track", _("Đúng tiến độ")
    LATE = "late", _("Chậm tiến độ")
    SERIOUSLY_LATE = "seriously_late", _("Chậm nghiêm trọng")
    REVIEW_FOR_TERMINATION = "review_for_termination", _("Xem xét chấm dứt")
    NOT_MONITORED = "not_monitored", _("Không theo dõi")


LATE_STATUSES = (DelayStatus.LATE, DelayStatus.SERIOUSLY_LATE, DelayStatus.REVIEW_FOR_TERMINATION)


class DecisionKind(models.TextChoices):
    POLICY_APPROVAL = "policy_approval", _("Chấp thuận chủ trương đầu tư")
    CERTIFICATE = "certificate", _("Cấp Giấy chứng nhận đăng ký đầu tư")
    ADJUSTMENT = "adjustment", _("Điều chỉnh dự án")


class DecisionStatus(models.TextChoices):
    DRAFT = "draft", _("Chờ xác nhận")
    CONFIRMED = "confirmed", _("Đã xác nhận")


class MilestoneKind(models.TextChoices):
    CAPITAL_CONTRIBUTION = "capital_contribution", _("Góp vốn")
    LAND_HANDOVER = "land_handover", _("Bàn giao đất")
    CONSTRUCTION_START = "construction_start", _("Khởi công xây dựng")
    COMPLETION = "completion", _("Hoàn thành xây dựng")
    OPERATION_START = "operation_start", _("Đi vào hoạt động")


class ExemptionReason(models.TextChoices):
    """Delays the law does not count against the investor (Luật Đầu tư 2025, NĐ 96/2026 Điều 28)."""

    LATE_LAND_HANDOVER = "late_land_handover", _("Chậm bàn giao đất")
    FORCE_MAJEURE = "force_majeure", _("Sự kiện bất khả kháng")
    STATE_CAUSE = "state_cause", _("Do cơ quan nhà nước")


class ReportKind(models.TextChoices):
    QUARTERLY_ACTIVITY = "quarterly_activity", _("Báo cáo hoạt động đầu tư quý")
    ANNUAL_ACTIVITY = "annual_activity", _("Báo cáo hoạt động đầu tư năm")
    SEMIANNUAL_ME = "semiannual_me", _("Báo cáo giám sát, đánh giá 6 tháng")
    ANNUAL_ME = "annual_me", _("Báo cáo giám sát, đánh giá năm")


class InspectionKind(models.TextChoices):
    PERIODIC = "periodic", _("Định kỳ")
    BEFORE_ADJUSTMENT = "before_adjustment", _("Trước khi điều chỉnh")
    FINAL = "final", _("Kết thúc")
    AD_HOC = "ad_hoc", _("Đột xuất")


class InspectionStatus(models.TextChoices):
    OPEN = "open", _("Đang theo dõi")
    CLOSED = "closed", _("Đã kết thúc")


@cache
def commune_choices() -> tuple[tuple[str, str], ...]:
    """The province's communes after the 2025 reform (Khánh Hòa: 65 units), from ``vietnam-provinces``.

    Codes are stored as text so a project keeps its commune even if the package renames one."""
    from django.conf import settings
    from vietnam_provinces import ProvinceCode, Ward

    province = ProvinceCode(settings.PROJECT_PROVINCE_CODE)
    wards = sorted(Ward.iter_by_province(province), key=lambda ward: ward.name)
    return tuple((str(int(ward.code)), ward.name) for ward in wards)


def commune_name(code: str) -> str:
    return dict(commune_choices()).get(code, code)
