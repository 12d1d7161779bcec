"""Lists of the quality records."""

import django_tables2 as tables
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from .models import Action, LegalDocument


class ActionTable(tables.Table):
    title = tables.Column(verbose_name=_("Việc cần làm"), linkify=True)
    owner = tables.Column(verbose_name=_("Người thực hiện"), order_by=("owner__full_name",))
    due_on = tables.TemplateColumn(
        verbose_name=_("Hạn"), template_name="quality/_action_due_cell.html", order_by=("due_on",)
    )
    status = tables.Column(verbose_name=_("Trạng thái"))
    source = tables.Column(verbose_name=_("Cho"), empty_values=(), orderable=False)

    class Meta:
        model = Action
        fields = ["title", "owner", "due_on", "status", "source"]
        attrs = {"data-testid": "action-table"}
        order_by = ("due_on",)

    def render_title(self, value):
        return Truncator(value).chars(90)

    def render_source(self, record):
        if record.risk_id:
            return f"{_('Rủi ro')} {record.risk.section}.{record.risk.number}"
        if record.objective_id:
            return f"{_('Mục tiêu')} {record.objective.number}"
        return "—"


class LegalDocumentTable(tables.Table):
    number = tables.Column(verbose_name=_("Số, ký hiệu"), linkify=True, attrs={"td": {"class": "text-nowrap"}})
    kind = tables.Column(verbose_name=_("Loại"))
    title = tables.Column(verbose_name=_("Trích yếu"))
    issuer = tables.Column(verbose_name=_("Cơ quan ban hành"))
    effective_from = tables.DateColumn(verbose_name=_("Hiệu lực từ"), format="d/m/Y")
    state = tables.TemplateColumn(
        verbose_name=_("Tình trạng"), template_name="quality/_document_status.html", orderable=False
    )

    class Meta:
        model = LegalDocument
        fields = ["number", "kind", "title", "issuer", "effective_from", "state"]
        attrs = {"data-testid": "document-table"}
        order_by = ("-effective_from",)

    def render_title(self, value):
        return Truncator(value).chars(100)
