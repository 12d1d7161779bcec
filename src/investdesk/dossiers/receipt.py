"""Mẫu 01 (TT 03/2025/TT-VPCP) as a Word document: the receipt the desk prints, for those who keep
or edit it in Word. The same wording as the printed page (dossiers/form_01.html), A4 portrait."""

from django.conf import settings
from django.utils import timezone
from docx.enum.section import WD_ORIENT
from docx.shared import Cm

from investdesk.core.formatting import format_decimal
from investdesk.core.templatetags.investdesk import WEEKDAY_NAMES
from investdesk.core.wordprocessing import CENTER, fill_cell, landscape_document, paragraph, to_bytes


def _moment(value) -> str:
    local = timezone.localtime(value)
    return f"{local:%H} giờ {local:%M} phút, ngày {local:%d/%m/%Y}"


def build_receipt(dossier) -> bytes:
    document = landscape_document()
    section = document.sections[0]
    # The receipt is a portrait page: swap the helper's landscape A4 back.
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin, section.right_margin = Cm(3.0), Cm(2.0)

    header = document.add_table(rows=1, cols=2)
    organisation = settings.ORGANISATION_NAME
    fill_cell(header.cell(0, 0), f"UBND TỈNH {settings.PROVINCE_NAME.upper()}\n{organisation.upper()}", align=CENTER)
    fill_cell(
        header.cell(0, 1), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc", bold=True, align=CENTER
    )
    paragraph(document, "")
    paragraph(document, "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", size=14, bold=True, align=CENTER)
    paragraph(document, f"Mã hồ sơ: {dossier.code}", align=CENTER)
    paragraph(document, f"{organisation} tiếp nhận hồ sơ của: {dossier.applicant_name}")
    if dossier.applicant_address:
        paragraph(document, f"Địa chỉ: {dossier.applicant_address}")
    paragraph(
        document,
        f"Số điện thoại: {dossier.applicant_phone or '………'}    Thư điện tử: {dossier.applicant_email or '………'}",
    )
    paragraph(document, f"Nội dung yêu cầu giải quyết: {dossier.procedure.name}")
    paragraph(document, "1. Thành phần hồ sơ nộp gồm:")
    items = dossier.components_received or ["—"]
    table = document.add_table(rows=1 + len(items), cols=2)
    table.style = "Table Grid"
    fill_cell(table.cell(0, 0), "TT", bold=True, align=CENTER, width=Cm(1.2))
    fill_cell(table.cell(0, 1), "Tên giấy tờ", bold=True, width=Cm(14.8))
    for row, item in enumerate(items, start=1):
        fill_cell(table.cell(row, 0), str(row), align=CENTER, width=Cm(1.2))
        fill_cell(table.cell(row, 1), item, width=Cm(14.8))
    paragraph(document, "2. Số lượng hồ sơ: 01 bộ.")
    days = format_decimal(dossier.procedure_version.statutory_days)
    paragraph(document, f"3. Thời gian giải quyết hồ sơ theo quy định: {days} ngày làm việc.")
    paragraph(document, f"4. Thời gian nhận hồ sơ: {_moment(dossier.received_at)}.")
    due = timezone.localtime(dossier.due_at)
    paragraph(
        document,
        f"5. Thời gian trả kết quả giải quyết hồ sơ: {due:%H} giờ {due:%M} phút, "
        f"{WEEKDAY_NAMES[due.weekday()]}, ngày {due:%d/%m/%Y}.",
    )
    paragraph(document, f"6. Đăng ký nhận kết quả tại: Bộ phận Một cửa, {organisation}.")
    paragraph(document, "Vào sổ theo dõi hồ sơ, Quyển số: …… Số thứ tự: ……")
    paragraph(document, "")
    signatures = document.add_table(rows=1, cols=2)
    received_by = dossier.received_by.get_full_name() if dossier.received_by else ""
    for cell, title, name in (
        (signatures.cell(0, 0), "NGƯỜI NỘP HỒ SƠ", ""),
        (signatures.cell(0, 1), "NGƯỜI TIẾP NHẬN HỒ SƠ", received_by),
    ):
        fill_cell(cell, title, bold=True, align=CENTER)
        paragraph(cell, "(Ký và ghi rõ họ tên)", italic=True, align=CENTER)
        for _blank in range(3):
            paragraph(cell, "", align=CENTER)
        paragraph(cell, name, align=CENTER)
    return to_bytes(document)
