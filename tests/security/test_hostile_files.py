"""Hostile files against every place that takes an upload: the dossier import screen (.xlsx), a
dossier's documents, legal documents' files, quality evidence and BPMN process models.

Every file is built in code. Each one is either refused with a Vietnamese message that says why, or
taken and read as it should be; a refused file leaves no row and no file behind (the rows are counted
and the upload folder listed). The big ones are streamed to disk and their memory measured.
"""

import tracemalloc
import zipfile
from dataclasses import dataclass

import pytest
from django.contrib.messages import get_messages
from django.core.files import File
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from openpyxl.worksheet._reader import WorkSheetParser

from investdesk.core.choices import JobStatus
from investdesk.core.exceptions import DomainError
from investdesk.core.models import BackgroundJob
from investdesk.dossiers import services
from investdesk.dossiers.import_sheet import read_layout
from investdesk.dossiers.models import Dossier, DossierDocument, DossierImport
from investdesk.legal.models import LegalDocument
from investdesk.procedures.models import Procedure
from investdesk.quality import services as quality
from investdesk.quality.models import Evidence, Objective

from . import hostile
from .hostile import HEADINGS, LAUGHS, XXE, pdf, raw_xlsx, row_xml, sheet_of, xlsx

pytestmark = pytest.mark.django_db

MEMORY_BOUND = 200 * 1024 * 1024
PROCEDURE = "cap-lai-gcndkdt"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    return settings.MEDIA_ROOT


def stored(media) -> list[str]:
    return sorted(str(path.relative_to(media)) for path in media.rglob("*") if path.is_file())


def procedure_name() -> str:
    return Procedure.objects.get(code=PROCEDURE).name


def good_rows(count: int = 2, **changes) -> list[list]:
    rows = []
    for number in range(1, count + 1):
        row = [
            f"HS-{number:02d}",
            procedure_name(),
            "Trực tuyến",
            "04/05/2026 08:00",
            "06/05/2026 10:00",
            "Đã giải quyết",
        ]
        rows.append(row)
    for (index, column), value in changes.get("cells", {}).items():
        rows[index][column] = value
    return rows


# The import screen ------------------------------------------------------------------------------------


@dataclass
class Outcome:
    refused: bool
    message: str


def import_file(client, content: bytes | File, name: str = "mot-cua.xlsx") -> Outcome:
    """Uploads as the page does (the background reading runs as the request commits), then checks and
    imports a file that was taken, as the person would. The outcome: refused or not, and the message."""
    upload = SimpleUploadedFile(name, content) if isinstance(content, bytes) else content
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post("/dossiers/imports/", {"file": upload})
    if response.status_code == 200:
        return Outcome(True, " ".join(response.context["form"].errors.get("file", [])))
    assert response.status_code == 302
    record = DossierImport.objects.first()
    if record is None:  # refused by the background reading: the list page says why
        job = BackgroundJob.objects.filter(kind=services.LAYOUT_JOB).latest("pk")
        assert job.status == JobStatus.FAILED
        page = client.get("/dossiers/imports/").content.decode()
        assert 'data-testid="import-refused"' in page
        return Outcome(True, job.message)
    mapping = {name: "" if index is None else str(index) for name, index in record.mapping.items()}
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(record.get_absolute_url(), {"action": "check", **mapping})
    record.refresh_from_db()
    if response.status_code == 200:  # the columns could not be mapped by guess: the person must choose
        return Outcome(True, str(response.context["form"].errors))
    if record.errors:
        return Outcome(True, " ".join(f"{e['row']} {e['column']}: {e['message']}" for e in record.errors))
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(record.get_absolute_url(), {"action": "import"})
    record.refresh_from_db()
    assert record.status == "imported"
    return Outcome(False, f"{record.created_count}")


def far_cell_sheet() -> bytes:
    """A hostile file: a declared dimension of the whole grid and one far cell."""
    far = b'<c r="XFD2" t="inlineStr"><is><t>x</t></is></c></row>'
    body = row_xml(1, HEADINGS) + row_xml(2, good_rows(1)[0])[: -len(b"</row>")] + far
    return raw_xlsx(hostile.SHEET_OPEN % b'<dimension ref="A1:XFD1048576"/>' + body + hostile.SHEET_CLOSE)


def wrong_sheet() -> bytes:
    import io

    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    book.add_worksheet("Hướng dẫn")
    data = book.add_worksheet("Hồ sơ")
    data.write_row(0, 0, HEADINGS)
    data.write_row(1, 0, good_rows(1)[0])
    book.close()
    return buffer.getvalue()


def no_header_row() -> bytes:
    import io
    from datetime import datetime

    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet()
    stamp = book.add_format({"num_format": "dd/mm/yyyy hh:mm"})
    for number, row in enumerate(good_rows(2)):
        sheet.write_row(number, 0, row[:3])
        sheet.write_datetime(number, 3, datetime(2026, 5, 4, 8), stamp)
    book.close()
    return buffer.getvalue()


def corrupt_crc() -> bytes:
    """A stored (unpacked) part whose bytes no longer match its checksum: the XML still parses."""
    data = raw_xlsx(sheet_of([(1, HEADINGS), (2, good_rows(1)[0])]), compression=zipfile.ZIP_STORED)
    return data.replace(b"HS-01", b"HS-0X", 1)


def macro_workbook() -> bytes:
    """A macro workbook (.xlsm) renamed .xlsx."""
    types = hostile.SHEET_TYPES.replace(
        b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        b"application/vnd.ms-excel.sheet.macroEnabled.main+xml",
    )
    sheet = sheet_of([(1, HEADINGS), (2, good_rows(1)[0])])
    return raw_xlsx(sheet, **{"[Content_Types].xml": hostile.CONTENT_TYPES % types})


def sheet_part_missing() -> bytes:
    return hostile.package(
        {"[Content_Types].xml": hostile.CONTENT_TYPES % hostile.SHEET_TYPES, "xl/workbook.xml": hostile.WORKBOOK}
    )


def many_parts() -> bytes:
    parts = {"[Content_Types].xml": hostile.CONTENT_TYPES % hostile.SHEET_TYPES}
    parts.update({f"xl/media/p{n}.bin": b"" for n in range(2100)})
    return hostile.package(parts)


# (name, file, refused?, words the message must hold)
IMPORT_CASES = [
    ("not-a-zip", lambda: b"MZ\x90\x00 this is a program", True, "không đúng định dạng .xlsx"),
    ("empty-file", lambda: b"", True, "rỗng"),
    ("truncated-zip", lambda: xlsx(good_rows(2))[:900], True, "hỏng"),
    ("zip-checksum-wrong", corrupt_crc, True, "hỏng"),
    ("too-many-parts", many_parts, True, "quá nhiều thành phần"),
    ("declared-dimension-bomb", far_cell_sheet, True, "tối đa 100 cột"),
    (
        "declared-dimension-ignored",
        lambda: raw_xlsx(
            sheet_of(
                [(1, HEADINGS), *[(n + 2, r) for n, r in enumerate(good_rows(2))]], b'<dimension ref="A1:XFD1048576"/>'
            )
        ),
        False,
        "2",
    ),
    (
        "far-row",
        lambda: raw_xlsx(sheet_of([(1, HEADINGS), (2, good_rows(1)[0]), (1048576, ["x"])])),
        True,
        "200.000",
    ),
    ("wrong-sheet-first", wrong_sheet, True, "trang tính đầu"),
    ("no-header-row", no_header_row, True, "tên các cột"),
    ("header-only", lambda: xlsx([]), True, "chưa có hồ sơ"),
    ("merged-header", lambda: xlsx(good_rows(2), merge_header=True), True, "procedure"),
    ("formulas-in-cells", lambda: xlsx(good_rows(2, cells={(0, 0): '=CONCAT("HS-","F1")'})), False, "2"),
    ("dates-as-text", lambda: xlsx(good_rows(2, cells={(1, 3): "05/05/2026", (1, 4): "06-05-2026"})), False, "2"),
    (
        "number-with-vietnamese-separators",
        lambda: xlsx(good_rows(2, cells={(0, 3): "1.234.567,5"})),
        True,
        "1.234.567,5",
    ),
    (
        "nfd-and-zero-width",
        lambda: xlsx(good_rows(2, cells={(0, 0): "HS-\u200b01", (0, 2): "Tru\u031bc tuye\u0302\u0301n"})),
        False,
        "2",
    ),
    ("ten-thousand-characters", lambda: xlsx(good_rows(2, cells={(0, 0): "X" * 10_000})), True, "64 ký tự"),
    ("duplicated-codes", lambda: xlsx(good_rows(2, cells={(1, 0): "HS-01"})), True, "trùng"),
    (
        "malformed-sheet-xml",
        lambda: raw_xlsx(b"<worksheet><sheetData><row r='1'><c></row></sheetData>"),
        True,
        "XML bị lỗi",
    ),
    (
        "malformed-workbook-xml",
        lambda: raw_xlsx(sheet_of([(1, HEADINGS)]), xl__workbook_xml=b"<workbook><sheets>"),
        True,
        "XML bị lỗi",
    ),
    ("external-entity-xxe", lambda: raw_xlsx(sheet_of([(1, HEADINGS)]), xl__workbook_xml=XXE), True, "DTD"),
    ("billion-laughs", lambda: raw_xlsx(sheet_of([(1, HEADINGS)]), xl__sharedStrings_xml=LAUGHS), True, "DTD"),
    ("docx-renamed-xlsx", lambda: hostile.docx(), True, "không đúng định dạng .xlsx"),
    ("macro-workbook-renamed", macro_workbook, True, "không đúng định dạng .xlsx"),
    ("pdf-renamed-xlsx", lambda: pdf(), True, "không đúng định dạng .xlsx"),
    ("csv-extension", lambda: b"So ho so;Thu tuc\nHS-01;x\n", True, "Không nhận tệp .csv"),
    ("sheet-part-missing", sheet_part_missing, True, "hỏng"),
]


@pytest.mark.parametrize(
    ("content", "refused", "words"), [c[1:] for c in IMPORT_CASES], ids=[c[0] for c in IMPORT_CASES]
)
def test_the_import_screen_refuses_or_reads_each_hostile_sheet(client, staff, media, content, refused, words):
    client.force_login(staff["reception"])
    name = "ho-so.csv" if words.startswith("Không nhận tệp .csv") else "mot-cua.xlsx"
    outcome = import_file(client, content(), name)
    assert outcome.refused is refused, outcome.message
    assert words in outcome.message, outcome.message
    if refused:
        assert Dossier.objects.count() == 0
        if not DossierImport.objects.exists():
            assert stored(media) == []
        else:  # the file was taken; its mapping or its rows need fixing, and nothing was written
            assert DossierImport.objects.get().status in ("invalid", "uploaded")
    else:
        assert Dossier.objects.count() == int(outcome.message)


def test_text_is_stored_as_typed_without_invisible_characters(client, staff, media):
    client.force_login(staff["reception"])
    content = xlsx(good_rows(2, cells={(0, 0): "HS-\u200b01", (0, 2): "Tru\u031bc tuye\u0302\u0301n"}))
    assert import_file(client, content).refused is False
    assert Dossier.objects.get(code="HS-01").channel == "online"


def test_a_formula_is_never_evaluated_only_its_saved_value_read(client, staff, media):
    client.force_login(staff["reception"])
    assert import_file(client, xlsx(good_rows(2, cells={(0, 0): '=CONCAT("HS-","F1")'}))).refused is False
    assert Dossier.objects.filter(code="kết quả").exists()  # the value the file saved, not a computation


def test_the_far_cell_sheet_is_refused_without_reading_the_declared_grid(client, staff, media):
    """A 5 KB sheet declaring A1:XFD1048576: refused from the few cells it holds."""
    client.force_login(staff["reception"])
    tracemalloc.start()
    outcome = import_file(client, far_cell_sheet())
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert outcome.refused and "tối đa 100 cột" in outcome.message
    assert peak < 50 * 1024 * 1024
    assert DossierImport.objects.count() == 0 and stored(media) == []


def test_no_sheet_is_read_in_the_web_request(client, staff, media):
    """The request only checks the file's structure and queues the reading; the rows are read by the job."""
    client.force_login(staff["reception"])
    response = client.post("/dossiers/imports/", {"file": SimpleUploadedFile("a.xlsx", xlsx(good_rows(3)))})
    record = DossierImport.objects.get()
    assert response.status_code == 302 and record.status == "checking" and record.row_count == 0
    assert record.job.kind == services.LAYOUT_JOB and record.job.status == "queued"
    status = client.get(f"/dossiers/imports/{record.pk}/status/", headers={"HX-Request": "true"})
    assert status.status_code == 200 and 'data-testid="import-progress"' in status.content.decode()


def test_a_sheet_refused_in_the_background_sends_the_poll_back_to_the_list(client, staff, media):
    client.force_login(staff["reception"])
    client.post("/dossiers/imports/", {"file": SimpleUploadedFile("a.xlsx", xlsx([]))})
    record = DossierImport.objects.get()
    with pytest.raises(DomainError):
        services.read_import_layout(record.pk, lambda *args, **kwargs: None)
    assert DossierImport.objects.count() == 0 and stored(media) == []
    status = client.get(f"/dossiers/imports/{record.pk}/status/", headers={"HX-Request": "true"})
    assert status.status_code == 204 and status["HX-Redirect"] == "/dossiers/imports/"


def test_a_million_rows_are_refused_with_memory_bounded(client, staff, media, tmp_path):
    client.force_login(staff["reception"])
    path = hostile.streamed_xlsx(tmp_path / "million.xlsx", 1_000_000)
    tracemalloc.start()
    with path.open("rb") as handle:
        outcome = import_file(client, File(handle, name="million.xlsx"))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert outcome.refused and "100000" in outcome.message.replace(".", ""), outcome.message
    assert peak < MEMORY_BOUND
    assert DossierImport.objects.count() == 0 and Dossier.objects.count() == 0 and stored(media) == []


def test_a_long_sheet_is_refused_before_the_reader_parses_it(monkeypatch, tmp_path, seeded):
    # openpyxl's read-only mode parses a sheet that declares no size whole, just to learn its size:
    # minutes of CPU for a million rows, spent before any cap of ours could refuse the file.
    parsed = []
    monkeypatch.setattr(WorkSheetParser, "parse_dimensions", lambda parser: parsed.append(parser))
    path = hostile.streamed_xlsx(tmp_path / "long.xlsx", 250_000)
    with pytest.raises(DomainError, match="quá dòng"):
        read_layout(path)
    assert parsed == []


def test_a_zip_bomb_is_refused_without_unpacking_it(client, staff, media, tmp_path):
    client.force_login(staff["reception"])
    path = hostile.zip_bomb(tmp_path / "bomb.xlsx")
    assert path.stat().st_size < 2 * 1024 * 1024
    tracemalloc.start()
    with path.open("rb") as handle:
        outcome = import_file(client, File(handle, name="bomb.xlsx"))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert outcome.refused and "giải nén ra quá lớn" in outcome.message
    assert peak < MEMORY_BOUND
    assert DossierImport.objects.count() == 0 and stored(media) == []


def test_a_hundred_megabyte_file_is_refused_unread(staff, media, tmp_path):
    path = hostile.sparse(tmp_path / "big.xlsx", 100 * 1024 * 1024, head=b"PK\x03\x04")
    tracemalloc.start()
    with path.open("rb") as handle, pytest.raises(DomainError, match="quá lớn"):
        services.upload_import(staff["reception"], File(handle, name="big.xlsx"))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 10 * 1024 * 1024
    assert DossierImport.objects.count() == 0 and stored(media) == []


# A dossier's documents -----------------------------------------------------------------------------------


def jpeg() -> bytes:
    return b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 200 + b"\xff\xd9"


def png() -> bytes:
    import struct
    import zlib

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"\x00\xff\xff\xff"
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def pdf_pointing_outside() -> bytes:
    data = pdf()
    return data[: data.rfind(b"startxref")] + b"startxref\n99999999\n%%EOF\n"


DOCUMENT_CASES = [
    ("pdf-well-formed", "de-nghi.pdf", pdf, None),
    ("pdf-header-then-html", "de-nghi.pdf", lambda: b"%PDF-1.7\n<html><script>alert(1)</script></html>", "HTML"),
    ("pdf-header-then-html-with-trailer", "de-nghi.pdf", lambda: pdf(b"<html><body>x</body></html>"), "HTML"),
    (
        "pdf-javascript",
        "de-nghi.pdf",
        lambda: pdf().replace(b"/Type /Catalog", b"/Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert(1)) >>"),
        "JavaScript",
    ),
    (
        "pdf-launch-action",
        "de-nghi.pdf",
        lambda: pdf().replace(b"/Type /Catalog", b"/Type /Catalog /OpenAction << /S /Launch /F (cmd.exe) >>"),
        "JavaScript",
    ),
    ("pdf-truncated", "de-nghi.pdf", lambda: pdf()[:-40], "không hoàn chỉnh"),
    ("pdf-xref-outside", "de-nghi.pdf", pdf_pointing_outside, "xref"),
    ("docx-well-formed", "to-trinh.docx", hostile.docx, None),
    ("docx-really-xlsx", "to-trinh.docx", lambda: xlsx(good_rows(1)), "không đúng định dạng .docx"),
    (
        "docx-xxe",
        "to-trinh.docx",
        lambda: hostile.docx(word__document_xml=XXE.replace(b"workbook", b"document")),
        "DTD",
    ),
    ("docx-billion-laughs", "to-trinh.docx", lambda: hostile.docx(word__document_xml=LAUGHS), "DTD"),
    (
        "docx-malformed-xml",
        "to-trinh.docx",
        lambda: hostile.docx(word__document_xml=b"<w:document><w:body>"),
        "XML bị lỗi",
    ),
    (
        "docx-without-document-part",
        "to-trinh.docx",
        lambda: hostile.package({"[Content_Types].xml": hostile.CONTENT_TYPES % hostile.DOCX_TYPES}),
        "hỏng",
    ),
    ("xlsx-well-formed", "bang-ke.xlsx", lambda: xlsx(good_rows(1)), None),
    ("doc-legacy-well-formed", "cu.doc", hostile.ole, None),
    ("xls-legacy-well-formed", "cu.xls", lambda: hostile.ole(4), None),
    ("doc-legacy-truncated", "cu.doc", lambda: hostile.ole()[:100], "hỏng"),
    ("png-well-formed", "anh.png", png, None),
    ("png-truncated", "anh.png", lambda: png()[:30], "hỏng"),
    ("jpeg-well-formed", "anh.jpg", jpeg, None),
    ("png-named-pdf", "anh.pdf", png, "không đúng định dạng .pdf"),
    ("program-named-docx", "to-trinh.docx", lambda: b"MZ\x90\x00\x03" + b"\0" * 100, "không đúng định dạng .docx"),
    ("html-extension", "trang.html", lambda: b"<html><script>alert(1)</script></html>", "Không nhận tệp .html"),
    ("svg-extension", "anh.svg", lambda: b"<svg onload='alert(1)'/>", "Không nhận tệp .svg"),
    ("no-extension", "tep", lambda: pdf(), "Không nhận tệp .?"),
    ("empty", "rong.pdf", lambda: b"", "Hãy chọn tệp"),
    (
        "zip-bomb-in-zip",
        "bo.zip",
        lambda: hostile.package({"a.txt": b"\0" * (50 * 1024 * 1024)}),
        "giải nén ra quá lớn",
    ),
    ("zip-well-formed", "bo.zip", lambda: hostile.package({"a.txt": "hồ sơ".encode()}), None),
]


@pytest.fixture
def dossier(staff):
    from investdesk.dossiers.services import receive_dossier

    from ..dossiers.conftest import at

    return receive_dossier(
        staff["reception"],
        procedure=Procedure.objects.get(code=PROCEDURE),
        applicant_name="Công ty TNHH Biển Xanh",
        channel="online",
        received_at=at("08:00 02/03/2026"),
    )


@pytest.mark.parametrize(
    ("name", "content", "words"), [c[1:] for c in DOCUMENT_CASES], ids=[c[0] for c in DOCUMENT_CASES]
)
def test_a_dossier_document_is_checked_whole(client, staff, media, dossier, name, content, words):
    client.force_login(staff["reception"])
    response = client.post(
        f"/dossiers/{dossier.pk}/documents/", {"title": "Tài liệu", "file": SimpleUploadedFile(name, content())}
    )
    said = " ".join(str(m) for m in get_messages(response.wsgi_request))
    if words is None:
        assert DossierDocument.objects.count() == 1 and len(stored(media)) == 1, said
    else:
        assert words in said, said
        assert DossierDocument.objects.count() == 0 and stored(media) == []


def test_a_hundred_megabyte_document_is_refused_unread(staff, media, dossier, tmp_path):
    path = hostile.sparse(tmp_path / "big.pdf", 100 * 1024 * 1024)
    tracemalloc.start()
    with path.open("rb") as handle, pytest.raises(DomainError, match="quá lớn"):
        services.attach_document(staff["reception"], dossier, title="x", upload=File(handle, name="big.pdf"))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 10 * 1024 * 1024 and DossierDocument.objects.count() == 0 and stored(media) == []


def test_a_large_real_pdf_is_checked_in_bounded_memory(staff, media, dossier, tmp_path):
    """A 19 MB PDF (near the limit) is scanned in chunks, never held whole."""
    path = tmp_path / "lon.pdf"
    body = pdf()
    table = body.index(b"xref")
    padding = 19 * 1024 * 1024
    with path.open("wb") as handle:
        handle.write(body[:table])
        for _ in range(padding // 1024):
            handle.write(b"% " + b"0" * 1021 + b"\n")  # a comment line of 1024 bytes
        tail = body[table:].replace(b"startxref\n%d" % table, b"startxref\n%d" % (table + padding))
        handle.write(tail)
    tracemalloc.start()
    with path.open("rb") as handle:
        services.attach_document(staff["reception"], dossier, title="x", upload=File(handle, name="lon.pdf"))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 10 * 1024 * 1024 and DossierDocument.objects.count() == 1


# Legal documents' files ------------------------------------------------------------------------------------


LEGAL_FIELDS = {
    "number": "12/2026/TT-BTC",
    "kind": "circular",
    "issuer": "Bộ Tài chính",
    "title": "Hướng dẫn thử",
    "signed_on": "01/02/2026",
    "effective_from": "15/03/2026",
    "summary": "",
    "link": "",
}
LEGAL_CASES = [
    ("pdf-well-formed", "tt.pdf", pdf, None),
    ("pdf-header-then-html", "tt.pdf", lambda: b"%PDF-1.4\n<html><body>Thong tu</body></html>\n", "HTML"),
    ("pdf-without-trailer", "tt.pdf", lambda: b"%PDF-1.4\n1 0 obj << >> endobj\n", "không hoàn chỉnh"),
    ("docx-well-formed", "tt.docx", hostile.docx, None),
    ("docx-really-xlsx", "tt.docx", lambda: xlsx(good_rows(1)), "không đúng định dạng .docx"),
    ("docx-xxe", "tt.docx", lambda: hostile.docx(word__document_xml=XXE), "DTD"),
    ("xlsx-not-allowed-here", "tt.xlsx", lambda: xlsx(good_rows(1)), "Không nhận tệp .xlsx"),
    ("doc-header-only", "tt.doc", lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 8, "hỏng"),
    ("empty", "tt.pdf", lambda: b"", "rỗng"),
]


@pytest.mark.parametrize(("name", "content", "words"), [c[1:] for c in LEGAL_CASES], ids=[c[0] for c in LEGAL_CASES])
def test_a_legal_document_file_is_checked_whole(client, seeded, division_head, media, name, content, words):
    client.force_login(division_head)
    response = client.post("/legal-documents/new/", {**LEGAL_FIELDS, "file": SimpleUploadedFile(name, content())})
    kept = LegalDocument.objects.filter(number=LEGAL_FIELDS["number"])
    if words is None:
        assert response.status_code == 302 and kept.exists() and len(stored(media)) == 1
    else:
        assert response.status_code == 200
        assert words in str(response.context["form"].errors), response.context["form"].errors
        assert not kept.exists() and stored(media) == []


# Quality evidence ---------------------------------------------------------------------------------------------


EVIDENCE_CASES = [
    ("zip-bomb", "bien-ban.zip", lambda: hostile.package({"a.txt": b"\0" * (50 * 1024 * 1024)}), "giải nén ra quá lớn"),
    (
        "zip-too-many-parts",
        "bien-ban.zip",
        lambda: hostile.package({f"{n}.txt": b"" for n in range(2100)}),
        "quá nhiều",
    ),
    ("zip-not-a-zip", "bien-ban.zip", lambda: b"PK\x03\x04 and then nothing", "hỏng"),
    ("pdf-header-then-html", "bien-ban.pdf", lambda: b"%PDF-1.7\n<!doctype html><html><script>x()</script>", "HTML"),
    ("jpeg-truncated", "anh.jpg", lambda: jpeg()[:-2], "hỏng"),
    (
        "xlsx-billion-laughs",
        "so-lieu.xlsx",
        lambda: raw_xlsx(sheet_of([(1, HEADINGS)]), xl__sharedStrings_xml=LAUGHS),
        "DTD",
    ),
    ("pdf-well-formed", "bien-ban.pdf", pdf, None),
    ("png-well-formed", "anh.png", png, None),
]


@pytest.mark.parametrize(
    ("name", "content", "words"), [c[1:] for c in EVIDENCE_CASES], ids=[c[0] for c in EVIDENCE_CASES]
)
def test_evidence_files_are_checked_whole(seeded, division_head, media, name, content, words):
    goal = Objective.objects.get(plan__year=2026, number=2)
    upload = SimpleUploadedFile(name, content())
    if words is None:
        quality.add_evidence(division_head, objective=goal, title="Minh chứng", upload=upload)
        assert Evidence.objects.filter(objective=goal).count() == 1 and len(stored(media)) == 1
    else:
        with pytest.raises(DomainError) as refused:
            quality.add_evidence(division_head, objective=goal, title="Minh chứng", upload=upload)
        assert words in str(refused.value.message)
        assert not Evidence.objects.filter(objective=goal).exists() and stored(media) == []


# BPMN process models ------------------------------------------------------------------------------------------


BPMN_CASES = [
    ("bpmn-xxe", "quy-trinh.bpmn", XXE.replace(b"workbook", b"definitions")),
    ("bpmn-billion-laughs", "quy-trinh.bpmn", LAUGHS),
    ("bpmn-binary", "quy-trinh.bpmn", b"\xff\xfe\x00binary"),
    ("bpmn-too-big", "quy-trinh.bpmn", b"<a>" + b" " * (2 * 1024 * 1024 + 1) + b"</a>"),
    ("bpmn-wrong-extension", "quy-trinh.docx", hostile.docx()),
]


@pytest.mark.parametrize(("name", "content"), [c[1:] for c in BPMN_CASES], ids=[c[0] for c in BPMN_CASES])
def test_a_process_model_upload_is_refused_without_reading_anything_else(client, seeded, admin_user, name, content):
    from investdesk.procedures.models import ProcedureVersion

    client.force_login(admin_user)
    before = ProcedureVersion.objects.count()
    response = client.post(f"/procedures/{PROCEDURE}/upload/", {"bpmn_file": SimpleUploadedFile(name, content)})
    assert response.status_code == 200
    page = response.content.decode()
    assert "root:" not in page and "lollollol" not in page  # nothing read from disk, no entity expanded
    assert response.context["form"].errors or response.context["model_errors"]
    assert ProcedureVersion.objects.count() == before
