"""What a locked-out person sees: a Vietnamese page, or JSON on the API."""

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


def lockout_message() -> str:
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return _(
        "Tài khoản tạm bị khóa vì nhập sai mật khẩu %(limit)s lần liên tiếp. "
        "Hãy thử lại sau %(minutes)s phút hoặc liên hệ quản trị hệ thống để mở khóa."
    ) % {"limit": settings.AXES_FAILURE_LIMIT, "minutes": minutes}


def lockout_response(request, *args, **kwargs):
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": lockout_message()}, status=429)
    return render(request, "accounts/locked_out.html", {"message": lockout_message()}, status=429)
