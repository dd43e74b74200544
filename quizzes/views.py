"""Quiz pages: start or resume, answer one question at a time (saved as given, also by the autosave
script), review and submit, see the result; trainers' question analysis and regrading."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_q.tasks import async_task

from quizzes import selectors, services
from quizzes.forms import AnswerForm
from quizzes.models import Attempt, FeedbackTiming, Question, QuestionKind, Quiz


def _question_url(attempt: Attempt, position: int) -> str:
    return reverse("quizzes:question", args=[attempt.pk, position])


def _result_url(attempt: Attempt) -> str:
    return reverse("quizzes:result", args=[attempt.pk])


def _own_attempt(request, pk: int) -> Attempt:
    """The signed-in official's attempt, closed first if its time is up. Others' attempts are 404."""
    attempt = get_object_or_404(selectors.attempts_of_official(official=request.user), pk=pk)
    return services.attempt_close_if_due(attempt=attempt)


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


@login_required
def start(request, slug: str):
    """The quiz's start page. An attempt in progress resumes where it was; POST starts a new one."""
    quiz = get_object_or_404(Quiz, slug=slug)
    attempt = selectors.open_attempt(quiz=quiz, official=request.user)
    if attempt is not None:
        attempt = services.attempt_close_if_due(attempt=attempt)
        if attempt.is_open:
            return redirect(_question_url(attempt, attempt.position))
        return redirect(_result_url(attempt))
    if request.method == "POST":
        if not request.user.is_official:
            raise PermissionDenied
        try:
            attempt = services.attempt_start(quiz=quiz, official=request.user)
        except services.AttemptRefused as refusal:
            messages.error(request, refusal.message)
            return redirect("quizzes:start", slug=quiz.slug)
        return redirect(_question_url(attempt, attempt.position))
    page = selectors.quiz_start_page(quiz=quiz, official=request.user)
    return render(request, "quizzes/start.html", {"page": page, "quiz": quiz})


def _answer_form(answer, data=None) -> AnswerForm:
    options = selectors.shown_options(answer, answer.option_order)
    rights = selectors.shown_options(answer, answer.match_order)
    return AnswerForm(data, answer=answer, options=options, right_options=rights)


@login_required
def question(request, pk: int, position: int):
    """One question of an attempt. POST saves the answer (and, from the autosave script, answers in
    JSON); then the next question, or with feedback at once, this question with its feedback."""
    attempt = _own_attempt(request, pk)
    if not attempt.is_open:
        if _wants_json(request):
            return JsonResponse(
                {"saved": False, "error": _("Bài đã nộp hoặc đã hết giờ."), "redirect": _result_url(attempt)},
                status=409,
            )
        return redirect(_result_url(attempt))
    answer = selectors.attempt_answer_at(attempt=attempt, position=position)
    if answer is None:
        raise Http404
    if request.method == "POST":
        return _save_answer(request, attempt, answer)
    services.attempt_position_set(attempt=attempt, position=position)
    return _render_question(request, attempt, answer, _answer_form(answer))


def _save_answer(request, attempt: Attempt, answer):
    form = _answer_form(answer, request.POST)
    if not form.is_valid():
        if _wants_json(request):
            errors = [error for errors in form.errors.values() for error in errors]
            return JsonResponse({"saved": False, "error": " ".join(errors)}, status=400)
        return _render_question(request, attempt, answer, form, status=400)
    confirm = "confirm" in request.POST
    try:
        saved = services.attempt_answer_save(
            attempt=attempt,
            position=answer.position,
            response=form.response(),
            confirm=confirm,
            answer=answer,
        )
    except services.AttemptRefused as refusal:
        if _wants_json(request):
            return JsonResponse({"saved": False, "error": refusal.message}, status=409)
        messages.error(request, refusal.message)
        return redirect(_question_url(attempt, answer.position))
    if _wants_json(request):
        return JsonResponse(
            {"saved": True, "saved_at": formats.time_format(timezone.localtime(saved.answered_at), "H:i:s")}
        )
    if saved.confirmed_at is not None or "stay" in request.POST:
        return redirect(_question_url(attempt, answer.position))
    if "next" in request.POST and answer.position < attempt.answers.count():
        return redirect(_question_url(attempt, answer.position + 1))
    return redirect("quizzes:review", pk=attempt.pk)


def _render_question(request, attempt: Attempt, answer, form: AnswerForm, status: int = 200):
    navigation = selectors.attempt_navigation(attempt=attempt, current=answer.position)
    question_obj = answer.question
    practical = question_obj.kind == QuestionKind.PRACTICAL
    completed = frozenset()
    if practical:
        completed = selectors.completed_scenarios(official_id=attempt.official_id, until=None)
    feedback = None
    if selectors.answer_feedback_visible(attempt=attempt, answer=answer):
        feedback = selectors.question_feedback(answer=answer, completed=completed)
    context = {
        "attempt": attempt,
        "quiz": attempt.quiz,
        "answer": answer,
        "question": question_obj,
        "form": form,
        "navigation": navigation,
        "total": len(navigation),
        "is_last": answer.position == len(navigation),
        "remaining": selectors.remaining_seconds(attempt=attempt),
        "immediate": attempt.quiz.feedback == FeedbackTiming.IMMEDIATE,
        "locked": answer.confirmed_at is not None,
        "feedback": feedback,
        "scenario_done": practical and question_obj.scenario_slug in completed,
    }
    return render(request, "quizzes/question.html", context, status=status)


@login_required
def review(request, pk: int):
    """Every question with whether it is answered, and the submit button."""
    attempt = _own_attempt(request, pk)
    if not attempt.is_open:
        return redirect(_result_url(attempt))
    navigation = selectors.attempt_navigation(attempt=attempt)
    context = {
        "attempt": attempt,
        "quiz": attempt.quiz,
        "navigation": navigation,
        "unanswered": sum(1 for item in navigation if not item.answered),
        "remaining": selectors.remaining_seconds(attempt=attempt),
    }
    return render(request, "quizzes/review.html", context)


@login_required
@require_POST
def submit(request, pk: int):
    """Submit the attempt. A second submission (double click, another tab) lands on the same result."""
    attempt = get_object_or_404(selectors.attempts_of_official(official=request.user), pk=pk)
    attempt = services.attempt_submit(attempt=attempt)
    return redirect(_result_url(attempt))


@login_required
def result(request, pk: int):
    """The attempt's score, and its feedback when the quiz's rules allow showing it."""
    attempt = _own_attempt(request, pk)
    if attempt.is_open:
        return redirect(_question_url(attempt, attempt.position))
    visible = selectors.feedback_visible(attempt=attempt)
    context = {
        "attempt": attempt,
        "quiz": attempt.quiz,
        "feedback": selectors.attempt_feedback(attempt=attempt) if visible else None,
        "feedback_later": attempt.quiz.feedback == FeedbackTiming.AFTER_CLOSE and not visible,
        "expired": selectors.attempt_expired(attempt=attempt),
    }
    return render(request, "quizzes/result.html", context)


# --- Trainers ----------------------------------------------------------------------------------------


def _safe_next(request, url: str | None) -> str:
    if url and url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}):
        return url
    return reverse("quizzes:analysis_index")


def _require_analyst(request) -> None:
    if not selectors.can_analyse(request.user):
        raise PermissionDenied


@login_required
def analysis_index(request):
    """Quizzes with how many officials in the user's scope have been graded on each."""
    _require_analyst(request)
    return render(
        request, "quizzes/analysis_index.html", {"quizzes": selectors.analysis_quizzes(user=request.user)}
    )


@login_required
def analysis_detail(request, slug: str):
    """Share of correct answers per question and per commune, most-missed first, within scope."""
    _require_analyst(request)
    quiz = get_object_or_404(Quiz, slug=slug)
    context = {
        "quiz": quiz,
        "questions": selectors.analysis_question_shares(user=request.user, quiz=quiz),
        "can_regrade": request.user.has_perm("quizzes.change_question"),
    }
    return render(request, "quizzes/analysis_detail.html", context)


@login_required
def question_regrade(request, pk: int):
    """After correcting a question in the bank, re-score every graded attempt that contains it."""
    if not request.user.has_perm("quizzes.change_question"):
        raise PermissionDenied
    question_obj = get_object_or_404(Question, pk=pk)
    count = services.question_regrade_count(question=question_obj)
    if request.method == "POST":
        async_task("quizzes.tasks.question_regrade", question_obj.pk, request.user.pk)
        messages.success(
            request,
            _(
                "Đang chấm lại %(count)s lượt làm bài có câu hỏi %(code)s; "
                "điểm và sổ tiến độ sẽ được cập nhật."
            )
            % {"count": count, "code": question_obj.code},
        )
        return redirect(_safe_next(request, request.POST.get("next")))
    context = {"question": question_obj, "count": count, "next": _safe_next(request, request.GET.get("next"))}
    return render(request, "quizzes/regrade_confirm.html", context)
