import django_filters
from django.utils.translation import gettext_lazy as _

from investdesk.core.filters import SearchFilterSet

from .choices import DocumentKind, DocumentStatus
from .models import LegalDocument


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
