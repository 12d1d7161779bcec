"""The base of every list's filterset: one definition read by the page and by the API."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from .forms import widget_css_class


class SearchFilterSet(django_filters.FilterSet):
    """A filterset with the free-text box ``q`` (the model's folded ``search``) and Tabler widgets.

    A list page (``ObjectListView.filterset_class``) and its API endpoint
    (``core.api.filter_rows``) use the same class, so a filter means the same thing in both.
    """

    q = django_filters.CharFilter(
        label=_("Tìm kiếm"),
        method="filter_search",
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Nhập từ khóa, không cần dấu")}),
    )

    def filter_search(self, queryset, name, value):
        return queryset.search(value)

    @property
    def form(self):
        form = super().form
        for field in form.fields.values():
            css = widget_css_class(field.widget)
            if css and css not in field.widget.attrs.get("class", ""):
                field.widget.attrs["class"] = f"{field.widget.attrs.get('class', '')} {css}".strip()
        return form


class FlagInput(forms.CheckboxInput):
    """A check box whose query-string value is read as people and programs write it: ``1``,
    ``true`` or ``on`` is yes, ``0`` or ``false`` no, anything else (or nothing) not asked."""

    VALUES = {"1": True, "true": True, "on": True, "0": False, "false": False}

    def value_from_datadict(self, data, files, name):
        value = data.get(name)
        return self.VALUES.get(value.lower()) if isinstance(value, str) else None


class FlagFilter(django_filters.BooleanFilter):
    """A yes/no filter shown as one check box (``?overdue=1``), the same for the page and the API."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", FlagInput)
        super().__init__(*args, **kwargs)
