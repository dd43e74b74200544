"""The few hand-written pages of the site itself: health, language switch, and each role's start page."""

import posixpath
from urllib.parse import unquote

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.static import serve as static_serve

from portal.health import health_report


@never_cache
@require_GET
def healthz(request):
    healthy, report = health_report()
    return JsonResponse(
        {"status": "ok" if healthy else "failing", "components": report},
        status=200 if healthy else 503,
        json_dumps_params={"ensure_ascii": False},
    )


@require_GET
def bare(request):
    """A page that reads nothing and renders one tiny template: the baseline the load test compares
    every real page with (same server stack, no application work)."""
    return render(request, "portal/bare.html")


@login_required
def dashboard(request):
    """Send each user to the page their work starts from."""
    return redirect(request.user.start_url())


# Uploads that are never served from MEDIA_ROOT as files (the same rule as nginx's in docs/deploy.md):
# exports go through their download view (the requester only), uploaded lists of officials are read
# by the import worker only, and Wagtail's documents through its own view (collection privacy).
PRIVATE_MEDIA = ("reports/exports", "imports", "documents")


def media(request, path):
    """The uploads, where no web server in front serves them (the demo, debug, the test servers):
    lesson images and their renditions; never a private upload, whatever the path's spelling."""
    for spelling in (path, unquote(path)):
        normalised = posixpath.normpath("/" + spelling.replace("\\", "/")).lstrip("/")
        if any(normalised == folder or normalised.startswith(folder + "/") for folder in PRIVATE_MEDIA):
            raise Http404
    return static_serve(request, path, document_root=settings.MEDIA_ROOT)
