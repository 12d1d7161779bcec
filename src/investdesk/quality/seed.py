"""The division's signed 2026 documents, word for word: the quality objectives with their plan
(Table 1) and the risk and opportunity register (Table 2), with each level as written kept so that a
level that disagrees with P×S shows (DOMAIN.md §1)."""

from datetime import date

from django.conf import settings
from django.db import transaction

from .choices import Indicator, RiskKind, RiskSection, Treatment
from .models import Objective, QualityYear, Risk

SIGNED_ON = date(2026, 1, 26)
SIGNER = "Ngô Bá Hưng"
REASON = "Dữ liệu gốc: văn bản ký ngày 26/01/2026"

MEANS = (
    "- Các CBCC được phân công; Trưởng Phòng kiểm soát;\n"
    "- Phân công cụ thể CBCC có năng lực tổ chức xây dựng nhiệm vụ được giao.\n"
    "- Tham mưu kịp thời lãnh đạo Sở phối hợp với các Sở/ngành liên quan; báo cáo tiến độ và đề xuất giải quyết "
    "vướng mắc tại cuộc họp giao ban;\n"
    "- Sử dụng các tổ chức tư vấn (nếu cần thiết)."
)

OBJECTIVES_2026 = [
    {
        "number": 1,
        "title": "Xây dựng Quy trình thủ tục dự án đầu tư ngoài ngân sách (bằng lưu đồ)",
        "measurement": "Quyết định số 231/QĐ-UBND ngày 22/01/2026 của UBND tỉnh",
        "means": MEANS,
        "starts_on": date(2026, 1, 1),
        "finishes_on": date(2026, 3, 31),
        "finish_text": "Trước 31/3/2026",
        "indicator": Indicator.PROCEDURE_FLOWCHARTS,
        "target": 100,
    },
    {
        "number": 2,
        "title": (
            "CSDL các dự án ngoài ngân sách, góp phần thúc đẩy tăng trưởng kinh tế của tỉnh; Xây dựng hệ thống giám "
            "sát, đánh giá đầu tư dự án ngoài ngân sách, góp phần thúc đẩy tăng trưởng kinh tế của tỉnh"
        ),
        "measurement": (
            "Quyết định số 508/QĐ-UBND ngày 09/02/2026 của UBND tỉnh; Quyết định số 231/QĐ-UBND ngày 22/01/2026 "
            "của UBND tỉnh"
        ),
        "means": MEANS,
        "starts_on": date(2026, 4, 1),
        "finishes_on": date(2026, 6, 30),
        "finish_text": "Quý II/2026",
        "indicator": Indicator.PROJECT_DATABASE,
        "target": 100,
    },
    {
        "number": 3,
        "title": (
            "Phân đấu Tỷ lệ hồ sơ giải quyết TTHC lĩnh vực của phòng tiếp nhận, xử lý trong năm được giải quyết "
            "đúng hạn tối thiểu 95% trở lên"
        ),
        "measurement": (
            "Thống kê tỷ lệ hồ sơ xử lý trễ hạn so với tổng số hồ sơ được giải quyết đối với TTHC lĩnh vực của "
            "phòng theo Quyết định số 1384/QĐ-UBND ngày 01/10/2025 của UBND tỉnh Khánh Hòa"
        ),
        "means": (
            "Phòng Quản lý Đầu tư ngoài ngân sách:\n"
            "- Rà soát, chuẩn hóa quy trình nội bộ giải quyết thủ tục hành chính (TTHC) trong lĩnh vực của phòng, "
            "loại bỏ các bước trung gian, giảm thời gian luân chuyển hồ sơ.\n"
            "- Tăng cường ứng dụng phần mềm quản lý hồ sơ điện tử, theo dõi tiến độ xử lý, cảnh báo sớm các hồ sơ "
            "có nguy cơ trễ hạn.\n"
            "- Phân công rõ trách nhiệm CBCC, bộ phận trong từng khâu xử lý hồ sơ; xác định người chịu trách nhiệm "
            "trực tiếp đối với từng hồ sơ"
        ),
        "starts_on": date(2026, 1, 1),
        "finishes_on": date(2026, 12, 14),
        "finish_text": "Trước 14/12/2026",
        "indicator": Indicator.DOSSIER_ON_TIME,
        "target": None,  # the configured on-time target (95%)
    },
    {
        "number": 4,
        "title": (
            "Đảm bảo 100% công chức của phòng được đánh giá KPI trên phần mềm và đạt yêu cầu từ loại khá/tốt trở lên."
        ),
        "measurement": "Thống kê KPI trên phần mềm E-Office của Sở.",
        "means": (
            "- Toàn bộ CBCC của phòng thực hiện\n"
            "- Tham dự tập tập huấn đầy đủ, sử dụng thành thạo phần mềm KPI;\n"
            "- Kịp thời có ý kiến điều chỉnh đầu mục công việc cho phù hợp;\n"
            "- Lãnh đạo phòng đảm bảo đánh giá đúng hiệu, thực chất công việc, xuất KPI theo đơn vị phòng "
            "(Mẫu BM02.2)"
        ),
        "starts_on": date(2026, 1, 1),
        "finishes_on": date(2026, 12, 14),
        "finish_text": "Trước 14/12/2026",
        "indicator": Indicator.KPI_RATING,
        "target": 100,
    },
]

REGISTER_2026 = [
    {
        "section": RiskSection.INTERNAL,
        "number": "1",
        "title": (
            "- Hoạt động trong nội bộ:\n"
            "+ Tham mưu, giúp Lãnh đạo Sở về công tác tài chính đầu tư, xã hội hóa, ngoài ngân sách.\n"
            "+ Biên chế hạn chế trong khi khối lượng công việc lớn, thường xuyên phối hợp với nhiều đơn vị Sở, Ban, "
            "ngành tỉnh.\n"
            "+ Nhiều cán bộ mới chưa có nhiều chuyên môn, kinh nghiệm, chưa kịp thời đáp ứng nhiệm vụ được giao. "
            "Quá tải, dễ chậm tiến độ thẩm định, tham mưu; sai sót số liệu do áp lực công việc."
        ),
        "p": 1,
        "s": 1,
        "written": "1-Thấp",
        "action": (
            "- Đào tạo, bồi dưỡng thống nhất nghiệp vụ: tổ chức các lớp tập huấn ISO, quy trình tham mưu, quy trình "
            "xử lý văn bản và TTHC của phòng;\n"
            "- Cập nhật sổ tay ISO nội bộ: quy định rõ vai trò, trình tự công việc, mẫu biểu thống nhất;\n"
            "- Phân công cố vấn nội bộ: giao CBCC có kinh nghiệm kèm cặp, hướng dẫn công chức mới;"
        ),
        "units": "Ban Giám đốc, Văn phòng Sở",
        "treatment": Treatment.MITIGATE,
    },
    {
        "section": RiskSection.EXTERNAL,
        "number": "1",
        "title": (
            "Môi trường pháp lý:\n"
            "- Hoạt động của phòng chịu sự điều chỉnh trực tiếp của các văn bản: Luật Đầu tư, các Nghị định hướng "
            "dẫn của Chính phủ, Thông tư của Bộ Tài chính.\n"
            "- Các quy định pháp luật thường xuyên thay đổi. Hướng dẫn nội bộ không kịp cập nhật, dẫn đến sai sót "
            "khi thẩm định hoặc tham mưu"
        ),
        "p": 1,
        "s": 1,
        "written": "1-Thấp",
        "action": (
            "Thường xuyên cập nhật các văn bản pháp luật: cập nhật từ nguồn văn bản đến; từ các phương tiện thông "
            "tin truyền thông; tập huấn, hướng dẫn cho các cá nhân tổ chức có liên quan"
        ),
        "units": "Các phòng thuộc Sở",
        "treatment": Treatment.MITIGATE,
    },
    {
        "section": RiskSection.EXTERNAL,
        "number": "2",
        "title": (
            "Định hướng, chủ trương của Chính phủ và Tỉnh ủy, UBND tỉnh: Chính phủ, Bộ Tài chính, Tỉnh ủy, UBND "
            "tỉnh Khánh Hòa yêu cầu tăng cường thu hút đầu tư ngoài ngân sách, đẩy mạnh xã hội hóa, cải thiện môi "
            "trường đầu tư kinh doanh. Áp lực tiến độ, yêu cầu mới phát sinh thường xuyên, đòi hỏi năng lực xử lý cao."
        ),
        "p": 2,
        "s": 4,
        "written": "8- Thấp",
        "action": "Quan tâm chỉ đạo, ưu tiên nguồn lực",
        "units": "Tỉnh ủy, UBND tỉnh, các Sở, ban, ngành tỉnh",
        "treatment": Treatment.MITIGATE,
    },
    {
        "section": RiskSection.EXTERNAL,
        "number": "3",
        "title": "- Phương tiện máy móc phần mềm để thẩm định, kiểm tra số liệu chưa đầy đủ",
        "p": 1,
        "s": 1,
        "written": "1- Thấp",
        "action": "- Cập nhật sổ tay ISO nội bộ: quy định rõ vai trò, trình tự công việc, mẫu biểu thống nhất.",
        "units": "Văn phòng Sở",
        "treatment": Treatment.MITIGATE,
    },
    {
        "section": RiskSection.INTERESTED_PARTIES,
        "number": "1",
        "title": "- Phối hợp của các đơn vị nhanh chóng, kịp thời.\n- Hạn chế trùng lặp hoặc chồng chéo chức năng.",
        "p": 1,
        "s": 1,
        "written": "1- Thấp",
        "action": (
            "- Duy trì quy trình ISO chuẩn hóa; cập nhật văn bản mới; tăng cường kiểm tra tiến độ, chất lượng tham "
            "mưu của phòng;\n"
            "- Thiết lập quy chế phối hợp liên ngành; liên thông dữ liệu điện tử; họp giao ban định kỳ"
        ),
        "units": "Lãnh đạo Sở; UBND tỉnh; Các Sở, Ban, Ngành thuộc tỉnh",
        "treatment": Treatment.MITIGATE,
    },
    {"section": RiskSection.PROCEDURES, "number": "1", "title": "Khâu thực hiện", "heading": True},
    {"section": RiskSection.PROCEDURES, "number": "1.1", "title": "Các lĩnh vực của Sở Tài chính", "heading": True},
    {
        "section": RiskSection.PROCEDURES,
        "number": "1.1.1",
        "title": (
            "Các TTHC thuộc lĩnh vực do phòng quản lý Đầu tư ngoài ngân sách, thực hiện: có thể xảy ra trong quy "
            "trình TTHC (hồ sơ sai, trễ hạn, thiếu phối hợp,.....)"
        ),
        "p": 1,
        "s": 1,
        "written": "1- Thấp",
        "action": (
            "Tăng cường tuyên truyền, hướng dẫn cho CBCC phòng tìm hiểu kỹ quy định, hướng dẫn trong quá trình xử lý "
            "hồ sơ. Cử chuyên viên theo dõi hệ thống hàng ngày để kịp thời giải quyết"
        ),
        "units": "ĐTNNNS; các phòng có liên quan thuộc Sở",
        "treatment": Treatment.MITIGATE,
    },
    {
        "section": RiskSection.PROCEDURES,
        "number": "1.1.2",
        "title": (
            "Xử lý hồ sơ trên Hệ thống phần mềm bị lỗi do hệ thống phần mềm hành chính công; Dịch vụ công quốc gia "
            "xảy ra lỗi"
        ),
        "p": 3,
        "s": 3,
        "written": "2- Thấp",  # as signed; 3×3 is 9, so the system flags it
        "action": "Chấp nhận rủi ro",
        "units": "Sở Khoa học và Công nghệ; Trung tâm Dịch vụ hành chính công tỉnh Khánh Hòa",
        "treatment": Treatment.ACCEPT,
    },
]


def run(log) -> None:
    with transaction.atomic():
        _year_2026(log)


def _year_2026(log) -> None:
    low, medium = settings.RISK_BANDS
    plan, _created = QualityYear.objects.get_or_create(
        year=2026,
        defaults={
            "low_max": low,
            "medium_max": medium,
            "objectives_issued_on": SIGNED_ON,
            "register_issued_on": SIGNED_ON,
            "signer_name": SIGNER,
        },
    )
    if not plan.objectives.exists():
        for entry in OBJECTIVES_2026:
            target = entry["target"] if entry["target"] is not None else settings.ON_TIME_TARGET
            objective = Objective(plan=plan, **{**entry, "target": target})
            objective._change_reason = REASON
            objective.save()
        log(f"  mục tiêu chất lượng 2026: {len(OBJECTIVES_2026)}")
    if not plan.risks.exists():
        for position, entry in enumerate(REGISTER_2026, start=1):
            risk = Risk(
                register=plan,
                section=entry["section"],
                number=entry["number"],
                position=position,
                kind=RiskKind.RISK,
                is_heading=entry.get("heading", False),
                title=entry["title"],
                likelihood=entry.get("p"),
                severity=entry.get("s"),
                written_level=entry.get("written", ""),
                action_plan=entry.get("action", ""),
                related_units=entry.get("units", ""),
                treatment=entry.get("treatment", ""),
            )
            risk.compute()
            risk._change_reason = REASON
            risk.save()
        log(f"  bảng rủi ro, cơ hội 2026: {len(REGISTER_2026)} dòng")
