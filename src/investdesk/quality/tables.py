"""Lists of the quality records."""

import django_tables2 as tables
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from .models import Action


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
