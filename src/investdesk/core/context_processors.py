from django.conf import settings
from django.utils.functional import SimpleLazyObject

from .models import Notification


def organisation(request):
    """The organisation names shown in every page's header and printed documents."""
    return {
        "ORGANISATION_NAME": settings.ORGANISATION_NAME,
        "DIVISION_NAME": settings.DIVISION_NAME,
        "PROVINCE_NAME": settings.PROVINCE_NAME,
    }


def notifications(request):
    """The bell's unread count: one indexed query per request, and only if a template shows it
    (table cells rendered with the request context would otherwise each ask again)."""
    user = getattr(request, "user", None)
    if not user or not user.is_authenticated:
        return {}

    def unread() -> int:
        if not hasattr(request, "_unread_notifications"):
            request._unread_notifications = Notification.objects.filter(recipient=user, read_at__isnull=True).count()
        return request._unread_notifications

    return {"UNREAD_NOTIFICATIONS": SimpleLazyObject(unread)}
