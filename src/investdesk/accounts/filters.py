"""List filters for people and divisions (one definition for the page and the API)."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from investdesk.core.forms import widget_css_class

from .choices import Role
from .models import Division, Position, User


class SearchFilterSet(django_filters.FilterSet):
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


class PersonFilterSet(SearchFilterSet):
    division = django_filters.ModelChoiceFilter(
        label=_("Phòng"), queryset=Division.objects.all(), empty_label=_("Tất cả phòng")
    )
    position = django_filters.ModelChoiceFilter(
        label=_("Chức vụ"), queryset=Position.objects.all(), empty_label=_("Tất cả chức vụ")
    )
    role = django_filters.ChoiceFilter(
        label=_("Vai trò"),
        choices=Role.choices,
        field_name="groups__name",
        empty_label=_("Tất cả vai trò"),
    )
    is_active = django_filters.BooleanFilter(
        label=_("Trạng thái"),
        widget=forms.Select(choices=[("", _("Tất cả")), ("true", _("Đang hoạt động")), ("false", _("Đã khóa"))]),
    )

    class Meta:
        model = User
        fields = ["q", "division", "position", "role", "is_active"]


class DivisionFilterSet(SearchFilterSet):
    class Meta:
        model = Division
        fields = ["q"]
