from decimal import Decimal

import pytest

from investdesk.core.formatting import format_number, format_vnd


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0, "0"),
        (999, "999"),
        (1000, "1.000"),
        (1234567, "1.234.567"),
        (Decimal("2500000000000"), "2.500.000.000.000"),
        (-1234567, "-1.234.567"),
        (Decimal("1234.6"), "1.235"),
        (None, ""),
    ],
)
def test_vnd(value, expected):
    assert format_vnd(value) == expected


def test_decimals_use_a_comma():
    assert format_number(Decimal("1234.5"), 1) == "1.234,5"
    assert format_number(Decimal("0.25"), 2) == "0,25"


def test_template_filter(rf):
    from django.template import Context, Template

    html = Template("{{ amount|vnd }} đồng").render(Context({"amount": 1234567}))
    assert html == "1.234.567 đồng"
