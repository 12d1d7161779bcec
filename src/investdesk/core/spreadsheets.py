"""Excel files the app writes: text a person typed never becomes a formula.

A dossier's applicant, a note or a risk's description may start with ``=``, ``+``, ``-`` or ``@``
(or a tab or carriage return); a spreadsheet program would run such text as a formula
(``=HYPERLINK(...)``, ``=cmd|...``), in the .xlsx or once it is saved as CSV. Every workbook is made
with ``workbook()``: strings are always written as text cells (xlsxwriter's formula guessing is off),
and a string starting with one of those characters gets a twin of its cell format with Excel's
"quote prefix" — the cell shows the text unchanged, but Excel keeps it as text even when the cell is
edited or the sheet saved as CSV. Numbers written as numbers stay numbers (sums and sorting work).
"""

from xlsxwriter import Workbook
from xlsxwriter.worksheet import Worksheet

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Format attributes that belong to the workbook's bookkeeping, not to the look of a cell.
_OWN = {"xf_index", "dxf_index", "_format_key", "xf_format_indices", "dxf_format_indices"}


class SafeWorksheet(Worksheet):
    """A worksheet whose text cells that look like formulas are written as quoted text."""

    quoted_format = None  # set by SafeWorkbook: cell format (or None) → its quote-prefixed twin

    def _write_string(self, row, col, string, cell_format=None):
        if string[:1] in FORMULA_STARTS:
            cell_format = self.quoted_format(cell_format)
        return super()._write_string(row, col, string, cell_format)


class SafeWorkbook(Workbook):
    worksheet_class = SafeWorksheet

    def __init__(self, filename=None, options=None):
        super().__init__(filename, {**(options or {}), "strings_to_formulas": False})
        self._quoted: dict[int, object] = {}

    def _add_sheet(self, name, worksheet_class=None):
        sheet = super()._add_sheet(name, worksheet_class=worksheet_class)
        if isinstance(sheet, SafeWorksheet):
            sheet.quoted_format = self.quoted_format
        return sheet

    def quoted_format(self, cell_format):
        key = id(cell_format)
        if key not in self._quoted:
            twin = self.add_format()
            if cell_format is not None:
                twin.__dict__.update({k: v for k, v in cell_format.__dict__.items() if k not in _OWN})
            twin.set_quote_prefix(True)
            self._quoted[key] = (twin, cell_format)  # keep the original alive so its id stays unique
        return self._quoted[key][0]


def workbook(target, options: dict | None = None) -> SafeWorkbook:
    """An xlsxwriter workbook on ``target`` (a path or a BytesIO) that never writes text as a formula."""
    return SafeWorkbook(target, options)
