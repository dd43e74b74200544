"""Reads shaped for the course pages: who may open a course, My courses, a lesson's surroundings,
the printable course, and search. Each runs a fixed number of queries, whatever the number of rows."""

from dataclasses import dataclass, field
from datetime import date
from functools import reduce
from operator import and_, or_

from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import catalogue
from courses.models import CoursePage, LessonPage
from courses.progress import ItemState, OfficialProgress, official_progress
from courses.search import fold, query_words
from courses.structure import (
    CourseShape,
    LessonLink,
    course_shape_of_lesson,
    courses_shapes,
    lesson_action_keys,
)
from people.models import User
from progress.models import ProgressEntry, ProgressKind, ProgressStatus


def _sees_every_course(user: User) -> bool:
    """Authors and helpers see every course: staff, trainers, administrators."""
    return user.is_authenticated and (user.is_staff or user.is_trainer or user.is_administrator)


def assigned_course_ids(*, official: User) -> set[int]:
    """The courses in the official's ledger (assigned, or begun before an assignment ended)."""
    keys = ProgressEntry.objects.filter(official=official, kind=ProgressKind.COURSE).values_list(
        "key", flat=True
    )
    return {int(key) for key in keys if key.isdigit()}


def course_open_to(*, user: User, course_id: int, progress: OfficialProgress | None = None) -> bool:
    """Whether ``user`` may open this course and its lessons (``progress``: the official's, when
    already read)."""
    if not user.is_authenticated:
        return False
    if _sees_every_course(user):
        return True
    if not user.is_official:
        return False
    if progress is not None:
        return progress.get(ProgressKind.COURSE, course_id) is not None
    return ProgressEntry.objects.filter(official=user, kind=ProgressKind.COURSE, key=str(course_id)).exists()


def course_completed(*, official: User, course_id: int) -> bool:
    return ProgressEntry.objects.filter(
        official=official, kind=ProgressKind.COURSE, key=str(course_id), status=ProgressStatus.COMPLETED
    ).exists()


def courses_visible_to(*, user: User) -> QuerySet[CoursePage]:
    """The live courses ``user`` may open, in the editors' order."""
    courses = CoursePage.objects.live().order_by("path")
    if _sees_every_course(user):
        return courses
    if user.is_authenticated and user.is_official:
        return courses.filter(pk__in=assigned_course_ids(official=user))
    return courses.none()


def course_for_user_or_404(*, user: User, course_id: int) -> CoursePage:
    return get_object_or_404(courses_visible_to(user=user), pk=course_id)


def lesson_for_user_or_404(*, user: User, lesson_id: int) -> LessonPage:
    lesson = get_object_or_404(LessonPage.objects.live(), pk=lesson_id)
    if not course_open_to(user=user, course_id=lesson.course_page_id):
        raise Http404
    return lesson


def live_lessons(course: CoursePage) -> list[LessonPage]:
    """The course's published lessons, in the editors' order."""
    return list(LessonPage.objects.live().child_of(course).order_by("path"))


def _completed_keys(*, official: User, kind: str) -> set[str]:
    if not official.is_authenticated or not official.is_official:
        return set()
    return set(
        ProgressEntry.objects.filter(
            official=official, kind=kind, status=ProgressStatus.COMPLETED
        ).values_list("key", flat=True)
    )


def _resume_lesson(lessons: list, done: set[str], last_lesson_id: int | None):
    """Where to continue: the last lesson opened if it is not done yet, else the first unfinished
    lesson after it, else the first unfinished lesson; ``None`` when all are done."""
    unfinished = [lesson for lesson in lessons if str(lesson.pk) not in done]
    if not unfinished:
        return None
    ids = [lesson.pk for lesson in lessons]
    if last_lesson_id in ids:
        position = ids.index(last_lesson_id)
        after = [lesson for lesson in unfinished if ids.index(lesson.pk) >= position]
        if after:
            return after[0]
    return unfinished[0]


@dataclass
class LessonRow:
    lesson: LessonPage
    done: bool


@dataclass(frozen=True)
class RequirementRow:
    """A quiz or practice a course requires, as the official sees it: its title, its page, and where
    they stand on it (a ledger status; ``not_started`` when the ledger has nothing yet)."""

    kind: str
    key: str
    title: str
    url: str
    status: str

    @property
    def done(self) -> bool:
        return self.status == ProgressStatus.COMPLETED

    @property
    def status_label(self) -> str:
        if self.kind == ProgressKind.QUIZ and self.status == ProgressStatus.COMPLETED:
            return str(_("Đã đạt"))
        if self.kind == ProgressKind.QUIZ and self.status == ProgressStatus.IN_PROGRESS:
            return str(_("Đang làm"))
        if self.status == ProgressStatus.COMPLETED:
            return str(_("Đã xong"))
        if self.status == ProgressStatus.IN_PROGRESS:
            return str(_("Đang làm"))
        return ProgressStatus(self.status).label


def requirement_rows(*, requirements, progress: OfficialProgress | None) -> list[RequirementRow]:
    """The (kind, key) requirements with their titles and the official's state, in the course's
    order; a requirement whose quiz or practice no longer exists is left out (no code on screen)."""
    requirements = list(requirements)
    named = {}
    for kind in {kind for kind, _key in requirements}:
        keys = [key for other, key in requirements if other == kind]
        named.update({(kind, key): link for key, link in catalogue.items(kind, keys).items()})
    rows = []
    for kind, key in requirements:
        link = named.get((kind, key))
        if link is None:
            continue
        item = progress.get(kind, key) if progress is not None else None
        rows.append(
            RequirementRow(
                kind=kind,
                key=key,
                title=link.title,
                url=link.url,
                status=item.status if item is not None else ProgressStatus.NOT_STARTED,
            )
        )
    return rows


@dataclass
class CourseOutline:
    """A course page as one user sees it: lessons with their state, what else it requires with
    their state, and where to continue."""

    lessons: list[LessonRow]
    entry: ProgressEntry | None
    resume: LessonPage | None
    requirements: list[RequirementRow]
    live_session_done: bool = False

    @property
    def done_count(self) -> int:
        return sum(1 for row in self.lessons if row.done)

    @property
    def remaining(self) -> list[RequirementRow]:
        """What the course still needs besides its lessons."""
        return [row for row in self.requirements if not row.done]


def course_outline(*, user: User, course: CoursePage) -> CourseOutline:
    lessons = live_lessons(course)
    done = _completed_keys(official=user, kind=ProgressKind.LESSON)
    entry = None
    progress = None
    if user.is_authenticated and user.is_official:
        entry = ProgressEntry.objects.filter(
            official=user, kind=ProgressKind.COURSE, key=str(course.pk)
        ).first()
        progress = official_progress(official_id=user.pk)
    last = (entry.detail or {}).get("last_lesson_id") if entry else None
    return CourseOutline(
        lessons=[LessonRow(lesson=lesson, done=str(lesson.pk) in done) for lesson in lessons],
        entry=entry,
        resume=_resume_lesson(lessons, done, last),
        requirements=requirement_rows(
            requirements=[(item.kind, item.key) for item in course.requirements.all()], progress=progress
        ),
        live_session_done=bool(progress and progress.completed_keys(ProgressKind.LIVE_SESSION)),
    )


@dataclass
class LessonView:
    """A lesson's surroundings: its course, its place in it, and what the official has done."""

    course: CourseShape
    position: int
    total: int
    previous: LessonLink | None
    next: LessonLink | None
    done: bool
    # "kind:key" of the official's completed quizzes and scenarios, to mark the practise/check blocks.
    done_items: set[str] = field(default_factory=set)
    can_record: bool = False
    # Which of this lesson's practise/check blocks the official has done: the only per-official part
    # of the rendered body, so part of its cache key (see courses/lesson_page.html).
    body_done: str = ""
    # On the course's last lesson: the quizzes and practices the course still needs.
    remaining: list = field(default_factory=list)


def lesson_view(
    *,
    user: User,
    lesson: LessonPage,
    shape: CourseShape | None = None,
    progress: OfficialProgress | None = None,
    request=None,
) -> LessonView:
    """Where the lesson stands in its course, and what ``user`` has done (``shape`` and ``progress``:
    when already read). No query when both come from the cache."""
    if shape is None:
        shape = course_shape_of_lesson(lesson=lesson, request=request) or course_shape_of_lesson(
            lesson=lesson, request=request, preview=True
        )
    position, previous, following = shape.neighbours(lesson.pk)
    done_items: set[str] = set()
    if user.is_official:
        if progress is None:
            progress = official_progress(official_id=user.pk)
        done_items = progress.done_items()
    remaining = []
    if following is None and progress is not None and shape.requirements:
        rows = requirement_rows(requirements=shape.requirements, progress=progress)
        remaining = [row for row in rows if not row.done]
    link = shape.lesson(lesson.pk)
    action_keys = link.action_keys if link is not None else lesson_action_keys(lesson)
    return LessonView(
        course=shape,
        position=position,
        total=len(shape.lessons),
        previous=previous,
        next=following,
        done=f"{ProgressKind.LESSON}:{lesson.pk}" in done_items,
        done_items=done_items,
        can_record=user.is_official,
        body_done=",".join(key for key in action_keys if key in done_items),
        remaining=remaining,
    )


@dataclass
class MyCourse:
    """One line of "My courses"."""

    course: CourseShape
    entry: ItemState
    lessons_total: int
    lessons_done: int
    resume: LessonLink | None
    today: date
    # The quizzes and practices the course requires, and how many of them are done.
    requirements_total: int = 0
    requirements_done: int = 0

    @property
    def completed(self) -> bool:
        return self.entry.status == ProgressStatus.COMPLETED

    @property
    def overdue(self) -> bool:
        return bool(self.entry.due_date and not self.completed and self.entry.due_date < self.today)

    @property
    def started(self) -> bool:
        return self.entry.status != ProgressStatus.NOT_STARTED


def my_courses(*, official: User, request=None, progress: OfficialProgress | None = None) -> list[MyCourse]:
    """The official's assigned courses with status, lessons done, due date and where to continue:
    unfinished first, the nearest due date first. Read from the cached progress (``progress``: when
    already read) and course shapes: no query when both are warm, three when neither is."""
    if progress is None:
        progress = official_progress(official_id=official.pk)
    done = progress.completed_keys(ProgressKind.LESSON)
    today = timezone.localdate()
    rows = []
    for shape in courses_shapes(course_ids=progress.course_ids(), request=request):
        entry = progress.get(ProgressKind.COURSE, shape.pk)
        rows.append(
            MyCourse(
                course=shape,
                entry=entry,
                lessons_total=len(shape.lessons),
                lessons_done=sum(1 for lesson in shape.lessons if str(lesson.pk) in done),
                resume=_resume_lesson(list(shape.lessons), done, entry.detail.get("last_lesson_id")),
                today=today,
                requirements_total=len(shape.requirements),
                requirements_done=sum(
                    1
                    for kind, key in shape.requirements
                    if (item := progress.get(kind, key)) is not None and item.completed
                ),
            )
        )
    rows.sort(key=lambda row: (row.completed, row.entry.due_date or date.max))
    return rows


@dataclass
class PrintedLesson:
    lesson: LessonPage
    blocks: list


def course_print(*, course: CoursePage) -> list[PrintedLesson]:
    """Every published lesson of a course with its numbered blocks, for the printable guide."""
    return [PrintedLesson(lesson=lesson, blocks=lesson.numbered_body()) for lesson in live_lessons(course)]


@dataclass
class SearchHit:
    page: CoursePage | LessonPage
    course: CoursePage
    title_matches: int

    @property
    def is_course(self) -> bool:
        return isinstance(self.page, CoursePage)


def course_content_search(*, user: User, query: str, limit: int = 50) -> list[SearchHit]:
    """Courses and lessons ``user`` may open whose text holds every word of ``query``, ignoring case
    and Vietnamese diacritics (each word matches the start of a word); title matches first."""
    words = query_words(query)
    if not words:
        return []
    courses = list(courses_visible_to(user=user))
    if not courses:
        return []
    matches_all = reduce(and_, (Q(search_text__contains=f" {word}") for word in words))
    by_path = {course.path: course for course in courses}
    matching_courses = set(
        CoursePage.objects.filter(pk__in=[c.pk for c in courses])
        .filter(matches_all)
        .values_list("pk", flat=True)
    )
    hits = [SearchHit(page=c, course=c, title_matches=0) for c in courses if c.pk in matching_courses]
    lessons = (
        LessonPage.objects.live()
        .filter(reduce(or_, (Q(path__startswith=c.path, depth=c.depth + 1) for c in courses)))
        .filter(matches_all)
        .order_by("path")[:limit]
    )
    hits += [
        SearchHit(page=lesson, course=by_path[lesson.path[: -LessonPage.steplen]], title_matches=0)
        for lesson in lessons
    ]
    for hit in hits:
        title = f" {fold(hit.page.title)}"
        hit.title_matches = sum(1 for word in words if f" {word}" in title)
    hits.sort(key=lambda hit: -hit.title_matches)
    return hits[:limit]


def screenshot_for_editor_or_404(*, user: User, image_id: int):
    """A screenshot an editor may put in a step (an image they may choose), to draw its highlighted
    area on; another image answers 404."""
    from wagtail.images import get_image_model
    from wagtail.permissions import policy_registry

    policy = policy_registry.get_by_type(get_image_model())
    return get_object_or_404(policy.instances_user_has_permission_for(user, "choose"), pk=image_id)
