"""Filters of the quality lists."""

import django_filters
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from investdesk.core.filters import FlagFilter, SearchFilterSet

from .choices import ActionStatus, RiskBand, RiskKind
from .models import Action, QualityYear, Risk


class ActionFilterSet(SearchFilterSet):
    plan = django_filters.ModelChoiceFilter(
        label=_("Năm"), queryset=QualityYear.objects.all(), empty_label=_("Tất cả các năm")
    )
    status = django_filters.ChoiceFilter(label=_("Trạng thái"), choices=ActionStatus.choices, empty_label=_("Tất cả"))
    owner = django_filters.ModelChoiceFilter(
        label=_("Người thực hiện"), queryset=get_user_model().objects.filter(is_active=True), empty_label=_("Tất cả")
    )
    overdue = django_filters.BooleanFilter(label=_("Quá hạn"), method="filter_overdue")

    class Meta:
        model = Action
        fields = ["q", "plan", "status", "owner", "overdue"]

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.overdue() if value else queryset.not_overdue()


ONE_TO_FIVE = [(n, str(n)) for n in range(1, 6)]


class RiskFilterSet(SearchFilterSet):
    """The register's filters (a heat-map cell, a band, the rows whose written level disagrees).

    Any of them leaves the captions out: they carry no assessment. A value outside the choices
    is ignored, as the page always did."""

    likelihood = django_filters.TypedChoiceFilter(
        label=_("Khả năng xảy ra (P)"), choices=ONE_TO_FIVE, coerce=int, method="filter_assessed"
    )
    severity = django_filters.TypedChoiceFilter(
        label=_("Mức độ tác động (S)"), choices=ONE_TO_FIVE, coerce=int, method="filter_assessed"
    )
    kind = django_filters.ChoiceFilter(label=_("Loại"), choices=RiskKind.choices, method="filter_assessed")
    band = django_filters.ChoiceFilter(label=_("Mức"), choices=RiskBand.choices, method="filter_assessed")
    mismatch = FlagFilter(label=_("Mức ghi khác P×S"), method="filter_mismatch")

    class Meta:
        model = Risk
        fields = ["q", "likelihood", "severity", "kind", "band", "mismatch"]

    def filter_assessed(self, queryset, name, value):
        if value in (None, ""):
            return queryset
        return queryset.assessed().filter(**{name: value})

    def filter_mismatch(self, queryset, name, value):
        return queryset.assessed().filter(level_mismatch=True) if value else queryset

    @property
    def active(self) -> bool:
        """Whether any filter narrows the rows (the page then offers to clear them)."""
        if not self.is_bound:
            return False
        self.form.is_valid()  # the fields that are valid filter even when another is not
        return any(value not in (None, "", False) for value in self.form.cleaned_data.values())
