"""API: sign-in for a token, and the organisation's divisions."""

import json
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import authenticate
from django.core.exceptions import BadRequest, SuspiciousOperation
from django.http.multipartparser import MultiPartParserError
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.errors import HttpError

from investdesk.core.api import READ_ERRORS, error_responses, filter_rows

from . import services
from .filters import DivisionFilterSet
from .lockout import lockout_message
from .models import Division

auth_router = Router(tags=["Xác thực"])
router = Router(tags=["Tổ chức"])


class TokenRequest(Schema):
    username: str
    password: str


class TokenResponse(Schema):
    token: str
    expires_at: datetime


TOKEN_REQUEST_SCHEMA = TokenRequest.model_json_schema()
# The longest username an account can have; anything longer (or with a NUL, which PostgreSQL
# refuses) names nobody, so it is refused without asking the database.
USERNAME_MAX_LENGTH = 150


def read_credentials(request) -> tuple[str | None, str | None]:
    """The username and password of a token request, from a JSON body or from form fields.

    The body is read whatever its ``Content-Type`` claims: a header that does not match the body
    (multipart without a boundary, form fields declared as JSON…) must never let a try escape the
    lockout or answer differently from any other wrong password. Missing or non-text values come
    back as None."""
    try:
        body = request.body
    except SuspiciousOperation:  # larger than DATA_UPLOAD_MAX_MEMORY_SIZE
        body = b""
    try:
        # Parsed once here, under guard: the lockout's record of a failure reads the form fields
        # again, and a malformed multipart body would otherwise raise there.
        form = request.POST
    except (MultiPartParserError, SuspiciousOperation, BadRequest):
        request._mark_post_parse_error()
        form = {}
    try:
        data = json.loads(body)
    except ValueError:  # not JSON, or not UTF-8
        data = None
    if not isinstance(data, dict):
        data = {key: form.get(key) for key in ("username", "password")}
    username, password = data.get("username"), data.get("password")
    return (
        username if isinstance(username, str) else None,
        password if isinstance(password, str) else None,
    )


def _refuse_sign_in(detail: str | None = None):
    raise HttpError(401, detail or _("Tên đăng nhập hoặc mật khẩu không đúng."))


@auth_router.post(
    "/token",
    auth=None,
    response={200: TokenResponse, **error_responses(401, 429)},
    summary="Lấy mã truy cập",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": TOKEN_REQUEST_SCHEMA},
                "application/x-www-form-urlencoded": {"schema": TOKEN_REQUEST_SCHEMA},
            },
        }
    },
)
def obtain_token(request):
    """Exchanges a username and password (JSON, or form fields) for a bearer token. Every failed
    attempt counts towards the same lockout as the login page: 401 until the limit, then 429."""
    username, password = read_credentials(request)
    if username is None or len(username) > USERNAME_MAX_LENGTH or "\x00" in username:
        _refuse_sign_in(_('Hãy gửi tên đăng nhập và mật khẩu: {"username": "...", "password": "..."}.'))
    # A username alone is still a try against that account, and counts as one.
    user = authenticate(request, username=username, password=password or "")
    if getattr(request, "axes_locked_out", False):
        raise HttpError(429, lockout_message())
    if user is None or not user.is_active:
        _refuse_sign_in()
    token, raw = services.create_api_token(
        user,
        name=_("Đăng nhập API lúc %(t)s") % {"t": timezone.localtime().strftime("%H:%M %d/%m/%Y")},
        lifetime=timedelta(hours=settings.API_LOGIN_TOKEN_HOURS),
    )
    return {"token": raw, "expires_at": token.expires_at}


class DivisionOut(Schema):
    id: int
    code: str
    name: str
    department: str

    @staticmethod
    def resolve_department(division) -> str:
        return division.department.name


@router.get("/divisions", response={200: list[DivisionOut], **error_responses(*READ_ERRORS)}, summary="Danh sách phòng")
def list_divisions(request, q: str = ""):
    """The divisions matching ``q``, as the divisions page filters them."""
    return filter_rows(request, Division, DivisionFilterSet).select_related("department")
