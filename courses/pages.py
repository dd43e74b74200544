"""What serving a course or lesson page reads and writes, for the page models.

The page models (``courses.models``) hold data only and import neither the selectors nor the services
(which import them). ``CoursesConfig.ready`` hands this module to ``LearnerOnlyPage.serving``, and the
pages' ``serve``, ``prepare``, ``record_visit`` and ``get_context`` call it.
"""

from django.core.cache import cache

from core import request_reads
from courses import page_store
from courses.forms import SearchForm
from courses.progress import OfficialProgress, official_progress, progress_keys
from courses.selectors import course_open_to, course_outline, courses_visible_to, lesson_view
from courses.services import lesson_open
from courses.structure import course_shape_of_lesson, shape_kept, shape_key_of_lesson
from progress.activity import position_key

__all__ = [
    "course_open_to",
    "course_shape_of_lesson",
    "lesson_reads",
    "request_keys",
    "index_context",
    "course_context",
    "lesson_context",
    "lesson_response",
    "learner_progress",
    "lesson_visit",
]


def learner_progress(*, user) -> OfficialProgress | None:
    """The learner's progress, read once per request; ``None`` for anyone but an official."""
    return official_progress(official_id=user.pk) if user.is_official else None


def request_keys(request) -> list[str]:
    """The keys an official's page reads of their own (``core.request_reads``): read with the page's
    route, in the first cache round trip of the request."""
    user = request.user
    if not (user.is_authenticated and user.is_official):
        return []
    return [*progress_keys(user.pk), position_key(user.pk)]


def lesson_reads(*, request, lesson, preview: bool) -> tuple[OfficialProgress | None, object, dict]:
    """What serving a lesson reads from the cache: the learner's progress and where the live board
    last saw the official (read with the route, ``request_keys``), and the course's shape (kept by the
    process once read). Whatever was not read yet is read in one round trip. Returns the progress
    (``None`` for anyone but an official), the shape (``None``: the course is not published) and what
    was found, for ``lesson_visit``."""
    user = request.user
    wanted = request_keys(request)
    found = request_reads.found(request, wanted) if wanted else {}
    missing = [] if found is not None else wanted
    found = found or {}
    if not preview:
        shape_key = shape_key_of_lesson(lesson=lesson, request=request)
        if not shape_kept(shape_key):
            missing.append(shape_key)
    if missing:
        found.update(cache.get_many(missing))
    progress = official_progress(official_id=user.pk, found=found) if user.is_official else None
    shape = course_shape_of_lesson(lesson=lesson, request=request, preview=preview, found=found)
    return progress, shape, found


def lesson_visit(*, request, lesson, shape, progress, found=None) -> None:
    """Opening a lesson page: the official's progress and the live board follow (not in a preview)."""
    if request.user.is_official and not getattr(request, "is_preview", False):
        lesson_open(official=request.user, lesson=lesson, shape=shape, progress=progress, found=found)


def index_context(*, request) -> dict:
    return {"courses": courses_visible_to(user=request.user), "search_form": SearchForm()}


def course_context(*, request, course) -> dict:
    return {"outline": course_outline(user=request.user, course=course)}


def _lesson_view(*, request, lesson):
    """Where the lesson stands and what the user has done of it, worked out once per request."""
    view = getattr(request, "_courses_lesson_view", None)
    if view is None or view[0] != lesson.pk:
        view = (
            lesson.pk,
            lesson_view(
                user=request.user,
                lesson=lesson,
                shape=lesson.shape,
                progress=lesson.progress,
                request=request,
            ),
        )
        request._courses_lesson_view = view
    return view[1]


def lesson_response(*, request, lesson, render):
    """The lesson page: kept whole for everyone in the same state (``courses.page_store``)."""
    return page_store.lesson_response(
        request=request, lesson=lesson, view=_lesson_view(request=request, lesson=lesson), render=render
    )


def lesson_context(*, request, lesson) -> dict:
    return {"lesson_view": _lesson_view(request=request, lesson=lesson), "img_loading": "lazy"}
