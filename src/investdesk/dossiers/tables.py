"""The dossier list."""

import django_tables2 as tables
from django.template.defaultfilters import date as date_filter
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .models import Dossier
from .templatetags.dossier_time import risk_badge


class DossierTable(tables.Table):
    # One line per row: long names are cut to the column's width, whole on hover (title=).
    code = tables.Column(verbose_name=_("Số hồ sơ"), linkify=True, attrs={"td": {"class": "text-nowrap"}})
    applicant_name = tables.Column(verbose_name=_("Nhà đầu tư / người nộp"), attrs={"td": {"class": "col-applicant"}})
    procedure = tables.Column(
        verbose_name=_("Thủ tục"), order_by=("procedure__sort_order",), attrs={"td": {"class": "col-procedure"}}
    )
    received_at = tables.DateTimeColumn(
        verbose_name=_("Tiếp nhận"), format="H:i d/m/Y", attrs={"td": {"class": "text-nowrap"}}
    )
    due_at = tables.Column(verbose_name=_("Hẹn trả"), order_by=("due_at",), attrs={"td": {"class": "text-nowrap"}})
    status = tables.Column(verbose_name=_("Trạng thái"), attrs={"td": {"class": "col-status"}})
    responsible = tables.Column(
        verbose_name=_("Người chịu trách nhiệm"),
        order_by=("responsible__full_name",),
        attrs={"td": {"class": "col-person"}},
    )
    outcome = tables.Column(verbose_name=_("Kết quả thời hạn"), attrs={"td": {"class": "text-nowrap"}})

    class Meta:
        model = Dossier
        fields = ["code", "applicant_name", "procedure", "received_at", "due_at", "status", "responsible", "outcome"]
        attrs = {"data-testid": "dossier-table"}
        order_by = ("-received_at",)

    def render_due_at(self, record):
        """The appointment and, while the dossier is open, its risk badge: built here rather than by a
        template per row, which cost more than the rest of the row together."""
        due = date_filter(timezone.localtime(record.due_at), "H:i d/m/Y")
        if not record.is_open:
            return due
        badge = risk_badge(record)
        if not badge["show"]:
            return due
        return format_html(
            '{} <span class="badge {}" data-risk="{}" title="{}">{}{}</span>',
            due,
            badge["css"],
            badge["level"],
            badge["left"],
            badge["label"],
            format_html(" · {}", badge["left"]) if badge["left"] else "",
        )

    def _one_line(self, value):
        return format_html('<span class="d-block text-truncate" title="{}">{}</span>', value, value)

    render_applicant_name = render_status = render_responsible = _one_line

    def render_procedure(self, value):
        name = str(value)
        return format_html(
            '<span class="d-block text-truncate" title="{}" data-testid="procedure-cell">{}</span>', name, name
        )
