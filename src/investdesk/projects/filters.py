"""Filters of the project and investor lists: one definition for the page, its export and the API."""

import django_filters
from django import forms
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from investdesk.core.filters import SearchFilterSet

from . import gaps
from .choices import Country, DelayStatus, InvestorKind, ProjectKind, ProjectStatus, ReportKind, Sector, commune_choices
from .models import Investor, Project
from .reporting import PERIODS, latest_due_period

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


PERIOD_CHOICES = [
    ("0", _("Cả năm")),
    ("1", _("Kỳ 1 (quý 1, 6 tháng đầu năm)")),
    ("2", _("Quý 2")),
    ("3", _("Quý 3")),
    ("4", _("Quý 4")),
]


class ReportGapFilterSet(ProjectFilterSet):
    """The project filters, plus which report of which period, and missing or late. With no period
    chosen: the latest quarterly report whose due date has passed."""

    report_kind = django_filters.ChoiceFilter(
        label=_("Loại báo cáo"), choices=ReportKind.choices, method="by_period", empty_label=None
    )
    year = django_filters.NumberFilter(label=_("Năm"), method="by_period")
    period = django_filters.ChoiceFilter(label=_("Kỳ"), choices=PERIOD_CHOICES, method="by_period", empty_label=None)
    gap = django_filters.ChoiceFilter(
        label=_("Tình trạng nộp"),
        choices=[(gaps.MISSING, _("Chưa nộp")), (gaps.LATE, _("Nộp muộn"))],
        method="by_period",
        empty_label=_("Chưa nộp hoặc nộp muộn"),
    )

    class Meta(ProjectFilterSet.Meta):
        fields = ["report_kind", "year", "period", "gap", *ProjectFilterSet.Meta.fields]

    def __init__(self, data=None, *args, today=None, **kwargs):
        self.today = today or timezone.localdate()
        data = data.copy() if data is not None else QueryDict(mutable=True)
        kind = data.get("report_kind") or ReportKind.QUARTERLY_ACTIVITY
        if kind in ReportKind.values and not data.get("year"):
            year, period = latest_due_period(kind, self.today)
            data.setdefault("report_kind", kind)
            data["year"], data["period"] = str(year), str(period)
        super().__init__(data, *args, **kwargs)

    def by_period(self, queryset, name, value):
        return queryset  # the four together choose the period: see ``filter_queryset``

    def chosen(self) -> tuple[str, int, int] | None:
        data = self.form.cleaned_data
        kind, year, period = data.get("report_kind"), data.get("year"), data.get("period")
        if not kind or year is None or not period or not 2000 <= year <= 2100 or int(period) not in PERIODS[kind]:
            return None
        return kind, int(year), int(period)

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        chosen = self.chosen()
        if chosen is None:
            return queryset.none()
        return gaps.unreported(queryset, *chosen, self.form.cleaned_data.get("gap"), self.today)
