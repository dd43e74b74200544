"""What serving a course or lesson page reads and writes, for the page models.

The page models (``courses.models``) hold data only and import neither the selectors nor the services
(which import them). ``CoursesConfig.ready`` hands this module to ``LearnerOnlyPage.serving``, and the
pages' ``serve``, ``prepare``, ``record_visit`` and ``get_context`` call it.
"""

from courses.forms import SearchForm
from courses.progress import OfficialProgress, official_progress
from courses.selectors import course_open_to, course_outline, courses_visible_to, lesson_view
from courses.services import lesson_open
from courses.structure import course_shape_of_lesson

__all__ = [
    "course_open_to",
    "course_shape_of_lesson",
    "index_context",
    "course_context",
    "lesson_context",
    "learner_progress",
    "lesson_visit",
]


def learner_progress(*, user) -> OfficialProgress | None:
    """The learner's progress, read once per request; ``None`` for anyone but an official."""
    return official_progress(official_id=user.pk) if user.is_official else None


def lesson_visit(*, request, lesson, shape, progress) -> None:
    """Opening a lesson page: the official's progress and the live board follow (not in a preview)."""
    if request.user.is_official and not getattr(request, "is_preview", False):
        lesson_open(official=request.user, lesson=lesson, shape=shape, progress=progress)


def index_context(*, request) -> dict:
    return {"courses": courses_visible_to(user=request.user), "search_form": SearchForm()}


def course_context(*, request, course) -> dict:
    return {"outline": course_outline(user=request.user, course=course)}


def lesson_context(*, request, lesson) -> dict:
    return {
        "lesson_view": lesson_view(
            user=request.user, lesson=lesson, shape=lesson.shape, progress=lesson.progress, request=request
        ),
        "img_loading": "lazy",
    }
