"""The department's own BM02.2 layout: a .docx or .xlsx it uploads, filled with the summary.

Placeholders (written as typed in Word or Excel, spaces optional):

- anywhere: ``{{ organisation }}``, ``{{ division }}``, ``{{ period }}`` (e.g. "tháng 03 năm 2026"),
  ``{{ period_code }}``, ``{{ place_date }}``, ``{{ signer }}``, ``{{ staff }}``, ``{{ evaluated }}``,
  ``{{ good_or_above }}``;
- in one table row (Word) or one sheet row (Excel), repeated for each person: ``{{ row.number }}``,
  ``{{ row.person }}``, ``{{ row.position }}``, ``{{ row.assigned }}``, ``{{ row.on_time }}``,
  ``{{ row.late }}``, ``{{ row.open }}``, ``{{ row.general }}``, ``{{ row.task }}``, ``{{ row.total }}``,
  ``{{ row.band }}``, ``{{ row.note }}``.

Plain text replacement, no expressions: a template can never run code.
"""

import copy
import re
from io import BytesIO

from django.conf import settings
from docx import Document
from openpyxl import load_workbook

from investdesk.core.formatting import format_decimal
from investdesk.core.wordprocessing import xml_safe

from . import export
from .summary import Summary

PLACEHOLDER = re.compile(r"\{\{\s*([a-z_]+(?:\.[a-z_]+)?)\s*\}\}")
ROW_MARK = re.compile(r"\{\{\s*row\.")


def values(summary: Summary) -> dict[str, str]:
    coverage = summary.coverage
    return {
        "organisation": settings.ORGANISATION_NAME,
        "division": summary.division.name,
        "period": export.period_text(summary),
        "period_code": summary.span.code,
        "place_date": export.place_line(),
        "signer": export.signer(summary),
        "staff": str(coverage["staff"]),
        "evaluated": str(coverage["evaluated"]),
        "good_or_above": str(coverage["good_or_above"]),
    }


def row_values(summary: Summary) -> list[dict[str, str]]:
    names = [
        "number",
        "person",
        "position",
        "assigned",
        "on_time",
        "late",
        "open",
        "general",
        "task",
        "total",
        "band",
        "note",
    ]
    result = []
    for cells in export.rows(summary):
        texts = [
            format_decimal(v) if i in export.SCORES and v is not None else ("" if v is None else str(v))
            for i, v in enumerate(cells)
        ]
        result.append({f"row.{name}": text for name, text in zip(names, texts, strict=True)})
    return result


def fill_text(text: str, known: dict[str, str]) -> str:
    return PLACEHOLDER.sub(lambda m: xml_safe(known.get(m.group(1), m.group(0))), text)


def _fill_paragraph(paragraph, known) -> None:
    # Word splits typed text into runs at will; the placeholders are read from the whole paragraph
    # and the result kept in its first run (with that run's font).
    text = "".join(run.text for run in paragraph.runs)
    if "{{" not in text:
        return
    filled = fill_text(text, known)
    for index, run in enumerate(paragraph.runs):
        run.text = filled if index == 0 else ""


def _paragraphs(container):
    yield from container.paragraphs
    for table in getattr(container, "tables", []):
        for row in table.rows:
            for cell in row.cells:
                yield from _paragraphs(cell)


def fill_docx(template: bytes, summary: Summary) -> bytes:
    document = Document(BytesIO(template))
    for table in document.tables:
        for row in list(table.rows):
            if not ROW_MARK.search("".join(cell.text for cell in row.cells)):
                continue
            anchor = row._tr
            for known in row_values(summary):
                copied = copy.deepcopy(row._tr)
                anchor.addnext(copied)
                anchor = copied
                from docx.table import _Row

                for cell in _Row(copied, table).cells:
                    for paragraph in cell.paragraphs:
                        _fill_paragraph(paragraph, known)
            row._tr.getparent().remove(row._tr)
    known = values(summary)
    for paragraph in _paragraphs(document):
        _fill_paragraph(paragraph, known)
    for section in document.sections:
        for paragraph in _paragraphs(section.header):
            _fill_paragraph(paragraph, known)
        for paragraph in _paragraphs(section.footer):
            _fill_paragraph(paragraph, known)
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def fill_xlsx(template: bytes, summary: Summary) -> bytes:
    book = load_workbook(BytesIO(template))
    known = values(summary)
    rows = row_values(summary)
    for sheet in book.worksheets:
        marked = next(
            (
                cells[0].row
                for cells in sheet.iter_rows()
                if any(isinstance(c.value, str) and ROW_MARK.search(c.value) for c in cells)
            ),
            None,
        )
        if marked is not None:
            pattern = [(c.column, c.value, copy.copy(c._style)) for c in sheet[marked]]
            if len(rows) > 1:
                sheet.insert_rows(marked + 1, len(rows) - 1)
                # openpyxl moves cells but not merged ranges (the signature block below the table).
                for merged in list(sheet.merged_cells.ranges):
                    if merged.min_row > marked:
                        merged.shift(0, len(rows) - 1)
            for offset, row in enumerate(rows):
                for column, value, style in pattern:
                    cell = sheet.cell(row=marked + offset, column=column)
                    cell._style = copy.copy(style)
                    cell.value = fill_text(value, row) if isinstance(value, str) else value
            if not rows:
                for column, _value, _style in pattern:
                    sheet.cell(row=marked, column=column).value = None
        for cells in sheet.iter_rows():
            for cell in cells:
                if isinstance(cell.value, str) and "{{" in cell.value:
                    cell.value = fill_text(cell.value, known)
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()
