"""The work-item list."""

import django_tables2 as tables
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from .models import WorkItem


class WorkItemTable(tables.Table):
    title = tables.Column(verbose_name=_("Nội dung công việc"), linkify=True)
    person = tables.Column(verbose_name=_("Người thực hiện"), order_by=("person__full_name",))
    counts_on = tables.DateColumn(verbose_name=_("Tính vào ngày"), format="d/m/Y")
    weight = tables.Column(verbose_name=_("Trọng số"))
    deadline = tables.DateTimeColumn(verbose_name=_("Hạn"), format="H:i d/m/Y")
    finished_at = tables.DateTimeColumn(verbose_name=_("Hoàn thành lúc"), format="H:i d/m/Y")
    flags = tables.Column(verbose_name=_("Đánh giá"), empty_values=(), orderable=False)
    source = tables.Column(verbose_name=_("Nguồn"))

    class Meta:
        model = WorkItem
        fields = ["title", "person", "counts_on", "weight", "deadline", "finished_at", "flags", "source"]
        attrs = {"data-testid": "kpi-items"}
        order_by = ("-counts_on",)

    def render_title(self, value):
        return Truncator(value).chars(90)

    def render_flags(self, record):
        parts = []
        if record.withdrawn:
            parts.append(str(_("đã rút")))
        if record.finished_at is None:
            parts.append(str(_("chưa hoàn thành")))
        elif record.is_late:
            parts.append(str(_("trễ hạn")))
        else:
            parts.append(str(_("đúng hạn")))
        if record.has_error:
            parts.append(str(_("có sai sót")))
        if record.quality is not None:
            parts.append(f"{record.quality:g}%")
        return ", ".join(parts)
