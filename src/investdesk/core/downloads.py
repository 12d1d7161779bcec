"""A built document answered as a file to save, its name safe in the header whatever it holds."""

from django.http import HttpResponse
from django.utils.http import content_disposition_header

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def attachment(content, filename: str, content_type: str) -> HttpResponse:
    """``content`` as an attachment named ``filename``. Names are built from data (a dossier's
    number comes from an imported sheet as typed): characters a header cannot carry are dropped and
    quotes and non-ASCII letters encoded (RFC 6266), so a download never breaks on its name."""
    printable = "".join(ch for ch in filename if ch.isprintable() and ch not in "/\\") or "tep"
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=printable)
    return response
