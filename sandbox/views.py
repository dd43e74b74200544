"""Sandbox views: thin wrappers over the services."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render


@login_required
def home(request):
    """The official's practice workspace: scenarios and replicas."""
    return render(request, "sandbox/home.html", {})


@login_required
def scenario(request, slug: str):
    """Start or resume one scenario."""
    return render(request, "sandbox/home.html", {"slug": slug})
