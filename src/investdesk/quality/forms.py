"""Forms of the quality records."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from investdesk.core.forms import DateInput, StyledForm, VersionedModelForm

from .choices import ActionStatus
from .models import Action, Objective, QualityYear, Risk

ONE_TO_FIVE = [(n, str(n)) for n in range(1, 6)]


def active_people():
    return get_user_model().objects.filter(is_active=True).order_by("full_name")


class QualityYearForm(VersionedModelForm):
    class Meta:
        model = QualityYear
        fields = [
            "low_max",
            "medium_max",
            "place",
            "signer_title",
            "signer_name",
            "objectives_issued_on",
            "register_issued_on",
        ]
        widgets = {"objectives_issued_on": DateInput(), "register_issued_on": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.bands_fixed:
            for name in ("low_max", "medium_max"):
                self.fields[name].disabled = True
                self.fields[name].help_text = _("Bảng rủi ro đã ban hành: thang mức cố định cho cả năm.")


class RiskForm(VersionedModelForm):
    likelihood = forms.TypedChoiceField(
        label=_("Khả năng xảy ra (P)"), choices=[("", "—"), *ONE_TO_FIVE], coerce=int, required=False, empty_value=None
    )
    severity = forms.TypedChoiceField(
        label=_("Mức độ tác động (S)"), choices=[("", "—"), *ONE_TO_FIVE], coerce=int, required=False, empty_value=None
    )
    comment = forms.CharField(
        label=_("Nhận xét khi đổi P, S"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Ghi vào lịch sử rà soát nếu P hoặc S thay đổi."),
    )

    class Meta:
        model = Risk
        fields = [
            "section",
            "number",
            "kind",
            "is_heading",
            "title",
            "likelihood",
            "severity",
            "written_level",
            "opportunity",
            "action_plan",
            "related_units",
            "treatment",
            "notes",
        ]
        widgets = {
            "title": forms.Textarea(attrs={"rows": 4}),
            "opportunity": forms.Textarea(attrs={"rows": 2}),
            "action_plan": forms.Textarea(attrs={"rows": 4}),
            "related_units": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }


class RiskReviewForm(StyledForm):
    likelihood = forms.TypedChoiceField(label=_("Khả năng xảy ra (P)"), choices=ONE_TO_FIVE, coerce=int)
    severity = forms.TypedChoiceField(label=_("Mức độ tác động (S)"), choices=ONE_TO_FIVE, coerce=int)
    reviewed_on = forms.DateField(label=_("Ngày rà soát"), widget=DateInput())
    comment = forms.CharField(label=_("Nhận xét"), widget=forms.Textarea(attrs={"rows": 3}))


class ObjectiveForm(VersionedModelForm):
    class Meta:
        model = Objective
        fields = [
            "number",
            "title",
            "measurement",
            "means",
            "starts_on",
            "finishes_on",
            "finish_text",
            "indicator",
            "target",
            "owner",
        ]
        widgets = {
            "title": forms.Textarea(attrs={"rows": 3}),
            "measurement": forms.Textarea(attrs={"rows": 3}),
            "means": forms.Textarea(attrs={"rows": 6}),
            "starts_on": DateInput(),
            "finishes_on": DateInput(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = active_people()


class MilestoneForm(StyledForm):
    title = forms.CharField(label=_("Mốc công việc"), max_length=500)
    due_on = forms.DateField(label=_("Hạn"), widget=DateInput(), required=False)


class ObjectiveReviewForm(StyledForm):
    quarter = forms.TypedChoiceField(label=_("Quý"), choices=[(q, f"Quý {q}") for q in range(1, 5)], coerce=int)
    comment = forms.CharField(label=_("Nhận xét"), widget=forms.Textarea(attrs={"rows": 3}))


class EvidenceForm(StyledForm):
    title = forms.CharField(label=_("Tên bằng chứng"), max_length=255, required=False)
    link = forms.URLField(label=_("Liên kết"), required=False, assume_scheme="https")
    file = forms.FileField(label=_("Hoặc tệp (PDF, Word, Excel, ảnh; tối đa 20 MB)"), required=False)


class ActionForm(VersionedModelForm):
    class Meta:
        model = Action
        fields = ["title", "owner", "due_on", "risk", "objective", "status", "result"]
        widgets = {
            "title": forms.Textarea(attrs={"rows": 3}),
            "due_on": DateInput(),
            "result": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, plan: QualityYear, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = active_people()
        self.fields["risk"].queryset = plan.risks.assessed()
        self.fields["objective"].queryset = plan.objectives.all()


class ActionReportForm(VersionedModelForm):
    class Meta:
        model = Action
        fields = ["status", "result"]
        widgets = {"result": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = ActionStatus.choices
