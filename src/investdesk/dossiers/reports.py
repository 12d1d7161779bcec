"""The periodic report (Biểu II.06a layout) on screen and as .xlsx."""

from io import BytesIO

from django.conf import settings
from django.utils import timezone

from investdesk.core import spreadsheets

from .models import Dossier

COLUMNS = [
    "STT",
    "Lĩnh vực, thủ tục",
    "Tổng số hồ sơ tiếp nhận",
    "Trực tuyến",
    "Trực tiếp, bưu chính",
    "Kỳ trước chuyển qua",
    "Tổng số đã giải quyết",
    "Trước hạn",
    "Đúng hạn",
    "Quá hạn",
    "Tổng số đang giải quyết",
    "Trong hạn",
    "Quá hạn",
]


def flat(row: dict) -> list:
    return [
        row["received"]["total"],
        row["received"]["online"],
        row["received"]["direct_or_post"],
        row["received"]["carried_over"],
        row["resolved"]["total"],
        row["resolved"]["early"],
        row["resolved"]["on_time"],
        row["resolved"]["late"],
        row["in_progress"]["total"],
        row["in_progress"]["within_time"],
        row["in_progress"]["overdue"],
    ]


def build_xlsx(period_label: str, rows: list[dict], total: dict) -> bytes:
    buffer = BytesIO()
    book = spreadsheets.workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet("Bieu II.06a")
    base = {"font_name": "Times New Roman", "font_size": 12}
    title = book.add_format({**base, "bold": True, "align": "center", "font_size": 13})
    header = book.add_format(
        {**base, "bold": True, "align": "center", "valign": "vcenter", "text_wrap": True, "border": 1}
    )
    cell = book.add_format({**base, "border": 1, "text_wrap": True, "valign": "top"})
    number = book.add_format({**base, "border": 1, "align": "center"})
    bold_number = book.add_format({**base, "border": 1, "align": "center", "bold": True})
    sheet.set_landscape()
    sheet.set_paper(9)
    sheet.fit_to_pages(1, 0)
    sheet.set_column(0, 0, 5)
    sheet.set_column(1, 1, 48)
    sheet.set_column(2, 12, 11)
    sheet.merge_range(0, 0, 0, 12, settings.ORGANISATION_NAME.upper(), title)
    sheet.merge_range(1, 0, 1, 12, "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH", title)
    sheet.merge_range(2, 0, 2, 12, f"Kỳ báo cáo: {period_label} — {settings.DIVISION_NAME}", title)
    sheet.merge_range(4, 0, 5, 0, COLUMNS[0], header)
    sheet.merge_range(4, 1, 5, 1, COLUMNS[1], header)
    sheet.merge_range(4, 2, 4, 5, "Số hồ sơ nhận giải quyết", header)
    sheet.merge_range(4, 6, 4, 9, "Kết quả giải quyết", header)
    sheet.merge_range(4, 10, 4, 12, "Số hồ sơ đang giải quyết", header)
    for column, label in enumerate(COLUMNS[2:], start=2):
        sheet.write(5, column, label, header)
    for column in range(13):
        sheet.write(6, column, f"({column + 1})", header)
    line = 7
    for index, row in enumerate(rows, start=1):
        sheet.write(line, 0, index, number)
        sheet.write(line, 1, row["procedure"], cell)
        for column, value in enumerate(flat(row), start=2):
            sheet.write_number(line, column, value, number)
        line += 1
    sheet.write(line, 0, "", bold_number)
    sheet.write(line, 1, "Tổng cộng", book.add_format({**base, "border": 1, "bold": True}))
    for column, value in enumerate(flat(total), start=2):
        sheet.write_number(line, column, value, bold_number)
    rate = total["on_time_rate"]
    sheet.write(
        line + 2, 1, "Tỷ lệ giải quyết đúng hạn (trước hạn và đúng hạn / đã giải quyết):", book.add_format(base)
    )
    sheet.write(
        line + 2, 2, "—" if rate is None else f"{rate:.2f}%".replace(".", ","), book.add_format({**base, "bold": True})
    )
    sheet.write(
        line + 3,
        1,
        f"Rút hồ sơ: {total['withdrawn']}; dừng giải quyết: {total['stopped']} (không tính vào tỷ lệ).",
        book.add_format(base),
    )
    resolved = total["resolved"]
    sheet.write(
        line + 4,
        1,
        f"Quá hạn có văn bản xin lỗi: {resolved['late_with_apology']}; trong đó gửi sau khi đã quá hạn: "
        f"{resolved.get('late_with_late_apology', 0)}.",
        book.add_format(base),
    )
    book.close()
    return buffer.getvalue()


REGISTER_COLUMNS = [
    ("STT", 6),
    ("Số hồ sơ", 14),
    ("Tên TTHC", 45),
    ("Tổ chức, cá nhân", 36),
    ("Hình thức nộp", 12),
    ("Ngày, giờ tiếp nhận", 18),
    ("Hẹn trả kết quả", 18),
    ("Người chịu trách nhiệm", 22),
    ("Trạng thái", 18),
    ("Ngày, giờ có kết quả", 18),
    ("Kết quả thời hạn", 12),
    ("Kết quả giải quyết", 16),
    ("Số văn bản kết quả", 18),
    ("Ghi chú", 30),
    ("Văn bản xin lỗi (Mẫu 04)", 24),
]
REGISTER_LIMIT = 100_000
# The columns the register reads (``build_register``): a dossier row has a dozen timestamps and
# long texts besides, and each column read is converted per row.
REGISTER_FIELDS = (
    "code",
    "procedure__name",
    "applicant_name",
    "channel",
    "received_at",
    "due_at",
    "responsible__full_name",
    "responsible__username",
    "status",
    "finished_at",
    "outcome",
    "result",
    "result_number",
    "closing_reason",
    "note",
    "apology_at",
    "apology_late",
)


def _apology(dossier, local) -> str:
    """When form 04 was sent, marked when it was sent after the due time had passed."""
    if not dossier.apology_at:
        return ""
    return local(dossier.apology_at) + (" (gửi sau khi quá hạn)" if dossier.apology_late else "")


def build_register(dossiers) -> bytes:
    """Sổ theo dõi hồ sơ (Mẫu 07) for the dossiers given, written row by row in constant memory."""
    buffer = BytesIO()
    # constant_memory streams rows through temporary files (in_memory would silently override it).
    book = spreadsheets.workbook(buffer, {"constant_memory": True, "tmpdir": str(settings.VAR_DIR)})
    sheet = book.add_worksheet("So theo doi ho so")
    base = {"font_name": "Times New Roman", "font_size": 11}
    title = book.add_format({**base, "bold": True, "font_size": 13})
    header = book.add_format(
        {**base, "bold": True, "text_wrap": True, "border": 1, "align": "center", "valign": "vcenter"}
    )
    cell = book.add_format({**base, "border": 1})
    for column, (_label, width) in enumerate(REGISTER_COLUMNS):
        sheet.set_column(column, column, width)
    sheet.write(0, 0, f"SỔ THEO DÕI HỒ SƠ — {settings.ORGANISATION_NAME.upper()}", title)
    for column, (label, _width) in enumerate(REGISTER_COLUMNS):
        sheet.write(2, column, label, header)

    zone = timezone.get_current_timezone()

    def local(value):
        return value.astimezone(zone).strftime("%H:%M %d/%m/%Y") if value else ""

    # The choices' labels translated once, not once per row (``get_…_display`` per cell was a third
    # of a month's export).
    labels = {
        name: {value: str(label) for value, label in Dossier._meta.get_field(name).flatchoices}
        for name in ("channel", "status", "outcome", "result")
    }
    # Every cell but the first is text: written as text (``write_string``), xlsxwriter need not guess
    # each value's type (numbers, formulas, links) with its patterns, a third of the writing.
    write_number, write_string = sheet.write_number, sheet.write_string
    for index, dossier in enumerate(dossiers, start=1):
        line = index + 2
        write_number(line, 0, index, cell)
        for column, value in enumerate(
            (
                dossier.code,
                dossier.procedure.name,
                dossier.applicant_name,
                labels["channel"].get(dossier.channel, dossier.channel),
                local(dossier.received_at),
                local(dossier.due_at),
                dossier.responsible.get_full_name() if dossier.responsible_id else "",
                labels["status"].get(dossier.status, dossier.status),
                local(dossier.finished_at),
                labels["outcome"].get(dossier.outcome, dossier.outcome) if dossier.outcome else "",
                labels["result"].get(dossier.result, dossier.result) if dossier.result else "",
                dossier.result_number,
                dossier.closing_reason or dossier.note,
                _apology(dossier, local),
            ),
            start=1,
        ):
            if value:
                write_string(line, column, value, cell)
            else:
                # An empty text cell keeps its border, as ``write`` of "" did.
                sheet.write_blank(line, column, None, cell)
    book.close()
    return buffer.getvalue()
