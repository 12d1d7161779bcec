"""The filtered project list as an .xlsx (never formulas: ``core.spreadsheets``)."""

import io

from django.utils.translation import gettext as _

from investdesk.core.spreadsheets import workbook

EXPORT_LIMIT = 50_000


def build_list(projects) -> bytes:
    output = io.BytesIO()
    book = workbook(output, {"in_memory": True, "constant_memory": True})
    sheet = book.add_worksheet(_("Dự án"))
    bold = book.add_format({"bold": True, "bg_color": "#E8EEF7", "border": 1})
    money = book.add_format({"num_format": "#,##0"})
    date_format = book.add_format({"num_format": "dd/mm/yyyy"})
    headings = [
        _("Mã số dự án"),
        _("Tên dự án"),
        _("Nhà đầu tư"),
        _("Quốc tịch"),
        _("Hình thức"),
        _("Ngành"),
        _("Xã, phường"),
        _("Tổng vốn (đồng)"),
        _("Ngày cấp/chấp thuận"),
        _("Tình trạng"),
        _("Tiến độ"),
        _("Số tháng chậm"),
    ]
    for column, heading in enumerate(headings):
        sheet.write_string(0, column, heading, bold)
    sheet.set_column(0, 0, 14)
    sheet.set_column(1, 2, 40)
    sheet.set_column(3, 11, 18)
    for row, project in enumerate(projects, start=1):
        sheet.write_string(row, 0, project.code)
        sheet.write_string(row, 1, project.name)
        sheet.write_string(row, 2, project.investor.name)
        sheet.write_string(row, 3, str(project.investor.get_country_display()))
        sheet.write_string(row, 4, str(project.get_kind_display()))
        sheet.write_string(row, 5, str(project.get_sector_display()))
        sheet.write_string(row, 6, project.commune_name)
        sheet.write_number(row, 7, float(project.total_capital_vnd), money)
        if project.registered_on:
            sheet.write_datetime(row, 8, project.registered_on, date_format)
        sheet.write_string(row, 9, str(project.get_status_display()))
        sheet.write_string(row, 10, str(project.get_delay_status_display()))
        sheet.write_number(row, 11, project.delay_months)
    book.close()
    return output.getvalue()


def build_report_gaps(projects, *, title: str, due) -> bytes:
    """Who has not reported, as the list shows it, with the report and its due date in the title."""
    output = io.BytesIO()
    book = workbook(output, {"in_memory": True, "constant_memory": True})
    sheet = book.add_worksheet(_("Chưa báo cáo"))
    bold = book.add_format({"bold": True, "bg_color": "#E8EEF7", "border": 1})
    date_format = book.add_format({"num_format": "dd/mm/yyyy"})
    sheet.write_string(0, 0, title, book.add_format({"bold": True}))
    sheet.write_string(1, 0, _("Hạn nộp: %(d)s") % {"d": due.strftime("%d/%m/%Y")})
    headings = [
        _("Mã số dự án"),
        _("Tên dự án"),
        _("Nhà đầu tư"),
        _("Mã số doanh nghiệp"),
        _("Điện thoại"),
        _("Xã, phường"),
        _("Chuyên viên theo dõi"),
        _("Tình trạng nộp"),
        _("Ngày nhận"),
    ]
    for column, heading in enumerate(headings):
        sheet.write_string(3, column, heading, bold)
    sheet.set_column(0, 0, 14)
    sheet.set_column(1, 2, 40)
    sheet.set_column(3, 8, 18)
    for row, project in enumerate(projects, start=4):
        sheet.write_string(row, 0, project.code)
        sheet.write_string(row, 1, project.name)
        sheet.write_string(row, 2, project.investor.name)
        sheet.write_string(row, 3, project.investor.enterprise_code)
        sheet.write_string(row, 4, project.investor.phone)
        sheet.write_string(row, 5, project.commune_name)
        sheet.write_string(row, 6, project.officer.full_name if project.officer else "")
        if project.report_received_on is None:
            sheet.write_string(row, 7, _("Chưa nộp"))
        else:
            sheet.write_string(row, 7, _("Nộp muộn"))
            sheet.write_datetime(row, 8, project.report_received_on, date_format)
    book.close()
    return output.getvalue()
