"""The URL map. Wagtail serves every page not matched above it (courses, lessons, the home page)."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from django.views.i18n import set_language
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from portal import page_cache, views

portal_patterns = [
    path("", views.dashboard, name="dashboard"),
]

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    # Browsers ask for /favicon.ico whatever the page says: no 404 in the logs.
    path("favicon.ico", RedirectView.as_view(url=f"{settings.STATIC_URL}favicon.svg", permanent=True)),
    path("bare", views.bare, name="bare"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("start/", include((portal_patterns, "portal"))),
    path("accounts/", include("people.urls")),
    path("sandbox/", include("sandbox.urls")),
    path("quizzes/", include("quizzes.urls")),
    path("live/", include("live_sessions.urls")),
    path("reports/", include("reports.urls")),
    path("learning/", include("courses.urls")),
]

if settings.DEBUG or getattr(settings, "SERVE_MEDIA", False):
    # No web server in front serves the uploads (debug, the demo of scripts/demo.sh, test servers).
    urlpatterns += [re_path(rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>.*)$", views.media)]

# Wagtail's pages, with their routing cached (portal.page_cache); the rest of wagtail.urls (the
# password-protected page form) as Wagtail ships it.
urlpatterns += [
    re_path(r"^(?!_util/)((?:[\w\-]+/)*)$", page_cache.serve, name="page_serve"),
    path("", include(wagtail_urls)),
]
