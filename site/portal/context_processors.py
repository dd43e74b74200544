"""Template context shared by every page."""

from django.conf import settings


def language_choices(request):
    """The languages, each in its own name (not translated into the current language), for the
    switch in the header."""
    return {"language_choices": settings.LANGUAGES}
