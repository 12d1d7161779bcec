"""Tables of the project and investor lists."""

import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from investdesk.core.formatting import format_vnd

from .choices import DelayStatus
from .models import Investor, Project

DELAY_CSS = {
    DelayStatus.ON_TRACK: "bg-green-lt",
    DelayStatus.LATE: "bg-yellow-lt",
    DelayStatus.SERIOUSLY_LATE: "bg-orange-lt",
    DelayStatus.REVIEW_FOR_TERMINATION: "bg-red-lt",
    DelayStatus.NOT_MONITORED: "bg-secondary-lt",
}


def delay_badge(project) -> str:
    label = project.get_delay_status_display()
    if project.delay_months:
        label = _("%(label)s · %(n)s tháng") % {"label": label, "n": project.delay_months}
    return format_html(
        '<span class="badge {}" data-delay="{}">{}</span>', DELAY_CSS[project.delay_status], project.delay_status, label
    )


class ProjectTable(tables.Table):
    code = tables.Column(verbose_name=_("Mã số dự án"), linkify=True, attrs={"td": {"class": "text-nowrap"}})
    name = tables.Column(verbose_name=_("Tên dự án"))
    investor = tables.Column(verbose_name=_("Nhà đầu tư"), order_by=("investor__name",))
    commune = tables.Column(verbose_name=_("Xã, phường"))
    total_capital_vnd = tables.Column(verbose_name=_("Tổng vốn (đồng)"), attrs={"td": {"class": "text-end"}})
    status = tables.Column(verbose_name=_("Tình trạng"))
    delay_status = tables.Column(verbose_name=_("Tiến độ"), order_by=("delay_status", "-delay_months"))

    class Meta:
        model = Project
        fields = ["code", "name", "investor", "commune", "total_capital_vnd", "status", "delay_status"]
        attrs = {"data-testid": "project-table", "class": "table table-vcenter card-table"}
        order_by = ("code",)

    def render_commune(self, record):
        return record.commune_name

    def render_total_capital_vnd(self, value):
        return format_vnd(value)

    def render_delay_status(self, record):
        return delay_badge(record)


class WatchTable(ProjectTable):
    # The longest delay first. django-tables2 orders only by a column's alias, so the delay column
    # carries the ordering by months (an index of the same order answers it without sorting).
    delay_status = tables.Column(verbose_name=_("Tiến độ"), order_by=("-delay_months", "code"))

    class Meta(ProjectTable.Meta):
        order_by = ("delay_status",)
        attrs = {"data-testid": "watch-table", "class": "table table-vcenter card-table"}


class InvestorTable(tables.Table):
    name = tables.Column(verbose_name=_("Nhà đầu tư"), linkify=True)

    class Meta:
        model = Investor
        fields = ["name", "kind", "country", "enterprise_code", "legal_representative"]
        attrs = {"data-testid": "investor-table", "class": "table table-vcenter card-table"}
        order_by = ("name",)


class ReportGapTable(tables.Table):
    code = tables.Column(verbose_name=_("Mã số dự án"), linkify=True, attrs={"td": {"class": "text-nowrap"}})
    name = tables.Column(verbose_name=_("Tên dự án"))
    investor = tables.Column(verbose_name=_("Nhà đầu tư"), order_by=("investor__name",))
    commune = tables.Column(verbose_name=_("Xã, phường"))
    officer = tables.Column(verbose_name=_("Chuyên viên theo dõi"), order_by=("officer__full_name",))
    report_received_on = tables.Column(verbose_name=_("Báo cáo kỳ này"), empty_values=())

    class Meta:
        model = Project
        fields = ["code", "name", "investor", "commune", "officer", "report_received_on"]
        attrs = {"data-testid": "report-gap-table", "class": "table table-vcenter card-table"}
        order_by = ("code",)

    def render_commune(self, record):
        return record.commune_name

    def render_officer(self, value):
        return value.full_name

    def render_report_received_on(self, value):
        if value is None:
            return format_html('<span class="badge bg-red-lt">{}</span>', _("Chưa nộp"))
        return format_html(
            '<span class="badge bg-orange-lt">{}</span>', _("Nộp muộn, ngày %(d)s") % {"d": value.strftime("%d/%m/%Y")}
        )
