"""Word documents in the administrative style: A4 landscape, Times New Roman, tables with grid lines.

python-docx sets a run's Latin font only; Vietnamese letters outside Latin-1 fall back to the East
Asian slot, so both are set or Word shows a mixture of faces mid-word.
"""

import re
from io import BytesIO

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

FONT = "Times New Roman"
CENTER = WD_ALIGN_PARAGRAPH.CENTER
RIGHT = WD_ALIGN_PARAGRAPH.RIGHT

# Characters XML 1.0 cannot carry (controls other than tab and line breaks): data typed or imported
# elsewhere may hold them, and python-docx refuses the whole document for one.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(text) -> str:
    return NOT_XML.sub("", str(text))


def landscape_document(*, margin_cm: float = 2.0):
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    section.left_margin = section.right_margin = Cm(margin_cm)
    section.top_margin = section.bottom_margin = Cm(1.5)
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(13)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    return document


def font(run, size=13, bold=False, italic=False):
    run.font.name = FONT
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    run._element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    return run


def paragraph(container, text, *, size=13, bold=False, italic=False, align=None):
    """A new paragraph at the end of ``container`` (the document or a table cell)."""
    added = container.add_paragraph()
    if align is not None:
        added.alignment = align
    font(added.add_run(xml_safe(text)), size, bold, italic)
    return added


def fill_cell(cell, text, *, size=12, bold=False, italic=False, align=None, width=None):
    """Replaces a cell's text; each line of ``text`` becomes a paragraph."""
    if width is not None:
        cell.width = width
    lines = xml_safe(text).split("\n") if text else [""]
    first = cell.paragraphs[0]
    first.text = ""
    for index, line in enumerate(lines):
        target = first if index == 0 else cell.add_paragraph()
        if align is not None:
            target.alignment = align
        font(target.add_run(line), size, bold, italic)
    return cell


def to_bytes(document) -> bytes:
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()
