"""The question bank and the quizzes in the Wagtail admin: searchable, filterable snippets under one
menu, a "regrade" action on each question, and no deleting what attempts still refer to."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.menus import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from quizzes.forms import QuestionAdminForm, QuizAdminForm
from quizzes.models import Attempt, AttemptAnswer, Question, Quiz, QuizQuestion


class QuestionViewSet(SnippetViewSet):
    model = Question
    icon = "help"
    menu_label = _("Ngân hàng câu hỏi")
    list_display = ["code", "prompt", "kind", "course_slug", "system", "difficulty", "updated_at"]
    list_filter = ["kind", "course_slug", "system", "difficulty"]
    list_per_page = 50
    ordering = ["course_slug", "code"]
    edit_handler = ObjectList(Question.panels, base_form_class=QuestionAdminForm)


class QuizViewSet(SnippetViewSet):
    model = Quiz
    icon = "tasks"
    menu_label = _("Bài kiểm tra")
    list_display = ["title", "slug", "course_slug", "selection", "time_limit_minutes", "pass_mark"]
    list_filter = ["course_slug", "selection", "feedback"]
    search_fields = ["title", "slug"]
    edit_handler = ObjectList(Quiz.panels, base_form_class=QuizAdminForm)


class QuizzesGroup(SnippetViewSetGroup):
    items = (QuestionViewSet, QuizViewSet)
    menu_icon = "tasks"
    menu_label = _("Kiểm tra")
    menu_name = "quizzes"


register_snippet(QuizzesGroup)


@hooks.register("register_snippet_listing_buttons")
def regrade_button(snippet, user, next_url=None):
    if isinstance(snippet, Question) and user.has_perm("quizzes.change_question"):
        url = reverse("quizzes:question_regrade", args=[snippet.pk])
        if next_url:
            url = f"{url}?{urlencode({'next': next_url})}"
        yield MenuItem(_("Chấm lại các bài đã làm"), url, icon_name="repeat", priority=40)


@hooks.register("before_delete_snippet")
def keep_what_attempts_use(request, instances):
    """A question a quiz lists or an attempt used, or a quiz with attempts, stays: officials' results
    are built on it. Say so instead of failing on the database's protection."""
    questions = [i.pk for i in instances if isinstance(i, Question)]
    quizzes = [i.pk for i in instances if isinstance(i, Quiz)]
    in_use = (
        questions
        and (
            AttemptAnswer.objects.filter(question_id__in=questions).exists()
            or QuizQuestion.objects.filter(question_id__in=questions).exists()
        )
    ) or (quizzes and Attempt.objects.filter(quiz_id__in=quizzes).exists())
    if in_use:
        messages.error(
            request,
            _(
                "Không xóa được: nội dung này đang nằm trong một bài kiểm tra hoặc đã có cán bộ làm bài. "
                "Hãy sửa nội dung (rồi chấm lại nếu cần) thay vì xóa."
            ),
        )
        model = type(instances[0])
        return redirect(reverse(f"wagtailsnippets_{model._meta.app_label}_{model._meta.model_name}:list"))
    return None
