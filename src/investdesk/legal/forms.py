from django import forms

from investdesk.core.forms import DateInput, VersionedModelForm

from .models import LegalDocument


class LegalDocumentForm(VersionedModelForm):
    class Meta:
        model = LegalDocument
        fields = [
            "number",
            "kind",
            "issuer",
            "title",
            "signed_on",
            "effective_from",
            "replaced_by",
            "summary",
            "link",
            "file",
            "procedures",
        ]
        widgets = {
            "signed_on": DateInput(),
            "effective_from": DateInput(),
            "summary": forms.Textarea(attrs={"rows": 4}),
            "procedures": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["replaced_by"].queryset = LegalDocument.objects.exclude(pk=self.instance.pk).order_by("number")
