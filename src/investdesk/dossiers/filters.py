"""Filters of the dossier list."""

from datetime import date, datetime, time, timedelta

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from investdesk.core.filters import SearchFilterSet
from investdesk.core.forms import DateInput
from investdesk.procedures.models import Procedure

from .choices import Channel, DossierStatus
from .models import Dossier


class DossierFilterSet(SearchFilterSet):
    status = django_filters.ChoiceFilter(label=_("Trạng thái"), choices=DossierStatus.choices, empty_label=_("Tất cả"))
    procedure = django_filters.ModelChoiceFilter(
        label=_("Thủ tục"), queryset=Procedure.objects.all(), empty_label=_("Tất cả thủ tục")
    )
    channel = django_filters.ChoiceFilter(label=_("Hình thức"), choices=Channel.choices, empty_label=_("Tất cả"))
    responsible = django_filters.ModelChoiceFilter(
        label=_("Người chịu trách nhiệm"),
        queryset=get_user_model().objects.filter(is_active=True),
        empty_label=_("Tất cả"),
    )
    overdue = django_filters.BooleanFilter(
        label=_("Quá hạn"),
        method="filter_overdue",
        widget=forms.Select(choices=[("", _("Tất cả")), ("true", _("Đang quá hạn"))]),
    )
    # Days as ranges of instants (from the day's first local instant, before the next day's): a
    # ``received_at__date`` comparison converts every row's time and so reads the whole table.
    received_from = django_filters.DateFilter(
        label=_("Nhận từ ngày"), method="filter_received_from", widget=DateInput()
    )
    received_to = django_filters.DateFilter(label=_("đến ngày"), method="filter_received_to", widget=DateInput())

    class Meta:
        model = Dossier
        fields = ["q", "status", "procedure", "channel", "responsible", "overdue", "received_from", "received_to"]

    def filter_overdue(self, queryset, name, value):
        if value:
            # Paused dossiers wait for the investor; their clock is stopped.
            return queryset.filter(status=DossierStatus.IN_PROGRESS, due_at__lt=timezone.now())
        return queryset

    # The calendar's first and last days bound nothing, and as instants they fall outside the
    # calendar once moved to UTC (01/01/0001 at 00:00 in Vietnam is still year 0 in UTC).
    def filter_received_from(self, queryset, name, value):
        if value <= date.min + timedelta(days=1):
            return queryset
        return queryset.filter(received_at__gte=day_start(value))

    def filter_received_to(self, queryset, name, value):
        if value >= date.max - timedelta(days=1):
            return queryset
        return queryset.filter(received_at__lt=day_start(value + timedelta(days=1)))


def day_start(day: date) -> datetime:
    """The first instant of ``day`` in the current time zone (the one ``__date`` lookups use)."""
    return timezone.make_aware(datetime.combine(day, time.min))
