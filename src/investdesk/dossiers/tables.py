"""The dossier list."""

import django_tables2 as tables
from django.template.defaultfilters import date as date_filter
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from .models import Dossier
from .templatetags.dossier_time import risk_badge


class DossierTable(tables.Table):
    code = tables.Column(verbose_name=_("Số hồ sơ"), linkify=True, attrs={"td": {"class": "text-nowrap"}})
    applicant_name = tables.Column(verbose_name=_("Nhà đầu tư / người nộp"))
    procedure = tables.Column(verbose_name=_("Thủ tục"), order_by=("procedure__sort_order",))
    received_at = tables.DateTimeColumn(verbose_name=_("Tiếp nhận"), format="H:i d/m/Y")
    due_at = tables.Column(verbose_name=_("Hẹn trả"), order_by=("due_at",))
    status = tables.Column(verbose_name=_("Trạng thái"))
    responsible = tables.Column(verbose_name=_("Người chịu trách nhiệm"), order_by=("responsible__full_name",))
    outcome = tables.Column(verbose_name=_("Kết quả thời hạn"))

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
            return format_html("{}<div></div>", due)
        return format_html(
            '{}<div><span class="badge {}" data-risk="{}" title="{}">{}{}</span></div>',
            due,
            badge["css"],
            badge["level"],
            badge["left"],
            badge["label"],
            format_html(" · {}", badge["left"]) if badge["left"] else "",
        )

    def render_procedure(self, value):
        name = str(value)
        return format_html('<span title="{}">{}</span>', name, Truncator(name).chars(60))
