"""Forms of the one-stop desk and of the people who handle dossiers."""

from django import forms
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from investdesk.core.forms import DateInput, StyledForm, widget_css_class
from investdesk.core.years import validate_date_in_range
from investdesk.procedures.choices import ProcessRole
from investdesk.procedures.models import Procedure

from . import access, import_sheet
from .assignees import assignment_candidates
from .choices import Channel, Result

DATETIME_FORMATS = ["%H:%M %d/%m/%Y", "%d/%m/%Y %H:%M", "%Y-%m-%dT%H:%M"]


class IntakeForm(StyledForm):
    procedure = forms.ModelChoiceField(
        label=_("Thủ tục"), queryset=Procedure.objects.all(), empty_label=_("— Chọn thủ tục —")
    )
    applicant_name = forms.CharField(label=_("Tổ chức, cá nhân nộp hồ sơ"), max_length=255)
    applicant_tax_code = forms.CharField(label=_("Mã số doanh nghiệp/thuế"), max_length=32, required=False)
    applicant_address = forms.CharField(label=_("Địa chỉ"), max_length=500, required=False)
    applicant_phone = forms.CharField(label=_("Điện thoại"), max_length=32, required=False)
    applicant_email = forms.EmailField(label=_("Thư điện tử"), required=False)
    channel = forms.ChoiceField(label=_("Hình thức nộp"), choices=Channel.choices, initial=Channel.DIRECT)
    received_at = forms.DateTimeField(
        label=_("Tiếp nhận lúc"),
        input_formats=DATETIME_FORMATS,
        widget=forms.DateTimeInput(format="%H:%M %d/%m/%Y", attrs={"placeholder": "HH:MM dd/mm/yyyy"}),
    )
    components = forms.MultipleChoiceField(
        label=_("Thành phần hồ sơ đã nhận"), widget=forms.CheckboxSelectMultiple, required=False, choices=[]
    )
    note = forms.CharField(label=_("Ghi chú"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    project = forms.CharField(
        label=_("Dự án đầu tư"),
        max_length=32,
        required=False,
        help_text=_("Mã số dự án; gõ mã số hoặc tên dự án, tên nhà đầu tư để tìm."),
        widget=forms.TextInput(attrs={"list": "intake-project-options", "autocomplete": "off"}),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is None or not access.can_name_project(user):
            del self.fields["project"]
        else:
            # Suggestions come from the projects this person reads, as they type.
            self.fields["project"].widget.attrs.update(
                {
                    "hx-get": reverse("projects:pick"),
                    "hx-trigger": "input changed delay:300ms",
                    "hx-target": "#intake-project-options",
                    "hx-swap": "innerHTML",
                }
            )
        if not self.is_bound:
            self.initial.setdefault("received_at", timezone.localtime().replace(second=0, microsecond=0))
        procedure = self._chosen_procedure()
        items = procedure.component_list if procedure else []
        self.fields["components"].choices = [(item, item) for item in items]
        self.fields["procedure"].widget.attrs.update(
            {
                "hx-get": "",
                "hx-trigger": "change",
                "hx-target": "#intake-components",
                "hx-select": "#intake-components",
                "hx-swap": "outerHTML",
                "hx-include": "this",
            }
        )

    def _chosen_procedure(self):
        value = self.data.get("procedure") if self.is_bound else self.initial.get("procedure")
        if isinstance(value, Procedure):
            return value
        try:
            return Procedure.objects.get(pk=int(value)) if value else None
        except (ValueError, Procedure.DoesNotExist):
            return None


class CompleteStepForm(StyledForm):
    valid = forms.TypedChoiceField(
        label=_("Hồ sơ hợp lệ?"),
        choices=[("yes", _("Hợp lệ, chuyển bước tiếp theo")), ("no", _("Chưa hợp lệ: yêu cầu bổ sung, hoàn thiện"))],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
        required=False,
    )
    needs_consultation = forms.BooleanField(label=_("Cần lấy ý kiến các cơ quan"), required=False)
    note = forms.CharField(
        label=_("Ghi chú / nội dung yêu cầu bổ sung"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    reply_by = forms.DateTimeField(
        label=_("Hạn nhà đầu tư bổ sung (nếu yêu cầu bổ sung)"),
        input_formats=DATETIME_FORMATS,
        widget=forms.DateTimeInput(format="%H:%M %d/%m/%Y", attrs={"placeholder": "HH:MM dd/mm/yyyy"}),
        required=False,
        help_text=_("Ghi trên phiếu yêu cầu bổ sung (Mẫu 02); để trống: 10 ngày làm việc kể từ khi yêu cầu."),
    )
    exception_reason = forms.CharField(
        label=_("Lý do yêu cầu bổ sung thêm lần nữa (chỉ lãnh đạo phòng)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    result = forms.ChoiceField(label=_("Kết quả giải quyết"), choices=[("", "—"), *Result.choices], required=False)
    result_number = forms.CharField(label=_("Số văn bản kết quả"), max_length=100, required=False)
    result_date = forms.DateField(label=_("Ngày văn bản"), widget=DateInput(), required=False)

    def __init__(self, *args, questions=(), wants_result=False, role="", **kwargs):
        super().__init__(*args, **kwargs)
        # The note box says what this kind of step writes in it.
        if role == ProcessRole.CONSULTED_AGENCY:
            self.fields["note"].label = _("Ý kiến của cơ quan (tóm tắt văn bản góp ý)")
        elif "valid" not in questions:
            self.fields["note"].label = _("Ghi chú")
        if "valid" not in questions:
            del self.fields["valid"]
            del self.fields["reply_by"]
            del self.fields["exception_reason"]
        else:
            self.fields["valid"].required = True
            self.initial.setdefault("valid", "yes")
        if "needs_consultation" not in questions:
            del self.fields["needs_consultation"]
        if not wants_result:
            for name in ("result", "result_number", "result_date"):
                del self.fields[name]

    def answers(self) -> dict[str, bool]:
        return {k: self.cleaned_data[k] for k in ("valid", "needs_consultation") if k in self.cleaned_data}


class ReassignForm(StyledForm):
    person = forms.ModelChoiceField(
        label=_("Giao cho"), queryset=get_user_model().objects.none(), empty_label=_("— Chọn người —")
    )
    reason = forms.CharField(label=_("Lý do"), max_length=255)

    def __init__(self, *args, step=None, candidates=None, **kwargs):
        """Offers only the people who can take ``step`` (``assignment_candidates``);
        ``candidates`` passes that list when a page already has it."""
        super().__init__(*args, **kwargs)
        field = self.fields["person"]
        if candidates is None:
            field.queryset = assignment_candidates(step.role, step.dossier) if step else get_user_model().objects.none()
        else:  # shown from the list already read; checked again against the same people
            field.queryset = get_user_model().objects.filter(pk__in=[person.pk for person in candidates])
            field.widget.choices = [("", field.empty_label), *((person.pk, str(person)) for person in candidates)]


class ReasonForm(StyledForm):
    reason = forms.CharField(label=_("Lý do / nội dung"), widget=forms.Textarea(attrs={"rows": 2}))


class ApologyForm(StyledForm):
    new_due_at = forms.DateTimeField(
        label=_("Hẹn trả mới"),
        input_formats=DATETIME_FORMATS,
        widget=forms.DateTimeInput(format="%H:%M %d/%m/%Y", attrs={"placeholder": "HH:MM dd/mm/yyyy"}),
    )
    sent_at = forms.DateTimeField(
        label=_("Gửi văn bản lúc"),
        input_formats=DATETIME_FORMATS,
        widget=forms.DateTimeInput(format="%H:%M %d/%m/%Y", attrs={"placeholder": "HH:MM dd/mm/yyyy"}),
        required=False,
        help_text=_("Để trống nếu gửi ngay bây giờ."),
    )
    reason = forms.CharField(label=_("Lý do chậm trễ"), widget=forms.Textarea(attrs={"rows": 2}))


class ExplanationForm(ReasonForm):
    reply_by = forms.DateTimeField(
        label=_("Hạn nhà đầu tư giải trình"),
        input_formats=DATETIME_FORMATS,
        widget=forms.DateTimeInput(format="%H:%M %d/%m/%Y", attrs={"placeholder": "HH:MM dd/mm/yyyy"}),
        required=False,
    )


class StopForm(ReasonForm):
    override = forms.BooleanField(
        label=_("Dừng vì lý do khác (nhà đầu tư chưa quá hạn bổ sung, giải trình)"), required=False
    )


class RefusalForm(StyledForm):
    procedure = forms.ModelChoiceField(
        label=_("Thủ tục"), queryset=Procedure.objects.all(), empty_label=_("— Chọn thủ tục —")
    )
    applicant_name = forms.CharField(label=_("Tổ chức, cá nhân nộp hồ sơ"), max_length=255)
    channel = forms.ChoiceField(label=_("Hình thức nộp"), choices=Channel.choices, initial=Channel.DIRECT)
    reason = forms.CharField(
        label=_("Lý do từ chối tiếp nhận"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Ví dụ: hồ sơ không thuộc thẩm quyền giải quyết của Sở Tài chính."),
    )


class DocumentForm(StyledForm):
    title = forms.CharField(label=_("Tên tài liệu"), max_length=255, required=False)
    file = forms.FileField(label=_("Tệp (PDF, Word, Excel, ảnh; tối đa 20 MB)"))


class PeriodForm(StyledForm):
    date_from = forms.DateField(label=_("Từ ngày"), widget=DateInput(), validators=[validate_date_in_range])
    date_to = forms.DateField(label=_("Đến ngày"), widget=DateInput(), validators=[validate_date_in_range])
    procedure = forms.ModelChoiceField(
        label=_("Thủ tục"), queryset=Procedure.objects.all(), required=False, empty_label=_("Tất cả thủ tục")
    )

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            self.add_error("date_to", _("Ngày cuối kỳ phải từ ngày đầu kỳ trở đi."))
        return data


class ImportUploadForm(StyledForm):
    file = forms.FileField(
        label=_("Tệp .xlsx xuất từ hệ thống một cửa"),
        help_text=_("Dòng đầu là tên cột; mỗi dòng sau là một hồ sơ. Tối đa 100.000 hồ sơ, 20 MB."),
    )


class ImportMappingForm(StyledForm):
    """One choice per field of the import: which of the file's columns holds it."""

    def __init__(self, *args, record, **kwargs):
        super().__init__(*args, **kwargs)
        columns = [("", _("— không có —"))] + [
            (str(i), heading or f"#{i + 1}") for i, heading in enumerate(record.headings)
        ]
        for target in import_sheet.TARGETS:
            current = record.mapping.get(target.name)
            self.fields[target.name] = forms.ChoiceField(
                label=target.label,
                choices=columns,
                required=target.required,
                initial="" if current is None else str(current),
            )
            self.fields[target.name].widget.attrs["class"] = widget_css_class(self.fields[target.name].widget)

    def mapping(self) -> dict:
        return {name: (int(value) if value != "" else None) for name, value in self.cleaned_data.items()}
