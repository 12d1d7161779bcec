"""Filters of the work-item list: every figure on a KPI page links here with its filter."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from . import periods, tally
from .choices import ItemSource
from .models import WorkItem

STATES = [
    ("open", _("Chưa hoàn thành")),
    ("on_time", _("Hoàn thành đúng hạn")),
    ("late", _("Trễ hạn")),
    ("done", _("Đã hoàn thành")),
]


class WorkItemFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Tìm"), field_name="title", lookup_expr="icontains")
    person = django_filters.NumberFilter(label=_("Mã người thực hiện"), field_name="person_id")
    division = django_filters.NumberFilter(label=_("Mã phòng"), field_name="division_id")
    period = django_filters.CharFilter(label=_("Kỳ (YYYY-MM, YYYY-Qn, YYYY)"), method="filter_period")
    state = django_filters.ChoiceFilter(label=_("Tình trạng"), choices=STATES, method="filter_state")
    source = django_filters.ChoiceFilter(label=_("Nguồn"), choices=ItemSource.choices)

    class Meta:
        model = WorkItem
        fields = ["q", "person", "division", "period", "state", "source"]

    def filter_period(self, queryset, name, value):
        try:
            span = periods.parse(value)
        except ValueError:
            return queryset.none()
        # The days the figures count in the span, past the cut-offs: an item of 20 December is
        # January's, on the list behind January's figures and not behind December's.
        first, end = tally.window_of(span)
        return queryset.filter(counts_on__gte=first, counts_on__lt=end)

    def filter_state(self, queryset, name, value):
        # The same counting as the summaries: withdrawn items are not in any figure.
        queryset = queryset.filter(withdrawn=False)
        conditions = {
            "open": Q(finished_at__isnull=True),
            "on_time": Q(finished_at__isnull=False, is_late=False),
            "late": Q(finished_at__isnull=False, is_late=True),
            "done": Q(finished_at__isnull=False),
        }
        return queryset.filter(conditions[value])
