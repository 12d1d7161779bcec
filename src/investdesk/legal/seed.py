"""The legal documents the division works under, with what replaced what (DOMAIN.md §1)."""

from datetime import date

from investdesk.procedures.models import Procedure

from .choices import DocumentKind
from .models import LegalDocument

REASON = "Dữ liệu gốc: văn bản ký ngày 26/01/2026"

GOVERNMENT = "Chính phủ"
ASSEMBLY = "Quốc hội"
PPC = "UBND tỉnh Khánh Hòa"
INVESTMENT_PROCEDURES = "__investment__"  # linked to every procedure of the catalogue

# (number, kind, issuer, title, signed, effective, replaced by, linked procedures)
LEGAL_DOCUMENTS = [
    ("61/2020/QH14", DocumentKind.LAW, ASSEMBLY, "Luật Đầu tư", date(2020, 6, 17), date(2021, 1, 1), "143/2025/QH15"),
    ("143/2025/QH15", DocumentKind.LAW, ASSEMBLY, "Luật Đầu tư", None, date(2026, 3, 1), None, INVESTMENT_PROCEDURES),
    (
        "31/2021/NĐ-CP",
        DocumentKind.DECREE,
        GOVERNMENT,
        "Quy định chi tiết và hướng dẫn thi hành một số điều của Luật Đầu tư",
        date(2021, 3, 26),
        date(2021, 3, 26),
        "96/2026/NĐ-CP",
    ),
    (
        "239/2025/NĐ-CP",
        DocumentKind.DECREE,
        GOVERNMENT,
        "Sửa đổi, bổ sung Nghị định 31/2021/NĐ-CP hướng dẫn Luật Đầu tư",
        None,
        None,
        "96/2026/NĐ-CP",
    ),
    (
        "96/2026/NĐ-CP",
        DocumentKind.DECREE,
        GOVERNMENT,
        "Quy định chi tiết và hướng dẫn thi hành một số điều của Luật Đầu tư 2025",
        date(2026, 3, 31),
        date(2026, 3, 31),
        None,
        INVESTMENT_PROCEDURES,
    ),
    (
        "61/2018/NĐ-CP",
        DocumentKind.DECREE,
        GOVERNMENT,
        "Thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết TTHC",
        date(2018, 4, 23),
        date(2018, 6, 21),
        "118/2025/NĐ-CP",
    ),
    (
        "107/2021/NĐ-CP",
        DocumentKind.DECREE,
        GOVERNMENT,
        "Sửa đổi, bổ sung Nghị định 61/2018/NĐ-CP về cơ chế một cửa",
        date(2021, 12, 6),
        date(2022, 2, 15),
        "118/2025/NĐ-CP",
    ),
    (
        "118/2025/NĐ-CP",
        DocumentKind.DECREE,
        GOVERNMENT,
        "Thực hiện thủ tục hành chính theo cơ chế một cửa, một cửa liên thông tại Bộ phận Một cửa và Cổng Dịch vụ "
        "công quốc gia",
        None,
        date(2025, 6, 9),
        None,
        INVESTMENT_PROCEDURES,
    ),
    ("367/2025/NĐ-CP", DocumentKind.DECREE, GOVERNMENT, "Sửa đổi, bổ sung Nghị định 118/2025/NĐ-CP", None, None, None),
    (
        "01/2018/TT-VPCP",
        DocumentKind.CIRCULAR,
        "Văn phòng Chính phủ",
        "Hướng dẫn thi hành Nghị định 61/2018/NĐ-CP (biểu mẫu một cửa)",
        None,
        None,
        "03/2025/TT-VPCP",
    ),
    (
        "03/2025/TT-VPCP",
        DocumentKind.CIRCULAR,
        "Văn phòng Chính phủ",
        "Biểu mẫu thực hiện cơ chế một cửa, một cửa liên thông",
        None,
        None,
        None,
    ),
    (
        "29/2021/NĐ-CP",
        DocumentKind.DECREE,
        GOVERNMENT,
        "Quy định về trình tự, thủ tục thẩm định dự án quan trọng quốc gia và giám sát, đánh giá đầu tư",
        date(2021, 3, 26),
        date(2021, 3, 26),
        "19/2026/NĐ-CP",
    ),
    (
        "19/2026/NĐ-CP",
        DocumentKind.DECREE,
        GOVERNMENT,
        "Giám sát và đánh giá đầu tư",
        date(2026, 1, 14),
        date(2026, 1, 14),
        None,
    ),
    (
        "44/2026/TT-BTC",
        DocumentKind.CIRCULAR,
        "Bộ Tài chính",
        "Mẫu báo cáo giám sát, đánh giá đầu tư",
        None,
        None,
        None,
    ),
    (
        "90/2020/NĐ-CP",
        DocumentKind.DECREE,
        GOVERNMENT,
        "Đánh giá, xếp loại chất lượng cán bộ, công chức, viên chức",
        date(2020, 8, 13),
        date(2020, 8, 13),
        "335/2025/NĐ-CP",
    ),
    (
        "48/2023/NĐ-CP",
        DocumentKind.DECREE,
        GOVERNMENT,
        "Sửa đổi, bổ sung Nghị định 90/2020/NĐ-CP",
        date(2023, 7, 17),
        date(2023, 9, 1),
        "335/2025/NĐ-CP",
    ),
    (
        "335/2025/NĐ-CP",
        DocumentKind.DECREE,
        GOVERNMENT,
        "Đánh giá, xếp loại chất lượng cán bộ, công chức, viên chức",
        None,
        date(2026, 1, 1),
        None,
    ),
    (
        "23/2024/NĐ-CP",
        DocumentKind.DECREE,
        GOVERNMENT,
        "Lựa chọn nhà đầu tư thực hiện dự án đầu tư có sử dụng đất",
        None,
        None,
        "274/2026/NĐ-CP",
    ),
    (
        "115/2024/NĐ-CP",
        DocumentKind.DECREE,
        GOVERNMENT,
        "Lựa chọn nhà đầu tư thực hiện dự án đầu tư có sử dụng đất",
        None,
        None,
        "274/2026/NĐ-CP",
    ),
    (
        "225/2025/NĐ-CP",
        DocumentKind.DECREE,
        GOVERNMENT,
        "Lựa chọn nhà đầu tư thực hiện dự án đầu tư kinh doanh",
        None,
        None,
        "274/2026/NĐ-CP",
    ),
    (
        "274/2026/NĐ-CP",
        DocumentKind.DECREE,
        GOVERNMENT,
        "Quy định chi tiết một số điều và biện pháp thi hành Luật Đấu thầu về lựa chọn nhà đầu tư thực hiện dự án "
        "đầu tư kinh doanh",
        date(2026, 7, 7),
        date(2026, 8, 21),
        None,
    ),
    (
        "19/2014/QĐ-TTg",
        DocumentKind.DECISION,
        "Thủ tướng Chính phủ",
        "Áp dụng Hệ thống quản lý chất lượng theo TCVN ISO 9001 vào hoạt động của các cơ quan, tổ chức thuộc "
        "hệ thống hành chính nhà nước",
        date(2014, 3, 5),
        None,
        None,
    ),
    (
        "26/2014/TT-BKHCN",
        DocumentKind.CIRCULAR,
        "Bộ Khoa học và Công nghệ",
        "Quy định chi tiết thi hành Quyết định 19/2014/QĐ-TTg",
        date(2014, 10, 10),
        None,
        None,
    ),
    (
        "101/QĐ-BKHCN",
        DocumentKind.DECISION,
        "Bộ Khoa học và Công nghệ",
        "Mô hình khung hệ thống quản lý chất lượng theo TCVN ISO 9001:2015 cho các cơ quan hành chính nhà nước "
        "tại địa phương (2019)",
        None,
        None,
        None,
    ),
    (
        "1384/QĐ-UBND",
        DocumentKind.DECISION,
        PPC,
        "Công bố danh mục thủ tục hành chính lĩnh vực của Sở (căn cứ đo mục tiêu 3)",
        date(2025, 10, 1),
        date(2025, 10, 1),
        None,
    ),
    (
        "231/QĐ-UBND",
        DocumentKind.DECISION,
        PPC,
        "Căn cứ của mục tiêu chất lượng 1 và 2 năm 2026 (quy trình thủ tục bằng lưu đồ)",
        date(2026, 1, 22),
        date(2026, 1, 22),
        None,
    ),
    (
        "508/QĐ-UBND",
        DocumentKind.DECISION,
        PPC,
        "Căn cứ của mục tiêu chất lượng 2 năm 2026 (CSDL, giám sát, đánh giá dự án ngoài ngân sách)",
        date(2026, 2, 9),
        date(2026, 2, 9),
        None,
    ),
]


def run(log) -> None:
    _documents(log)


def _documents(log) -> None:
    made = 0
    for number, kind, issuer, title, signed, effective, *rest in LEGAL_DOCUMENTS:
        document, created = LegalDocument.objects.get_or_create(
            number=number,
            defaults={"kind": kind, "issuer": issuer, "title": title, "signed_on": signed, "effective_from": effective},
        )
        made += created
        if created and len(rest) > 1 and rest[1] == INVESTMENT_PROCEDURES:
            document.procedures.set(Procedure.objects.all())
    for number, _kind, _issuer, _title, _signed, _effective, replaced_by, *_rest in LEGAL_DOCUMENTS:
        document = LegalDocument.objects.get(number=number)
        if replaced_by and document.replaced_by_id is None:
            document.replaced_by = LegalDocument.objects.get(number=replaced_by)
            document._change_reason = REASON
            document.save()
    if made:
        log(f"  văn bản pháp luật: {made}")
