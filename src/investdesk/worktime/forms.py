"""Forms of the working calendar."""

from django import forms
from django.utils.translation import gettext_lazy as _

from investdesk.core.forms import DateInput, StyledForm, VersionedModelForm

from .choices import OverrideKind
from .models import OfficeHours


class OverrideForm(StyledForm):
    date = forms.DateField(label=_("Ngày"), widget=DateInput())
    kind = forms.ChoiceField(label=_("Loại"), choices=OverrideKind.choices)
    reason = forms.CharField(label=_("Lý do"), max_length=255)
    legal_reference = forms.CharField(
        label=_("Căn cứ"),
        max_length=255,
        required=False,
        help_text=_("Ví dụ: Công văn 12729/VPCP-KGVX"),
    )


class OfficeHoursForm(VersionedModelForm):
    class Meta:
        model = OfficeHours
        fields = ["morning_start", "morning_end", "afternoon_start", "afternoon_end"]
        widgets = {name: forms.TimeInput(format="%H:%M", attrs={"placeholder": "HH:MM"}) for name in fields}


class DueForm(StyledForm):
    """What the reception desk tells an investor: received at … + N working days = due …"""

    received_at = forms.DateTimeField(
        label=_("Tiếp nhận lúc"),
        input_formats=["%H:%M %d/%m/%Y", "%d/%m/%Y %H:%M", "%Y-%m-%dT%H:%M"],
        widget=forms.DateTimeInput(format="%H:%M %d/%m/%Y", attrs={"placeholder": "HH:MM dd/mm/yyyy"}),
        help_text=_("Ví dụ: 15:30 24/04/2026"),
    )
    working_days = forms.DecimalField(
        label=_("Số ngày làm việc"), min_value=0, max_value=3650, decimal_places=2, max_digits=6
    )
