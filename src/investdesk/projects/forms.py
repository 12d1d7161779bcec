"""Forms of the project database; every edit form carries the row version it was read at."""

from django import forms
from django.utils.translation import gettext_lazy as _

from investdesk.core.forms import DateInput, StyledForm, VersionedModelForm, widget_css_class

from .choices import commune_choices
from .models import DecisionVersion, Inspection, Investor, InvestorReport, Milestone, Project


class ProjectForm(VersionedModelForm):
    commune = forms.ChoiceField(label=_("Xã, phường, đặc khu"), choices=())

    class Meta:
        model = Project
        fields = [
            "code",
            "name",
            "investor",
            "kind",
            "sector",
            "status",
            "commune",
            "address",
            "latitude",
            "longitude",
            "land_area_ha",
            "total_capital_vnd",
            "contributed_capital_vnd",
            "mobilised_capital_vnd",
            "total_capital_usd",
            "deposit_vnd",
            "term_years",
            "registered_on",
            "objectives",
            "scale",
            "incentives",
            "officer",
        ]
        widgets = {
            "registered_on": DateInput(),
            "objectives": forms.Textarea(attrs={"rows": 2}),
            "scale": forms.Textarea(attrs={"rows": 2}),
            "incentives": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commune"].choices = [("", "---------"), *commune_choices()]
        self.fields["investor"].queryset = Investor.objects.filter(merged_into__isnull=True)
        if self.instance.pk:
            # The national project code is the project's identity for life (and the import's key).
            self.fields["code"].disabled = True


class InvestorForm(VersionedModelForm):
    class Meta:
        model = Investor
        fields = ["name", "kind", "country", "enterprise_code", "address", "legal_representative", "phone", "email"]


class DecisionForm(VersionedModelForm):
    class Meta:
        model = DecisionVersion
        fields = [
            "kind",
            "reference",
            "decided_on",
            "changes_capital",
            "changes_schedule",
            "changes_investor",
            "changes_location",
            "total_capital_vnd",
            "summary",
        ]
        widgets = {"decided_on": DateInput(), "summary": forms.Textarea(attrs={"rows": 3})}


class MilestoneForm(VersionedModelForm):
    class Meta:
        model = Milestone
        fields = ["kind", "phase", "committed_on", "actual_on", "exempt_months", "exemption_reason", "exemption_note"]
        widgets = {
            "committed_on": DateInput(),
            "actual_on": DateInput(),
            "exemption_note": forms.Textarea(attrs={"rows": 2}),
        }


class ReportForm(VersionedModelForm):
    class Meta:
        model = InvestorReport
        fields = [
            "kind",
            "year",
            "period",
            "received_on",
            "realised_capital_vnd",
            "revenue_vnd",
            "export_usd",
            "import_usd",
            "labour",
            "taxes_vnd",
            "note",
        ]
        widgets = {"received_on": DateInput(), "note": forms.Textarea(attrs={"rows": 2})}


class InspectionForm(VersionedModelForm):
    class Meta:
        model = Inspection
        fields = ["kind", "inspected_on", "findings", "violations", "handling", "follow_up", "follow_up_due"]
        widgets = {
            "inspected_on": DateInput(),
            "follow_up_due": DateInput(),
            "findings": forms.Textarea(attrs={"rows": 3}),
            "violations": forms.Textarea(attrs={"rows": 2}),
            "handling": forms.Textarea(attrs={"rows": 2}),
            "follow_up": forms.Textarea(attrs={"rows": 2}),
        }


class ImportForm(StyledForm):
    file = forms.FileField(label=_("Tệp Excel (.xlsx) theo mẫu"))


class ImportMappingForm(StyledForm):
    """One choice per column of the import: which of the file's columns holds it."""

    def __init__(self, *args, record, **kwargs):
        from .imports import COLUMNS

        super().__init__(*args, **kwargs)
        columns = [("", _("— không có —"))] + [(str(i), heading) for i, heading in enumerate(record.headings)]
        for column in COLUMNS:
            current = record.mapping.get(column.name)
            self.fields[column.name] = forms.ChoiceField(
                label=column.label,
                choices=columns,
                required=column.required,
                initial="" if current is None else str(current),
            )
            self.fields[column.name].widget.attrs["class"] = widget_css_class(self.fields[column.name].widget)

    def mapping(self) -> dict:
        return {name: (int(value) if value != "" else None) for name, value in self.cleaned_data.items()}


class SavedFilterForm(StyledForm):
    name = forms.CharField(label=_("Tên bộ lọc"), max_length=100)
    shared_with = forms.ModelChoiceField(
        label=_("Chia sẻ với nhóm"), queryset=None, required=False, empty_label=_("Không chia sẻ")
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["shared_with"].queryset = user.groups.order_by("name")


class MergeForm(StyledForm):
    duplicate = forms.ModelChoiceField(
        label=_("Nhà đầu tư trùng (sẽ gộp vào bản ghi này)"), queryset=Investor.objects.none()
    )

    def __init__(self, *args, keep=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["duplicate"].queryset = Investor.objects.filter(merged_into__isnull=True).exclude(pk=keep.pk)
