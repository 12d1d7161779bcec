"""The project list import: a province's .xlsx (the template, or its own layout with the columns
mapped), checked cell by cell, then written all or nothing; rows whose project code exists update
that project.

The page runs it in steps, each long one as a background job (``import_jobs``): upload (the file's
structure checked, its headings and first rows read) → column mapping (remembered per heading layout)
→ a check that lists every row's error and what each update would change → the import. The API
(``POST /api/v1/projects/import``) runs the same check and write at once on the template's layout.

Files are checked by ``core.uploads`` first (zip bombs, DTDs, renamed files), then: a heading row of
names with no blank (merged) cell, no cell holding a formula (its value would be whatever Excel last
cached, or nothing), at most ``MAX_ROWS`` rows. The write prefetches investors and existing projects
once and inserts in bulk with the history rows a one-by-one save would leave.
"""

import hashlib
import io
import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from zipfile import BadZipFile

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from investdesk.core.bulk import insert_history, insert_rows, update_rows
from investdesk.core.exceptions import DomainError, PermissionDeniedError
from investdesk.core.spreadsheets import workbook
from investdesk.core.text import fold
from investdesk.core.uploads import check_upload, sheet_rows_over

from . import access, services
from .choices import Country, InvestorKind, ProjectKind, ProjectStatus, Sector, commune_choices
from .models import Investor, Milestone, Project

MAX_ROWS = 20_000
MAX_SHEET_ROWS = 5 * MAX_ROWS
MAX_COLUMNS = 60
SHEET_NAME = "Dự án"
_INVISIBLE = re.compile("[\x00\u200b-\u200f\u2060\ufeff\u00ad]")


@dataclass(frozen=True)
class Column:
    name: str
    label: object
    required: bool = False
    example: object = ""
    aliases: tuple[str, ...] = ()  # folded headings other provinces' lists use for it


COLUMNS = (
    Column("code", gettext_lazy("Mã số dự án"), True, "5612345678", ("ma du an", "ma so", "ma so du an dau tu")),
    Column("name", gettext_lazy("Tên dự án"), True, "Khu nghỉ dưỡng Bãi Dài", ("ten du an dau tu", "du an")),
    Column(
        "investor",
        gettext_lazy("Nhà đầu tư"),
        True,
        "Công ty Cổ phần Du lịch Biển Xanh",
        ("ten nha dau tu", "chu dau tu", "doanh nghiep"),
    ),
    Column("enterprise_code", gettext_lazy("Mã số doanh nghiệp"), False, "4201234567", ("ma so thue", "mst", "msdn")),
    Column("country", gettext_lazy("Quốc tịch nhà đầu tư"), False, "Việt Nam", ("quoc tich", "quoc gia")),
    Column("kind", gettext_lazy("Hình thức đầu tư"), True, "Đầu tư trực tiếp", ("hinh thuc", "loai du an")),
    Column("sector", gettext_lazy("Ngành (VSIC)"), True, "I", ("nganh", "nganh nghe", "linh vuc", "nganh kinh te")),
    Column(
        "commune",
        gettext_lazy("Xã, phường, đặc khu"),
        True,
        "Phường Bắc Nha Trang",
        ("xa, phuong", "xa phuong", "dia ban", "xa/phuong"),
    ),
    Column("address", gettext_lazy("Địa điểm"), False, "Bãi Dài", ("dia diem thuc hien", "dia chi")),
    Column(
        "total_capital_vnd",
        gettext_lazy("Tổng vốn đầu tư (đồng)"),
        True,
        150_000_000_000,
        ("tong von dau tu", "tong von dau tu (vnd)", "von dau tu"),
    ),
    Column("contributed_capital_vnd", gettext_lazy("Vốn góp (đồng)"), False, 30_000_000_000, ("von gop",)),
    Column("mobilised_capital_vnd", gettext_lazy("Vốn huy động (đồng)"), False, 120_000_000_000, ("von huy dong",)),
    Column("total_capital_usd", gettext_lazy("Tổng vốn đầu tư (USD)"), False, "", ("von dau tu (usd)",)),
    Column("land_area_ha", gettext_lazy("Diện tích đất (ha)"), False, 12.5, ("dien tich", "dien tich (ha)")),
    Column("term_years", gettext_lazy("Thời hạn (năm)"), False, 50, ("thoi han hoat dong", "thoi han")),
    Column(
        "registered_on",
        gettext_lazy("Ngày cấp/chấp thuận"),
        False,
        "15/03/2024",
        ("ngay cap", "ngay chap thuan", "ngay cap gcn", "ngay cap gcndkdt"),
    ),
    Column("status", gettext_lazy("Tình trạng"), False, "Đang triển khai", ("trang thai", "tinh trang du an")),
    Column("latitude", gettext_lazy("Vĩ độ"), False, "", ("vi do", "lat")),
    Column("longitude", gettext_lazy("Kinh độ"), False, "", ("kinh do", "lng", "lon")),
)
PROJECT_FIELDS = (
    "name",
    "kind",
    "sector",
    "commune",
    "address",
    "total_capital_vnd",
    "contributed_capital_vnd",
    "mobilised_capital_vnd",
    "total_capital_usd",
    "land_area_ha",
    "term_years",
    "registered_on",
    "status",
    "latitude",
    "longitude",
)


class CellError(ValueError):
    pass


# The template ----------------------------------------------------------------------------------


def build_template() -> bytes:
    output = io.BytesIO()
    book = workbook(output, {"in_memory": True})
    sheet = book.add_worksheet(SHEET_NAME)
    bold = book.add_format({"bold": True, "bg_color": "#E8EEF7", "text_wrap": True, "border": 1})
    for index, column in enumerate(COLUMNS):
        sheet.write_string(0, index, str(column.label) + (" *" if column.required else ""), bold)
        sheet.set_column(index, index, 22)
        example = column.example
        if isinstance(example, int | float):
            sheet.write_number(1, index, example)
        elif example:
            sheet.write_string(1, index, str(example))
    lists = book.add_worksheet(_("Danh mục"))
    for index, (title, values) in enumerate(
        (
            (_("Hình thức đầu tư"), ProjectKind.labels),
            (_("Ngành (VSIC)"), Sector.labels),
            (_("Tình trạng"), ProjectStatus.labels),
            (_("Xã, phường, đặc khu"), [name for _code, name in commune_choices()]),
        )
    ):
        lists.write_string(0, index, title, bold)
        lists.set_column(index, index, 40)
        for row, value in enumerate(values, start=1):
            lists.write_string(row, index, str(value))
    sheet.freeze_panes(1, 0)
    book.close()
    return output.getvalue()


# Reading ---------------------------------------------------------------------------------------


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return _INVISIBLE.sub("", unicodedata.normalize("NFC", str(value))).strip()


def _heading_key(value) -> str:
    return fold(_text(value).rstrip("*").strip())


@contextmanager
def _sheet(source) -> Iterator:
    """The projects sheet (the one named as in the template, else the first), opened for streaming.

    Formulas are read as written (``data_only=False``): a formula's value is whatever Excel last
    cached, or nothing, so a cell holding one is refused rather than trusted."""
    try:
        # Before openpyxl opens the workbook: it parses any sheet that declares no size whole.
        # Row elements, blank formatted rows included: a bound far above MAX_ROWS, which is checked
        # exactly on the rows read below.
        too_long = sheet_rows_over(source, MAX_SHEET_ROWS)
    except (BadZipFile, OSError) as error:
        raise DomainError(_("Không đọc được tệp Excel."), field="file") from error
    if too_long:
        raise _too_many_rows()
    if hasattr(source, "seek"):
        source.seek(0)
    try:
        book = load_workbook(source, read_only=True, data_only=False)
    except (InvalidFileException, BadZipFile, KeyError, IndexError, OSError, ValueError, SyntaxError) as error:
        raise DomainError(_("Không đọc được tệp Excel."), field="file") from error
    try:
        sheet = book[SHEET_NAME] if SHEET_NAME in book.sheetnames else book.worksheets[0]
        sheet.reset_dimensions()  # the declared dimension would pad every row to its width
        yield sheet
    finally:
        book.close()
        if hasattr(source, "seek"):
            source.seek(0)


def _too_many_rows() -> DomainError:
    return DomainError(_("Tệp có quá %(n)s dòng dự án.") % {"n": f"{MAX_ROWS:,}".replace(",", ".")}, field="file")


def _sheet_rows(sheet) -> Iterator[tuple[int, tuple]]:
    """(row number in Excel, cells) of every row with something in it; the first is the heading row."""
    try:
        for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            if row and any(_text(value) for value in row[:MAX_COLUMNS]):
                yield number, row[:MAX_COLUMNS]
    except (SyntaxError, ValueError, KeyError, TypeError, BadZipFile, OSError) as error:
        raise DomainError(_("Trang tính bị lỗi, hãy mở và lưu lại tệp bằng Excel."), field="file") from error


def _headings(heading_row) -> list[str]:
    """The column names of the heading row, refused when it is not one: numbers or dates where names
    should be, formulas, or blank cells between names (what merged heading cells leave)."""
    if any(isinstance(cell, int | float | date) for cell in heading_row):
        raise DomainError(
            _("Dòng đầu tiên của trang tính phải là tên các cột (chữ), nhưng lại có số hoặc ngày."), field="file"
        )
    headings = [_text(cell) for cell in heading_row]
    while headings and not headings[-1]:
        headings.pop()
    if any(heading.startswith("=") for heading in headings):
        raise DomainError(_("Dòng tiêu đề chứa công thức; hãy dán giá trị (Paste Values)."), field="file")
    blank = [index for index, heading in enumerate(headings) if not heading]
    if blank:
        raise DomainError(
            _(
                "Dòng tiêu đề có ô trống ở cột %(cols)s (ô gộp?): mỗi cột cần một tên trên một dòng, "
                "không gộp ô. Hãy bỏ gộp ô tiêu đề rồi tải lên lại."
            )
            % {"cols": ", ".join(get_column_letter(index + 1) for index in blank)},
            field="file",
        )
    return headings


def read_layout(source, preview: int = 5) -> dict:
    """The column names, the number of data rows and the first few rows, for mapping the columns."""
    with _sheet(source) as sheet:
        rows = _sheet_rows(sheet)
        first = next(rows, None)
        headings = _headings(first[1]) if first is not None else []
        if not headings:
            raise DomainError(_("Trang tính không có dòng tiêu đề (tên các cột ở dòng 1)."), field="file")
        sample, count = [], 0
        for _number, row in rows:
            count += 1
            if count > MAX_ROWS:
                raise _too_many_rows()
            if len(sample) < preview:
                sample.append([_shown(cell) for cell in row[: len(headings)]])
    if not count:
        raise DomainError(_("Trang tính không có dòng dự án nào."), field="file")
    return {"headings": headings, "rows": count, "preview": sample}


def read_rows(source, mapping: dict[str, int | None] | None = None) -> list[tuple[int, dict]]:
    """The sheet's data rows as (row number in Excel, {column name: raw value}). Without a mapping the
    columns are found by the template's headings and a sheet that lacks one is refused as a whole."""
    with _sheet(source) as sheet:
        rows = _sheet_rows(sheet)
        first = next(rows, None)
        heading_row = first[1] if first is not None else ()
        positions = _positions(heading_row) if mapping is None else {k: v for k, v in mapping.items() if v is not None}
        result = []
        for number, row in rows:
            if len(result) >= MAX_ROWS:
                raise _too_many_rows()
            result.append((number, {name: row[i] if i < len(row) else None for name, i in positions.items()}))
    if not result:
        raise DomainError(_("Trang tính không có dòng dự án nào."), field="file")
    return result


def _positions(heading_row) -> dict[str, int]:
    found = {_heading_key(value): index for index, value in enumerate(heading_row) if _text(value)}
    positions, missing = {}, []
    for column in COLUMNS:
        key = fold(str(column.label))
        if key in found:
            positions[column.name] = found[key]
        elif column.required:
            missing.append(str(column.label))
    if missing:
        raise DomainError(
            _(
                "Trang tính không theo mẫu: thiếu cột %(cols)s ở dòng tiêu đề (dòng 1, không gộp ô). "
                "Hãy tải mẫu nhập và dán dữ liệu vào."
            )
            % {"cols": ", ".join(missing)},
            field="file",
        )
    return positions


# Column mapping ------------------------------------------------------------------------------------


def layout_key(headings: list[str]) -> str:
    """The same columns under the same names (accents, case and spacing aside) give the same key:
    a province's list keeps its layout from year to year, so its mapping is remembered by this."""
    return hashlib.sha256("\x1f".join(fold(heading) for heading in headings).encode()).hexdigest()


def guess_mapping(headings: list[str]) -> dict[str, int | None]:
    """Each column of the import → the index of the file's column whose heading is one of its usual
    names (the template's included), if any; a column of the file serves one field at most."""
    keys = [_heading_key(heading) for heading in headings]
    mapping: dict[str, int | None] = {}
    used: set[int] = set()
    for column in COLUMNS:
        names = {fold(str(column.label)), *column.aliases}
        index = next((i for i, key in enumerate(keys) if key in names and i not in used), None)
        mapping[column.name] = index
        if index is not None:
            used.add(index)
    return mapping


def validated_mapping(headings: list[str], mapping: dict) -> dict[str, int | None]:
    """A person's mapping made safe: every required column chosen, each file column used once."""
    clean: dict[str, int | None] = {}
    used: dict[int, Column] = {}
    for column in COLUMNS:
        index = mapping.get(column.name)
        if index is None or index == "":
            if column.required:
                raise DomainError(_("Hãy chọn cột cho “%(f)s”.") % {"f": column.label}, field=column.name)
            clean[column.name] = None
            continue
        try:
            index = int(index)
        except (TypeError, ValueError):
            index = -1
        if not 0 <= index < len(headings):
            raise DomainError(_("Cột không có trong tệp."), field=column.name)
        if index in used:
            raise DomainError(
                _("Cột “%(c)s” đã dùng cho “%(f)s”.") % {"c": headings[index], "f": used[index].label},
                field=column.name,
            )
        used[index] = column
        clean[column.name] = index
    return clean


# Checking cells ----------------------------------------------------------------------------------


def _lookup(choices) -> dict[str, str]:
    table = {}
    for value, label in choices:
        table[fold(str(value))] = value
        table[fold(str(label))] = value
        # "I - Dịch vụ lưu trú…": the letter alone, or the words after it.
        if " - " in str(label):
            table[fold(str(label).split(" - ", 1)[1])] = value
    return table


def _decimal(value, places: int, *, maximum: Decimal) -> Decimal | None:
    if value is None or _text(value) == "":
        return None
    if isinstance(value, int | float):
        number = Decimal(str(value))
    else:
        text = _text(value).replace(" ", "")
        # Vietnamese writing: dots between thousands, a comma before decimals.
        if "," in text or text.count(".") > 1:
            text = text.replace(".", "").replace(",", ".")
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise CellError(_('"%(v)s" không phải là số.') % {"v": _text(value)}) from None
    if not number.is_finite() or number < 0 or number > maximum:
        raise CellError(_("Số không hợp lệ hoặc quá lớn."))
    return number.quantize(Decimal(1).scaleb(-places))


def _date(value) -> date | None:
    if value is None or _text(value) == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _text(value)
    for pattern in ("%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise CellError(_('"%(v)s" không phải ngày (dd/mm/yyyy).') % {"v": text})


FORMULA = gettext_lazy("Ô chứa công thức; hãy dán giá trị (Paste Values).")
REQUIRED = gettext_lazy("Thiếu giá trị bắt buộc.")
TOO_LONG = gettext_lazy("Dài quá %(n)s ký tự.")
UNKNOWN_COUNTRY = gettext_lazy('Không rõ quốc tịch "%(v)s".')
UNKNOWN_KIND = gettext_lazy('Không rõ hình thức đầu tư "%(v)s".')
UNKNOWN_SECTOR = gettext_lazy('Không rõ ngành "%(v)s" (mã A–S theo VSIC).')
UNKNOWN_STATUS = gettext_lazy('Không rõ tình trạng "%(v)s".')
UNKNOWN_COMMUNE = gettext_lazy('"%(v)s" không phải xã, phường của tỉnh.')


class RowChecker:
    """Turns a raw row into field values, raising ``CellError`` per cell (all collected).

    Built once per import: the lookups, the converters and the column names are made here, and a
    message is translated only for a cell in error (ten thousand rows of twenty cells)."""

    def __init__(self):
        self.labels = {column.name: str(column.label) for column in COLUMNS}
        self.required = [column.name for column in COLUMNS if column.required]
        communes = _lookup(commune_choices())
        # "Bắc Nha Trang" for "Phường Bắc Nha Trang".
        for code, name in commune_choices():
            for prefix in ("phuong ", "xa ", "dac khu "):
                if fold(name).startswith(prefix):
                    communes.setdefault(fold(name)[len(prefix) :], code)
        money = Decimal(10) ** 18
        self.converters = [
            ("code", self._text(32)),
            ("name", self._text(500)),
            ("investor", self._text(255)),
            ("enterprise_code", self._text(20)),
            ("address", self._text(255)),
            ("country", self._choice(_lookup(Country.choices), UNKNOWN_COUNTRY)),
            ("kind", self._choice(_lookup(ProjectKind.choices), UNKNOWN_KIND)),
            ("sector", self._choice(_lookup(Sector.choices), UNKNOWN_SECTOR)),
            ("status", self._choice(_lookup(ProjectStatus.choices), UNKNOWN_STATUS)),
            ("commune", self._choice(communes, UNKNOWN_COMMUNE)),
            ("total_capital_vnd", lambda v: _decimal(v, 0, maximum=money)),
            ("contributed_capital_vnd", lambda v: _decimal(v, 0, maximum=money)),
            ("mobilised_capital_vnd", lambda v: _decimal(v, 0, maximum=money)),
            ("total_capital_usd", lambda v: _decimal(v, 2, maximum=Decimal(10) ** 13)),
            ("land_area_ha", lambda v: _decimal(v, 4, maximum=Decimal(10) ** 7)),
            ("term_years", lambda v: None if (d := _decimal(v, 0, maximum=Decimal(99))) is None else int(d)),
            ("registered_on", _date),
            ("latitude", lambda v: _decimal(v, 6, maximum=Decimal(90))),
            ("longitude", lambda v: _decimal(v, 6, maximum=Decimal(180))),
        ]

    @staticmethod
    def _text(limit: int):
        def convert(value):
            result = _text(value)
            if len(result) > limit:
                raise CellError(TOO_LONG % {"n": limit})
            return result

        return convert

    @staticmethod
    def _choice(table: dict, message):
        known: dict = {}  # a list repeats the same few words: fold each once

        def convert(value):
            if value in known:
                return known[value]
            text = fold(_text(value))
            if not text:
                return None
            if text not in table:
                raise CellError(message % {"v": _text(value)})
            if isinstance(value, str):
                known[value] = table[text]
            return table[text]

        return convert

    def check(self, number: int, raw: dict, errors: list[dict]) -> dict | None:
        values: dict = {}
        row_errors: dict[str, str] = {}
        for name, convert in self.converters:
            value = raw.get(name)
            if isinstance(value, str) and value.startswith("="):
                row_errors[name] = str(FORMULA)
                continue
            try:
                values[name] = convert(value)
            except CellError as error:
                row_errors[name] = str(error)
        for name in self.required:
            if name not in row_errors and values.get(name) in (None, ""):
                row_errors[name] = str(REQUIRED)
        for name, message in row_errors.items():
            errors.append({"row": number, "column": self.labels[name], "message": message})
        return None if row_errors else values


# Checking the rows against the database -----------------------------------------------------------


@dataclass
class Plan:
    """What an import would do: every error, the rows that create or update a project, what each
    update changes, and ``state``, a digest of the database as checked (see ``write_plan``)."""

    creates: list[tuple[int, dict]] = field(default_factory=list)
    updates: list[tuple[int, dict, Project]] = field(default_factory=list)
    errors: list[dict] = field(default_factory=list)
    changes: list[dict] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)
    state: str = ""

    def outcome(self) -> dict:
        created, updated = (0, 0) if self.errors else (len(self.creates), len(self.updates))
        return {"created": created, "updated": updated, "errors": self.errors, "changes": self.changes}


class _Investors:
    """The active investors, read once: a row names its investor by enterprise code, else by name
    (accents and case aside); one not found is created once however many rows name it."""

    def __init__(self):
        self.by_code: dict[str, int] = {}
        self.by_name: dict[str, int] = {}
        # What a project's search key reads of its investor, without a query per project.
        self.objects: dict[int, Investor] = {}
        rows = Investor.objects.filter(merged_into__isnull=True).order_by("pk")
        for pk, name, code in rows.values_list("pk", "name", "enterprise_code"):
            self.objects[pk] = Investor(pk=pk, name=name, enterprise_code=code)
            if code:
                self.by_code.setdefault(code, pk)
            self.by_name.setdefault(fold(name), pk)

    @staticmethod
    def key(values: dict) -> tuple[str, str]:
        if "investor_key" not in values:  # folded once per row, however often it is asked
            code = values.get("enterprise_code") or ""
            values["investor_key"] = ("code", code) if code else ("name", fold(values["investor"]))
        return values["investor_key"]

    def find(self, values: dict) -> int | None:
        kind, key = self.key(values)
        return (self.by_code if kind == "code" else self.by_name).get(key)


def _chunks(items: list, size: int = 2000):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _state(versions: dict[str, int], codes: list[str]) -> str:
    """The digest of each code's project version (0: no such project) — equal digests, same rows."""
    digest = hashlib.sha256()
    for code in sorted(codes):
        digest.update(f"{code}\x1f{versions.get(code, 0)}\x1e".encode())
    return digest.hexdigest()


def _project_fields(values: dict) -> dict:
    fields = {name: values.get(name) for name in PROJECT_FIELDS}
    for name in ("total_capital_vnd", "contributed_capital_vnd", "mobilised_capital_vnd"):
        fields[name] = fields[name] or Decimal(0)
    fields["address"] = fields["address"] or ""
    return fields


def _project_errors(values: dict) -> list[tuple[str, str]]:
    """The project's own rules (``services._check_project``), per row, so the preview shows them."""
    errors = []
    total = values.get("total_capital_vnd") or 0
    if (values.get("contributed_capital_vnd") or 0) + (values.get("mobilised_capital_vnd") or 0) > total > 0:
        errors.append(("mobilised_capital_vnd", _("Vốn góp cộng vốn huy động vượt tổng vốn đầu tư.")))
    if (values.get("latitude") is None) != (values.get("longitude") is None):
        errors.append(("longitude", _("Cần nhập cả vĩ độ và kinh độ, hoặc bỏ trống cả hai.")))
    return errors


def check_rows(actor, rows: list[tuple[int, dict]], *, progress=None) -> Plan:
    """Checks every row (cells, duplicates, the project's rules, who may change which project) with
    a fixed number of queries, and says what each row would change. Writes nothing."""
    report = progress or (lambda *args, **kwargs: None)
    labels = {column.name: str(column.label) for column in COLUMNS}
    checker = RowChecker()
    plan = Plan()
    checked: list[tuple[int, dict]] = []
    seen: dict[str, int] = {}
    report(0, len(rows), _("Đang kiểm tra dữ liệu…"))
    for done, (number, raw) in enumerate(rows, start=1):
        values = checker.check(number, raw, plan.errors)
        if done % 1000 == 0:
            report(done)
        if values is None:
            continue
        own = _project_errors(values)
        if values["code"] in seen:
            own.append(("code", _("Mã số dự án trùng với dòng %(r)s.") % {"r": seen[values["code"]]}))
        else:
            seen[values["code"]] = number
        if own:
            plan.errors.extend({"row": number, "column": labels[name], "message": str(m)} for name, m in own)
            continue
        checked.append((number, values))
    plan.codes = list(seen)
    existing: dict[str, Project] = {}
    for chunk in _chunks(plan.codes):
        existing.update((p.code, p) for p in Project.objects.filter(code__in=chunk).select_related("investor"))
    plan.state = _state({code: p.version for code, p in existing.items()}, plan.codes)
    investors = _Investors()
    may_create = access.may_create_project(actor)
    for number, values in checked:
        project = existing.get(values["code"])
        if project is None:
            if may_create:
                plan.creates.append((number, values))
            else:
                plan.errors.append(
                    {"row": number, "column": labels["code"], "message": _("Bạn không có quyền thêm dự án.")}
                )
            continue
        if not access.can_edit_project(actor, project):
            plan.errors.append(
                {"row": number, "column": labels["code"], "message": _("Bạn không có quyền sửa dự án này.")}
            )
            continue
        changed = _changes(project, values, investors, labels)
        if changed:
            plan.updates.append((number, values, project))
            plan.changes.append({"row": number, "code": project.code, "fields": changed})
    plan.errors.sort(key=lambda e: e["row"])
    report(len(rows))
    return plan


def _changes(project: Project, values: dict, investors: _Investors, labels: dict) -> dict:
    fields = _project_fields(values)
    if fields["status"] is None:
        del fields["status"]
    changed = {
        labels[name]: [_shown(getattr(project, name)), _shown(value)]
        for name, value in fields.items()
        if getattr(project, name) != value
    }
    investor_id = investors.find(values)
    if investor_id != project.investor_id:
        changed[labels["investor"]] = [project.investor.name, values["investor"]]
    return changed


# Writing ------------------------------------------------------------------------------------------


def write_plan(actor, plan: Plan, *, at=None, progress=None) -> dict:
    """Writes a checked plan with no error in one transaction, all or nothing: the new investors and
    projects inserted in bulk, the updated projects in bulk, each with the history row a one-by-one
    save through the services would leave (who, when, why). Refused, writing nothing, if a project
    it names was created or changed since ``plan`` was checked: the preview would no longer say
    what the import does."""
    if plan.errors:
        raise DomainError(_("Tệp còn lỗi; chưa ghi gì."))
    report = progress or (lambda *args, **kwargs: None)
    now = at or timezone.now()
    today = timezone.localdate(now)
    reason = _("Nhập từ tệp Excel")
    total = len(plan.creates) + len(plan.updates)
    report(0, total, _("Đang ghi dữ liệu…"))
    with transaction.atomic():
        versions: dict[str, int] = {}
        for chunk in _chunks(plan.codes):
            locked = Project.objects.select_for_update().filter(code__in=chunk).values_list("code", "version")
            versions.update(locked)
        if _state(versions, plan.codes) != plan.state:
            raise DomainError(_("Có dự án trong tệp vừa được thêm hoặc sửa sau khi kiểm tra; hãy kiểm tra lại tệp."))
        investors = _Investors()
        ids = _new_investors(actor, plan, investors, reason)
        division = services.default_division(actor)
        created = []
        for _number, values in plan.creates:
            project = Project(code=values["code"], investor_id=ids[investors.key(values)], division=division)
            for name, value in _project_fields(values).items():
                setattr(project, name, value)
            project.status = project.status or ProjectStatus.PREPARING
            _stamp(project, [], today, investors)
            created.append(project)
        insert_rows(Project, created)
        for chunk in _chunks(created):
            keys = dict(Project.objects.filter(code__in=[p.code for p in chunk]).values_list("code", "pk"))
            for project in chunk:
                project.pk = keys[project.code]
        insert_history(Project, created, user=actor, reason=reason)
        report(len(created))
        updated = _update(plan, investors, ids, today, now)
        insert_history(Project, updated, user=actor, reason=reason, history_type="~")
        report(total)
    return {"created": len(created), "updated": len(updated), "errors": [], "changes": plan.changes}


def _new_investors(actor, plan: Plan, investors: _Investors, reason: str) -> dict:
    """The investor of every row's key, the missing ones inserted now (with their history)."""
    ids: dict[tuple[str, str], int] = {}
    new: dict[tuple[str, str], Investor] = {}
    for _number, values, *_rest in [*plan.creates, *plan.updates]:
        key = investors.key(values)
        if key in ids or key in new:
            continue
        found = investors.find(values)
        if found is not None:
            ids[key] = found
            continue
        if not access.may_manage_investors(actor):
            raise PermissionDeniedError()
        country = values.get("country") or Country.VN
        investor = Investor(
            name=values["investor"],
            enterprise_code=values.get("enterprise_code") or "",
            country=country,
            kind=InvestorKind.DOMESTIC if country == Country.VN else InvestorKind.FOREIGN,
        )
        investor.refresh_search_key()
        new[key] = investor
    if new:
        saved = Investor.objects.bulk_create(list(new.values()), batch_size=1000)
        insert_history(Investor, saved, user=actor, reason=reason)
        for key, investor in zip(new, saved, strict=True):
            ids[key] = investor.pk
            investors.objects[investor.pk] = investor
    return ids


def _stamp(project: Project, milestones, today: date, investors: _Investors) -> None:
    """The search key and the delay a save through the services would store."""
    project.investor = investors.objects[project.investor_id]
    project.refresh_search_key()
    project.delay_status, project.delay_months = services.compute_delay(project, milestones, today)
    project.delay_checked_on = today


def _update(plan: Plan, investors: _Investors, ids: dict, today: date, now) -> list[Project]:
    projects = [project for _number, _values, project in plan.updates]
    milestones: dict[int, list] = {project.pk: [] for project in projects}
    for chunk in _chunks(list(milestones)):
        for milestone in Milestone.objects.filter(project_id__in=chunk):
            milestones[milestone.project_id].append(milestone)
    for _number, values, project in plan.updates:
        fields = _project_fields(values)
        if fields["status"] is None:
            del fields["status"]
        for name, value in fields.items():
            setattr(project, name, value)
        project.investor_id = ids[investors.key(values)]
        project.version += 1
        project.updated_at = now
        _stamp(project, milestones[project.pk], today, investors)
    written = [*PROJECT_FIELDS, "investor", "version", "updated_at", "search_key"]
    written += ["delay_status", "delay_months", "delay_checked_on"]
    update_rows(Project, projects, written)
    return projects


# The API's import ---------------------------------------------------------------------------------


def import_projects(actor, upload, *, dry_run: bool = False, at=None) -> dict:
    """``POST /api/v1/projects/import``: a file in the template's layout, checked; with no error (and
    not a dry run) written all or nothing. The page runs the same steps as background jobs."""
    if not access.may_import(actor):
        raise PermissionDeniedError()
    if upload is None:
        raise DomainError(_("Hãy gửi tệp Excel (.xlsx) theo mẫu trong trường “file”."), field="file")
    check_upload(upload, allowed=("xlsx",))
    plan = check_rows(actor, read_rows(upload))
    if plan.errors or dry_run:
        return plan.outcome()
    return write_plan(actor, plan, at=at)


def _shown(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return _text(value)
