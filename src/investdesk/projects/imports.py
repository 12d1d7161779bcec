"""The project list import: an .xlsx in the template's layout, checked cell by cell, then written
all or nothing through the services; rows whose project code exists update that project.

The same checker serves the API (``POST /api/v1/projects/import``) and the page (upload → preview
of every row's errors and changes → write). Files are checked by ``core.uploads`` first (zip bombs,
DTDs, renamed files), then: the sheet must carry the template's headings (a wrong sheet or merged
headings are refused by name), no cell may hold a formula (its value would be whatever Excel last
cached, or nothing), and at most ``MAX_ROWS`` rows are read.
"""

import io
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from zipfile import BadZipFile

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from investdesk.core.exceptions import DomainError, PermissionDeniedError
from investdesk.core.spreadsheets import workbook
from investdesk.core.text import fold
from investdesk.core.uploads import check_upload, sheet_rows_over

from . import access, services
from .choices import Country, InvestorKind, ProjectKind, ProjectStatus, Sector, commune_choices
from .models import Investor, Project

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


COLUMNS = (
    Column("code", gettext_lazy("Mã số dự án"), True, "5612345678"),
    Column("name", gettext_lazy("Tên dự án"), True, "Khu nghỉ dưỡng Bãi Dài"),
    Column("investor", gettext_lazy("Nhà đầu tư"), True, "Công ty Cổ phần Du lịch Biển Xanh"),
    Column("enterprise_code", gettext_lazy("Mã số doanh nghiệp"), False, "4201234567"),
    Column("country", gettext_lazy("Quốc tịch nhà đầu tư"), False, "Việt Nam"),
    Column("kind", gettext_lazy("Hình thức đầu tư"), True, "Đầu tư trực tiếp"),
    Column("sector", gettext_lazy("Ngành (VSIC)"), True, "I"),
    Column("commune", gettext_lazy("Xã, phường, đặc khu"), True, "Phường Bắc Nha Trang"),
    Column("address", gettext_lazy("Địa điểm"), False, "Bãi Dài"),
    Column("total_capital_vnd", gettext_lazy("Tổng vốn đầu tư (đồng)"), True, 150_000_000_000),
    Column("contributed_capital_vnd", gettext_lazy("Vốn góp (đồng)"), False, 30_000_000_000),
    Column("mobilised_capital_vnd", gettext_lazy("Vốn huy động (đồng)"), False, 120_000_000_000),
    Column("total_capital_usd", gettext_lazy("Tổng vốn đầu tư (USD)"), False, ""),
    Column("land_area_ha", gettext_lazy("Diện tích đất (ha)"), False, 12.5),
    Column("term_years", gettext_lazy("Thời hạn (năm)"), False, 50),
    Column("registered_on", gettext_lazy("Ngày cấp/chấp thuận"), False, "15/03/2024"),
    Column("status", gettext_lazy("Tình trạng"), False, "Đang triển khai"),
    Column("latitude", gettext_lazy("Vĩ độ"), False, ""),
    Column("longitude", gettext_lazy("Kinh độ"), False, ""),
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


@dataclass
class Outcome:
    created: int = 0
    updated: int = 0
    errors: list[dict] = field(default_factory=list)
    changes: list[dict] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"created": self.created, "updated": self.updated, "errors": self.errors, "changes": self.changes}


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


def read_rows(upload) -> list[tuple[int, dict]]:
    """The sheet's data rows as (row number in Excel, {column name: raw value}); refuses a file that
    is not the template's layout as a whole, before any row is checked."""
    check_upload(upload, allowed=("xlsx",))
    try:
        # Before openpyxl opens the workbook: it parses any sheet that declares no size whole.
        # Row elements, blank formatted rows included: a bound far above MAX_ROWS, which is checked
        # exactly on the rows read below.
        too_long = sheet_rows_over(upload, MAX_SHEET_ROWS)
    except (BadZipFile, OSError) as error:
        raise DomainError(_("Không đọc được tệp Excel."), field="file") from error
    if too_long:
        upload.seek(0)
        raise DomainError(_("Tệp có quá %(n)s dòng dự án.") % {"n": f"{MAX_ROWS:,}".replace(",", ".")}, field="file")
    upload.seek(0)
    try:
        book = load_workbook(io.BytesIO(upload.read()), read_only=True, data_only=False)
    except (InvalidFileException, BadZipFile, KeyError, IndexError, OSError, ValueError, SyntaxError) as error:
        raise DomainError(_("Không đọc được tệp Excel."), field="file") from error
    finally:
        upload.seek(0)
    try:
        sheet = book[SHEET_NAME] if SHEET_NAME in book.sheetnames else book.worksheets[0]
        sheet.reset_dimensions()
        rows = sheet.iter_rows(values_only=True)
        heading_row = next(rows, None) or ()
        positions = _positions(heading_row)
        result = []
        for number, row in enumerate(rows, start=2):
            if not row or not any(_text(value) for value in row[:MAX_COLUMNS]):
                continue
            if len(result) >= MAX_ROWS:
                raise DomainError(
                    _("Tệp có quá %(n)s dòng dự án.") % {"n": f"{MAX_ROWS:,}".replace(",", ".")}, field="file"
                )
            result.append((number, {name: row[i] if i < len(row) else None for name, i in positions.items()}))
    except (SyntaxError, ValueError, KeyError, TypeError, BadZipFile, OSError) as error:
        raise DomainError(_("Trang tính bị lỗi, hãy mở và lưu lại tệp bằng Excel."), field="file") from error
    finally:
        book.close()
    if not result:
        raise DomainError(_("Trang tính không có dòng dự án nào."), field="file")
    return result


def _positions(heading_row) -> dict[str, int]:
    found = {_heading_key(value): index for index, value in enumerate(heading_row[:MAX_COLUMNS]) if _text(value)}
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


class RowChecker:
    """Turns a raw row into field values, raising ``CellError`` per cell (all collected)."""

    def __init__(self):
        self.kinds = _lookup(ProjectKind.choices)
        self.sectors = _lookup(Sector.choices)
        self.statuses = _lookup(ProjectStatus.choices)
        self.countries = _lookup(Country.choices)
        self.communes = _lookup(commune_choices())
        # "Bắc Nha Trang" for "Phường Bắc Nha Trang".
        for code, name in commune_choices():
            for prefix in ("phuong ", "xa ", "dac khu "):
                if fold(name).startswith(prefix):
                    self.communes.setdefault(fold(name)[len(prefix) :], code)

    def _choice(self, table, value, message) -> str | None:
        text = fold(_text(value))
        if not text:
            return None
        if text not in table:
            raise CellError(message % {"v": _text(value)})
        return table[text]

    def check(self, number: int, raw: dict, errors: list[dict]) -> dict | None:
        values: dict = {}
        row_errors = []

        def cell(name, convert):
            value = raw.get(name)
            if isinstance(value, str) and value.startswith("="):
                row_errors.append((name, _("Ô chứa công thức; hãy dán giá trị (Paste Values).")))
                return
            try:
                values[name] = convert(value)
            except CellError as error:
                row_errors.append((name, str(error)))

        def text(limit):
            def convert(value):
                result = _text(value)
                if len(result) > limit:
                    raise CellError(_("Dài quá %(n)s ký tự.") % {"n": limit})
                return result

            return convert

        cell("code", text(32))
        cell("name", text(500))
        cell("investor", text(255))
        cell("enterprise_code", text(20))
        cell("address", text(255))
        cell("country", lambda v: self._choice(self.countries, v, _('Không rõ quốc tịch "%(v)s".')))
        cell("kind", lambda v: self._choice(self.kinds, v, _('Không rõ hình thức đầu tư "%(v)s".')))
        cell("sector", lambda v: self._choice(self.sectors, v, _('Không rõ ngành "%(v)s" (mã A–S theo VSIC).')))
        cell("status", lambda v: self._choice(self.statuses, v, _('Không rõ tình trạng "%(v)s".')))
        cell("commune", lambda v: self._choice(self.communes, v, _('"%(v)s" không phải xã, phường của tỉnh.')))
        money = Decimal(10) ** 18
        for name in ("total_capital_vnd", "contributed_capital_vnd", "mobilised_capital_vnd"):
            cell(name, lambda v: _decimal(v, 0, maximum=money))
        cell("total_capital_usd", lambda v: _decimal(v, 2, maximum=Decimal(10) ** 13))
        cell("land_area_ha", lambda v: _decimal(v, 4, maximum=Decimal(10) ** 7))
        cell("term_years", lambda v: None if (d := _decimal(v, 0, maximum=Decimal(99))) is None else int(d))
        cell("registered_on", _date)
        cell("latitude", lambda v: _decimal(v, 6, maximum=Decimal(90)))
        cell("longitude", lambda v: _decimal(v, 6, maximum=Decimal(180)))
        for column in COLUMNS:
            if column.required and column.name not in dict(row_errors) and values.get(column.name) in (None, ""):
                row_errors.append((column.name, _("Thiếu giá trị bắt buộc.")))
        labels = {column.name: str(column.label) for column in COLUMNS}
        for name, message in row_errors:
            errors.append({"row": number, "column": labels[name], "message": message})
        return None if row_errors else values


# Importing ---------------------------------------------------------------------------------------


def import_projects(actor, upload, *, dry_run: bool = False, at=None) -> dict:
    """Checks every row; with no error (and not a dry run) writes them all in one transaction."""
    if not access.may_import(actor):
        raise PermissionDeniedError()
    if upload is None:
        raise DomainError(_("Hãy gửi tệp Excel (.xlsx) theo mẫu trong trường “file”."), field="file")
    rows = read_rows(upload)
    checker = RowChecker()
    outcome = Outcome()
    checked = []
    seen: dict[str, int] = {}
    labels = {column.name: str(column.label) for column in COLUMNS}
    for number, raw in rows:
        values = checker.check(number, raw, outcome.errors)
        if values is None:
            continue
        if values["code"] in seen:
            outcome.errors.append(
                {
                    "row": number,
                    "column": labels["code"],
                    "message": _("Mã số dự án trùng với dòng %(r)s.") % {"r": seen[values["code"]]},
                }
            )
            continue
        seen[values["code"]] = number
        checked.append((number, values))
    existing = {p.code: p for p in Project.objects.filter(code__in=list(seen)).select_related("investor")}
    for number, values in checked:
        project = existing.get(values["code"])
        if project is not None and not access.can_edit_project(actor, project):
            outcome.errors.append(
                {"row": number, "column": labels["code"], "message": _("Bạn không có quyền sửa dự án này.")}
            )
    if outcome.errors:
        outcome.errors.sort(key=lambda e: e["row"])
        return outcome.as_dict()
    try:
        with transaction.atomic():
            _write(actor, checked, existing, outcome, at=at)
            if dry_run:
                transaction.set_rollback(True)
    except _RowRefused as refused:
        outcome.errors.append(refused.error)
        outcome.created = outcome.updated = 0
        outcome.changes = []
    return outcome.as_dict()


class _RowRefused(Exception):
    def __init__(self, error: dict):
        self.error = error


def _investor(actor, values: dict, cache: dict) -> Investor:
    code, name = values.get("enterprise_code") or "", values["investor"]
    key = ("code", code) if code else ("name", fold(name))
    if key in cache:
        return cache[key]
    found = Investor.objects.filter(merged_into__isnull=True)
    found = found.filter(enterprise_code=code) if code else found.filter(search_key=fold(name))
    investor = found.order_by("pk").first()
    if investor is None:
        country = values.get("country") or Country.VN
        investor = Investor(
            name=name,
            enterprise_code=code,
            country=country,
            kind=InvestorKind.DOMESTIC if country == Country.VN else InvestorKind.FOREIGN,
        )
        services.save_investor(actor, investor, reason=_("Nhập từ tệp Excel"))
    cache[key] = investor
    return investor


def _write(actor, checked, existing, outcome: Outcome, *, at=None) -> None:
    investors: dict = {}
    labels = {column.name: str(column.label) for column in COLUMNS}
    for number, values in checked:
        investor = _investor(actor, values, investors)
        project = existing.get(values["code"])
        fields = {name: values.get(name) for name in PROJECT_FIELDS}
        for name in ("total_capital_vnd", "contributed_capital_vnd", "mobilised_capital_vnd"):
            fields[name] = fields[name] or Decimal(0)
        fields["address"] = fields["address"] or ""
        if project is None:
            fields["status"] = fields["status"] or ProjectStatus.PREPARING
            project = Project(code=values["code"], investor=investor, **fields)
            expected = None
            outcome.created += 1
        else:
            if fields["status"] is None:
                del fields["status"]
            changed = {
                labels.get(name, name): [_shown(getattr(project, name)), _shown(value)]
                for name, value in {**fields, "investor": investor}.items()
                if getattr(project, name) != value
            }
            if not changed:
                continue
            outcome.changes.append({"row": number, "code": project.code, "fields": changed})
            for name, value in fields.items():
                setattr(project, name, value)
            project.investor = investor
            expected = project.version
            outcome.updated += 1
        try:
            services.save_project(actor, project, expected, at=at, reason=_("Nhập từ tệp Excel"))
        except DomainError as error:
            column = labels.get(error.field or "", labels["code"])
            raise _RowRefused({"row": number, "column": column, "message": str(error.message)}) from error


def _shown(value) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return str(value)
