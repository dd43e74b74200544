"""The few hand-written pages of the site itself: health, language switch, and each role's start page."""

from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import redirect, render
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


@require_GET
def bare(request):
    """A page that reads nothing and renders one tiny template: the baseline the load test compares
    every real page with (same server stack, no application work)."""
    return render(request, "portal/bare.html")


@login_required
def dashboard(request):
    """Send each user to the page their work starts from."""
    return redirect(request.user.start_url())
