"""A file answered for saving, its name safe in the header whatever it holds."""

import posixpath

from django.http import FileResponse, HttpResponse
from django.utils.http import content_disposition_header

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def safe_filename(filename: str) -> str:
    """Names are built from data (a dossier's number comes from an imported sheet as typed):
    characters a header cannot carry and path separators are dropped; quotes and non-ASCII
    letters are then encoded by ``content_disposition_header`` (RFC 6266)."""
    return "".join(ch for ch in filename if ch.isprintable() and ch not in "/\\") or "tep"


def attachment(content, filename: str, content_type: str) -> HttpResponse:
    """``content`` (a built document) as an attachment named ``filename``."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=safe_filename(filename))
    return response


def stored_file(fieldfile, filename: str | None = None) -> FileResponse:
    """A stored file (a ``FileField``'s value) as an attachment, streamed from storage; named
    ``filename`` or its stored name without the folder."""
    name = safe_filename(filename or posixpath.basename(fieldfile.name))
    return FileResponse(fieldfile.open("rb"), as_attachment=True, filename=name)
