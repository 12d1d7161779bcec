"""The annual monitoring & evaluation report to the provincial People's Committee, as .docx.

An administrative letter in the NĐ 30/2020 layout (issuing body and national motto, title, body,
signature block) whose tables come from the database: projects by status, capital registered and
realised in the year, the late projects and the investors who have not reported. The department edits
the prose after downloading; the figures are the system's.
"""

from datetime import date

from django.conf import settings
from django.db.models import Count, F, Q, Sum
from django.utils.translation import gettext as _

from investdesk.core.formatting import format_number, format_vnd
from investdesk.core.wordprocessing import CENTER, fill_cell, landscape_document, paragraph, to_bytes

from .choices import LATE_STATUSES, ProjectStatus
from .models import InvestorReport

LATE_ROWS = 200


def build_annual_report(projects, year: int, today: date) -> bytes:
    """``projects``: the rows the person may read (restricted by the caller)."""
    document = landscape_document()
    header = document.add_table(rows=1, cols=2)
    fill_cell(
        header.cell(0, 0), f"{settings.ORGANISATION_NAME.upper()}\n{settings.DIVISION_NAME}", bold=True, align=CENTER
    )
    fill_cell(
        header.cell(0, 1),
        _("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"),
        bold=True,
        align=CENTER,
    )
    paragraph(
        document,
        _("%(place)s, ngày %(d)s tháng %(m)s năm %(y)s")
        % {"place": settings.PROVINCE_NAME, "d": today.day, "m": today.month, "y": today.year},
        italic=True,
        align=CENTER,
    )
    paragraph(document, _("BÁO CÁO"), bold=True, size=14, align=CENTER)
    paragraph(
        document,
        _("Giám sát, đánh giá tổng thể đầu tư các dự án đầu tư ngoài ngân sách năm %(y)s") % {"y": year},
        bold=True,
        align=CENTER,
    )
    paragraph(document, _("Kính gửi: Ủy ban nhân dân tỉnh %(p)s") % {"p": settings.PROVINCE_NAME}, align=CENTER)

    paragraph(document, _("I. TÌNH HÌNH CHUNG"), bold=True)
    counts = dict(projects.order_by().values_list("status").annotate(n=Count("pk")))
    table = document.add_table(rows=1, cols=2, style="Table Grid")
    fill_cell(table.cell(0, 0), _("Tình trạng"), bold=True)
    fill_cell(table.cell(0, 1), _("Số dự án"), bold=True)
    for value, label in ProjectStatus.choices:
        cells = table.add_row().cells
        fill_cell(cells[0], str(label))
        fill_cell(cells[1], format_number(counts.get(value, 0)))
    cells = table.add_row().cells
    fill_cell(cells[0], _("Tổng cộng"), bold=True)
    fill_cell(cells[1], format_number(sum(counts.values())), bold=True)

    paragraph(document, _("II. VỐN ĐẦU TƯ"), bold=True)
    registered = projects.filter(registered_on__year=year).aggregate(n=Count("pk"), capital=Sum("total_capital_vnd"))
    realised = InvestorReport.objects.filter(project__in=projects.values("pk"), year=year).aggregate(
        capital=Sum("realised_capital_vnd")
    )
    paragraph(
        document,
        _(
            "Trong năm %(y)s có %(n)s dự án được cấp/chấp thuận với tổng vốn đăng ký %(reg)s đồng; "
            "vốn thực hiện theo báo cáo của nhà đầu tư là %(real)s đồng."
        )
        % {
            "y": year,
            "n": format_number(registered["n"]),
            "reg": format_vnd(registered["capital"] or 0),
            "real": format_vnd(realised["capital"] or 0),
        },
    )

    paragraph(document, _("III. DỰ ÁN CHẬM TIẾN ĐỘ"), bold=True)
    late = projects.filter(delay_status__in=LATE_STATUSES).select_related("investor").order_by("-delay_months", "code")
    table = document.add_table(rows=1, cols=5, style="Table Grid")
    for index, heading in enumerate(
        (_("Mã số dự án"), _("Tên dự án"), _("Nhà đầu tư"), _("Tiến độ"), _("Số tháng chậm"))
    ):
        fill_cell(table.cell(0, index), heading, bold=True)
    for project in late[:LATE_ROWS]:
        cells = table.add_row().cells
        for cell, text in zip(
            cells,
            (
                project.code,
                project.name,
                project.investor.name,
                str(project.get_delay_status_display()),
                str(project.delay_months),
            ),
            strict=True,
        ):
            fill_cell(cell, text, size=11)

    paragraph(document, _("IV. NHÀ ĐẦU TƯ CHƯA BÁO CÁO ĐÚNG HẠN"), bold=True)
    missing = (
        InvestorReport.objects.filter(project__in=projects.values("pk"), year=year, due_on__lte=today)
        .filter(Q(received_on__isnull=True) | Q(received_on__gt=F("due_on")))
        .values("project__code", "project__investor__name")
        .annotate(n=Count("pk"))
        .order_by("project__code")
    )
    table = document.add_table(rows=1, cols=3, style="Table Grid")
    for index, heading in enumerate((_("Mã số dự án"), _("Nhà đầu tư"), _("Số báo cáo chậm/chưa nộp"))):
        fill_cell(table.cell(0, index), heading, bold=True)
    for row in missing[:LATE_ROWS]:
        cells = table.add_row().cells
        fill_cell(cells[0], row["project__code"], size=11)
        fill_cell(cells[1], row["project__investor__name"], size=11)
        fill_cell(cells[2], format_number(row["n"]), size=11)

    paragraph(document, _("V. KIẾN NGHỊ"), bold=True)
    paragraph(document, "…")
    signature = document.add_table(rows=1, cols=2)
    fill_cell(signature.cell(0, 0), _("Nơi nhận:\n- Như trên;\n- Lưu: VT."), size=11)
    fill_cell(signature.cell(0, 1), _("GIÁM ĐỐC"), bold=True, align=CENTER)
    return to_bytes(document)
