"""Pages as declarations: list, detail (with tabs), related rows, edit, history and download.

Every view reads its rows through ``Model.objects.restrict(user, action)`` (``core.querysets``), so
a page cannot show or change a row its person may not; a model permission (``permission_required``)
and an optional predicate on the row (``has_object_permission``) come on top. Writes go through a
service; a service's ``DomainError`` reaches the person through ``report_domain_error``.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import View
from django_filters.views import FilterView
from django_tables2 import RequestConfig, SingleTableMixin

from .downloads import attachment, stored_file
from .exceptions import DomainError, report_domain_error
from .history import history_page
from .pagination import CappedPaginator
from .querysets import CHANGE, VIEW


def perform(request, call: Callable[[], object], success: str | None = None, *, form=None) -> bool:
    """Runs a service ``call`` for a page. Refused (``DomainError``): the reason goes on ``form``,
    or into a message, and False comes back; done: ``success`` as a message, and True."""
    try:
        call()
    except DomainError as error:
        report_domain_error(error, form=form, request=request)
        return False
    if success:
        messages.success(request, success)
    return True


@dataclass(frozen=True)
class Tab:
    """A tab above an object's pages. ``url_name`` is reversed with the object's ``args``
    attributes; without it the tab opens the object itself (``get_absolute_url``)."""

    key: str
    label: str
    url_name: str | None = None
    args: tuple[str, ...] = ("pk",)
    visible: Callable | None = None  # visible(request, obj) -> bool

    def url_for(self, obj) -> str:
        if self.url_name is None:
            return obj.get_absolute_url()
        return reverse(self.url_name, args=[getattr(obj, name) for name in self.args])


INFO_LABEL = _("Thông tin")
HISTORY_LABEL = _("Lịch sử thay đổi")


def info_history_tabs(history_url_name: str, *, info_label=INFO_LABEL, args=("pk",)) -> tuple[Tab, ...]:
    """The tabs most objects have: their information and their history."""
    return (Tab("info", info_label), Tab("history", HISTORY_LABEL, history_url_name, args))


def build_tabs(request, obj, tabs) -> list[dict]:
    """The tabs as the template ``core/_tabs.html`` reads them."""
    return [
        {"key": tab.key, "label": tab.label, "url": tab.url_for(obj)}
        for tab in tabs
        if tab.visible is None or tab.visible(request, obj)
    ]


class Declared(PermissionRequiredMixin):
    """What every generic page shares: a model permission, a title, breadcrumbs."""

    model = None
    permission_required: str | tuple[str, ...] = ()
    raise_exception = True
    title = ""
    parents: list[dict] = []  # breadcrumbs: {"url", "label"}

    def get_permission_required(self):
        if isinstance(self.permission_required, str):
            return (self.permission_required,)
        return self.permission_required


class ObjectListView(Declared, SingleTableMixin, FilterView):
    """A list page is a declaration: model, table, filterset, permission.

    The queryset always goes through the model's ``restrict(user, "view")``, so a list cannot show
    rows the person may not see. Pagination and ``select_related`` keep the number of queries fixed
    whatever the page size. The API endpoint of the same list uses the same filterset
    (``core.api.filter_rows``).
    """

    template_name = "core/object_list.html"
    create_url = None
    create_label = ""
    # The list's spreadsheet (``?format=xlsx``): declared by ``export_filename`` and
    # ``build_export``; ``core.exports`` writes it in the request or, when large, in a job.
    export_label = ""
    export_filename = ""
    export_ordering: tuple[str, ...] = ("pk",)
    export_limit: int | None = None  # the most rows one file may hold
    links: list[dict] = []  # more buttons beside "create": {"url", "icon", "label"}
    select_related: tuple[str, ...] = ()
    prefetch_related: tuple[str, ...] = ()

    def get_queryset(self):
        queryset = self.model.objects.restrict(self.request.user, VIEW)
        if self.select_related:
            queryset = queryset.select_related(*self.select_related)
        if self.prefetch_related:
            queryset = queryset.prefetch_related(*self.prefetch_related)
        return queryset

    def get(self, request, *args, **kwargs):
        if self.is_export():
            from . import exports

            return exports.respond(self)
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        # The export button posts (its filters in the address): a large export starts work on the
        # server, which a link, a prefetch or a crawler must not do.
        if self.is_export():
            from . import exports

            return exports.respond(self)
        return HttpResponseNotAllowed(["GET"])

    def is_export(self) -> bool:
        return bool(self.export_filename) and self.request.GET.get("format") == "xlsx"

    def may_export(self) -> bool:
        """Whether the person may take the list away as a file (asked again when a job runs)."""
        return self.has_permission()

    def export_title(self) -> str:
        return str(self.export_label or self.title)

    def export_refusal(self) -> str:
        """Why the list cannot be exported as asked, or "". A filter the form cannot read is dropped
        by the list, but a file of other rows than the person asked for might go unnoticed."""
        filterset = self.get_filterset(self.get_filterset_class()) if self.get_filterset_class() else None
        if filterset is None or not filterset.is_bound or filterset.is_valid():
            return ""
        fields = filterset.form.fields
        errors = "; ".join(
            f"{fields[name].label if name in fields else name}: {' '.join(problems)}"
            for name, problems in filterset.form.errors.items()
        )
        return _("Chưa xuất: bộ lọc không hợp lệ (%(errors)s).") % {"errors": errors}

    def export_query(self) -> str:
        """The filters shown, for the export button (the page number and format are not filters)."""
        query = self.request.GET.copy()
        for name in ("page", "format"):
            query.pop(name, None)
        return query.urlencode()

    def filtered_url(self) -> str:
        """This list with the filters shown."""
        query = self.export_query()
        return f"{self.request.path}?{query}" if query else self.request.path

    def export_rows(self):
        """The rows the filters select, through ``restrict`` like the page, in the file's order."""
        filterset = self.get_filterset(self.get_filterset_class())
        return filterset.qs.order_by(*self.export_ordering)

    def build_export(self, rows) -> bytes:
        # A list with ``export_filename`` declares how its rows are written.
        raise NotImplementedError(f"{type(self).__name__} must define build_export(rows)")

    def get_table_pagination(self, table):
        return {"per_page": settings.LIST_PAGE_SIZE, "paginator_class": CappedPaginator}

    def get_template_names(self):
        htmx = self.request.htmx
        # Back after filtering in place asks htmx to restore the page it pushed: the whole page.
        if htmx and not htmx.boosted and not htmx.history_restore_request:
            return ["core/object_list.html#results"]
        return [self.template_name]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            title=self.title,
            create_url=self.create_url,
            create_label=self.create_label,
            export_label=self.export_label,
            export_query=self.export_query(),
            links=self.links,
            parents=self.parents,
        )
        return context


class ObjectView(Declared, View):
    """One row's page. The row is looked up in ``restrict(user, action)`` (404 outside it), then
    ``has_object_permission`` may refuse it (403)."""

    action = VIEW
    lookup_field = "pk"
    lookup_url_kwarg: str | None = None  # defaults to ``lookup_field``
    select_related: tuple[str, ...] = ()
    prefetch_related: tuple[str, ...] = ()
    template_name: str | None = None
    context_object_name: str | None = None  # the row is also ``object`` in the template
    tabs: tuple[Tab, ...] = ()
    active_tab = "info"

    def get_queryset(self):
        queryset = self.model.objects.restrict(self.request.user, self.action)
        if self.select_related:
            queryset = queryset.select_related(*self.select_related)
        if self.prefetch_related:
            queryset = queryset.prefetch_related(*self.prefetch_related)
        return queryset

    def get_object(self):
        kwarg = self.lookup_url_kwarg or self.lookup_field
        if kwarg not in self.kwargs:
            raise ImproperlyConfigured(f"{type(self).__name__} needs the URL argument {kwarg!r}.")
        return get_object_or_404(self.get_queryset(), **{self.lookup_field: self.kwargs[kwarg]})

    def has_object_permission(self, obj) -> bool:
        """A predicate on the row (``can_edit_project(user, project)``) beyond ``restrict``. Not
        asked for a row being created: ``permission_required`` (or ``new_object``) guards that."""
        return True

    def checked_object(self):
        obj = self.get_object()
        if obj.pk is not None and not self.has_object_permission(obj):
            raise PermissionDenied
        return obj

    def get_title(self, obj) -> str:
        return str(self.title or obj)

    def get_parents(self, obj) -> list[dict]:
        return self.parents

    def get_extra_context(self, obj) -> dict:
        return {}

    def get_context(self, obj, **extra) -> dict:
        context = {
            "object": obj,
            "title": self.get_title(obj),
            "tabs": build_tabs(self.request, obj, self.tabs) if obj.pk else [],
            "active_tab": self.active_tab,
            "parents": self.get_parents(obj),
        }
        if self.context_object_name:
            context[self.context_object_name] = obj
        context.update(self.get_extra_context(obj))
        context.update(extra)
        return context


class ObjectDetailView(ObjectView):
    """The "info" tab of a row. The template extends ``core/object_detail.html`` and fills its
    blocks (``info``, ``related``, ``actions``) or includes ``core/_tabs.html`` itself."""

    template_name = "core/object_detail.html"

    def get(self, request, *args, **kwargs):
        obj = self.checked_object()
        return render(request, self.template_name, self.get_context(obj))


class ObjectChildrenView(ObjectDetailView):
    """A "related" tab: a table of the rows that belong to this one, read through their own
    ``restrict`` (``get_children``), paginated like a list."""

    template_name = "core/object_children.html"
    active_tab = "related"
    table_class = None

    def get_children(self, obj):
        # The one hook every "related" tab declares: which rows of ``obj`` it lists.
        raise NotImplementedError(f"{type(self).__name__} must define get_children(obj)")

    def get(self, request, *args, **kwargs):
        obj = self.checked_object()
        table = self.table_class(self.get_children(obj))
        RequestConfig(request, paginate={"per_page": settings.LIST_PAGE_SIZE}).configure(table)
        return render(request, self.template_name, self.get_context(obj, table=table))


class ObjectHistoryView(ObjectView):
    """The "history" tab: who changed what, when (``core.history``), a page at a time."""

    template_name = "core/history.html"
    active_tab = "history"

    def get_notes(self, obj):
        """``notes(records)`` → a note per history record id, or None (``core.history``)."""
        return None

    def get(self, request, *args, **kwargs):
        obj = self.checked_object()
        context = self.get_context(obj)
        return object_history(request, obj, template=self.template_name, extra=context, notes=self.get_notes(obj))


class ObjectEditView(ObjectView):
    """Create (no lookup in the URL) and edit: a ``VersionedModelForm``, then the ``service``,
    then a success message and the row's page.

    ``service(actor, instance, expected_version=…, **get_service_kwargs(form))`` is called with the
    form's unsaved instance; a ``DomainError`` shows on the form (under the field it names) and
    nothing is saved. Override ``save(form)`` when the service takes other arguments.
    """

    action = CHANGE
    template_name = "core/object_edit.html"
    form_class = None
    service: Callable | None = None
    success_message = _("Đã lưu.")
    create_title = ""
    cancel_url: str | None = None

    def is_create(self) -> bool:
        return (self.lookup_url_kwarg or self.lookup_field) not in self.kwargs

    def new_object(self):
        return self.model()

    def get_object(self):
        return self.new_object() if self.is_create() else super().get_object()

    def get_title(self, obj) -> str:
        if obj.pk is None and self.create_title:
            return str(self.create_title)
        return super().get_title(obj)

    def get_form_kwargs(self, obj) -> dict:
        kwargs = {"instance": obj}
        if self.request.method == "POST":
            kwargs.update(data=self.request.POST, files=self.request.FILES)
        return kwargs

    def get_form(self, obj):
        return self.form_class(**self.get_form_kwargs(obj))

    def get_service_kwargs(self, form) -> dict:
        return {}

    def save(self, form):
        service = type(self).service
        if service is None:
            raise ImproperlyConfigured(f"{type(self).__name__} declares no service.")
        result = service(
            self.request.user,
            form.instance,
            expected_version=form.cleaned_data.get("expected_version"),
            **self.get_service_kwargs(form),
        )
        return form.instance if result is None else result

    def get_success_message(self, obj) -> str:
        return str(self.success_message) % {"object": obj}

    def get_success_url(self, obj) -> str:
        return obj.get_absolute_url()

    def get(self, request, *args, **kwargs):
        obj = self.checked_object()
        return self.render_form(obj, self.get_form(obj))

    def post(self, request, *args, **kwargs):
        obj = self.checked_object()
        form = self.get_form(obj)
        if form.is_valid():
            try:
                saved = self.save(form)
            except DomainError as error:
                report_domain_error(error, form=form)
            else:
                message = self.get_success_message(saved)
                if message:
                    messages.success(request, message)
                return redirect(self.get_success_url(saved))
        return self.render_form(obj, form)

    def render_form(self, obj, form):
        return render(
            self.request, self.template_name, self.get_context(obj, form=form, cancel_url=self.get_cancel_url(obj))
        )

    def get_cancel_url(self, obj) -> str:
        if self.cancel_url:
            return self.cancel_url
        if obj.pk and hasattr(obj, "get_absolute_url"):
            return obj.get_absolute_url()
        return "javascript:history.back()"


class ObjectDownloadView(ObjectView):
    """A file of a row: a stored ``file_field`` or a document built by ``get_content``, always
    through ``core.downloads`` so its name is safe in the header whatever it holds."""

    file_field: str | None = None
    content_type = "application/octet-stream"
    filename = ""  # formatted with the row: "quy-trinh-{obj.code}.docx"

    def get_filename(self, obj) -> str:
        return self.filename.format(obj=obj)

    def get_content(self, obj):
        # A built document declares this hook; a stored file sets ``file_field`` instead.
        raise NotImplementedError(f"{type(self).__name__} must define get_content(obj) or set file_field")

    def get(self, request, *args, **kwargs):
        obj = self.checked_object()
        if self.file_field:
            stored = getattr(obj, self.file_field)
            if not stored:
                raise Http404
            return stored_file(stored, self.get_filename(obj) if self.filename else None)
        return attachment(self.get_content(obj), self.get_filename(obj), self.content_type)


def object_history(request, instance, *, template="core/history.html", extra=None, notes=None):
    """Renders the history tab of ``instance``; the caller has already checked the row."""
    page, entries = history_page(instance, request.GET.get("page") or 1, notes=notes)
    context = {"object": instance, "page_obj": page, "entries": entries, **(extra or {})}
    if request.htmx:
        template = f"{template}#entries"
    return render(request, template, context)
