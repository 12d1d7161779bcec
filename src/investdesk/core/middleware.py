"""Language selection: Vietnamese unless the person chose English.

Django's LocaleMiddleware would follow the browser's Accept-Language, so an English-language
browser would show English screens to a Vietnamese officer. Here the language comes only from the
person's own choice (kept on their account; a cookie on the login page) or the
installation's LANGUAGE_CODE.
"""

from django.conf import settings
from django.http import Http404
from django.utils import translation


class LanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        user = getattr(request, "user", None)
        language = getattr(user, "language", None) if user and user.is_authenticated else None
        if language not in self.supported:
            language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in self.supported:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        translation.deactivate()
        return response


class NotFoundPageMiddleware:
    """A view's "not found" (``Http404``: a row that does not exist or that the person may not see)
    is the app's own Vietnamese page, also with DEBUG on, where Django would otherwise show its
    English technical page. An address that matches no URL still gets Django's page under DEBUG,
    which helps whoever is writing the URLs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, Http404):
            from .views import page_not_found

            return page_not_found(request, exception)
        return None
