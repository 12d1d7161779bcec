"""Pages of the one-stop desk and of dossier handling."""

from datetime import date
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, F, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from investdesk.core import generic
from investdesk.core.downloads import DOCX, XLSX, attachment, stored_file
from investdesk.core.exceptions import DomainError, report_domain_error
from investdesk.core.jobs import with_live_progress
from investdesk.core.views import ObjectListView
from investdesk.core.years import year_in_range, year_range_message
from investdesk.procedures.choices import ProcessRole
from investdesk.procedures.models import Procedure

from . import access, reports, services, stats
from .assignees import ASSIGNABLE_ROLES, assignment_candidates, dossier_division_id, holds_process_role
from .choices import Channel, DossierStatus, PauseKind
from .filters import DossierFilterSet
from .forms import (
    ApologyForm,
    CompleteStepForm,
    DocumentForm,
    ExplanationForm,
    ImportMappingForm,
    ImportUploadForm,
    IntakeForm,
    PeriodForm,
    ReasonForm,
    ReassignForm,
    RefusalForm,
    StopForm,
)
from .history import step_notes
from .models import DefaultAssignee, Dossier, DossierDocument, ReceiptRefusal, Step, at_risk_condition
from .receipt import build_receipt
from .rules import stored_risk
from .tables import DossierTable

RESULT_ROLES = {ProcessRole.DEPARTMENT_LEADER, ProcessRole.PPC_CHAIRMAN}


class DossierListView(ObjectListView):
    model = Dossier
    table_class = DossierTable
    filterset_class = DossierFilterSet
    title = gettext_lazy("Hồ sơ thủ tục hành chính")
    export_label = gettext_lazy("Sổ theo dõi (Mẫu 07)")

    def get_queryset(self):
        # The workflow's saved state is kilobytes of JSON per dossier that no list column reads; a
        # page's keys are sorted before its rows are read (a broad search selects thousands).
        return (
            super()
            .get_queryset()
            .select_related("procedure", "responsible")
            .defer("workflow_state", "components_received", "search_key")
            .keyed_pages()
        )

    # Sổ theo dõi hồ sơ (Mẫu 07): the dossiers the filters select, as a spreadsheet.
    export_filename = "so-theo-doi-ho-so.xlsx"
    export_ordering = ("received_at", "pk")
    export_limit = reports.REGISTER_LIMIT

    def may_export(self) -> bool:
        return access.sees_dossiers(self.request.user)

    def export_rows(self):
        return super().export_rows().only(*reports.REGISTER_FIELDS)

    def build_export(self, rows) -> bytes:
        return reports.build_register(rows)

    def get_context_data(self, **kwargs):
        if access.receives_dossiers(self.request.user):
            self.create_url = reverse("dossiers:intake")
            self.create_label = _("Tiếp nhận hồ sơ")
        if access.can_import(self.request.user):
            self.links = [{"url": reverse("dossiers:imports"), "icon": "upload", "label": _("Nhập hồ sơ cũ")}]
        return {**super().get_context_data(**kwargs), "scope_note": dossier_scope_note(self.request.user)}


def dossier_scope_note(user) -> str:
    """What part of the dossiers the list shows this person, where it is not all of them, so an
    empty list reads as "not yours to see" rather than "no data"."""
    if not access.sees_dossiers(user):
        return _(
            "Vai trò của bạn (%(roles)s) chỉ xem số liệu tổng hợp và báo cáo, không xem từng hồ sơ. "
            "Hãy mở Báo cáo định kỳ hoặc Theo dõi đúng hạn trong menu Báo cáo."
        ) % {"roles": ", ".join(user.role_labels) or _("chưa có vai trò")}
    if access.sees_all_dossiers(user):
        return ""
    if access.led_division(user):
        return _(
            "Danh sách gồm các hồ sơ của phòng bạn và các hồ sơ bạn chịu trách nhiệm hoặc được giao một bước xử lý."
        )
    return _("Danh sách gồm các hồ sơ bạn chịu trách nhiệm hoặc được giao một bước xử lý.")


@permission_required("dossiers.receive_dossier", raise_exception=True)
def intake(request):
    initial = {"procedure": request.GET.get("procedure")} if request.method == "GET" else None
    form = IntakeForm(request.POST or None, initial=initial, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            dossier = services.receive_dossier(
                request.user,
                procedure=data["procedure"],
                applicant_name=data["applicant_name"],
                applicant_tax_code=data["applicant_tax_code"],
                applicant_address=data["applicant_address"],
                applicant_phone=data["applicant_phone"],
                applicant_email=data["applicant_email"],
                channel=data["channel"],
                received_at=data["received_at"],
                components=data["components"],
                note=data["note"],
                project_code=data.get("project", ""),
            )
        except DomainError as error:
            report_domain_error(error, form=form)
        else:
            messages.success(
                request,
                _("Đã tiếp nhận hồ sơ %(code)s; hẹn trả %(due)s.")
                % {"code": dossier.code, "due": timezone.localtime(dossier.due_at).strftime("%H:%M %d/%m/%Y")},
            )
            return redirect(dossier)
    return render(request, "dossiers/intake.html", {"form": form, "title": _("Tiếp nhận hồ sơ")})


def _dossier(request, pk):
    return get_object_or_404(
        Dossier.objects.restrict(request.user).select_related(
            "procedure", "procedure_version", "responsible", "received_by"
        ),
        pk=pk,
    )


# The dossier's pages: the information (with its actions) and the history of changes.
TABS = (
    generic.Tab("info", gettext_lazy("Hồ sơ")),
    generic.Tab("history", generic.HISTORY_LABEL, "dossiers:history"),
)


class DossierPage:
    """What the dossier's generic pages share: the row read through ``restrict`` with what every
    page shows of it, the tabs, the title."""

    model = Dossier
    tabs = TABS
    context_object_name = "dossier"
    select_related = ("procedure", "procedure_version", "responsible", "received_by", "project")

    def get_title(self, dossier) -> str:
        return _("Hồ sơ %(code)s") % {"code": dossier.code}


def step_form(step: Step, dossier: Dossier, data=None) -> CompleteStepForm:
    """The form to complete ``step``: its gateway's questions, and the result where it is decided
    (a leader's or the chairman's step, or the last step of the process)."""
    last = dossier.procedure_version.steps.filter(in_loop=False).order_by("-order").values_list("element_id", flat=True)
    wants_result = not dossier.result and (step.role in RESULT_ROLES or step.element_id == last.first())
    return CompleteStepForm(
        data, prefix=f"s{step.pk}", questions=services.questions_for(step), wants_result=wants_result, role=step.role
    )


class DossierDetailView(DossierPage, generic.ObjectDetailView):
    """The dossier, its steps and pauses, and the actions this person may take on it: each button
    is shown by the predicate (``access``) the service checks when it is pressed."""

    template_name = "dossiers/detail.html"

    def get_extra_context(self, dossier) -> dict:
        user = self.request.user
        steps = list(dossier.steps.select_related("assignee", "finished_by").order_by("started_at", "id"))
        actions = [
            {"step": step, "form": step_form(step, dossier)}
            for step in steps
            if step.is_open and access.can_complete(user, step)
        ]
        can_assign = access.assigns_work(user)
        assignable = set(Step.objects.restrict(user, "assign").filter(dossier=dossier).values_list("pk", flat=True))
        for step in steps:
            step.reassign_form = ReassignForm(step=step) if step.is_open and step.pk in assignable else None
        is_open = dossier.is_open
        waiting_explanation = dossier.pauses.filter(ended_at__isnull=True, kind=PauseKind.EXPLANATION).exists()
        more_actions = {
            "explain": is_open
            and not waiting_explanation
            and dossier.status != DossierStatus.PAUSED
            and access.can_request_explanation(user, dossier),
            "explained": is_open and waiting_explanation and access.can_receive_explanation(user, dossier),
            "apology": is_open and access.can_extend_with_apology(user, dossier),
            "withdraw": is_open and access.can_withdraw(user, dossier),
            "stop": is_open and access.can_stop(user, dossier),
            "missed_reply": services.missed_reply(dossier) if is_open else None,
        }
        return {
            "procedure": dossier.procedure,
            "version": dossier.procedure_version,
            "steps": steps,
            "pauses": dossier.pauses.all(),
            "actions": actions,
            "can_assign": can_assign,
            "done_elements": " ".join(sorted({s.element_id for s in steps if not s.is_open})),
            "current_elements": " ".join(sorted({s.element_id for s in steps if s.is_open})),
            "more": more_actions,
            "documents": dossier.documents.select_related("uploaded_by"),
            "document_form": DocumentForm(),
            "reason_form": ReasonForm(),
            "apology_form": ApologyForm(),
            "can_link_project": access.can_link_project(user, dossier),
            "project_proposal": _project_proposal(user, dossier),
        }


def _project_proposal(user, dossier) -> str | None:
    """The review screen's address when the resolved dossier gives its project a decision that an
    officer of the project database may record."""
    from investdesk.projects import linking

    if not user.has_perm("projects.change_project"):
        return None
    if linking.decision_kind(dossier.procedure.code, dossier.status, dossier.result) is None:
        return None
    if dossier.project_decisions.exists():
        return None
    return reverse("projects:dossier_proposal", args=[dossier.pk])


@require_POST
def link_project(request, pk: int):
    """Names the investment project the dossier concerns, by its national code (blank: none)."""
    dossier = _dossier(request, pk)
    generic.perform(
        request,
        lambda: services.link_project(request.user, dossier, request.POST.get("project", "")),
        _("Đã cập nhật dự án của hồ sơ."),
    )
    return redirect(dossier)


ACTIONS = {
    "explain": (
        ExplanationForm,
        lambda user, dossier, data: services.request_explanation(
            user, dossier, reason=data["reason"], reply_by=data.get("reply_by")
        ),
        _("Đã yêu cầu giải trình; thời hạn tạm dừng."),
    ),
    "explained": (
        None,
        lambda user, dossier, data: services.receive_explanation(user, dossier),
        _("Đã nhận giải trình; thời hạn tiếp tục."),
    ),
    "apology": (
        ApologyForm,
        lambda user, dossier, data: services.extend_with_apology(
            user, dossier, new_due_at=data["new_due_at"], reason=data["reason"], at=data.get("sent_at")
        ),
        _("Đã ghi văn bản xin lỗi và hẹn lại."),
    ),
    "withdraw": (
        ReasonForm,
        lambda user, dossier, data: services.withdraw_dossier(user, dossier, reason=data["reason"]),
        _("Đã ghi nhận rút hồ sơ."),
    ),
    "stop": (
        StopForm,
        lambda user, dossier, data: services.stop_processing(
            user, dossier, reason=data["reason"], override=data.get("override", False)
        ),
        _("Đã dừng giải quyết hồ sơ."),
    ),
}


@require_POST
def dossier_action(request, pk: int, action: str):
    """Explanation, apology (form 04), withdrawal and stop (form 05): each a service call."""
    dossier = _dossier(request, pk)
    if action not in ACTIONS:
        raise PermissionDenied
    form_class, run, done = ACTIONS[action]
    data = {}
    if form_class is not None:
        form = form_class(request.POST)
        if not form.is_valid():
            messages.error(request, " ".join(" ".join(e) for e in form.errors.values()))
            return redirect(dossier)
        data = form.cleaned_data
    generic.perform(request, lambda: run(request.user, dossier, data), done)
    return redirect(dossier)


class PrintedFormView(DossierPage, generic.ObjectDetailView):
    """A form of TT 03/2025/TT-VPCP filled from the dossier, printed from the browser."""

    tabs = ()

    def get_title(self, dossier) -> str:
        return str(self.title)


PRINTED_FORMS = {
    "02": ("dossiers/form_02.html", gettext_lazy("Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ")),
    "04": ("dossiers/form_04.html", gettext_lazy("Văn bản xin lỗi và đề nghị gia hạn")),
    "05": ("dossiers/form_05.html", gettext_lazy("Thông báo dừng giải quyết hồ sơ")),
}


class RequestFormView(PrintedFormView):
    """Forms 02, 04 and 05: the latest supplementation request, or for 05 the request whose
    deadline passed, when that is why the dossier stopped."""

    def dispatch(self, request, *args, **kwargs):
        self.template_name, self.title = PRINTED_FORMS[kwargs["number"]]
        return super().dispatch(request, *args, **kwargs)

    def get_extra_context(self, dossier) -> dict:
        pauses = dossier.pauses.order_by("-started_at")
        if self.kwargs["number"] == "05":
            return {"pause": pauses.filter(reply_by__isnull=False).first()}
        return {"pause": pauses.filter(kind=PauseKind.SUPPLEMENT).first()}


class DossierHistoryView(DossierPage, generic.ObjectHistoryView):
    """Every change of the dossier, with each step's own changes told in its notes."""

    select_related = ()

    def get_parents(self, dossier) -> list[dict]:
        return [
            {"url": reverse("dossiers:list"), "label": _("Hồ sơ")},
            {"url": dossier.get_absolute_url(), "label": dossier.code},
        ]

    def get_notes(self, dossier):
        return step_notes(dossier)


@require_POST
def complete(request, pk: int, step_pk: int):
    dossier = _dossier(request, pk)
    step = get_object_or_404(Step, pk=step_pk, dossier=dossier)
    if not access.can_complete(request.user, step):
        raise PermissionDenied
    form = step_form(step, dossier, request.POST)
    if not form.is_valid():
        messages.error(request, _("Hãy chọn câu trả lời cho bước này."))
        return redirect(dossier)
    data = form.cleaned_data
    generic.perform(
        request,
        lambda: services.complete_step(
            request.user,
            step,
            answers=form.answers(),
            note=data.get("note", ""),
            result=data.get("result", ""),
            result_number=data.get("result_number", ""),
            result_date=data.get("result_date"),
            reply_by=data.get("reply_by"),
            exception_reason=data.get("exception_reason", ""),
        ),
        _("Đã hoàn thành bước: %(s)s.") % {"s": step.name},
    )
    return redirect(dossier)


@require_POST
@permission_required("dossiers.assign_dossier", raise_exception=True)
def reassign(request, pk: int, step_pk: int):
    dossier = _dossier(request, pk)
    step = get_object_or_404(Step.objects.restrict(request.user, "assign"), pk=step_pk, dossier=dossier)
    form = ReassignForm(request.POST, step=step)
    if not form.is_valid():
        messages.error(request, _("Hãy chọn người nhận trong danh sách và ghi lý do điều chuyển."))
        return redirect(dossier)
    person, reason = form.cleaned_data["person"], form.cleaned_data["reason"]
    generic.perform(
        request,
        lambda: services.reassign_step(request.user, step, person, reason),
        _("Đã giao bước cho %(name)s.") % {"name": person.get_full_name()},
    )
    # From the board, back to the board as it was filtered; only an address of this site.
    back = request.POST.get("next", "")
    if back and url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        return redirect(back)
    return redirect(dossier)


class ReceiptDocumentView(DossierPage, generic.ObjectDownloadView):
    """Mẫu 01 as a Word document, to sign and hand to the investor."""

    content_type = DOCX
    filename = "giay-tiep-nhan-{obj.code}.docx"

    def get_content(self, dossier):
        return build_receipt(dossier)


class ReceiptView(PrintedFormView):
    """Mẫu 01: Giấy tiếp nhận hồ sơ và hẹn trả kết quả (TT 03/2025/TT-VPCP); ``?format=docx`` as Word.

    The desk's own step (reception) is still open when the receipt is printed: the page offers to
    finish it here, since nothing reaches the officer until it is done."""

    template_name = "dossiers/form_01.html"
    title = gettext_lazy("Giấy tiếp nhận hồ sơ")

    def get(self, request, *args, **kwargs):
        if request.GET.get("format") == "docx":
            return ReceiptDocumentView.as_view()(request, *args, **kwargs)
        return super().get(request, *args, **kwargs)

    def get_extra_context(self, dossier) -> dict:
        first = dossier.steps.order_by("started_at", "id").first()
        user = self.request.user
        return {"handover": first if first and first.is_open and access.can_complete(user, first) else None}


def handoffs(dossier: Dossier, steps: list[Step]) -> list[dict]:
    """The rows of form 06: one per hand-off, from the investor (the receipt) through every step to
    the result going back. A step is handed over by the step whose completion opened it — the one
    finished at the instant it started — so parallel consultations each come from the step that
    sent them, and the step after them from the last answer."""
    finished_at: dict = {}
    for step in steps:
        if step.finished_at is not None:
            finished_at.setdefault(step.finished_at, []).append(step)
    rows = []
    for index, step in enumerate(steps):
        givers = [giver for giver in finished_at.get(step.started_at, []) if giver.pk != step.pk]
        giver = givers[-1] if givers else None
        from_investor = giver is None and index == 0
        rows.append(
            {
                "giver": giver,
                "from_investor": from_investor,
                "given_at": giver.finished_at if giver else (dossier.received_at if from_investor else None),
                "receiver": step,
                "received_at": step.started_at,
                "outcome": giver.get_outcome_display() if giver and giver.outcome else "",
                "note": step.name,
            }
        )
    if dossier.status == DossierStatus.RESOLVED and steps:
        last = max(steps, key=lambda s: (s.finished_at or dossier.finished_at, s.pk))
        rows.append(
            {
                "giver": last,
                "to_investor": True,
                "given_at": dossier.finished_at,
                "received_at": dossier.finished_at,
                "outcome": dossier.get_outcome_display(),
                "note": _("Trả kết quả cho nhà đầu tư"),
            }
        )
    return rows


class ControlSheetView(PrintedFormView):
    """Mẫu 06: Phiếu kiểm soát quá trình giải quyết hồ sơ, one row per hand-off."""

    template_name = "dossiers/form_06.html"
    title = gettext_lazy("Phiếu kiểm soát quá trình giải quyết hồ sơ")

    def get_extra_context(self, dossier) -> dict:
        steps = list(dossier.steps.select_related("assignee", "finished_by").order_by("started_at", "id"))
        return {"rows": handoffs(dossier, steps)}


def my_work(request):
    """Việc của tôi: the open steps assigned to the signed-in person, most urgent first."""
    steps = (
        Step.objects.open()
        .filter(assignee=request.user)
        .select_related("dossier", "dossier__procedure")
        .order_by("due_at", "started_at")
    )[:200]
    return render(request, "dossiers/my_work.html", {"steps": steps, "title": _("Việc của tôi")})


BOARD_STATES = ("at_risk", "overdue")
BOARD_PAGE_SIZE = 50


@permission_required("dossiers.assign_dossier", raise_exception=True)
def board(request):
    """The division head's board: everyone's open steps with the division's totals at the top,
    filtered by person and state, as one table (default) or grouped by person; reassignment in place.

    The totals always count the whole board; the filters only choose the rows shown, a page at a
    time. A province has thousands of open steps: the totals are counted by the database, and only
    the shown page is read as rows and given reassignment forms (rendering a form for every open
    step took seconds)."""
    now = timezone.now()
    open_steps = Step.objects.restrict(request.user, "assign").open()
    people, totals = board_totals(open_steps, now)

    person = request.GET.get("person", "")
    state = request.GET.get("state", "") if request.GET.get("state") in BOARD_STATES else ""
    view = "people" if request.GET.get("view") == "people" else "table"
    shown = open_steps
    if person == "none":
        shown = shown.filter(assignee__isnull=True)
    elif person:
        shown = shown.filter(assignee_id=person) if person.isdigit() else shown.none()
    if state == "at_risk":
        shown = shown.at_risk(now)
    elif state == "overdue":
        shown = shown.filter(due_at__lt=now)
    # Paused steps (no due time) last, as they need no action against the clock.
    related = ("dossier", "dossier__procedure", "dossier__responsible", "assignee")
    shown = shown.select_related(*related).order_by(F("due_at").asc(nulls_last=True), "pk")
    page = Paginator(shown, BOARD_PAGE_SIZE).get_page(request.GET.get("page"))
    steps = list(page.object_list)
    # One person picker per (role, division), read and rendered once and shown on each of its rows:
    # a select of the division's officers rendered per row was most of the page's time.
    pickers: dict = {}
    for step in steps:
        step.level = stored_risk(now, step.due_at, step.at_risk_from)
        key = (step.role, dossier_division_id(step.dossier))
        if key not in pickers:
            candidates = list(assignment_candidates(step.role, step.dossier))
            pickers[key] = str(ReassignForm(step=step, candidates=candidates)["person"])
        step.person_picker = pickers[key]
    groups: dict = {}
    for step in steps:
        groups.setdefault(step.assignee, []).append(step)
    filters = {key: value for key, value in (("person", person), ("state", state)) if value}
    here = {**filters, "view": "people"} if view == "people" else filters
    return render(
        request,
        "dossiers/board.html",
        {
            "steps": steps,
            "page_obj": page,
            "page_url": "?" + urlencode({**here, "page": ""}),
            "groups": list(groups.items()),
            "totals": totals,
            "people": people,
            "person": person,
            "state": state,
            "view": view,
            "states": [("", _("Tất cả")), ("at_risk", _("Sắp đến hạn")), ("overdue", _("Quá hạn"))],
            "table_url": "?" + urlencode(filters),
            "people_url": "?" + urlencode({**filters, "view": "people"}),
            "title": _("Bảng điều hành"),
        },
    )


def board_totals(open_steps, now) -> tuple[list[dict], dict]:
    """Open, at-risk and overdue steps per person and in all, counted by the database in one read."""
    rows = {
        row["assignee_id"]: {"pk": row["assignee_id"], **{key: row[key] for key in ("open", "at_risk", "overdue")}}
        for row in open_steps.order_by()
        .values("assignee_id")
        .annotate(
            open=Count("pk"),
            at_risk=Count("pk", filter=at_risk_condition(now)),
            overdue=Count("pk", filter=Q(due_at__lt=now)),
        )
    }
    names = get_user_model().objects.in_bulk([pk for pk in rows if pk is not None])
    for pk, row in rows.items():
        row["person"] = names.get(pk)
    totals = {key: sum(row[key] for row in rows.values()) for key in ("open", "at_risk", "overdue")}
    people = sorted(rows.values(), key=lambda row: (row["person"] is None, str(row["person"] or "")))
    return people, totals


@permission_required("dossiers.receive_dossier", raise_exception=True)
def refuse(request):
    """Từ chối tiếp nhận: record the refusal and print form 03 for the applicant."""
    form = RefusalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            refusal = services.refuse_receipt(request.user, **form.cleaned_data)
        except DomainError as error:
            report_domain_error(error, form=form)
        else:
            return redirect(refusal)
    return render(request, "dossiers/refuse.html", {"form": form, "title": _("Từ chối tiếp nhận hồ sơ")})


@permission_required("dossiers.receive_dossier", raise_exception=True)
def refusal(request, pk: int):
    """Mẫu 03: Phiếu từ chối tiếp nhận giải quyết hồ sơ."""
    record = get_object_or_404(ReceiptRefusal.objects.select_related("procedure", "refused_by"), pk=pk)
    return render(request, "dossiers/form_03.html", {"refusal": record, "title": _("Phiếu từ chối tiếp nhận")})


@require_POST
def upload_document(request, pk: int):
    dossier = _dossier(request, pk)
    form = DocumentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Hãy chọn tệp cần tải lên."))
        return redirect(dossier)
    data = form.cleaned_data
    generic.perform(
        request,
        lambda: services.attach_document(request.user, dossier, title=data["title"], upload=data["file"]),
        _("Đã tải lên tài liệu."),
    )
    return redirect(dossier)


class DocumentDownloadView(DossierPage, generic.ObjectDownloadView):
    """Files are sent only to people who may see the dossier (never served straight from disk)."""

    select_related = ()

    def get(self, request, *args, **kwargs):
        dossier = self.checked_object()
        document = get_object_or_404(DossierDocument, pk=kwargs["document_pk"], dossier=dossier)
        response = stored_file(document.file)
        response["Content-Type"] = document.content_type  # the type found when the file was checked
        return response


@permission_required("dossiers.assign_dossier", raise_exception=True)
def default_assignees(request):
    """Phân công mặc định: who takes each role's steps, for every procedure or one in particular."""
    people = get_user_model().objects.filter(is_active=True).prefetch_related("groups").order_by("full_name")
    if request.method == "POST":
        procedure_id = request.POST.get("procedure") or None
        procedure = get_object_or_404(Procedure, pk=procedure_id) if procedure_id else None
        person_id = request.POST.get("person") or None
        person = get_object_or_404(people, pk=person_id) if person_id else None
        role = request.POST.get("role", "")
        generic.perform(
            request,
            lambda: services.set_default_assignee(request.user, procedure=procedure, role=role, person=person),
            _("Đã lưu phân công mặc định."),
        )
        return redirect("dossiers:default_assignees")
    current = {(d.procedure_id, d.role): d.person_id for d in DefaultAssignee.objects.all()}
    candidates = {role: [p for p in people if holds_process_role(p, role)] for role in ASSIGNABLE_ROLES}
    rows = [
        {
            "procedure": procedure,
            "cells": [
                {
                    "role": role,
                    "chosen": current.get((getattr(procedure, "pk", None), role)),
                    "people": candidates[role],
                }
                for role in ASSIGNABLE_ROLES
            ],
        }
        for procedure in [None, *Procedure.objects.order_by("sort_order")]
    ]
    return render(
        request,
        "dossiers/default_assignees.html",
        {
            "rows": rows,
            "roles": [ProcessRole(r).label for r in ASSIGNABLE_ROLES],
            "title": _("Phân công mặc định"),
        },
    )


def report(request):
    """Báo cáo định kỳ (Biểu II.06a): received, resolved and in progress per procedure for a period,
    with the on-time rate against the target; the same figures whenever it is run.

    Opened from the menu it shows this quarter so far; a missing date takes that default, so the
    Excel link (which always names the period shown) and a bare ``?format=xlsx`` both work."""
    today = timezone.localdate()
    quarter_start = today.replace(month=3 * ((today.month - 1) // 3) + 1, day=1)
    query = request.GET.copy()
    for name, default in (("date_from", quarter_start), ("date_to", today)):
        if not query.get(name):
            query[name] = f"{default:%d/%m/%Y}"
    form = PeriodForm(query)
    rows, total, download = [], None, ""
    if form.is_valid():
        data = form.cleaned_data
        period = stats.Period.of(data["date_from"], data["date_to"])
        queryset = Dossier.objects.all()
        if data.get("procedure"):
            queryset = queryset.filter(procedure=data["procedure"])
        rows, total = stats.by_procedure(period, queryset)
        label = f"{data['date_from']:%d/%m/%Y} – {data['date_to']:%d/%m/%Y}"
        if request.GET.get("format") == "xlsx":
            name = f"bao-cao-tthc-{data['date_from']:%Y%m%d}-{data['date_to']:%Y%m%d}.xlsx"
            return attachment(reports.build_xlsx(label, rows, total), name, XLSX)
        shown = {"date_from": f"{data['date_from']:%d/%m/%Y}", "date_to": f"{data['date_to']:%d/%m/%Y}"}
        if data.get("procedure"):
            shown["procedure"] = data["procedure"].pk
        download = "?" + urlencode({**shown, "format": "xlsx"})
    return render(
        request,
        "dossiers/report.html",
        {
            "form": form,
            "rows": rows,
            "total": total,
            "download": download,
            "target": settings.ON_TIME_TARGET,
            "title": _("Báo cáo tình hình giải quyết TTHC"),
        },
        status=400 if form.errors else 200,
    )


def dashboard(request):
    """The on-time dashboard for a year: the rate against the target, the forecast, where time is lost."""
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year") or today.year)
    except ValueError:
        year = today.year
    if not year_in_range(year):
        return render(
            request, "core/error.html", {"title": _("Năm không hợp lệ"), "message": year_range_message()}, status=400
        )
    period = stats.Period.of(date(year, 1, 1), date(year, 12, 31))
    charts = {
        "monthly": stats.monthly(period),
        "target": settings.ON_TIME_TARGET,
    }
    return render(
        request,
        "dossiers/dashboard.html",
        {
            "year": year,
            "summary": stats.summary(period),
            "forecast": stats.forecast_year_end(year),
            **{f"by_{name}": rows for name, rows in stats.breakdowns(period).items()},
            "by_step": stats.steps_breakdown(period),
            "charts": charts,
            "channels": dict(Channel.choices),
            "target": settings.ON_TIME_TARGET,
            "title": _("Theo dõi giải quyết đúng hạn năm %(y)s") % {"y": year},
        },
    )


# Importing historical dossiers from .xlsx ---------------------------------------------------------


def _may_import(request) -> None:
    if not access.can_import(request.user):
        raise PermissionDenied


def import_list(request):
    """Upload a one-stop export; below, the earlier imports with their outcome."""
    _may_import(request)
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            record = services.upload_import(request.user, form.cleaned_data["file"])
        except DomainError as error:
            report_domain_error(error, form=form)
        else:
            return redirect(record)
    records = services.visible_imports(request.user).select_related("uploaded_by")[:30]
    return render(
        request,
        "dossiers/imports.html",
        {
            "form": form,
            "records": records,
            "refused": services.refused_reads(request.user),
            "title": _("Nhập hồ sơ cũ từ tệp Excel"),
        },
    )


def import_detail(request, pk: int):
    """Map the columns, run the check (nothing written), read every error, then import."""
    _may_import(request)
    record = get_object_or_404(services.visible_imports(request.user).select_related("job"), pk=pk)
    form = ImportMappingForm(request.POST or None, record=record)
    if request.method == "POST":
        try:
            if request.POST.get("action") == "import":
                services.start_import(request.user, record)
            elif form.is_valid():
                services.check_import(request.user, record, form.mapping())
            else:
                raise DomainError(_("Hãy sửa các ô được đánh dấu."))
        except DomainError as error:
            # A mapping's error goes under its column; any other (busy, already imported) above the page.
            report_domain_error(error, form=form if error.field in form.fields else None, request=request)
        else:
            return redirect(record)
    return render(request, "dossiers/import_detail.html", _import_context(request, record, form))


def import_status(request, pk: int):
    """Polled while the check or the import runs; once it ends, the page reloads to show the outcome."""
    _may_import(request)
    record = services.visible_imports(request.user).select_related("job").filter(pk=pk).first()
    if record is None:  # the background reading refused the sheet and removed it: the list says why
        response = HttpResponse(status=204)
        response["HX-Redirect"] = reverse("dossiers:imports")
        return response
    if not record.is_busy:
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"
        return response
    status_url = reverse("dossiers:import_status", args=[record.pk])
    return render(request, "core/_import_progress.html", {"status_url": status_url, "job": _live_job(record)})


def _live_job(record):
    return with_live_progress(record.job) if record.job else None


def _import_context(request, record, form) -> dict:
    paginator = Paginator(record.errors, 100)
    return {
        "record": record,
        "form": form,
        "job": _live_job(record),
        "errors_page": paginator.get_page(request.GET.get("page")),
        "title": record.original_name,
    }
