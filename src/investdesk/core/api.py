"""What every API endpoint shares: authentication, and errors as JSON with a Vietnamese
``detail``."""

import json
import logging
from functools import wraps

from django.core.exceptions import BadRequest, PermissionDenied, RequestDataTooBig, SuspiciousOperation
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.security import HttpBearer, SessionAuth
from ninja.utils import check_csrf

from .exceptions import DomainError, report_domain_error

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

    def __call__(self, request):
        # Without a signed-in session this way does not apply: the caller is told to authenticate
        # (401), not that a CSRF token is missing.
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        return super().__call__(request)

    def _get_key(self, request):
        if self.csrf and not getattr(request, "_ninja_csrf_exempt", False) and check_csrf(request):
            raise HttpError(
                403,
                _("Thiếu hoặc sai mã chống giả mạo (CSRF) của phiên đăng nhập. Hãy tải lại trang rồi thử lại."),
            )
        return request.COOKIES.get(self.param_name)

    def authenticate(self, request, key):
        user = super().authenticate(request, key)
        return user if user is not None and user.is_active else None


API_AUTH = [BearerTokenAuth(), ActiveSessionAuth()]


class FieldErrorOut(Schema):
    field: str | None
    message: str


class ErrorOut(Schema):
    """Every error answer: a Vietnamese ``detail``; ``field`` names the input at fault when there is
    one, and a refused input lists each problem in ``errors``."""

    detail: str
    field: str | None = None
    errors: list[FieldErrorOut] | None = None


def error_responses(*codes: int) -> dict[int, type[ErrorOut]]:
    """The error answers an operation declares in the OpenAPI schema, all of one shape."""
    return dict.fromkeys(codes, ErrorOut)


# What any operation can answer besides its own errors: 400 for input that does not fit the
# schema, 401 without valid credentials.
READ_ERRORS = (400, 401)
# Writes also answer 403 (a session without its CSRF token, or a person without the right) and
# 413 for a body over the upload limit.
WRITE_ERRORS = (400, 401, 403, 413)

# Pydantic's error types, said in Vietnamese (translated when an answer is written).
VALIDATION_MESSAGES = {
    "missing": gettext_lazy("thiếu giá trị bắt buộc"),
    "string_type": gettext_lazy("phải là chuỗi ký tự"),
    "int_parsing": gettext_lazy("phải là số nguyên"),
    "int_type": gettext_lazy("phải là số nguyên"),
    "float_parsing": gettext_lazy("phải là số"),
    "decimal_parsing": gettext_lazy("phải là số thập phân"),
    "decimal_type": gettext_lazy("phải là số thập phân"),
    "bool_parsing": gettext_lazy("phải là true hoặc false"),
    "date_parsing": gettext_lazy("phải là ngày dạng YYYY-MM-DD"),
    "date_from_datetime_parsing": gettext_lazy("phải là ngày dạng YYYY-MM-DD"),
    "date_type": gettext_lazy("phải là ngày dạng YYYY-MM-DD"),
    "datetime_parsing": gettext_lazy("phải là thời điểm ISO 8601, ví dụ 2026-03-02T08:00:00+07:00"),
    "datetime_from_date_parsing": gettext_lazy("phải là thời điểm ISO 8601, ví dụ 2026-03-02T08:00:00+07:00"),
    "datetime_type": gettext_lazy("phải là thời điểm ISO 8601"),
    "enum": gettext_lazy("không thuộc các giá trị cho phép"),
    "literal_error": gettext_lazy("không thuộc các giá trị cho phép"),
    "string_too_long": gettext_lazy("quá dài"),
    "string_too_short": gettext_lazy("quá ngắn"),
    "greater_than_equal": gettext_lazy("quá nhỏ"),
    "less_than_equal": gettext_lazy("quá lớn"),
    "greater_than": gettext_lazy("quá nhỏ"),
    "less_than": gettext_lazy("quá lớn"),
    "list_type": gettext_lazy("phải là danh sách"),
    "dict_type": gettext_lazy("phải là đối tượng JSON"),
    "model_attributes_type": gettext_lazy("phải là đối tượng JSON"),
    "json_invalid": gettext_lazy("không phải JSON hợp lệ"),
    "extra_forbidden": gettext_lazy("không được phép"),
    "value_error": gettext_lazy("không hợp lệ"),
}
LOCATION_PREFIXES = {"body", "query", "path", "header", "cookie", "form", "file", "payload", "data"}


def describe_validation_errors(errors) -> list[dict]:
    described = []
    for error in errors:
        loc = [str(part) for part in error.get("loc", ()) if str(part) not in LOCATION_PREFIXES]
        field = ".".join(loc) or None
        message = str(VALIDATION_MESSAGES.get(error.get("type", ""), VALIDATION_MESSAGES["value_error"]))
        ctx = error.get("ctx") or {}
        if error.get("type") in {"enum", "literal_error"} and ctx.get("expected"):
            message = f"{message} ({ctx['expected']})"
        elif error.get("type") == "value_error" and ctx.get("error"):
            message = str(ctx["error"])
        described.append({"field": field, "message": message})
    return described


class FilterError(DomainError):
    """A query string the list's filterset refuses; each field's problem is in ``errors``."""

    def __init__(self, errors: list[dict]):
        summary = "; ".join(f"{e['field']}: {e['message']}" for e in errors[:5])
        super().__init__(_("Bộ lọc không hợp lệ: %(s)s") % {"s": summary}, field=errors[0]["field"])
        self.errors = errors


def filter_rows(request, rows, filterset_class, *, action: str = "view"):
    """The rows an API list answers: ``rows`` (a model, or a queryset already narrowed) read
    through ``restrict(user, action)``, then filtered from the query string by the same filterset
    the list page uses. A value the filterset refuses is a 400 naming the parameter."""
    queryset = rows.objects.all() if isinstance(rows, type) else rows
    filterset = filterset_class(request.GET, queryset=queryset.restrict(request.user, action), request=request)
    if not filterset.is_valid():
        raise FilterError(
            [
                {"field": name, "message": str(message)}
                for name, messages in filterset.errors.items()
                for message in messages
            ]
        )
    return filterset.qs


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
        return api.create_response(request, report_domain_error(exc), status=exc.status_code)

    @api.exception_handler(Http404)
    def on_not_found(request, exc):
        return api.create_response(request, {"detail": _("Không tìm thấy.")}, status=404)

    @api.exception_handler(PermissionDenied)
    def on_forbidden(request, exc):
        return api.create_response(request, {"detail": _("Bạn không có quyền thực hiện thao tác này.")}, status=403)

    @api.exception_handler(HttpError)
    def on_http_error(request, exc):
        if exc.status_code == 400 and exc.__cause__ is not None:
            # django-ninja's own "Cannot parse request body", wrapping the parser's error.
            detail = _("Nội dung yêu cầu không đọc được: hãy gửi JSON hợp lệ, mã hóa UTF-8.")
        else:
            detail = str(exc.message)
        return api.create_response(request, {"detail": detail}, status=exc.status_code)

    @api.exception_handler(RequestDataTooBig)
    def on_too_big(request, exc):
        return api.create_response(request, {"detail": _("Nội dung yêu cầu quá lớn.")}, status=413)

    @api.exception_handler(SuspiciousOperation)
    @api.exception_handler(BadRequest)
    def on_bad_request(request, exc):
        return api.create_response(request, {"detail": _("Yêu cầu không hợp lệ.")}, status=400)

    @api.exception_handler(Exception)
    def on_unexpected(request, exc):
        logger.exception("API error on %s", request.path)
        return api.create_response(request, {"detail": _("Lỗi hệ thống khi xử lý yêu cầu.")}, status=500)


def _has_nul(value) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_nul(v) for v in value)
    return False


def _request_has_nul(request, path_params: dict) -> bool:
    if any("\x00" in str(v) for v in path_params.values()):
        return True
    if any("\x00" in key or any("\x00" in v for v in values) for key, values in request.GET.lists()):
        return True
    try:
        body = request.body
    except SuspiciousOperation:
        return False  # answered by the operation's own handling (413)
    if b"\x00" in body:
        return True
    if b"\\u0000" not in body:
        return False
    try:
        return _has_nul(json.loads(body))
    except ValueError:
        return False  # not JSON: the operation answers 400 for that


def refuse_nul_characters(run):
    """No text the API receives may contain NUL: PostgreSQL cannot store or even compare it, so it
    would fail deep in a query. Refused up front, the same on every database."""

    @wraps(run)
    def wrapper(request, *args, **kwargs):
        if _request_has_nul(request, kwargs):
            return JsonResponse({"detail": _("Dữ liệu không được chứa ký tự NUL (mã 0).")}, status=400)
        return run(request, *args, **kwargs)

    return wrapper


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
