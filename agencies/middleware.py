from django.conf import settings
from django.utils import translation


class ExplicitLanguageMiddleware:
    """Indonesian unless the user chose another language with the switch.

    Unlike LocaleMiddleware it ignores the browser's Accept-Language, which would give
    an Indonesian civil servant with an English browser `1,234.50` instead of `1.234,50`.
    The choice lives in Django's language cookie, not in the session, so a request
    knows its language without loading the session (a cached page is served with a
    single cache read: agencies/page_cache.py).
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.available = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, settings.LANGUAGE_CODE)
        if language not in self.available:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        translation.deactivate()
        return response
