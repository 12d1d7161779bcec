"""The catalogue's filters."""

import django_filters
from django.utils.translation import gettext_lazy as _

from investdesk.core.filters import SearchFilterSet

from .choices import Authority, Field
from .models import Procedure


class ProcedureFilterSet(SearchFilterSet):
    field = django_filters.ChoiceFilter(label=_("Lĩnh vực"), choices=Field.choices, empty_label=_("Tất cả lĩnh vực"))
    authority = django_filters.ChoiceFilter(
        label=_("Cơ quan quyết định"), choices=Authority.choices, empty_label=_("Tất cả")
    )

    class Meta:
        model = Procedure
        fields = ["q", "field", "authority"]
