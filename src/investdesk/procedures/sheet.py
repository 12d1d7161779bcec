"""The procedure sheet (quy trình nội bộ) as a Word document for the ISO handbook.

Layout after Nghị định 30/2020/NĐ-CP: the issuing agency and the national motto side by side,
the title, the procedure's particulars, then the step table (Bước · Nội dung công việc · Đơn
vị/người thực hiện · Thời gian · Kết quả) with the total. Times New Roman, A4 landscape.
"""

from django.conf import settings
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm

from investdesk.core.formatting import format_decimal
from investdesk.core.wordprocessing import font, landscape_document, paragraph, to_bytes

from .choices import ProcessRole
from .models import ProcedureVersion

HEADERS = [
    "Bước",
    "Nội dung công việc",
    "Đơn vị/người thực hiện",
    "Thời gian (ngày làm việc)",
    "Kết quả",
]


def build_sheet(version: ProcedureVersion) -> bytes:
    procedure = version.procedure
    document = landscape_document()

    header = document.add_table(rows=1, cols=2)
    left, right = header.rows[0].cells
    left.paragraphs[0].text = ""
    font(left.paragraphs[0].add_run(f"UBND TỈNH {settings.PROVINCE_NAME.upper()}"), 12)
    left.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph(
        left,
        settings.ORGANISATION_NAME.replace("tỉnh " + settings.PROVINCE_NAME, "").strip().upper(),
        size=12,
        bold=True,
        align=WD_ALIGN_PARAGRAPH.CENTER,
    )
    right.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    font(right.paragraphs[0].add_run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), 12, bold=True)
    paragraph(right, "Độc lập - Tự do - Hạnh phúc", size=13, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)

    paragraph(document, "")
    paragraph(
        document,
        "QUY TRÌNH NỘI BỘ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH",
        size=14,
        bold=True,
        align=WD_ALIGN_PARAGRAPH.CENTER,
    )
    paragraph(document, procedure.name, size=14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    paragraph(
        document,
        f"(Phiên bản {version.number}"
        + (f", hiệu lực từ {version.effective_from:%d/%m/%Y}" if version.effective_from else "")
        + ")",
        size=13,
        italic=True,
        align=WD_ALIGN_PARAGRAPH.CENTER,
    )

    for label, value in [
        ("Mã thủ tục", procedure.code),
        ("Căn cứ pháp lý", version.legal_basis or procedure.legal_basis),
        ("Cơ quan quyết định", procedure.get_authority_display()),
        ("Thời hạn giải quyết", f"{format_decimal(version.statutory_days)} ngày làm việc"),
        ("Kết quả", procedure.result_document),
    ]:
        line = document.add_paragraph()
        font(line.add_run(f"{label}: "), 13, bold=True)
        font(line.add_run(value or "—"), 13)

    steps = list(version.steps.all())
    table = document.add_table(rows=1, cols=len(HEADERS))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    widths = [Cm(1.5), Cm(9.5), Cm(5.5), Cm(3.2), Cm(6)]
    for cell, title, width in zip(table.rows[0].cells, HEADERS, widths, strict=True):
        cell.text = ""
        cell.width = width
        font(cell.paragraphs[0].add_run(title), 12, bold=True)
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    for number, step in enumerate(steps, start=1):
        name = step.name
        if step.parallel:
            name += " (song song)"
        if step.silence_means_consent:
            name += "; quá hạn không trả lời được coi là đồng ý"
        if step.in_loop:
            name += " (chỉ khi hồ sơ phải bổ sung; thời gian nhà đầu tư bổ sung không tính)"
        values = [
            str(number),
            name,
            str(ProcessRole(step.role).label),
            format_decimal(step.working_days),
            step.result,
        ]
        row = table.add_row()
        for cell, value, width in zip(row.cells, values, widths, strict=True):
            cell.text = ""
            cell.width = width
            font(cell.paragraphs[0].add_run(value), 12)
        row.cells[0].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        row.cells[3].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    total = table.add_row()
    merged = total.cells[0].merge(total.cells[2])
    merged.text = ""
    font(merged.paragraphs[0].add_run("Tổng thời gian giải quyết"), 12, bold=True)
    total.cells[3].text = ""
    font(total.cells[3].paragraphs[0].add_run(format_decimal(version.total_days)), 12, bold=True)
    total.cells[3].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    if version.difference_note:
        paragraph(document, f"Ghi chú: {version.difference_note}", size=12, italic=True)
    paragraph(
        document,
        "Ghi chú: 01 ngày làm việc = 08 giờ làm việc; các bước song song được tính một lần.",
        size=12,
        italic=True,
    )

    return to_bytes(document)
