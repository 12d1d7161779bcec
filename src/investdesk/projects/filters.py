"""Filters of the project and investor lists: one definition for the page, its export and the API."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from investdesk.core.filters import SearchFilterSet

from .choices import Country, DelayStatus, InvestorKind, ProjectKind, ProjectStatus, Sector, commune_choices
from .models import Investor, Project

BILLION = 1_000_000_000


class ProjectFilterSet(SearchFilterSet):
    status = django_filters.ChoiceFilter(label=_("Tình trạng"), choices=ProjectStatus.choices, empty_label=_("Tất cả"))
    kind = django_filters.ChoiceFilter(label=_("Hình thức"), choices=ProjectKind.choices, empty_label=_("Tất cả"))
    sector = django_filters.ChoiceFilter(label=_("Ngành"), choices=Sector.choices, empty_label=_("Tất cả"))
    commune = django_filters.ChoiceFilter(label=_("Xã, phường"), choices=commune_choices, empty_label=_("Tất cả"))
    country = django_filters.ChoiceFilter(
        label=_("Quốc tịch nhà đầu tư"),
        field_name="investor__country",
        choices=Country.choices,
        empty_label=_("Tất cả"),
    )
    delay = django_filters.ChoiceFilter(
        label=_("Tiến độ"), field_name="delay_status", choices=DelayStatus.choices, empty_label=_("Tất cả")
    )
    late = django_filters.BooleanFilter(
        label=_("Chậm tiến độ"),
        method="filter_late",
        widget=forms.Select(choices=[("", _("Tất cả")), ("true", _("Đang chậm tiến độ"))]),
    )
    capital_min = django_filters.NumberFilter(label=_("Vốn từ (tỷ đồng)"), method="filter_capital_min")
    capital_max = django_filters.NumberFilter(label=_("đến (tỷ đồng)"), method="filter_capital_max")

    class Meta:
        model = Project
        fields = ["q", "status", "kind", "sector", "commune", "country", "delay", "late", "capital_min", "capital_max"]

    def filter_late(self, queryset, name, value):
        return queryset.late() if value else queryset

    # Amounts are typed in billions of đồng (tỷ đồng), the unit the division reports in.
    def filter_capital_min(self, queryset, name, value):
        return queryset.filter(total_capital_vnd__gte=value * BILLION)

    def filter_capital_max(self, queryset, name, value):
        return queryset.filter(total_capital_vnd__lte=value * BILLION)


class InvestorFilterSet(SearchFilterSet):
    kind = django_filters.ChoiceFilter(label=_("Loại"), choices=InvestorKind.choices, empty_label=_("Tất cả"))
    country = django_filters.ChoiceFilter(label=_("Quốc tịch"), choices=Country.choices, empty_label=_("Tất cả"))

    class Meta:
        model = Investor
        fields = ["q", "kind", "country"]
