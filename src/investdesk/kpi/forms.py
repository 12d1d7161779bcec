"""Forms of the KPI pages: items, their assessment and adjustments, scores, the year's rule."""

from datetime import datetime, time

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from investdesk.core.forms import DateInput, StyledForm, StyledModelForm, VersionedModelForm

from .models import ScoringRule, WorkItem


def end_of_day(day):
    """A deadline given as a day means the end of that day's office hours."""
    return datetime.combine(day, time(17, 0), timezone.get_current_timezone()) if day else None


class ItemForm(StyledModelForm):
    deadline_on = forms.DateField(label=_("Hạn hoàn thành"), widget=DateInput, required=False)

    class Meta:
        model = WorkItem
        fields = ["title", "source", "weight", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].choices = [
            choice for choice in self.fields["source"].choices if choice[0] != "dossier_step"
        ]


class AssessForm(VersionedModelForm):
    class Meta:
        model = WorkItem
        fields = ["quality", "has_error", "is_late", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}


class AdjustmentForm(StyledForm):
    weight = forms.DecimalField(
        label=_("Trọng số đề nghị"), required=False, min_value=0, max_digits=6, decimal_places=2
    )
    deadline_on = forms.DateField(label=_("Hạn đề nghị"), widget=DateInput, required=False)
    withdraw = forms.BooleanField(label=_("Đề nghị rút khỏi kỳ"), required=False)
    reason = forms.CharField(label=_("Lý do"), widget=forms.Textarea(attrs={"rows": 2}))


class ScoresForm(StyledForm):
    """One box per general criterion of the year's rule, a comment, and the version read."""

    comment = forms.CharField(label=_("Nhận xét"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    expected_version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, criteria=(), initial_scores=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.codes = []
        for criterion in criteria:
            name = f"score_{criterion.code}"
            self.codes.append((name, criterion.code))
            self.fields[name] = forms.DecimalField(
                label=f"{criterion.name} (≤ {criterion.maximum})",
                min_value=0,
                max_value=criterion.maximum,
                decimal_places=2,
                initial=(initial_scores or {}).get(criterion.code),
            )
        self.order_fields([name for name, _code in self.codes] + ["comment", "expected_version"])

    def scores(self) -> dict:
        return {code: self.cleaned_data[name] for name, code in self.codes}


class DecisionForm(StyledForm):
    comment = forms.CharField(label=_("Ý kiến"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    expected_version = forms.IntegerField(widget=forms.HiddenInput)


class RuleForm(VersionedModelForm):
    class Meta:
        model = ScoringRule
        fields = [
            "frequency",
            "general_max",
            "task_max",
            "late_penalty",
            "error_penalty",
            "excellent_min",
            "excellent_strict",
            "good_min",
            "good_strict",
            "completed_min",
            "completed_strict",
            "quota_percent",
            "year_rating",
            "cutoff_day",
            "cutoff_month",
            "criteria",
        ]
        widgets = {"criteria": forms.Textarea(attrs={"rows": 8})}

    def clean(self):
        from investdesk.core.exceptions import DomainError

        from .services import check_cutoff

        cleaned = super().clean()
        if cleaned.get("cutoff_month") is not None and cleaned.get("cutoff_day") is not None:
            try:
                check_cutoff(cleaned["cutoff_month"], cleaned["cutoff_day"])
            except DomainError as error:
                self.add_error("cutoff_month", str(error))
        return cleaned


class TemplateForm(StyledForm):
    name = forms.CharField(label=_("Tên mẫu"), max_length=200, required=False)
    file = forms.FileField(label=_("Tệp mẫu (.docx hoặc .xlsx)"))
