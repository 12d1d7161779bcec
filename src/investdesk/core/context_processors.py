from django.conf import settings


def organisation(request):
    """The organisation names shown in every page's header and printed documents."""
    return {
        "ORGANISATION_NAME": settings.ORGANISATION_NAME,
        "DIVISION_NAME": settings.DIVISION_NAME,
        "PROVINCE_NAME": settings.PROVINCE_NAME,
    }
