"""Checking uploaded files: the extension is allowed, the size is bounded, and the bytes are what the
extension claims (a renamed executable or script is refused)."""

from django.utils.translation import gettext as _

from .exceptions import DomainError

MAX_BYTES = 20 * 1024 * 1024
# Extension → (content type, accepted leading bytes).
KINDS = {
    "pdf": ("application/pdf", (b"%PDF-",)),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", (b"PK\x03\x04",)),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (b"PK\x03\x04",)),
    "doc": ("application/msword", (b"\xd0\xcf\x11\xe0",)),
    "xls": ("application/vnd.ms-excel", (b"\xd0\xcf\x11\xe0",)),
    "jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    "zip": ("application/zip", (b"PK\x03\x04",)),
}


def check_upload(upload, allowed=tuple(KINDS)) -> str:
    """The content type of ``upload`` if it passes, else ``DomainError`` saying why."""
    name = upload.name or ""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in allowed:
        raise DomainError(
            _("Không nhận tệp .%(ext)s; chỉ nhận: %(allowed)s.")
            % {"ext": extension or "?", "allowed": ", ".join(sorted(allowed))},
            field="file",
        )
    if upload.size > MAX_BYTES:
        raise DomainError(_("Tệp quá lớn (tối đa 20 MB)."), field="file")
    if upload.size == 0:
        raise DomainError(_("Tệp rỗng."), field="file")
    content_type, signatures = KINDS[extension]
    head = upload.read(16)
    upload.seek(0)
    if not any(head.startswith(signature) for signature in signatures):
        raise DomainError(
            _("Nội dung tệp không đúng định dạng .%(ext)s (có thể tệp bị đổi tên).") % {"ext": extension},
            field="file",
        )
    return content_type
