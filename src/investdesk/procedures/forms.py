"""Forms for uploading, drawing and approving process models."""

from django import forms
from django.utils.translation import gettext_lazy as _

from investdesk.core.forms import DateInput, StyledForm, VersionedModelForm

from .models import Procedure


class UploadForm(StyledForm):
    bpmn_file = forms.FileField(
        label=_("Tệp BPMN 2.0 (.bpmn, .xml)"),
        help_text=_("Mỗi bước là User Task có thuộc tính role và working_days; sơ đồ phải có tọa độ."),
    )
    difference_note = forms.CharField(
        label=_("Giải thích chênh lệch thời gian (nếu có)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )

    def clean_bpmn_file(self):
        upload = self.cleaned_data["bpmn_file"]
        if not upload.name.lower().endswith((".bpmn", ".xml")):
            raise forms.ValidationError(_("Chỉ nhận tệp .bpmn hoặc .xml."))
        if upload.size > 2 * 1024 * 1024:
            raise forms.ValidationError(_("Tệp quá lớn (tối đa 2 MB)."))
        data = upload.read()
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError as error:
            raise forms.ValidationError(_("Tệp phải là văn bản UTF-8.")) from error


class EditorForm(StyledForm):
    bpmn_xml = forms.CharField(widget=forms.HiddenInput)
    difference_note = forms.CharField(
        label=_("Giải thích chênh lệch thời gian (nếu có)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )


class ApproveForm(StyledForm):
    effective_from = forms.DateField(label=_("Hiệu lực từ ngày"), widget=DateInput())
    decision_number = forms.CharField(label=_("Số quyết định ban hành"), max_length=100, required=False)
    decision_date = forms.DateField(label=_("Ngày quyết định"), widget=DateInput(), required=False)
    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class ProcedureForm(VersionedModelForm):
    class Meta:
        model = Procedure
        fields = [
            "name",
            "field",
            "authority",
            "legal_basis",
            "statutory_days",
            "channel_online",
            "channel_direct",
            "channel_post",
            "fee",
            "components",
            "result_document",
            "forms",
            "sort_order",
            "division",
        ]
        widgets = {
            "legal_basis": forms.Textarea(attrs={"rows": 2}),
            "components": forms.Textarea(attrs={"rows": 6}),
            "forms": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "statutory_days": _(
                "Thời hạn của phiên bản mới; các phiên bản đã phê duyệt giữ thời hạn của văn bản khi ban hành."
            )
        }
