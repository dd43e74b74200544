"""The published shape of the courses: each course's title and address and its live lessons in the
editors' order, cached per version of the published page tree (``portal.page_cache``).

A lesson page needs its course and its neighbours on every view; reading them from the tree costs
three queries and builds a page object (with its StreamField) for every lesson. The shape only
changes when a page is published, unpublished, moved or deleted, which makes a new tree version: a
shape is read at most once per version, then from the cache. Everything here is the same for every
user; what a user has done is in ``courses.progress``.
"""

from dataclasses import dataclass

from django.core.cache import cache

from core import local_store
from core.catalogue import PickItem
from core.page_tree import tree_version
from courses.models import CoursePage, LessonPage

CACHE_SECONDS = 24 * 3600


@dataclass(frozen=True)
class LessonLink:
    pk: int
    title: str
    url: str
    required: bool
    # The ledger keys ("scenario:<slug>", "quiz:<slug>") of its practise and check blocks.
    action_keys: tuple[str, ...]


@dataclass(frozen=True)
class CourseShape:
    pk: int
    title: str
    url: str
    path: str
    lessons: tuple[LessonLink, ...]
    # The quizzes and practices its completion rule requires, as ledger (kind, key) pairs.
    requirements: tuple[tuple[str, str], ...] = ()

    def lesson(self, lesson_id: int) -> LessonLink | None:
        for link in self.lessons:
            if link.pk == lesson_id:
                return link
        return None

    def neighbours(self, lesson_id: int) -> tuple[int, LessonLink | None, LessonLink | None]:
        """The lesson's position (from 1), and the lessons before and after it."""
        ids = [link.pk for link in self.lessons]
        index = ids.index(lesson_id) if lesson_id in ids else 0
        previous = self.lessons[index - 1] if index > 0 and self.lessons else None
        following = self.lessons[index + 1] if index + 1 < len(self.lessons) else None
        return index + 1, previous, following


def lesson_action_keys(lesson: LessonPage) -> tuple[str, ...]:
    """The ledger keys of the lesson's practise and check blocks, read from the stored body without
    building its blocks (no query, no image lookup)."""
    fields = {"practise": ("scenario", "scenario"), "check": ("quiz", "quiz")}
    keys = []
    for item in lesson.body.raw_data:
        if item["type"] in fields:
            kind, name = fields[item["type"]]
            keys.append(f"{kind}:{item['value'].get(name, '')}")
    return tuple(keys)


def _shape_of(course: CoursePage, request=None) -> CourseShape:
    lessons = LessonPage.objects.live().child_of(course).order_by("path")
    return CourseShape(
        pk=course.pk,
        title=course.title,
        url=course.get_url(request) or "",
        path=course.path,
        lessons=tuple(
            LessonLink(
                pk=lesson.pk,
                title=lesson.title,
                url=lesson.get_url(request) or "",
                required=lesson.required,
                action_keys=lesson_action_keys(lesson),
            )
            for lesson in lessons
        ),
        requirements=tuple((item.kind, item.key) for item in course.requirements.all()),
    )


def _key(version: str, request, course_path: str) -> str:
    host = request.get_host() if request is not None else ""
    return f"courses:shape:{version}:{host}:{course_path}"


def course_shape(*, course_path: str, request=None, found: dict | None = None) -> CourseShape | None:
    """The shape of the course at ``course_path`` (a lesson's is its path minus one level), or None
    when no live course is there. ``found``: what ``cache.get_many`` gave for keys that included
    this shape's (``shape_key_of_lesson``)."""
    key = _key(tree_version(request), request, course_path)
    # The key carries the tree version: one shape for ever, so kept in the process too.
    shape = local_store.get(key)
    if shape is not None:
        return shape
    shape = found.get(key) if found is not None else cache.get(key)
    if shape is None:
        course = CoursePage.objects.live().filter(path=course_path).first()
        if course is None:
            return None
        shape = _shape_of(course, request)
        cache.set(key, shape, CACHE_SECONDS)
    local_store.put(key, shape)
    return shape


def shape_key_of_lesson(*, lesson: LessonPage, request=None) -> str:
    """The cache key of the shape of the lesson's course, to be read with others in one round trip
    (not needed when this process keeps it: ``shape_kept``)."""
    return _key(tree_version(request), request, lesson.path[: -LessonPage.steplen])


def shape_kept(key: str) -> bool:
    """Whether this process keeps the shape under ``key`` (``core.local_store``)."""
    return local_store.get(key) is not None


def course_shape_of_lesson(
    *, lesson: LessonPage, request=None, preview: bool = False, found: dict | None = None
) -> CourseShape | None:
    """The shape of the lesson's course; in a preview, read afresh, whether the course is published
    or not (an editor previews the lessons of a course still being written). ``found``: as for
    ``course_shape``."""
    course_path = lesson.path[: -LessonPage.steplen]
    if preview:
        course = CoursePage.objects.filter(path=course_path).first()
        return _shape_of(course, request) if course is not None else None
    return course_shape(course_path=course_path, request=request, found=found)


def courses_shapes(*, course_ids, request=None) -> list[CourseShape]:
    """The shapes of these live courses, in the editors' order (one cache round trip when warm)."""
    course_ids = set(course_ids)
    version = tree_version(request)
    index_key = f"courses:shape-paths:{version}"
    paths = cache.get(index_key)
    if paths is None:
        paths = dict(CoursePage.objects.live().values_list("pk", "path"))
        cache.set(index_key, paths, CACHE_SECONDS)
    wanted = sorted(paths[pk] for pk in course_ids if pk in paths)
    keys = {path: _key(version, request, path) for path in wanted}
    found = cache.get_many(list(keys.values()))
    shapes = []
    for path in wanted:
        shape = found.get(keys[path]) or course_shape(course_path=path, request=request)
        if shape is not None and shape.pk in course_ids:
            shapes.append(shape)
    return shapes


def lessons_outline() -> list[PickItem]:
    """Every published lesson of a published course anyone signed in may be sent to (no view
    restriction), course by course in the editors' order, each with its steps (``step-<block id>``
    is the step's anchor on the lesson page): what a trainer picks from to send a lesson to a live
    session (core.catalogue). Two queries per version of the published tree."""
    key = f"courses:lessons-outline:{tree_version()}"
    found = cache.get(key)
    if found is not None:
        return found
    courses = {
        course.path: course.title for course in CoursePage.objects.live().public().only("path", "title")
    }
    found = []
    for lesson in LessonPage.objects.live().public().order_by("path"):
        course_title = courses.get(lesson.path[: -LessonPage.steplen])
        url = lesson.get_url() or ""
        if course_title is None or not url:
            continue
        steps = tuple(
            (str(item["id"]), str(item["value"].get("instruction", "")))
            for item in lesson.body.raw_data
            if item["type"] == "step"
        )
        found.append(
            PickItem(key=str(lesson.pk), title=lesson.title, url=url, group=course_title, steps=steps)
        )
    cache.set(key, found, CACHE_SECONDS)
    return found
