"""Actions for risks, opportunities and objectives: the list, an action with its progress report
and evidence, its edit and history pages, and evidence files."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from investdesk.core import generic

from .. import services
from ..filters import ActionFilterSet
from ..forms import ActionForm, ActionReportForm, EvidenceForm
from ..models import Action, Evidence
from ..tables import ActionTable
from .common import InYear

TABS = generic.info_history_tabs("quality:action_history")


class ActionListView(generic.ObjectListView):
    model = Action
    table_class = ActionTable
    filterset_class = ActionFilterSet
    select_related = ("owner", "risk", "objective")
    title = gettext_lazy("Hành động xử lý rủi ro, thực hiện mục tiêu")

    def get_context_data(self, **kwargs):
        if services.can_manage(self.request.user):
            self.create_url = reverse("quality:action_new", args=[timezone.localdate().year])
            self.create_label = _("Thêm hành động")
        self.parents = [{"url": reverse("quality:home"), "label": _("Chất lượng")}]
        mine = reverse("quality:actions") + f"?owner={self.request.user.pk}"
        self.links = [{"url": mine, "icon": "user", "label": _("Việc của tôi")}]
        return super().get_context_data(**kwargs)


class ActionDetailView(generic.ObjectDetailView):
    """The action, and for its owner (or a manager) the form reporting progress."""

    model = Action
    select_related = ("plan", "owner", "risk", "objective")
    context_object_name = "action"
    template_name = "quality/action_detail.html"
    tabs = TABS
    title = gettext_lazy("Hành động")

    def get_extra_context(self, action):
        may_report = services.may_report(self.request.user, action)
        return {
            "plan": action.plan,
            "report_form": ActionReportForm(instance=action) if may_report else None,
            "evidence_form": EvidenceForm() if may_report else None,
            "evidence": action.evidence.select_related("added_by"),
            "can_manage": services.can_manage(self.request.user),
        }

    def post(self, request, *args, **kwargs):
        action = self.checked_object()
        if not services.may_report(request.user, action):
            raise PermissionDenied
        form = ActionReportForm(request.POST, instance=action)
        if form.is_valid() and generic.perform(
            request,
            lambda: services.report_action(
                request.user,
                form.instance,
                status=form.cleaned_data["status"],
                result=form.cleaned_data["result"],
                expected_version=form.cleaned_data["expected_version"],
            ),
            _("Đã cập nhật tiến độ."),
            form=form,
        ):
            return redirect(action)
        return render(request, self.template_name, self.get_context(action, report_form=form))


class ActionEditView(InYear, generic.ObjectEditView):
    model = Action
    form_class = ActionForm
    service = services.save_action
    template_name = "quality/form.html"
    success_message = _("Đã lưu hành động.")

    def get_queryset(self):
        return super().get_queryset().filter(plan=self.plan)

    def new_object(self):
        return Action(plan=self.plan)

    def get_form_kwargs(self, action):
        kwargs = super().get_form_kwargs(action)
        initial = {}
        if action.pk is None:
            for name in ("risk", "objective"):
                if self.request.GET.get(name, "").isdigit():
                    initial[name] = self.request.GET[name]
        return {**kwargs, "plan": self.plan, "initial": initial}

    def get_title(self, action):
        return _("Sửa hành động") if action.pk else _("Thêm hành động năm %(y)s") % {"y": self.plan.year}


@require_POST
def action_evidence(request, pk: int):
    action = get_object_or_404(Action.objects.restrict(request.user), pk=pk)
    form = EvidenceForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        generic.perform(
            request,
            lambda: services.add_evidence(
                request.user, action=action, title=data["title"], link=data["link"], upload=data["file"]
            ),
            _("Đã thêm bằng chứng."),
        )
    else:
        messages.error(request, _("Liên kết không hợp lệ."))
    return redirect(action)


class EvidenceFileView(generic.ObjectDownloadView):
    """A stored evidence file; every signed-in person reads the quality records."""

    model = Evidence
    file_field = "file"


class ActionHistoryView(generic.ObjectHistoryView):
    model = Action
    tabs = TABS
