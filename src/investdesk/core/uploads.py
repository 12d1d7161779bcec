"""Checking uploaded files before anything is kept: the extension is allowed, the size is bounded, and
the whole file has the structure its extension claims — not only its first bytes.

- PDF: the header at the start, a ``startxref`` pointing inside the file and the ``%%EOF`` trailer at
  the end; no JavaScript, launch action or HTML/script text (a "PDF" that a browser could run).
- Word .docx / Excel .xlsx: a readable zip that is not a bomb (bounded number of parts, unpacked size
  and compression ratio, every part's checksum right), whose ``[Content_Types].xml`` names the main
  part of that very kind (a workbook renamed .docx, or a macro workbook, is refused), and whose XML
  parts all parse — with no DTD at all, so no external entity (XXE) and no entity expansion
  (billion laughs). The parser is expat fed in chunks: memory stays flat whatever the part's size.
- Legacy .doc/.xls: a well-formed OLE compound file header.
- Images: the PNG/JPEG signature and end marker. Plain .zip: the same bomb limits as Office files.

The checks read the file in chunks, so a file at the size limit never sits in memory whole.
"""

import re
import zipfile
import zlib
from pyexpat import ExpatError, ParserCreate

from django.utils.translation import gettext as _

from .exceptions import DomainError

MAX_BYTES = 20 * 1024 * 1024
# A zip (Office files are zips) unpacks to at most this much, in at most this many parts, and no part
# larger than a megabyte unpacks to more than MAX_RATIO times its packed size (text XML packs ~10-30×).
MAX_UNPACKED = 200 * 1024 * 1024
MAX_PARTS = 2000
MAX_RATIO = 200
CHUNK = 1024 * 1024

SPREADSHEET_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

# Extension → (content type, accepted leading bytes).
KINDS = {
    "pdf": ("application/pdf", (b"%PDF-",)),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", (b"PK\x03\x04",)),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (b"PK\x03\x04",)),
    "doc": ("application/msword", (OLE_SIGNATURE,)),
    "xls": ("application/vnd.ms-excel", (OLE_SIGNATURE,)),
    "jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    "zip": ("application/zip", (b"PK\x03\x04",)),
}
# Main part's content type that an Office file of each extension must declare.
OFFICE_MAIN = {"docx": WORD_MAIN, "xlsx": SPREADSHEET_MAIN}
# In a PDF: script, actions that start a program, and HTML a browser would run if it sniffed the file.
# (Not the 3-byte "/JS": it turns up by chance in compressed streams; a script action names
# /JavaScript anyway. Objects packed inside compressed object streams are not seen: best effort.)
PDF_ACTIVE = re.compile(rb"/(?:JavaScript|Launch)(?![A-Za-z0-9])|(?i:<script|<html|<iframe)")
PDF_OVERLAP = 16


class Refused(DomainError):
    """An upload refused for its content; the message says why, in Vietnamese."""

    def __init__(self, message):
        super().__init__(message, field="file")


def check_upload(upload, allowed=tuple(KINDS)) -> str:
    """The content type of ``upload`` if it passes, else ``DomainError`` saying why."""
    name = upload.name or ""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in allowed:
        raise DomainError(
            _("Không nhận tệp .%(ext)s; chỉ nhận: %(allowed)s.")
            % {"ext": extension or "?", "allowed": ", ".join(sorted(allowed))},
            field="file",
        )
    if upload.size > MAX_BYTES:
        raise DomainError(_("Tệp quá lớn (tối đa 20 MB)."), field="file")
    if upload.size == 0:
        raise DomainError(_("Tệp rỗng."), field="file")
    content_type, signatures = KINDS[extension]
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not any(head.startswith(signature) for signature in signatures):
        raise _renamed(extension)
    try:
        if extension == "pdf":
            _check_pdf(upload)
        elif extension in ("doc", "xls"):
            _check_ole(upload)
        elif extension == "png":
            _check_tail(upload, b"IEND\xaeB`\x82", extension)
        elif extension in ("jpg", "jpeg"):
            _check_tail(upload, b"\xff\xd9", extension)
        else:
            _check_zip(upload, extension)
    finally:
        upload.seek(0)
    return content_type


def _renamed(extension: str) -> Refused:
    return Refused(_("Nội dung tệp không đúng định dạng .%(ext)s (có thể tệp bị đổi tên).") % {"ext": extension})


def _damaged(extension: str) -> Refused:
    message = _("Tệp .%(ext)s bị hỏng hoặc không đúng cấu trúc; hãy lưu lại tệp rồi tải lên.")
    return Refused(message % {"ext": extension})


# PDF -------------------------------------------------------------------------------------------------


def _check_pdf(upload) -> None:
    upload.seek(0)
    tail_start = max(0, upload.size - 2048)
    previous = b""
    while chunk := upload.read(CHUNK):
        window = previous + chunk
        if PDF_ACTIVE.search(window):
            raise Refused(
                _("Tệp PDF có chứa mã chạy được (JavaScript, lệnh mở chương trình hoặc HTML); không nhận tệp này.")
            )
        previous = window[-PDF_OVERLAP:]
    upload.seek(tail_start)
    tail = upload.read()
    if b"%%EOF" not in tail:
        raise Refused(_("Tệp PDF không hoàn chỉnh (thiếu phần kết thúc tệp); có thể tệp bị cắt hoặc giả mạo."))
    found = re.findall(rb"startxref\s+(\d+)\s+%%EOF", tail)
    if not found or not 0 < int(found[-1]) < upload.size:
        raise Refused(_("Tệp PDF không có bảng tham chiếu (xref) hợp lệ; hãy xuất lại tệp PDF."))
    upload.seek(int(found[-1]))
    target = upload.read(32)
    if not (target.startswith(b"xref") or re.match(rb"\s*\d+\s+\d+\s+obj", target)):
        raise Refused(_("Tệp PDF không có bảng tham chiếu (xref) hợp lệ; hãy xuất lại tệp PDF."))


# Legacy Office (OLE compound file) and images ----------------------------------------------------------


def _check_ole(upload) -> None:
    upload.seek(0)
    header = upload.read(512)
    major = int.from_bytes(header[26:28], "little") if len(header) == 512 else 0
    shift = int.from_bytes(header[30:32], "little") if len(header) == 512 else 0
    byte_order = header[28:30]
    if byte_order != b"\xfe\xff" or (major, shift) not in ((3, 9), (4, 12)) or upload.size < 512 + (1 << shift):
        raise _damaged(upload.name.rsplit(".", 1)[-1].lower())


def _check_tail(upload, marker: bytes, extension: str) -> None:
    upload.seek(max(0, upload.size - 64 * 1024))
    if marker not in upload.read():
        raise _damaged(extension)


# Zip and Office Open XML -----------------------------------------------------------------------------


class _DoctypeFound(Exception):
    pass


def _check_zip(upload, extension: str) -> None:
    upload.seek(0)
    try:
        archive = zipfile.ZipFile(upload)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError) as error:
        raise _damaged(extension) from error
    with archive:
        parts = archive.infolist()
        _check_bomb(parts)
        if extension == "zip":
            return
        names = {part.filename: part for part in parts}
        main = _main_part(archive, names, extension)
        if main is None or main not in names:
            raise _renamed(extension)
        for part in parts:
            if part.filename.endswith((".xml", ".rels")) or part.filename == "[Content_Types].xml":
                _check_xml(archive, part, extension)


def _check_bomb(parts) -> None:
    if len(parts) > MAX_PARTS:
        raise Refused(_("Tệp nén có quá nhiều thành phần (tối đa %(n)s).") % {"n": MAX_PARTS})
    unpacked = sum(part.file_size for part in parts)
    risky = any(part.file_size > CHUNK and part.file_size > MAX_RATIO * max(part.compress_size, 1) for part in parts)
    if unpacked > MAX_UNPACKED or risky:
        raise Refused(
            _("Tệp giải nén ra quá lớn (tối đa %(mb)s MB, nén không quá %(r)s lần); có thể là tệp nén độc hại.")
            % {"mb": MAX_UNPACKED // (1024 * 1024), "r": MAX_RATIO}
        )
    if any(part.flag_bits & 0x1 for part in parts):
        raise Refused(_("Tệp được đặt mật khẩu; hãy bỏ mật khẩu rồi tải lên."))


def _main_part(archive, names: dict, extension: str) -> str | None:
    """The part ``[Content_Types].xml`` declares as the document of this extension's kind; a part it
    declares but the zip lacks means a damaged file."""
    types = names.get("[Content_Types].xml")
    if types is None or types.file_size > CHUNK:
        return None
    _check_xml(archive, types, extension)
    declared = {}
    for override in re.findall(rb"<Override\b[^>]*>", archive.read(types)):
        part = re.search(rb'PartName="/?([^"]+)"', override)
        kind = re.search(rb'ContentType="([^"]+)"', override)
        if part and kind:
            declared[part.group(1).decode("utf-8", "replace")] = kind.group(1).decode("utf-8", "replace")
    main = next((part for part, kind in declared.items() if kind == OFFICE_MAIN[extension]), None)
    if main is not None and any(part not in names for part in declared):
        raise _damaged(extension)
    return main


def _check_xml(archive, part, extension: str) -> None:
    """Parses one XML part in chunks; any DTD (the door to XXE and entity bombs) is refused."""

    def doctype(*args):
        raise _DoctypeFound

    parser = ParserCreate()
    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = doctype
    try:
        with archive.open(part) as stream:
            while chunk := stream.read(CHUNK):
                parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except _DoctypeFound:
        raise Refused(
            _("Tệp có khai báo DTD/thực thể XML (có thể là tệp độc hại); tệp Office thật không có phần này.")
        ) from None
    except ExpatError as error:
        raise Refused(
            _("Tệp .%(ext)s có phần XML bị lỗi (%(part)s, dòng %(line)s); hãy mở và lưu lại tệp rồi tải lên.")
            % {"ext": extension, "part": part.filename, "line": error.lineno}
        ) from None
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError, RuntimeError):
        raise _damaged(extension) from None


_ROW_TAG = re.compile(rb"<(?:\w+:)?row[\s>/]")


def sheet_rows_over(source, limit: int) -> bool:
    """Whether any XML part of the .xlsx ``source`` (a path or a binary file, read from its start)
    holds more than ``limit`` row elements.

    Checked before a reader opens the workbook: openpyxl's read-only mode looks for each sheet's
    declared size by parsing the sheet up to its data, and a sheet that declares none is parsed
    whole — minutes for a million rows — before the reader's own cap could refuse it. Counting the
    tags in the inflated bytes stops as soon as the limit is passed. Every part is counted, not only
    the sheets the workbook names, because the reader opens every sheet.
    """
    if hasattr(source, "seek"):
        source.seek(0)
    with zipfile.ZipFile(source) as archive:
        for info in archive.infolist():
            if not info.filename.lower().endswith(".xml"):
                continue
            rows, tail = 0, b""
            with archive.open(info) as source:
                while chunk := source.read(CHUNK):
                    window = tail + chunk
                    rows += len(_ROW_TAG.findall(window))
                    tail = window[-32:]
                    rows -= len(_ROW_TAG.findall(tail))  # a tag across the boundary counts in the next window
                    if rows > limit:
                        return True
            if rows + len(_ROW_TAG.findall(tail)) > limit:
                return True
    return False
