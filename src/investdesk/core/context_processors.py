from django.conf import settings

from .models import Notification


def organisation(request):
    """The organisation names shown in every page's header and printed documents."""
    return {
        "ORGANISATION_NAME": settings.ORGANISATION_NAME,
        "DIVISION_NAME": settings.DIVISION_NAME,
        "PROVINCE_NAME": settings.PROVINCE_NAME,
    }


def notifications(request):
    """The bell's unread count (one indexed query per page)."""
    user = getattr(request, "user", None)
    if not user or not user.is_authenticated:
        return {}
    return {"UNREAD_NOTIFICATIONS": Notification.objects.filter(recipient=user, read_at__isnull=True).count()}
