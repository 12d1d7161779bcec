"""The two signed tables in the division's own layout, from live data, as Word and Excel.

Table 1: MỤC TIÊU CHẤT LƯỢNG, KẾ HOẠCH THỰC HIỆN MỤC TIÊU CHẤT LƯỢNG (ISO 9001:2015 clause 6.2).
Table 2: BẢNG NHẬN DIỆN, ĐÁNH GIÁ, HÀNH ĐỘNG GIẢI QUYẾT RỦI RO VÀ CƠ HỘI (clause 6.1).
A4 landscape, Times New Roman, the place and date line and the "TRƯỞNG PHÒNG" signature block as
the division signs them. The level column is P×S with its band as the system computes it; where the
level as written on paper disagrees, the note column says so.
"""

from io import BytesIO

from django.conf import settings
from docx.shared import Cm

from investdesk.core import spreadsheets
from investdesk.core.wordprocessing import CENTER, fill_cell, landscape_document, paragraph, to_bytes

from .choices import RiskBand, RiskSection
from .models import QualityYear, Risk

OBJECTIVE_HEADERS = [
    "STT",
    "Mục tiêu chất lượng",
    "Cách đo lường",
    "Biện pháp thực hiện/đơn vị thực hiện",
    "Thời gian bắt đầu",
    "Thời gian hoàn thành",
]
OBJECTIVE_WIDTHS_CM = [1.2, 6.0, 5.0, 9.0, 2.6, 2.6]
RISK_HEADERS = [
    "STT",
    "Vấn đề/quá trình",
    "Khả năng xảy ra (P) (1-5)",
    "Mức độ tác động (S) (1-5)",
    "Mức RR (P*S)",
    "Cơ hội (+)",
    "Hành động cần thực hiện để giải quyết rủi ro, cơ hội",
    "Đơn vị liên quan",
    "Ghi chú",
]
RISK_WIDTHS_CM = [1.3, 6.2, 1.5, 1.5, 1.8, 2.2, 6.0, 3.4, 2.3]


def objectives_title(plan: QualityYear) -> list[str]:
    return [
        f"MỤC TIÊU CHẤT LƯỢNG, KẾ HOẠCH THỰC HIỆN MỤC TIÊU CHẤT LƯỢNG NĂM {plan.year}",
        f"CỦA {settings.DIVISION_NAME.upper()}",
    ]


def register_title(plan: QualityYear) -> str:
    return f"BẢNG NHẬN DIỆN, ĐÁNH GIÁ, HÀNH ĐỘNG GIẢI QUYẾT RỦI RO VÀ CƠ HỘI – Năm {plan.year}"


def signed_line(plan: QualityYear, day) -> str:
    if day is None:
        return f"{plan.place}, ngày ..... tháng ..... năm {plan.year}"
    return f"{plan.place}, ngày {day:%d} tháng {day:%m} năm {day:%Y}"


def objective_rows(plan: QualityYear) -> list[list[str]]:
    return [
        [
            f"{objective.number}.",
            objective.title,
            objective.measurement,
            objective.means,
            objective.starts_on.strftime("%d/%m/%Y"),
            objective.finish_text or objective.finishes_on.strftime("%d/%m/%Y"),
        ]
        for objective in plan.objectives.all()
    ]


def level_text(risk: Risk) -> str:
    if risk.score is None:
        return ""
    return f"{risk.score}- {RiskBand(risk.band).label}"


def risk_note(risk: Risk) -> str:
    if risk.written_level_mismatch:
        note = f"Mức ghi trên văn bản “{risk.written_level}” khác P×S"
        return f"{risk.notes}\n{note}" if risk.notes else note
    return risk.notes


def register_rows(plan: QualityYear) -> list[tuple[str, list[str] | str]]:
    """("section", caption) or ("row", cells), in the table's order."""
    rows: list = []
    risks = list(plan.risks.all())
    for section in RiskSection:
        rows.append(("section", str(section.label)))
        for risk in (r for r in risks if r.section == section):
            if risk.is_heading:
                rows.append(("heading", [risk.number, risk.title]))
                continue
            rows.append(
                (
                    "row",
                    [
                        risk.number,
                        risk.title,
                        str(risk.likelihood or ""),
                        str(risk.severity or ""),
                        level_text(risk),
                        risk.opportunity,
                        risk.action_plan,
                        risk.related_units,
                        risk_note(risk),
                    ],
                )
            )
    return rows


def _signature(document, plan: QualityYear, day) -> None:
    table = document.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    fill_cell(left, "")
    fill_cell(right, signed_line(plan, day), size=13, italic=True, align=CENTER)
    paragraph(right, plan.signer_title, size=13, bold=True, align=CENTER)
    for _blank in range(3):
        paragraph(right, "", size=13)
    paragraph(right, plan.signer_name, size=13, bold=True, align=CENTER)


def objectives_docx(plan: QualityYear) -> bytes:
    document = landscape_document(margin_cm=1.5)
    for line in objectives_title(plan):
        paragraph(document, line, size=14, bold=True, align=CENTER)
    paragraph(document, "")
    widths = [Cm(w) for w in OBJECTIVE_WIDTHS_CM]
    table = document.add_table(rows=1, cols=len(OBJECTIVE_HEADERS))
    table.style = "Table Grid"
    for cell, title, width in zip(table.rows[0].cells, OBJECTIVE_HEADERS, widths, strict=True):
        fill_cell(cell, title, bold=True, align=CENTER, width=width)
    for values in objective_rows(plan):
        row = table.add_row()
        for index, (cell, value, width) in enumerate(zip(row.cells, values, widths, strict=True)):
            fill_cell(cell, value, width=width, align=CENTER if index in (0, 4, 5) else None)
    paragraph(document, "")
    _signature(document, plan, plan.objectives_issued_on)
    return to_bytes(document)


def register_docx(plan: QualityYear) -> bytes:
    document = landscape_document(margin_cm=1.2)
    paragraph(document, register_title(plan), size=14, bold=True, align=CENTER)
    paragraph(document, "")
    widths = [Cm(w) for w in RISK_WIDTHS_CM]
    table = document.add_table(rows=2, cols=len(RISK_HEADERS))
    table.style = "Table Grid"
    top, bottom = table.rows
    # Two header rows: "Đánh giá rủi ro (R) (-)" spans P, S and the level, as on the signed table.
    for index in (0, 1, 5, 6, 7, 8):
        merged = top.cells[index].merge(bottom.cells[index])
        fill_cell(merged, RISK_HEADERS[index], bold=True, align=CENTER, width=widths[index])
    group = top.cells[2].merge(top.cells[4])
    fill_cell(group, "Đánh giá rủi ro (R) (-)", bold=True, align=CENTER)
    for index in (2, 3, 4):
        fill_cell(bottom.cells[index], RISK_HEADERS[index], bold=True, align=CENTER, width=widths[index])
    for kind, values in register_rows(plan):
        row = table.add_row()
        if kind == "section":
            merged = row.cells[0].merge(row.cells[-1])
            fill_cell(merged, values, bold=True)
            continue
        if kind == "heading":
            fill_cell(row.cells[0], values[0], bold=True, align=CENTER, width=widths[0])
            merged = row.cells[1].merge(row.cells[-1])
            fill_cell(merged, values[1], bold=True)
            continue
        for index, (cell, value, width) in enumerate(zip(row.cells, values, widths, strict=True)):
            fill_cell(cell, value, width=width, align=CENTER if index in (0, 2, 3, 4) else None)
    paragraph(document, "")
    _signature(document, plan, plan.register_issued_on)
    return to_bytes(document)


def _workbook():
    buffer = BytesIO()
    book = spreadsheets.workbook(buffer, {"in_memory": True})
    base = {"font_name": "Times New Roman", "font_size": 12, "text_wrap": True, "valign": "top"}
    formats = {
        "title": book.add_format({**base, "bold": True, "font_size": 14, "align": "center", "valign": "vcenter"}),
        "head": book.add_format({**base, "bold": True, "border": 1, "align": "center", "valign": "vcenter"}),
        "cell": book.add_format({**base, "border": 1}),
        "center": book.add_format({**base, "border": 1, "align": "center"}),
        "section": book.add_format({**base, "bold": True, "border": 1}),
        "sign": book.add_format({**base, "align": "center", "italic": True}),
        "signer": book.add_format({**base, "align": "center", "bold": True}),
    }
    return buffer, book, formats


def _xlsx_signature(sheet, formats, row: int, first: int, last: int, plan: QualityYear, day) -> None:
    sheet.merge_range(row, first, row, last, signed_line(plan, day), formats["sign"])
    sheet.merge_range(row + 1, first, row + 1, last, plan.signer_title, formats["signer"])
    sheet.merge_range(row + 5, first, row + 5, last, plan.signer_name, formats["signer"])


def _landscape_sheet(book, name: str):
    sheet = book.add_worksheet(name)
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.fit_to_pages(1, 0)  # the table's width on one page
    return sheet


def objectives_xlsx(plan: QualityYear) -> bytes:
    buffer, book, formats = _workbook()
    sheet = _landscape_sheet(book, f"Muc tieu {plan.year}")
    last = len(OBJECTIVE_HEADERS) - 1
    for row, line in enumerate(objectives_title(plan)):
        sheet.merge_range(row, 0, row, last, line, formats["title"])
    for column, (title, width) in enumerate(zip(OBJECTIVE_HEADERS, OBJECTIVE_WIDTHS_CM, strict=True)):
        sheet.set_column(column, column, width * 4.2)
        sheet.write(3, column, title, formats["head"])
    row = 4
    for values in objective_rows(plan):
        for column, value in enumerate(values):
            sheet.write(row, column, value, formats["center" if column in (0, 4, 5) else "cell"])
        row += 1
    _xlsx_signature(sheet, formats, row + 1, 3, last, plan, plan.objectives_issued_on)
    book.close()
    return buffer.getvalue()


def register_xlsx(plan: QualityYear) -> bytes:
    buffer, book, formats = _workbook()
    sheet = _landscape_sheet(book, f"Rui ro {plan.year}")
    last = len(RISK_HEADERS) - 1
    sheet.merge_range(0, 0, 0, last, register_title(plan), formats["title"])
    for column, width in enumerate(RISK_WIDTHS_CM):
        sheet.set_column(column, column, width * 4.2)
    for column in (0, 1, 5, 6, 7, 8):
        sheet.merge_range(2, column, 3, column, RISK_HEADERS[column], formats["head"])
    sheet.merge_range(2, 2, 2, 4, "Đánh giá rủi ro (R) (-)", formats["head"])
    for column in (2, 3, 4):
        sheet.write(3, column, RISK_HEADERS[column], formats["head"])
    row = 4
    for kind, values in register_rows(plan):
        if kind == "section":
            sheet.merge_range(row, 0, row, last, values, formats["section"])
        elif kind == "heading":
            sheet.write(row, 0, values[0], formats["section"])
            sheet.merge_range(row, 1, row, last, values[1], formats["section"])
        else:
            for column, value in enumerate(values):
                if column in (2, 3) and value:
                    value = int(value)  # P and S as numbers, so the sheet can sort and sum them
                sheet.write(row, column, value, formats["center" if column in (0, 2, 3, 4) else "cell"])
        row += 1
    _xlsx_signature(sheet, formats, row + 1, 5, last, plan, plan.register_issued_on)
    book.close()
    return buffer.getvalue()
