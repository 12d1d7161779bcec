"""Form rendering in the Tabler look, with errors under each field, and the shared form bases."""

from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.translation import gettext_lazy as _

from investdesk.core.exceptions import ConcurrentEditError, report_domain_error


class FormRenderer(DjangoTemplates):
    form_template_name = "core/forms/form.html"
    field_template_name = "core/forms/field.html"
    # Django's select renders each option through two included templates: a list's filter form
    # (a hundred-odd communes, countries, sectors) spent about a third of the page's CPU there.
    # The same markup, written inline for the standard option (other option templates still apply).
    replaced_templates = {"django/forms/widgets/select.html": "core/forms/widgets/select.html"}

    def get_template(self, template_name):
        return super().get_template(self.replaced_templates.get(template_name, template_name))


def widget_css_class(widget: forms.Widget) -> str:
    if isinstance(widget, forms.CheckboxInput | forms.RadioSelect | forms.CheckboxSelectMultiple):
        return "form-check-input"
    if isinstance(widget, forms.Select | forms.SelectMultiple):
        return "form-select"
    return "form-control"


class StyledFormMixin:
    """Adds Tabler's classes to every widget so templates render fields with ``{{ field }}``."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field.widget, forms.FileInput):
                field.widget.template_name = "core/forms/file_picker.html"
            css = widget_css_class(field.widget)
            if css:
                existing = field.widget.attrs.get("class", "")
                field.widget.attrs["class"] = f"{existing} {css}".strip()

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["class"] = f"{widget.attrs.get('class', '')} is-invalid".strip()
                widget.attrs["aria-invalid"] = "true"


class StyledForm(StyledFormMixin, forms.Form):
    pass


class StyledModelForm(StyledFormMixin, forms.ModelForm):
    pass


class VersionedModelForm(StyledModelForm):
    """Carries the row version it was read at, so the service can refuse a stale save."""

    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["expected_version"] = self.instance.version

    def clean(self):
        # An edit that does not say which version it read could overwrite a newer save: a conflict.
        cleaned = super().clean()
        if self.instance.pk and cleaned.get("expected_version") is None:
            raise forms.ValidationError(ConcurrentEditError.default_message, code="stale")
        return cleaned


class DateInput(forms.DateInput):
    """A dd/mm/yyyy text box (the browser's own date picker would show the OS locale)."""

    def __init__(self, attrs=None):
        super().__init__(attrs={"placeholder": _("dd/mm/yyyy"), **(attrs or {})}, format="%d/%m/%Y")


def apply_domain_error(form, error) -> None:
    """Shows a service's refusal on the form: under the field it names, else above the form."""
    report_domain_error(error, form=form)
