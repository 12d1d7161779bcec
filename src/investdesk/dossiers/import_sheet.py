"""Reading a one-stop system's .xlsx export of dossiers into the import's rows.

The first row holds the column names; the person maps each of the import's fields to one of them
(guessed from the usual Vietnamese headings). Cells are turned into the same rows the API takes, so
the sheet and the API share one set of checks. Values are read the way the one-stop exports write
them: Vietnamese words for the channel and the result, dates as Excel dates or "dd/mm/yyyy [hh:mm]".
A date with no time means the start of that day (counting starts at the next office opening; a
dossier finished on its due day counts as on time).

A sheet's own declared size (its ``dimension``) is never trusted: a 5 KB file may claim the whole
1,048,576 × 16,384 grid, and reading that grid would take hours. Rows are read as the XML holds them,
cells beyond the last one present are not invented, and the reading stops — with a message naming the
cap — past MAX_SHEET_ROWS rows, MAX_COLUMNS columns or MAX_CELLS cells. Text is stored as NFC with
zero-width characters removed (a code pasted from a web page must not differ from the one typed).
Reading a sheet happens in a background job, never in the web request (see ``services.upload_import``).
"""

import json
import os
import re
import tempfile
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from zipfile import BadZipFile

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet._read_only import ReadOnlyWorksheet

from investdesk.core.exceptions import DomainError
from investdesk.core.text import fold
from investdesk.core.uploads import sheet_rows_over
from investdesk.procedures.models import Procedure

from .imports import BATCH, MAX_ROWS, CellProblem
from .models import Dossier

# Bounds on what a sheet may hold, whatever it declares (rows and columns as Excel numbers them).
MAX_SHEET_ROWS = 200_000
MAX_COLUMNS = 100
MAX_CELLS = 5_000_000
CODE_LENGTH = Dossier._meta.get_field("code").max_length
_INVISIBLE = re.compile("[\u200b-\u200f\u2060\ufeff\u00ad]")


@dataclass(frozen=True)
class Target:
    name: str
    label: str
    required: bool
    headings: tuple[str, ...]  # folded headings that map to this field without asking


TARGETS = (
    Target("code", gettext_lazy("Số hồ sơ"), True, ("so ho so", "ma ho so", "so bien nhan", "ma bien nhan", "code")),
    Target(
        "procedure",
        gettext_lazy("Thủ tục (mã hoặc tên)"),
        True,
        ("ma thu tuc", "thu tuc", "ten thu tuc", "thu tuc hanh chinh", "procedure"),
    ),
    Target("channel", gettext_lazy("Hình thức nộp"), True, ("hinh thuc nop", "kenh tiep nhan", "hinh thuc", "channel")),
    Target(
        "received_at",
        gettext_lazy("Ngày tiếp nhận"),
        True,
        ("ngay tiep nhan", "thoi diem tiep nhan", "ngay nhan", "ngay nop", "received_at"),
    ),
    Target(
        "finished_at",
        gettext_lazy("Ngày có kết quả / kết thúc"),
        False,
        ("ngay tra ket qua", "ngay co ket qua", "ngay ket thuc", "ngay hoan thanh", "finished_at"),
    ),
    Target("result", gettext_lazy("Kết quả giải quyết"), False, ("ket qua", "ket qua giai quyet", "result")),
    Target(
        "applicant_name",
        gettext_lazy("Tổ chức, cá nhân nộp"),
        False,
        ("to chuc, ca nhan", "nguoi nop", "chu ho so", "ten to chuc, ca nhan", "nha dau tu", "applicant_name"),
    ),
    Target("pause_start", gettext_lazy("Bắt đầu tạm dừng"), False, ("bat dau tam dung", "tam dung tu")),
    Target("pause_end", gettext_lazy("Kết thúc tạm dừng"), False, ("ket thuc tam dung", "tam dung den")),
)
TARGET_LABELS = {target.name: target.label for target in TARGETS}

CHANNELS = {
    "online": ("truc tuyen", "online", "dich vu cong", "dvc", "qua mang"),
    "direct": ("truc tiep", "direct", "tai bo phan mot cua", "mot cua"),
    "post": ("buu chinh", "buu dien", "post", "dich vu buu chinh"),
}
RESULTS = {
    "approved": (
        "approved",
        "da giai quyet",
        "giai quyet",
        "chap thuan",
        "dong y",
        "cap",
        "da tra ket qua",
        "hoan thanh",
    ),
    "rejected": ("rejected", "tu choi", "khong chap thuan", "khong dong y", "tra lai"),
    "withdrawn": ("withdrawn", "rut", "rut ho so", "cong dan rut", "to chuc rut ho so"),
    "stopped": ("stopped", "dung", "dung giai quyet", "dung xu ly", "dung thuc hien"),
}
DATE_FORMATS = ("%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%H:%M %d/%m/%Y", "%H:%M:%S %d/%m/%Y", "%d/%m/%Y", "%d-%m-%Y")


class CellError(ValueError):
    """A cell that can't be read; the message says why, in Vietnamese."""


@contextmanager
def _rows(path: Path) -> Iterator[Iterator[tuple[int, tuple]]]:
    """The first sheet's rows as (row number, values), streamed and bounded (see the module's note)."""
    try:
        # Before openpyxl opens the workbook: it parses any sheet that declares no size whole.
        if sheet_rows_over(path, MAX_SHEET_ROWS):
            raise _too_many_rows()
        workbook = load_workbook(path, read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
    except (InvalidFileException, BadZipFile, KeyError, IndexError, OSError, ValueError, SyntaxError) as error:
        raise DomainError(_("Không đọc được tệp Excel: %(e)s") % {"e": error}, field="file") from error
    try:
        yield _bounded(sheet)
    finally:
        workbook.close()


def _bounded(sheet) -> Iterator[tuple[int, tuple]]:
    if isinstance(sheet, ReadOnlyWorksheet):
        sheet.reset_dimensions()  # the declared dimension would pad every row to its width
    cells = 0
    try:
        for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            if not row:  # a row the file skips, or one with no cell
                continue
            cells += len(row)
            if len(row) > MAX_COLUMNS:
                if any(_text(value) for value in row[MAX_COLUMNS:]):
                    raise DomainError(
                        _("Dòng %(r)s có dữ liệu ngoài %(n)s cột đầu; tệp chỉ được có tối đa %(n)s cột.")
                        % {"r": number, "n": MAX_COLUMNS},
                        field="file",
                    )
                row = row[:MAX_COLUMNS]
            if cells > MAX_CELLS:
                raise DomainError(
                    _("Trang tính có quá nhiều ô (tối đa %(n)s ô); hãy xóa các cột, dòng thừa rồi tải lên.")
                    % {"n": f"{MAX_CELLS:,}".replace(",", ".")},
                    field="file",
                )
            if number > MAX_SHEET_ROWS:
                if any(_text(value) for value in row):
                    raise _too_many_rows()
                continue
            yield number, row
    except (SyntaxError, ValueError, KeyError, TypeError, BadZipFile, OSError) as error:
        # A damaged part (bad XML, a shared string that isn't there) found while streaming.
        raise DomainError(
            _("Không đọc được trang tính đầu tiên (nội dung bị lỗi: %(e)s); hãy mở và lưu lại tệp bằng Excel.")
            % {"e": str(error)[:200]},
            field="file",
        ) from error


def _too_many_rows() -> DomainError:
    return DomainError(
        _("Trang tính có dữ liệu quá dòng %(n)s; mỗi tệp tối đa %(m)s hồ sơ.")
        % {"n": f"{MAX_SHEET_ROWS:,}".replace(",", "."), "m": f"{MAX_ROWS:,}".replace(",", ".")},
        field="file",
    )


def read_layout(path: Path, preview: int = 5, progress=None) -> dict:
    """The column names (first row), the number of data rows and the first few rows, for mapping."""
    with _rows(path) as rows:
        first = next(rows, None)
        header = first[1] if first is not None and first[0] == 1 else ()
        if any(isinstance(cell, (int, float, date)) for cell in header):
            raise DomainError(
                _("Dòng đầu tiên của trang tính phải là tên các cột (chữ), nhưng lại có số hoặc ngày."),
                field="file",
            )
        headings = [_text(cell) for cell in header]
        while headings and not headings[-1]:
            headings.pop()
        if not any(headings):
            raise DomainError(
                _("Dòng đầu tiên của trang tính đầu tiên phải là tên các cột (dữ liệu phải ở trang tính đầu)."),
                field="file",
            )
        sample = []
        count = 0
        rest = rows if first is None or first[0] == 1 else _chain(first, rows)
        for _number, row in rest:
            if not any(_text(cell) for cell in row):
                continue
            count += 1
            if count > MAX_ROWS:
                raise DomainError(_("Tối đa %(n)s hồ sơ mỗi lần.") % {"n": MAX_ROWS}, field="file")
            if len(sample) < preview:
                sample.append([_display(cell) for cell in row[: len(headings)]])
            if progress is not None and count % 10_000 == 0:
                progress(count)
    if not count:
        raise DomainError(_("Tệp chỉ có dòng tiêu đề, chưa có hồ sơ nào."), field="file")
    return {"headings": headings, "rows": count, "preview": sample}


def _chain(first, rows):
    yield first
    yield from rows


def guess_mapping(headings: list[str]) -> dict[str, int | None]:
    """Each field → the index of the column whose heading is one of its usual names, if any."""
    folded = [fold(heading).strip().rstrip(":") for heading in headings]
    mapping: dict[str, int | None] = {}
    for target in TARGETS:
        mapping[target.name] = next((i for i, name in enumerate(folded) if name in target.headings), None)
    return mapping


class SheetRows:
    """The sheet's data rows as the import's (index, row) batches, read again on every pass.

    The sheet is read once, streamed, into a file of one JSON row per line beside it; every pass
    then reads that file a batch at a time, so memory stays flat whatever the number of rows.
    ``index`` is the row's number in the sheet (1 = the heading row), so errors name the row a
    person sees in Excel. A cell that can't be read leaves a marker the import's checks report.
    Use it as a context manager: the row file is removed at the end."""

    def __init__(self, path: Path, mapping: dict[str, int | None]):
        self.path = path
        self.mapping = mapping
        self.procedures = None
        self.lines: Path | None = None

    def __enter__(self) -> "SheetRows":
        return self

    def __exit__(self, *exc) -> None:
        if self.lines is not None:
            self.lines.unlink(missing_ok=True)
            self.lines = None

    def _convert(self) -> Path:
        self.procedures = _procedure_lookup()
        handle, name = tempfile.mkstemp(prefix="import-", suffix=".jsonl", dir=self.path.parent)
        with os.fdopen(handle, "w", encoding="utf-8") as out, _rows(self.path) as rows:
            for number, cells in rows:
                if number > 1 and any(_text(cell) for cell in cells):
                    out.write(json.dumps([number, self.row(cells)], ensure_ascii=False) + "\n")
        return Path(name)

    def __call__(self) -> Iterator[list[tuple[int, dict]]]:
        if self.lines is None:
            self.lines = self._convert()
        batch: list[tuple[int, dict]] = []
        with self.lines.open(encoding="utf-8") as source:
            for line in source:
                number, row = json.loads(line, object_hook=_decode)
                batch.append((number, row))
                if len(batch) == BATCH:
                    yield batch
                    batch = []
        if batch:
            yield batch

    def cell(self, cells: list, name: str):
        index = self.mapping.get(name)
        if index is None or index >= len(cells):
            return None
        return cells[index]

    def row(self, cells: list) -> dict:
        row: dict = {}
        readers = {
            "code": _code,
            "procedure": lambda value: _procedure(value, self.procedures),
            "channel": lambda value: _choice(
                value, CHANNELS, _("Hình thức nộp phải là trực tuyến, trực tiếp hoặc bưu chính.")
            ),
            "received_at": _instant,
            "finished_at": _instant,
            "result": lambda value: _choice(value, RESULTS, _("Không hiểu kết quả giải quyết này.")),
            "applicant_name": lambda value: _text(value) or None,
        }
        for name, read in readers.items():
            try:
                row[name] = read(self.cell(cells, name))
            except CellError as error:
                row[name] = {"problem": str(error)}
        try:
            start, end = _instant(self.cell(cells, "pause_start")), _instant(self.cell(cells, "pause_end"))
        except CellError as error:
            row["pauses"] = {"problem": str(error)}
        else:
            if start or end:
                row["pauses"] = [{"start": start, "end": end}]
        return row


def _decode(value: dict):
    return CellProblem(value["problem"]) if value.keys() == {"problem"} else value


def _procedure_lookup() -> dict[str, str]:
    lookup = {}
    for code, name in Procedure.objects.values_list("code", "name"):
        lookup[fold(name)] = code
        lookup[code] = code
    return lookup


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a number typed as 123 may be stored as 123.0: it must stay "123"
    return _INVISIBLE.sub("", unicodedata.normalize("NFC", str(value))).strip()


def _display(value) -> str:
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return _text(value)


def _code(value) -> str | None:
    text = _text(value)
    if len(text) > CODE_LENGTH:
        raise CellError(_("Số hồ sơ dài quá %(n)s ký tự.") % {"n": CODE_LENGTH})
    return text or None


def _procedure(value, lookup: dict[str, str]) -> str | None:
    text = _text(value)
    if not text:
        return None
    found = lookup.get(text) or lookup.get(fold(text))
    if found is None:
        raise CellError(_('Không tìm thấy thủ tục "%(v)s" theo mã hoặc tên.') % {"v": text})
    return found


def _choice(value, table: dict, message: str) -> str | None:
    text = fold(_text(value)).strip(" .")
    if not text:
        return None
    for key, words in table.items():
        if text in words:
            return key
    raise CellError(message)


def _instant(value) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        moment = datetime.combine(value, datetime.min.time())
    else:
        text = _text(value)
        for pattern in DATE_FORMATS:
            try:
                moment = datetime.strptime(text, pattern)
                break
            except ValueError:
                continue
        else:
            try:
                moment = datetime.fromisoformat(text)
            except ValueError:
                raise CellError(_('"%(v)s" không phải ngày giờ (dd/mm/yyyy hh:mm).') % {"v": text}) from None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment.isoformat()
