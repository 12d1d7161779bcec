"""Hostile files built in code (nothing binary is committed): broken and malicious spreadsheets, Word
files, PDFs and zips, each small in memory — the big ones are streamed to disk."""

import io
import zipfile
from pathlib import Path

import xlsxwriter

CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    b'<Default Extension="xml" ContentType="application/xml"/>'
    b"%s</Types>"
)
SHEET_TYPES = (
    b'<Override PartName="/xl/workbook.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    b'<Override PartName="/xl/worksheets/sheet1.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
)
ROOT_RELS = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    b'officeDocument" Target="%s"/></Relationships>'
)
WORKBOOK = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    b'<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    b'worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
)
SHEET_OPEN = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">%s<sheetData>'
)
SHEET_CLOSE = b"</sheetData></worksheet>"
HEADINGS = ["Số hồ sơ", "Tên thủ tục", "Hình thức nộp", "Ngày tiếp nhận", "Ngày trả kết quả", "Kết quả"]


def column(index: int) -> str:
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def inline(ref: str, value) -> bytes:
    if isinstance(value, (int, float)):
        return b'<c r="%s"><v>%s</v></c>' % (ref.encode(), str(value).encode())
    text = str(value).replace("&", "&amp;").replace("<", "&lt;")
    return b'<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref.encode(), text.encode())


def row_xml(number: int, values) -> bytes:
    cells = b"".join(inline(f"{column(i)}{number}", v) for i, v in enumerate(values) if v is not None)
    return b'<row r="%d">%s</row>' % (number, cells)


def package(parts: dict[str, bytes], *, compression=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def raw_xlsx(sheet: bytes, *, compression=zipfile.ZIP_DEFLATED, **extra: bytes) -> bytes:
    """A minimal workbook around ``sheet`` (the worksheet part's XML), with optional replaced parts."""
    parts = {
        "[Content_Types].xml": CONTENT_TYPES % SHEET_TYPES,
        "_rels/.rels": ROOT_RELS % b"xl/workbook.xml",
        "xl/workbook.xml": WORKBOOK,
        "xl/_rels/workbook.xml.rels": WORKBOOK_RELS,
        "xl/worksheets/sheet1.xml": sheet,
    }
    parts.update({name.replace("__", "/").replace("_xml", ".xml"): data for name, data in extra.items()})
    return package(parts, compression=compression)


def sheet_of(rows, dimension: bytes = b"") -> bytes:
    body = b"".join(row_xml(number, values) for number, values in rows)
    return SHEET_OPEN % dimension + body + SHEET_CLOSE


def xlsx(rows, headings=HEADINGS, *, merge_header: bool = False) -> bytes:
    """A real workbook as Excel or a one-stop system writes it (xlsxwriter)."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False})
    sheet = book.add_worksheet("Hồ sơ")
    if merge_header:
        sheet.merge_range(0, 0, 0, 1, headings[0])
        sheet.write_row(0, 2, headings[2:])
    else:
        sheet.write_row(0, 0, headings)
    for number, values in enumerate(rows, start=1):
        for index, value in enumerate(values):
            if isinstance(value, str) and value.startswith("="):
                sheet.write_formula(number, index, value, None, "kết quả")
            elif value is not None:
                sheet.write(number, index, value)
    book.close()
    return buffer.getvalue()


def streamed_xlsx(path: Path, rows: int, *, far_cell: bool = False) -> Path:
    """A workbook of ``rows`` data rows streamed straight into the zip on disk (never whole in memory)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in {
            "[Content_Types].xml": CONTENT_TYPES % SHEET_TYPES,
            "_rels/.rels": ROOT_RELS % b"xl/workbook.xml",
            "xl/workbook.xml": WORKBOOK,
            "xl/_rels/workbook.xml.rels": WORKBOOK_RELS,
        }.items():
            archive.writestr(name, data)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(SHEET_OPEN % b"" + row_xml(1, HEADINGS))
            chunk = []
            for number in range(2, rows + 2):
                chunk.append(
                    b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>HS-%d</t></is></c><c r="D%d"><v>%d</v></c></row>'
                    % (number, number, number, number, 46000 + number % 100)
                )
                if len(chunk) == 5000:
                    sheet.write(b"".join(chunk))
                    chunk = []
            sheet.write(b"".join(chunk) + SHEET_CLOSE)
    return path


def zip_bomb(path: Path, megabytes: int = 300) -> Path:
    """One part of ``megabytes`` of zeros (packs ~1000×), streamed: a small file that unpacks huge."""
    block = b"\0" * (1024 * 1024)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES % SHEET_TYPES)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            for _ in range(megabytes):
                sheet.write(block)
    return path


def sparse(path: Path, size: int, head: bytes = b"%PDF-1.7\n") -> Path:
    """A file of ``size`` bytes that takes no room: the head, a hole, one last byte."""
    with path.open("wb") as handle:
        handle.write(head)
        handle.seek(size - 1)
        handle.write(b"\n")
    return path


def pdf(body: bytes = b"BT /F1 12 Tf 72 712 Td (Quyet dinh) Tj ET") -> bytes:
    """A small well-formed PDF: header, objects, a cross-reference table that points right, trailer."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(body), body),
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, obj in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, obj)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


DOCX_TYPES = (
    b'<Override PartName="/word/document.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
)
DOCUMENT = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    b"<w:body><w:p><w:r><w:t>%s</w:t></w:r></w:p></w:body></w:document>"
)


def docx(text: bytes = "Quyết định".encode(), **extra: bytes) -> bytes:
    parts = {
        "[Content_Types].xml": CONTENT_TYPES % DOCX_TYPES,
        "_rels/.rels": ROOT_RELS % b"word/document.xml",
        "word/document.xml": DOCUMENT % text,
    }
    parts.update({name.replace("__", "/").replace("_xml", ".xml"): data for name, data in extra.items()})
    return package(parts)


def ole(major: int = 3) -> bytes:
    """A legacy Office (compound file) header followed by its sectors."""
    shift = 9 if major == 3 else 12
    header = bytearray(512)
    header[:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    header[24:26] = (0x3E).to_bytes(2, "little")
    header[26:28] = major.to_bytes(2, "little")
    header[28:30] = b"\xfe\xff"
    header[30:32] = shift.to_bytes(2, "little")
    return bytes(header) + b"\0" * (1 << shift) * 4


XXE = (
    b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    b'<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets>'
    b'<sheet name="&x;" sheetId="1"/></sheets></workbook>'
)
LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(b'<!ENTITY lol%d "%s">' % (n, (b"&lol%d;" % (n - 1) if n > 1 else b"&lol;") * 10) for n in range(1, 10))
    + b']><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&lol9;</t></si></sst>'
)
