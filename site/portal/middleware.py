"""Vietnamese first: the language is the one the user chose with the switch (a cookie), else
Vietnamese. The browser's Accept-Language is not consulted: many offices' computers run an
English-language Windows, and their users should still get Vietnamese."""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class ChosenLanguageMiddleware(LocaleMiddleware):
    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


class AdminSameOriginFrameMiddleware:
    """Every page refuses to be framed (X-Frame-Options: DENY) except the Wagtail admin, whose live
    preview shows the page being edited in a frame of its own origin."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith("/admin/") and "X-Frame-Options" not in response:
            response["X-Frame-Options"] = "SAMEORIGIN"
        return response
