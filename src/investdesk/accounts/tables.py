"""List tables for people and divisions."""

import django_tables2 as tables
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from .choices import Role
from .models import Division, User

ROLE_LABELS = dict(Role.choices)


class PersonTable(tables.Table):
    full_name = tables.Column(verbose_name=_("Họ và tên"), linkify=True, order_by=("full_name", "id"))
    username = tables.Column(verbose_name=_("Tên đăng nhập"))
    position = tables.Column(verbose_name=_("Chức vụ"), order_by=("position__sort_order", "full_name"))
    division = tables.Column(verbose_name=_("Phòng"), order_by=("division__name", "full_name"))
    roles = tables.Column(verbose_name=_("Vai trò"), accessor="pk", orderable=False)
    phone = tables.Column(verbose_name=_("Điện thoại"), orderable=False)
    is_active = tables.BooleanColumn(verbose_name=_("Hoạt động"))

    class Meta:
        model = User
        fields = ["full_name", "username", "position", "division", "roles", "phone", "is_active"]
        attrs = {"data-testid": "person-table"}

    def render_roles(self, record):
        # Groups come from prefetch_related in the view: no query per row.
        return format_html_join(
            " ",
            '<span class="badge bg-blue-lt">{}</span>',
            ((ROLE_LABELS.get(group.name, group.name),) for group in record.groups.all()),
        ) or format_html('<span class="text-secondary">{}</span>', "—")


class DivisionTable(tables.Table):
    name = tables.Column(verbose_name=_("Tên phòng"), linkify=True)
    code = tables.Column(verbose_name=_("Mã"))
    department = tables.Column(verbose_name=_("Sở"))
    member_count = tables.Column(verbose_name=_("Số cán bộ"), attrs={"td": {"class": "num"}, "th": {"class": "num"}})
    is_active = tables.BooleanColumn(verbose_name=_("Hoạt động"))

    class Meta:
        model = Division
        fields = ["name", "code", "department", "member_count", "is_active"]
        attrs = {"data-testid": "division-table"}
