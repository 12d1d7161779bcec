"""What every API endpoint shares: authentication, and errors as JSON with a Vietnamese
``detail``."""

import logging
from functools import wraps

from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.security import HttpBearer, SessionAuth

from .exceptions import DomainError

logger = logging.getLogger(__name__)


class BearerTokenAuth(HttpBearer):
    """``Authorization: Bearer <token>`` with a personal or login-issued API token."""

    def authenticate(self, request, token):
        from investdesk.accounts.services import user_for_token

        user = user_for_token(token)
        if user is not None:
            request.user = user
        return user


class ActiveSessionAuth(SessionAuth):
    """The browser's session, for pages that call the API (CSRF-checked on writes)."""

    def authenticate(self, request, key):
        user = super().authenticate(request, key)
        return user if user is not None and user.is_active else None


API_AUTH = [BearerTokenAuth(), ActiveSessionAuth()]

# Pydantic's error types, said in Vietnamese.
VALIDATION_MESSAGES = {
    "missing": "thiếu giá trị bắt buộc",
    "string_type": "phải là chuỗi ký tự",
    "int_parsing": "phải là số nguyên",
    "int_type": "phải là số nguyên",
    "float_parsing": "phải là số",
    "decimal_parsing": "phải là số thập phân",
    "decimal_type": "phải là số thập phân",
    "bool_parsing": "phải là true hoặc false",
    "date_parsing": "phải là ngày dạng YYYY-MM-DD",
    "date_from_datetime_parsing": "phải là ngày dạng YYYY-MM-DD",
    "date_type": "phải là ngày dạng YYYY-MM-DD",
    "datetime_parsing": "phải là thời điểm ISO 8601, ví dụ 2026-03-02T08:00:00+07:00",
    "datetime_from_date_parsing": "phải là thời điểm ISO 8601, ví dụ 2026-03-02T08:00:00+07:00",
    "datetime_type": "phải là thời điểm ISO 8601",
    "enum": "không thuộc các giá trị cho phép",
    "literal_error": "không thuộc các giá trị cho phép",
    "string_too_long": "quá dài",
    "string_too_short": "quá ngắn",
    "greater_than_equal": "quá nhỏ",
    "less_than_equal": "quá lớn",
    "greater_than": "quá nhỏ",
    "less_than": "quá lớn",
    "list_type": "phải là danh sách",
    "dict_type": "phải là đối tượng JSON",
    "model_attributes_type": "phải là đối tượng JSON",
    "json_invalid": "không phải JSON hợp lệ",
    "extra_forbidden": "không được phép",
    "value_error": "không hợp lệ",
}
LOCATION_PREFIXES = {"body", "query", "path", "header", "cookie", "form", "file", "payload", "data"}


def describe_validation_errors(errors) -> list[dict]:
    described = []
    for error in errors:
        loc = [str(part) for part in error.get("loc", ()) if str(part) not in LOCATION_PREFIXES]
        field = ".".join(loc) or None
        message = VALIDATION_MESSAGES.get(error.get("type", ""), "không hợp lệ")
        ctx = error.get("ctx") or {}
        if error.get("type") in {"enum", "literal_error"} and ctx.get("expected"):
            message = f"{message} ({ctx['expected']})"
        elif error.get("type") == "value_error" and ctx.get("error"):
            message = str(ctx["error"])
        described.append({"field": field, "message": message})
    return described


def install_error_handlers(api) -> None:
    @api.exception_handler(ValidationError)
    def on_validation_error(request, exc):
        errors = describe_validation_errors(exc.errors)
        summary = "; ".join(f"{e['field']}: {e['message']}" if e["field"] else e["message"] for e in errors[:5])
        return api.create_response(
            request,
            {"detail": _("Dữ liệu không hợp lệ: %(s)s") % {"s": summary}, "errors": errors},
            status=400,
        )

    @api.exception_handler(AuthenticationError)
    def on_authentication_error(request, exc):
        return api.create_response(
            request,
            {"detail": _('Chưa xác thực: gửi mã truy cập trong tiêu đề "Authorization: Bearer <mã>".')},
            status=401,
        )

    @api.exception_handler(DomainError)
    def on_domain_error(request, exc):
        body = {"detail": str(exc.message)}
        if exc.field:
            body["field"] = exc.field
        return api.create_response(request, body, status=exc.status_code)

    @api.exception_handler(Http404)
    def on_not_found(request, exc):
        return api.create_response(request, {"detail": _("Không tìm thấy.")}, status=404)

    @api.exception_handler(PermissionDenied)
    def on_forbidden(request, exc):
        return api.create_response(request, {"detail": _("Bạn không có quyền thực hiện thao tác này.")}, status=403)

    @api.exception_handler(HttpError)
    def on_http_error(request, exc):
        return api.create_response(request, {"detail": str(exc.message)}, status=exc.status_code)

    @api.exception_handler(Exception)
    def on_unexpected(request, exc):
        logger.exception("API error on %s", request.path)
        return api.create_response(request, {"detail": _("Lỗi hệ thống khi xử lý yêu cầu.")}, status=500)


def api_login_required(view):
    """Guards the API's own pages (OpenAPI schema, docs) with the same auth as its endpoints."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        for auth in API_AUTH:
            if auth(request):
                return view(request, *args, **kwargs)
        return JsonResponse(
            {"detail": _('Chưa xác thực: gửi mã truy cập trong tiêu đề "Authorization: Bearer <mã>".')},
            status=401,
        )

    return wrapper
