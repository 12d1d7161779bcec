"""Legal documents: the list, a document with what it replaces and the procedures based on it,
its edit, file and history pages, and what changed in a year."""

from datetime import date

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from investdesk.core import generic
from investdesk.core.years import year_in_range

from . import services
from .filters import LegalDocumentFilterSet
from .forms import LegalDocumentForm
from .models import MANAGE, LegalDocument
from .tables import LegalDocumentTable

TABS = generic.info_history_tabs("legal:document_history")


def _documents_crumb() -> dict:
    return {"url": reverse("legal:documents"), "label": _("Văn bản pháp luật")}


class LegalDocumentListView(generic.ObjectListView):
    model = LegalDocument
    table_class = LegalDocumentTable
    filterset_class = LegalDocumentFilterSet
    select_related = ("replaced_by",)
    title = gettext_lazy("Văn bản pháp luật")

    def get_context_data(self, **kwargs):
        if services.can_manage(self.request.user):
            self.create_url = reverse("legal:document_new")
            self.create_label = _("Thêm văn bản")
        year = timezone.localdate().year
        # People reach the documents from the quality records, which they keep up to date.
        self.parents = [{"url": reverse("quality:home"), "label": _("Chất lượng")}]
        self.links = [
            {
                "url": reverse("legal:document_changes", args=[year]),
                "icon": "calendar",
                "label": _("Thay đổi năm %(y)s") % {"y": year},
            }
        ]
        return super().get_context_data(**kwargs)


class DocumentDetailView(generic.ObjectDetailView):
    model = LegalDocument
    select_related = ("replaced_by",)
    context_object_name = "document"
    template_name = "legal/document_detail.html"
    tabs = TABS

    def get_extra_context(self, document):
        return {
            "replaces": document.replaces.all(),
            "procedures": document.procedures.all(),
            "can_manage": services.can_manage(self.request.user),
        }


class DocumentEditView(generic.ObjectEditView):
    model = LegalDocument
    form_class = LegalDocumentForm
    service = services.save_document
    permission_required = MANAGE
    success_message = gettext_lazy("Đã lưu văn bản.")

    def get_parents(self, document):
        return [_documents_crumb()]

    def get_cancel_url(self, document):
        return document.get_absolute_url() if document.pk else reverse("legal:documents")

    def get_service_kwargs(self, form):
        return {"procedures": form.cleaned_data["procedures"], "upload": self.request.FILES.get("file")}

    def get_title(self, document):
        return _("Sửa văn bản %(n)s") % {"n": document.number} if document.pk else _("Thêm văn bản pháp luật")


class DocumentFileView(generic.ObjectDownloadView):
    model = LegalDocument
    file_field = "file"


class DocumentHistoryView(generic.ObjectHistoryView):
    model = LegalDocument
    tabs = TABS


def document_changes(request, year: int):
    """What changed in the year: documents that took effect, and those they replaced."""
    if not year_in_range(year):
        raise Http404
    first, last = date(year, 1, 1), date(year, 12, 31)
    documents = LegalDocument.objects.restrict(request.user)
    return render(
        request,
        "legal/document_changes.html",
        {
            "year": year,
            "new": documents.filter(effective_from__range=(first, last))
            .prefetch_related("replaces")
            .order_by("effective_from", "number"),
            "replaced": documents.filter(replaced_by__effective_from__range=(first, last))
            .select_related("replaced_by")
            .order_by("replaced_by__effective_from", "number"),
            "title": _("Văn bản pháp luật thay đổi năm %(y)s") % {"y": year},
        },
    )
