"""Form BM02.2: the division's KPI summary for a period, as Word and Excel.

The official layout was not found (DOMAIN.md §6), so this is the division summary the form asks for:
one row per person — position, work items assigned / on time / late / open, general score, task
score, total, band, note — with the place and date line and the head of the division's signature.
Figures are the approved ones (``summary.division_summary``)."""

from copy import deepcopy
from decimal import Decimal
from io import BytesIO

from django.conf import settings
from django.utils import timezone
from docx.oxml.ns import qn
from docx.shared import Cm
from docx.table import _Cell

from investdesk.accounts.choices import PositionLevel
from investdesk.core import spreadsheets
from investdesk.core.formatting import format_decimal
from investdesk.core.wordprocessing import CENTER, fill_cell, landscape_document, paragraph, to_bytes, xml_safe

from .choices import Band
from .periods import MONTH, QUARTER
from .summary import Summary

HEADERS = [
    "STT",
    "Họ và tên",
    "Chức vụ",
    "Số đầu mục được giao",
    "Hoàn thành đúng hạn",
    "Trễ hạn",
    "Chưa hoàn thành",
    "Điểm tiêu chí chung",
    "Điểm kết quả nhiệm vụ",
    "Tổng điểm",
    "Xếp loại",
    "Ghi chú",
]
WIDTHS_CM = [1.0, 4.6, 3.2, 1.8, 1.8, 1.5, 1.8, 1.8, 1.8, 1.6, 3.4, 3.0]
NUMBERS = (3, 4, 5, 6)
SCORES = (7, 8, 9)


def period_text(summary: Summary) -> str:
    span = summary.span
    if span.kind == MONTH:
        return f"tháng {span.number:02d} năm {span.year}"
    if span.kind == QUARTER:
        return f"quý {span.number} năm {span.year}"
    return f"năm {span.year}"


def title_lines(summary: Summary) -> list[str]:
    return [
        "BẢNG TỔNG HỢP KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI KPI CÔNG CHỨC",
        f"{summary.division.name.upper()} — {period_text(summary).upper()}",
    ]


def _score(value: Decimal | None) -> str:
    return format_decimal(value) if value is not None else ""


def rows(summary: Summary) -> list[list]:
    over = set(summary.quota.over)
    result = []
    for number, row in enumerate(summary.rows, start=1):
        note = row.note
        if row.person.pk in over:
            note = (note + "; " if note else "") + "Vượt tỷ lệ xuất sắc"
        result.append(
            [
                str(number),
                row.person.get_full_name(),
                row.position,
                row.items_assigned,
                row.items_on_time,
                row.items_late,
                row.items_open,
                row.general_score,
                row.task_score,
                row.total,
                str(Band(row.band).label) if row.band else "Chưa đánh giá",
                note,
            ]
        )
    return result


def signer(summary: Summary) -> str:
    heads = [
        row.person
        for row in summary.rows
        if row.person.position and row.person.position.level == PositionLevel.DIVISION_HEAD
    ]
    return heads[0].get_full_name() if heads else ""


def place_line() -> str:
    day = timezone.localdate()
    return f"{settings.PROVINCE_NAME}, ngày {day:%d} tháng {day:%m} năm {day:%Y}"


def coverage_line(summary: Summary) -> str:
    coverage = summary.coverage
    return (
        f"Số công chức của phòng: {coverage['staff']}; được đánh giá: {coverage['evaluated']}; "
        f"hoàn thành tốt nhiệm vụ trở lên: {coverage['good_or_above']}."
    )


def _texts(values: list) -> list[str]:
    return [_score(value) if index in SCORES else xml_safe(value) for index, value in enumerate(values)]


def _add_rows(table, texts: list[list[str]], widths) -> None:
    """The people's rows. The first is formatted cell by cell (font, size, width, alignment); the
    others are copies of its XML with their own text: formatting 12 cells through python-docx
    costs about 5 ms, which made a division of 150 people take seconds."""
    if not texts:
        return
    model = table.add_row()
    for index, (cell, width) in enumerate(zip(model.cells, widths, strict=True)):
        # One character so each cell keeps a run with a text node to fill in the copies.
        fill_cell(cell, "-", width=width, size=11, align=CENTER if index not in (1, 2, 11) else None)
    template = deepcopy(model._tr)
    trs = [model._tr]
    for _more in texts[1:]:
        trs.append(deepcopy(template))
        trs[-2].addnext(trs[-1])
    cell_tag, text_tag = qn("w:tc"), qn("w:t")
    for tr, values in zip(trs, texts, strict=True):
        for tc, text in zip(tr.iterchildren(cell_tag), values, strict=True):
            if "\n" in text:
                fill_cell(_Cell(tc, table), text, size=11)
            else:
                node = next(tc.iter(text_tag))
                node.text = text
                if text != text.strip():
                    node.set(qn("xml:space"), "preserve")


def docx(summary: Summary) -> bytes:
    document = landscape_document(margin_cm=1.2)
    paragraph(document, settings.ORGANISATION_NAME.upper(), size=13, bold=True)
    paragraph(document, "Mẫu BM02.2", size=12, italic=True)
    for line in title_lines(summary):
        paragraph(document, line, size=14, bold=True, align=CENTER)
    paragraph(document, "")
    widths = [Cm(w) for w in WIDTHS_CM]
    table = document.add_table(rows=1, cols=len(HEADERS))
    table.style = "Table Grid"
    for cell, title, width in zip(table.rows[0].cells, HEADERS, widths, strict=True):
        fill_cell(cell, title, bold=True, align=CENTER, width=width, size=11)
    _add_rows(table, [_texts(values) for values in rows(summary)], widths)
    paragraph(document, coverage_line(summary), size=12, italic=True)
    signature = document.add_table(rows=1, cols=2)
    left, right = signature.rows[0].cells
    fill_cell(left, "NGƯỜI LẬP BIỂU", size=13, bold=True, align=CENTER)
    fill_cell(right, place_line(), size=13, italic=True, align=CENTER)
    paragraph(right, "TRƯỞNG PHÒNG", size=13, bold=True, align=CENTER)
    for _blank in range(3):
        paragraph(right, "", size=13)
    paragraph(right, signer(summary), size=13, bold=True, align=CENTER)
    return to_bytes(document)


def xlsx(summary: Summary) -> bytes:
    buffer = BytesIO()
    book = spreadsheets.workbook(buffer, {"in_memory": True})
    base = {"font_name": "Times New Roman", "font_size": 12, "text_wrap": True, "valign": "top"}
    title = book.add_format({**base, "bold": True, "font_size": 14, "align": "center"})
    head = book.add_format({**base, "bold": True, "border": 1, "align": "center", "valign": "vcenter"})
    cell = book.add_format({**base, "border": 1})
    center = book.add_format({**base, "border": 1, "align": "center"})
    score = book.add_format({**base, "border": 1, "align": "center", "num_format": "0.00"})
    plain = book.add_format({**base, "italic": True})
    sign = book.add_format({**base, "align": "center", "italic": True})
    signer_format = book.add_format({**base, "align": "center", "bold": True})
    sheet = book.add_worksheet("BM02.2")
    sheet.set_landscape()
    sheet.set_paper(9)
    sheet.fit_to_pages(1, 0)
    last = len(HEADERS) - 1
    sheet.merge_range(0, 0, 0, 5, settings.ORGANISATION_NAME.upper(), signer_format)
    sheet.write(1, 0, "Mẫu BM02.2", plain)
    for row_number, line in enumerate(title_lines(summary), start=2):
        sheet.merge_range(row_number, 0, row_number, last, line, title)
    for column, (header, width) in enumerate(zip(HEADERS, WIDTHS_CM, strict=True)):
        sheet.set_column(column, column, width * 4.2)
        sheet.write(5, column, header, head)
    row_number = 6
    for values in rows(summary):
        for column, value in enumerate(values):
            if column in SCORES:
                if value is None:
                    sheet.write_blank(row_number, column, None, score)
                else:
                    sheet.write_number(row_number, column, float(value), score)
            elif column in NUMBERS:
                sheet.write_number(row_number, column, value, center)
            else:
                sheet.write(row_number, column, value, center if column == 0 else cell)
        row_number += 1
    sheet.merge_range(row_number, 0, row_number, last, coverage_line(summary), plain)
    sheet.merge_range(row_number + 2, 0, row_number + 2, 3, "NGƯỜI LẬP BIỂU", signer_format)
    sheet.merge_range(row_number + 2, 7, row_number + 2, last, place_line(), sign)
    sheet.merge_range(row_number + 3, 7, row_number + 3, last, "TRƯỞNG PHÒNG", signer_format)
    sheet.merge_range(row_number + 7, 7, row_number + 7, last, signer(summary), signer_format)
    book.close()
    return buffer.getvalue()
