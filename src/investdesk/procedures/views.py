"""The procedure catalogue: list, procedure and version pages, sheets, upload, editor, approval."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from investdesk.core import generic
from investdesk.core.downloads import DOCX
from investdesk.core.views import ObjectListView

from . import services
from .choices import ProcessRole
from .filters import ProcedureFilterSet
from .forms import ApproveForm, EditorForm, ProcedureForm, UploadForm
from .models import Procedure, ProcedureVersion
from .sheet import build_sheet
from .tables import ProcedureTable


class ProcedureListView(ObjectListView):
    model = Procedure
    table_class = ProcedureTable
    filterset_class = ProcedureFilterSet

    def get_context_data(self, **kwargs):
        self.title = _("Danh mục thủ tục hành chính")
        return super().get_context_data(**kwargs)


def _procedure(request, code):
    return get_object_or_404(Procedure.objects.restrict(request.user), code=code)


def _version(request, code, number):
    procedure = _procedure(request, code)
    return get_object_or_404(ProcedureVersion.objects.select_related("procedure"), procedure=procedure, number=number)


def _version_context(request, version: ProcedureVersion) -> dict:
    steps = list(version.steps.all())
    can_manage = request.user.has_perm("procedures.manage_procedures")
    return {
        "procedure": version.procedure,
        "version": version,
        "steps": steps,
        "roles": dict(ProcessRole.choices),
        "can_manage": can_manage,
        "approve_form": ApproveForm(initial={"expected_version": version.version}) if can_manage else None,
    }


def procedure_detail(request, code: str):
    procedure = _procedure(request, code)
    today = timezone.localdate()
    current = procedure.version_at(today) or procedure.versions.order_by("-number").first()
    context = _version_context(request, current) if current else {"procedure": procedure, "steps": []}
    context.update(
        title=procedure.name,
        versions=procedure.versions.order_by("-number"),
        in_force=current,
    )
    return render(request, "procedures/detail.html", context)


def version_detail(request, code: str, number: int):
    version = _version(request, code, number)
    context = _version_context(request, version)
    context.update(title=f"{version.procedure.name} – {_('phiên bản')} {version.number}")
    return render(request, "procedures/version.html", context)


class VersionFileView(generic.ObjectDownloadView):
    """A version's file, named after its procedure and number."""

    model = ProcedureVersion

    def get_object(self):
        return _version(self.request, self.kwargs["code"], self.kwargs["number"])


class VersionBpmnView(VersionFileView):
    content_type = "application/xml; charset=utf-8"
    filename = "{obj.procedure.code}-v{obj.number}.bpmn"

    def get_content(self, version):
        return version.bpmn_xml


class VersionSheetView(VersionFileView):
    content_type = DOCX
    filename = "quy-trinh-{obj.procedure.code}-v{obj.number}.docx"

    def get_content(self, version):
        return build_sheet(version)


class ProcedureEditView(generic.ObjectEditView):
    model = Procedure
    form_class = ProcedureForm
    service = services.save_procedure
    permission_required = "procedures.manage_procedures"
    lookup_field = "code"
    context_object_name = "procedure"
    template_name = "procedures/procedure_form.html"
    title = gettext_lazy("Sửa thông tin thủ tục")
    success_message = gettext_lazy("Đã lưu thông tin thủ tục.")


@permission_required("procedures.manage_procedures", raise_exception=True)
def version_upload(request, code: str):
    procedure = _procedure(request, code)
    form = UploadForm(request.POST or None, request.FILES or None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            version = services.create_version(
                request.user,
                procedure,
                form.cleaned_data["bpmn_file"],
                difference_note=form.cleaned_data["difference_note"],
            )
        except services.ModelRejected as error:
            errors = error.messages
        else:
            messages.success(request, _("Đã tạo bản nháp phiên bản %(n)s.") % {"n": version.number})
            return redirect(version)
    return render(
        request,
        "procedures/upload.html",
        {
            "procedure": procedure,
            "form": form,
            "model_errors": errors,
            "title": _("Tải lên mô hình BPMN"),
        },
    )


@permission_required("procedures.manage_procedures", raise_exception=True)
def version_editor(request, code: str, number: int):
    """The modeler opened on a version; saving makes a new draft (approved versions never change)."""
    version = _version(request, code, number)
    form = EditorForm(request.POST or None, initial={"bpmn_xml": version.bpmn_xml})
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            new = services.create_version(
                request.user,
                version.procedure,
                form.cleaned_data["bpmn_xml"],
                difference_note=form.cleaned_data["difference_note"],
                statutory_days=version.statutory_days,
            )
        except services.ModelRejected as error:
            errors = error.messages
        else:
            messages.success(request, _("Đã lưu thành bản nháp phiên bản %(n)s.") % {"n": new.number})
            return redirect(new)
    xml = form.data.get("bpmn_xml") if form.is_bound else version.bpmn_xml
    return render(
        request,
        "procedures/editor.html",
        {
            "procedure": version.procedure,
            "version": version,
            "form": form,
            "xml": xml,
            "model_errors": errors,
            "roles": ProcessRole.choices,
            "title": _("Soạn thảo sơ đồ: %(name)s") % {"name": version.procedure.name},
        },
    )


@require_POST
@permission_required("procedures.manage_procedures", raise_exception=True)
def version_approve(request, code: str, number: int):
    version = _version(request, code, number)
    form = ApproveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Hãy nhập ngày hiệu lực dạng dd/mm/yyyy."))
        return redirect(version)
    data = form.cleaned_data
    generic.perform(
        request,
        lambda: services.approve_version(
            request.user,
            version,
            effective_from=data["effective_from"],
            decision_number=data["decision_number"],
            decision_date=data["decision_date"],
            expected_version=data["expected_version"],
        ),
        _("Đã phê duyệt phiên bản %(n)s, hiệu lực từ %(d)s.")
        % {"n": version.number, "d": data["effective_from"].strftime("%d/%m/%Y")},
    )
    return redirect(reverse("procedures:version", args=[code, number]))
