"""Văn bản pháp luật: the laws, decrees, circulars and decisions the division works under, with
what replaced what and from when, and the procedures each one governs."""

from datetime import date

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from investdesk.core.models import FoldedSearchMixin, FoldedSearchQuerySet, TimeStampedModel
from investdesk.procedures.models import Procedure

from .choices import DocumentKind, DocumentStatus

MANAGE = "legal.manage_legal_documents"


def _replaced(on: date) -> Q:
    """Replaced by ``on``: the replacement is in force (or its date is not known)."""
    return Q(replaced_by__isnull=False) & (
        Q(replaced_by__effective_from__isnull=True) | Q(replaced_by__effective_from__lte=on)
    )


class LegalDocumentQuerySet(FoldedSearchQuerySet):
    # Every signed-in person reads the documents (the whole division works under them); those who
    # keep them change them.
    manage_permission = MANAGE

    def in_force(self, on: date | None = None):
        on = on or timezone.localdate()
        return self.filter(Q(effective_from__isnull=True) | Q(effective_from__lte=on)).exclude(_replaced(on))

    def pending(self, on: date | None = None):
        return self.filter(effective_from__gt=on or timezone.localdate())

    def replaced(self, on: date | None = None):
        return self.filter(_replaced(on or timezone.localdate()))

    def changed_in(self, year: int):
        """Documents that took effect in ``year`` or were replaced by one that did."""
        first, last = date(year, 1, 1), date(year, 12, 31)
        return self.filter(Q(effective_from__range=(first, last)) | Q(replaced_by__effective_from__range=(first, last)))


class LegalDocument(FoldedSearchMixin, TimeStampedModel):
    """Văn bản pháp luật the division works under, with what replaced what and when."""

    # The kind's name is searched too: people look for "nghị định 96", not "96/2026/NĐ-CP".
    search_fields = ("kind_label", "number", "title", "issuer", "summary")

    number = models.CharField(_("số, ký hiệu"), max_length=100, unique=True)
    kind = models.CharField(_("loại văn bản"), max_length=16, choices=DocumentKind.choices)
    issuer = models.CharField(_("cơ quan ban hành"), max_length=255)
    title = models.CharField(_("trích yếu"), max_length=500)
    signed_on = models.DateField(_("ngày ký, ban hành"), null=True, blank=True)
    effective_from = models.DateField(_("ngày có hiệu lực"), null=True, blank=True)
    replaced_by = models.ForeignKey(
        "self",
        verbose_name=_("được thay thế bởi"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="replaces",
    )
    summary = models.TextField(_("nội dung chính"), blank=True)
    link = models.URLField(_("liên kết"), max_length=500, blank=True)
    # Files stored before the documents had their own app are under this folder; new ones join them.
    file = models.FileField(_("tệp"), upload_to="quality/legal/%Y/", max_length=500, blank=True)
    procedures = models.ManyToManyField(
        Procedure, verbose_name=_("thủ tục liên quan"), blank=True, related_name="legal_documents"
    )

    history = HistoricalRecords(excluded_fields=["search_key"])
    objects = LegalDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("văn bản pháp luật")
        verbose_name_plural = _("văn bản pháp luật")
        ordering = ["-effective_from", "number"]
        indexes = [models.Index(fields=["effective_from"], name="legal_effective_idx")]
        permissions = [("manage_legal_documents", _("Cập nhật văn bản pháp luật"))]

    def __str__(self) -> str:
        return self.number

    def get_absolute_url(self) -> str:
        return reverse("legal:document", args=[self.pk])

    @property
    def kind_label(self) -> str:
        with translation.override("vi"):  # the search key is Vietnamese whoever saves the row
            return str(DocumentKind(self.kind).label) if self.kind else ""

    def status(self, on: date | None = None) -> str:
        on = on or timezone.localdate()
        if self.effective_from and self.effective_from > on:
            return DocumentStatus.PENDING
        replacement = self.replaced_by
        if replacement and (replacement.effective_from is None or replacement.effective_from <= on):
            return DocumentStatus.REPLACED
        return DocumentStatus.IN_FORCE

    def get_status_display(self) -> str:
        return DocumentStatus(self.status()).label
