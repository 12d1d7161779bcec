"""Filters of the quality lists."""

import django_filters
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from investdesk.core.filters import SearchFilterSet

from .choices import OPEN_ACTION_STATUSES, ActionStatus, DocumentKind, DocumentStatus
from .models import Action, LegalDocument, QualityYear


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
        late = Q(status__in=OPEN_ACTION_STATUSES, due_on__lt=timezone.localdate())
        return queryset.filter(late) if value else queryset.exclude(late)


class LegalDocumentFilterSet(SearchFilterSet):
    kind = django_filters.ChoiceFilter(label=_("Loại"), choices=DocumentKind.choices, empty_label=_("Tất cả"))
    state = django_filters.ChoiceFilter(
        label=_("Tình trạng"), choices=DocumentStatus.choices, empty_label=_("Tất cả"), method="filter_state"
    )

    class Meta:
        model = LegalDocument
        fields = ["q", "kind", "state"]

    def filter_state(self, queryset, name, value):
        readers = {
            DocumentStatus.PENDING: queryset.pending,
            DocumentStatus.REPLACED: queryset.replaced,
            DocumentStatus.IN_FORCE: queryset.in_force,
        }
        return readers[value]() if value in readers else queryset
