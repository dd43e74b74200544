"""The few hand-written pages of the site itself: health, language switch, and each role's start page."""

from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import redirect
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

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


@login_required
def dashboard(request):
    """Send each user to the page their work starts from."""
    return redirect(request.user.start_url())


@login_required
def section_placeholder(request, title: str = ""):
    """A section whose pages are being built; replaced by each app's own views."""
    from django.shortcuts import render

    return render(request, "portal/placeholder.html", {"title": title})
