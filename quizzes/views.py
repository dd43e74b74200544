"""Quiz pages: start/resume a quiz, answer, submit, see results; trainers' analysis."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render


@login_required
def start(request, slug: str):
    """The quiz's start page, or the attempt in progress."""
    return render(request, "portal/placeholder.html", {"title": slug})


@login_required
def analysis_index(request):
    """Trainers' list of quizzes to analyse."""
    return render(request, "portal/placeholder.html", {"title": "analysis_index"})
