"""A course's completion rule, as data: which ledger items must be completed.

A course is complete for an official when every required lesson (a live lesson page marked required)
is done, every required quiz passed and every required sandbox scenario done (ledger kinds
``lesson``, ``quiz``, ``scenario`` with status ``completed``), and, when the course asks for it, any
live help session attended (kind ``live_session``, any key). A rule with nothing to do never holds:
an empty course is not "complete".
"""

from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.db.models import Q

from courses.models import CoursePage, CourseRequirement, LessonPage
from progress.models import ProgressKind


@dataclass(frozen=True)
class CompletionRule:
    course_id: int
    lessons: frozenset[str]
    quizzes: frozenset[str]
    scenarios: frozenset[str]
    live_session: bool

    @property
    def items(self) -> frozenset[tuple[str, str]]:
        """The (kind, key) ledger items the rule needs completed (live sessions aside)."""
        return frozenset(
            [(ProgressKind.LESSON.value, key) for key in self.lessons]
            + [(ProgressKind.QUIZ.value, key) for key in self.quizzes]
            + [(ProgressKind.SCENARIO.value, key) for key in self.scenarios]
        )

    @property
    def is_empty(self) -> bool:
        return not self.items and not self.live_session

    def involves(self, kind: str, key: str) -> bool:
        """Whether completing this ledger item can change the rule's outcome."""
        if kind == ProgressKind.LIVE_SESSION:
            return self.live_session
        return (kind, key) in self.items

    def holds(self, completed: set[tuple[str, str]]) -> bool:
        """Whether an official whose completed ledger items are ``completed`` has finished."""
        if self.is_empty or not self.items <= completed:
            return False
        return not self.live_session or any(kind == ProgressKind.LIVE_SESSION for kind, _ in completed)

    def ledger_filter(self) -> Q:
        """The completed ledger rows that matter to this rule, as a filter on ``ProgressEntry``."""
        parts = [
            Q(kind=kind, key__in=keys)
            for kind, keys in (
                (ProgressKind.LESSON, self.lessons),
                (ProgressKind.QUIZ, self.quizzes),
                (ProgressKind.SCENARIO, self.scenarios),
            )
            if keys
        ]
        if self.live_session:
            parts.append(Q(kind=ProgressKind.LIVE_SESSION))
        return reduce(or_, parts, Q(pk__in=[]))


def completion_rules(*, course_ids) -> dict[int, CompletionRule]:
    """The rules of these courses (live ones only), in three queries whatever their number."""
    courses = list(
        CoursePage.objects.live()
        .filter(pk__in=list(course_ids))
        .only("pk", "path", "depth", "require_live_session")
    )
    if not courses:
        return {}
    lessons: dict[int, set[str]] = {course.pk: set() for course in courses}
    by_path = {course.path: course.pk for course in courses}
    lesson_rows = (
        LessonPage.objects.live()
        .filter(required=True)
        .filter(reduce(or_, (Q(path__startswith=c.path, depth=c.depth + 1) for c in courses)))
        .values_list("pk", "path")
    )
    steplen = CoursePage.steplen
    for pk, path in lesson_rows:
        lessons[by_path[path[:-steplen]]].add(str(pk))
    quizzes: dict[int, set[str]] = {course.pk: set() for course in courses}
    scenarios: dict[int, set[str]] = {course.pk: set() for course in courses}
    for course_id, kind, key in CourseRequirement.objects.filter(course_id__in=lessons).values_list(
        "course_id", "kind", "key"
    ):
        (quizzes if kind == ProgressKind.QUIZ else scenarios)[course_id].add(key)
    return {
        course.pk: CompletionRule(
            course_id=course.pk,
            lessons=frozenset(lessons[course.pk]),
            quizzes=frozenset(quizzes[course.pk]),
            scenarios=frozenset(scenarios[course.pk]),
            live_session=course.require_live_session,
        )
        for course in courses
    }
