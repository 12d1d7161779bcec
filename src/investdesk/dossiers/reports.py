"""The periodic report (Biểu II.06a layout) on screen and as .xlsx."""

from io import BytesIO

import xlsxwriter
from django.conf import settings

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
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
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
    book.close()
    return buffer.getvalue()
