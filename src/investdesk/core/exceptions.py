"""Errors a service raises for a person to read; views and the API turn them into messages
or 4xx answers."""

from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    """A request that the rules refuse. ``message`` is Vietnamese and shown as it is."""

    status_code = 400
    default_message = _("Yêu cầu không hợp lệ.")

    def __init__(self, message=None, *, field: str | None = None):
        self.message = message or self.default_message
        self.field = field
        super().__init__(str(self.message))


class PermissionDeniedError(DomainError):
    status_code = 403
    default_message = _("Bạn không có quyền thực hiện thao tác này.")


class ConcurrentEditError(DomainError):
    status_code = 409
    default_message = _(
        "Dữ liệu đã được người khác thay đổi sau khi bạn mở trang. "
        "Hãy tải lại trang để xem thay đổi mới nhất rồi thực hiện lại."
    )


def report_domain_error(error: DomainError, *, form=None, request=None) -> dict:
    """The one way a refusal reaches the person, wherever it was raised.

    With ``form``: shown under the field the error names (else above the form). Otherwise with
    ``request``: a message on the next page. Always returns the API's 400/403/409 body
    (``{"detail", "field"}``; the status is ``error.status_code``).
    """
    text = str(error.message)
    if form is not None:
        field = error.field if error.field in form.fields else None
        form.add_error(field, text)
    elif request is not None:
        from django.contrib import messages

        messages.error(request, text)
    body = {"detail": text}
    if error.field:
        body["field"] = error.field
    if getattr(error, "errors", None):
        body["errors"] = error.errors
    return body
