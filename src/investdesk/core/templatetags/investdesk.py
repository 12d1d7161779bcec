"""Template helpers loaded in every template: icons, VND, Vietnamese numbers, badges."""

from django import template
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from investdesk.core.formatting import format_decimal, format_number, format_vnd

register = template.Library()


@register.simple_tag
def icon(name: str, css: str = ""):
    """An icon from the vendored Tabler sprite."""
    return format_html(
        # The size attributes are the fallback where a component's CSS sets width: auto.
        '<svg class="icon {}" width="20" height="20" aria-hidden="true"><use href="{}#{}"></use></svg>',
        css,
        static("vendor/tabler-icons/sprite.svg"),
        name,
    )


@register.filter
def vnd(value):
    """``1234567`` → ``1.234.567`` (whole đồng)."""
    return format_vnd(value)


@register.filter
def days(value):
    """Working days as people write them: 10, 0,5, 6,5."""
    return format_decimal(value)


@register.filter
def number(value, decimals=0):
    return format_number(value, int(decimals))


@register.simple_tag(takes_context=True)
def nav_active(context, *prefixes: str) -> str:
    """'active' when the current path is under one of the URL prefixes (for the navigation)."""
    request = context.get("request")
    path = request.path if request else ""
    return "active" if any(path.startswith(prefix) for prefix in prefixes) else ""


WEEKDAY_NAMES = [
    _("thứ Hai"),
    _("thứ Ba"),
    _("thứ Tư"),
    _("thứ Năm"),
    _("thứ Sáu"),
    _("thứ Bảy"),
    _("Chủ nhật"),
]


@register.filter
def weekday(value):
    """``date`` → "thứ Hai" … "Chủ nhật" (Django's own names read "Thứ 2" in Vietnamese)."""
    if not value:
        return ""
    return WEEKDAY_NAMES[value.weekday()]


@register.filter
def get_item(mapping, key):
    """``mapping[key]`` in a template (a missing key gives an empty string)."""
    try:
        return mapping.get(key, "")
    except AttributeError:
        return ""
