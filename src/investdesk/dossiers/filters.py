"""Filters of the dossier list."""

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
    received_from = django_filters.DateFilter(
        label=_("Nhận từ ngày"), field_name="received_at", lookup_expr="date__gte", widget=DateInput()
    )
    received_to = django_filters.DateFilter(
        label=_("đến ngày"), field_name="received_at", lookup_expr="date__lte", widget=DateInput()
    )

    class Meta:
        model = Dossier
        fields = ["q", "status", "procedure", "channel", "responsible", "overdue", "received_from", "received_to"]

    def filter_overdue(self, queryset, name, value):
        if value:
            # Paused dossiers wait for the investor; their clock is stopped.
            return queryset.filter(status=DossierStatus.IN_PROGRESS, due_at__lt=timezone.now())
        return queryset
