"""Every change to the legal documents: permission, checks, one transaction, history with who."""

from django.db import transaction
from django.utils.translation import gettext as _

from investdesk.core.exceptions import DomainError, PermissionDeniedError
from investdesk.core.services import record_change, save_versioned
from investdesk.core.uploads import check_upload

from .models import MANAGE, LegalDocument


def can_manage(actor) -> bool:
    return actor.has_perm(MANAGE)


def save_document(actor, document: LegalDocument, expected_version: int | None = None, procedures=None, upload=None):
    """Saves a legal document; a new file is checked (type, size, content) before it is kept."""
    if not can_manage(actor):
        raise PermissionDeniedError()
    if upload is not None:
        check_upload(upload, allowed=("pdf", "doc", "docx"))
    replacement = document.replaced_by
    seen = {document.pk}
    while replacement is not None:
        if replacement.pk in seen:
            raise DomainError(_("Văn bản không thể thay thế chính nó."), field="replaced_by")
        seen.add(replacement.pk)
        replacement = replacement.replaced_by
    if document.effective_from and document.signed_on and document.effective_from < document.signed_on:
        raise DomainError(_("Ngày có hiệu lực trước ngày ký."), field="effective_from")
    with transaction.atomic():
        record_change(document, actor, None)
        save_versioned(document, expected_version, actor=actor)
        if procedures is not None:
            document.procedures.set(procedures)
    return document
