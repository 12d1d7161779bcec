"""API: sign-in for a token, and the organisation's divisions."""

from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import authenticate
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.errors import HttpError

from . import services
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


@auth_router.post("/token", auth=None, response={200: TokenResponse}, summary="Lấy mã truy cập")
def obtain_token(request, credentials: TokenRequest):
    """Exchanges a username and password for a bearer token. Failed attempts count towards the
    same lockout as the login page."""
    user = authenticate(request, username=credentials.username, password=credentials.password)
    if getattr(request, "axes_locked_out", False):
        raise HttpError(429, lockout_message())
    if user is None or not user.is_active:
        raise HttpError(401, _("Tên đăng nhập hoặc mật khẩu không đúng."))
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


@router.get("/divisions", response=list[DivisionOut], summary="Danh sách phòng")
def list_divisions(request):
    divisions = Division.objects.restrict(request.user).select_related("department")
    return [{"id": d.pk, "code": d.code, "name": d.name, "department": d.department.name} for d in divisions]
