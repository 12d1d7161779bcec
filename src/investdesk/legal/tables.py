import django_tables2 as tables
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from .models import LegalDocument


class LegalDocumentTable(tables.Table):
    number = tables.Column(verbose_name=_("Số, ký hiệu"), linkify=True, attrs={"td": {"class": "text-nowrap"}})
    kind = tables.Column(verbose_name=_("Loại"))
    title = tables.Column(verbose_name=_("Trích yếu"))
    issuer = tables.Column(verbose_name=_("Cơ quan ban hành"))
    effective_from = tables.DateColumn(verbose_name=_("Hiệu lực từ"), format="d/m/Y")
    state = tables.TemplateColumn(
        verbose_name=_("Tình trạng"), template_name="legal/_document_status.html", orderable=False
    )

    class Meta:
        model = LegalDocument
        fields = ["number", "kind", "title", "issuer", "effective_from", "state"]
        attrs = {"data-testid": "document-table"}
        order_by = ("-effective_from",)

    def render_title(self, value):
        return Truncator(value).chars(100)
