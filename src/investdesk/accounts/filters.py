"""List filters for people and divisions (one definition for the page and the API)."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from investdesk.core.filters import SearchFilterSet

from .choices import Role
from .models import Division, Position, User


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
