"""The select widget written inline renders exactly what Django's templates render."""

from django import forms
from django.forms.renderers import DjangoTemplates

from investdesk.core.forms import FormRenderer

CHOICES = [
    ("", "Tất cả"),
    ("vn", "Việt Nam"),
    ("Châu Á", [("jp", "Nhật Bản"), ("kr", 'Hàn "Quốc" & <Triều Tiên>')]),
    (3, "ba"),
]


class Custom(forms.Select):
    option_template_name = "django/forms/widgets/input_option.html"


def test_the_inline_select_renders_as_django_does():
    widgets = [
        forms.Select(choices=CHOICES, attrs={"class": "form-select", "data-x": "1"}),
        forms.SelectMultiple(choices=CHOICES),
        forms.NullBooleanSelect(),
        Custom(choices=CHOICES),
    ]
    for widget in widgets:
        values = [["vn", "kr"], ["3"], []] if widget.allow_multiple_selected else ["", "kr", 3, None, True]
        for value in values:
            ours = widget.render("field", value, renderer=FormRenderer())
            django = widget.render("field", value, renderer=DjangoTemplates())
            assert ours == django
            assert ours.startswith('<select name="field"')
