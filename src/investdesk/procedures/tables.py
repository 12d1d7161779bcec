"""The catalogue table."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from investdesk.core.formatting import format_decimal

from .models import Procedure


class ProcedureTable(tables.Table):
    name = tables.Column(verbose_name=_("Tên thủ tục"), linkify=True)
    field = tables.Column(verbose_name=_("Lĩnh vực"))
    authority = tables.Column(verbose_name=_("Cơ quan quyết định"))
    statutory_days = tables.Column(
        verbose_name=_("Thời hạn (ngày làm việc)"),
        attrs={"td": {"class": "num"}, "th": {"class": "num"}},
    )
    legal_basis = tables.Column(verbose_name=_("Căn cứ"), orderable=False)

    class Meta:
        model = Procedure
        fields = ["name", "field", "authority", "statutory_days", "legal_basis"]
        attrs = {"data-testid": "procedure-table"}
        order_by = ("sort_order",)

    def render_statutory_days(self, value):
        return format_decimal(value)
