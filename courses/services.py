"""Writes about courses: completion, lessons, assignments, authoring.

Quizzes, the sandbox and live sessions write into the progress ledger (``progress.services``), not
here; course completion is re-evaluated from the ledger each time an item of an official is completed
(``official_courses_evaluate``, registered with ``progress.registry`` by ``CoursesConfig.ready``).
Assignments are materialised into the ledger in bulk (``course_assignments_sync`` for one course,
``course_assignments_apply`` for newly imported officials).
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from itertools import islice

from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django_q.tasks import async_task
from wagtail.models import GroupApprovalTask, Page, Workflow, WorkflowPage, WorkflowTask

from courses.completion import completion_rules
from courses.models import Assignment, CourseIndexPage, CoursePage, LessonPage
from courses.progress import official_progress
from courses.search import fold_for_index
from courses.structure import course_shape_of_lesson
from people.groups import MODERATORS_GROUP
from people.models import User
from progress import registry
from progress.activity import activity_report
from progress.models import ProgressEntry, ProgressKind, ProgressStatus
from progress.services import progress_record

_BATCH = 1000

REVIEW_WORKFLOW_NAME = "Duyệt khóa học"
REVIEW_TASK_NAME = "Tổ biên tập duyệt nội dung"
REVIEWERS_GROUP = MODERATORS_GROUP


def _batched(items: Iterable, size: int = _BATCH):
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def official_courses_evaluate(*, official: User, kind: str, key: str) -> None:
    """Re-evaluate the official's unfinished courses whose rule involves the item just completed.

    The ledger's listener for a completed item (``progress.registry.on_item_completed``)."""
    open_keys = (
        ProgressEntry.objects.filter(official=official, kind=ProgressKind.COURSE)
        .exclude(status=ProgressStatus.COMPLETED)
        .values_list("key", flat=True)
    )
    rules = completion_rules(course_ids=[int(k) for k in open_keys if k.isdigit()])
    for course_id, rule in rules.items():
        if rule.involves(kind, key):
            course_completion_evaluate(course_id=course_id, official_ids=[official.pk])


def official_courses_begin(*, official: User, kind: str, key: str, course_id: int | None) -> None:
    """An item of the official was begun, done or failed: each of their not-started courses it
    belongs to (its rule involves the item, or the item is one of its lessons) is now in progress, so
    "Khóa học của tôi", "Tiến độ của tôi" and every dashboard count it. Without this, a course whose
    practices and quiz were done outside its lessons stayed "not started" everywhere.

    The ledger's listener for a moved item (``progress.registry.on_item_moved``)."""
    waiting = [
        int(course_key)
        for course_key in ProgressEntry.objects.filter(
            official=official, kind=ProgressKind.COURSE, status=ProgressStatus.NOT_STARTED
        ).values_list("key", flat=True)
        if course_key.isdigit()
    ]
    for course_pk, rule in completion_rules(course_ids=waiting).items():
        if rule.involves(kind, key) or (kind == ProgressKind.LESSON and course_id == course_pk):
            progress_record(
                official=official,
                kind=ProgressKind.COURSE,
                key=str(course_pk),
                status=ProgressStatus.IN_PROGRESS,
                course_id=course_pk,
            )


@transaction.atomic
def course_completion_evaluate(
    *, course_id: int, official_ids: Iterable[int] | QuerySet | None = None
) -> list[int]:
    """Mark completed the course entries (of these officials, or of everyone assigned) whose
    completion rule now holds; return the officials who just finished. A finished course stays
    finished even if its rule later grows."""
    rule = completion_rules(course_ids=[course_id]).get(course_id)
    if rule is None or rule.is_empty:
        return []
    open_entries = ProgressEntry.objects.filter(kind=ProgressKind.COURSE, key=str(course_id)).exclude(
        status=ProgressStatus.COMPLETED
    )
    if official_ids is not None:
        open_entries = open_entries.filter(official_id__in=official_ids)
    completed: dict[int, set[tuple[str, str]]] = defaultdict(set)
    rows = (
        ProgressEntry.objects.filter(
            status=ProgressStatus.COMPLETED, official_id__in=open_entries.values("official_id")
        )
        .filter(rule.ledger_filter())
        .values_list("official_id", "kind", "key")
    )
    for official_id, kind, key in rows:
        completed[official_id].add((kind, key))
    if not completed:
        return []
    finished = [
        entry
        for entry in open_entries.filter(official_id__in=list(completed)).only(
            "pk", "official_id", "started_at"
        )
        if rule.holds(completed[entry.official_id])
    ]
    now = timezone.now()
    for entry in finished:
        entry.status = ProgressStatus.COMPLETED
        entry.completed_at = now
        entry.started_at = entry.started_at or now
        entry.updated_at = now
    ProgressEntry.objects.bulk_update(
        finished, ["status", "completed_at", "started_at", "updated_at"], batch_size=_BATCH
    )
    registry.course_rows_changed(official_ids=(entry.official_id for entry in finished))
    return [entry.official_id for entry in finished]


# --- Lessons -------------------------------------------------------------------------------------------


def lesson_open(
    *, official: User, lesson: LessonPage, shape=None, progress=None, found: dict | None = None
) -> None:
    """The official opened a lesson: it is in progress, it is where the course resumes, and the
    trainer's live board learns where the official is.

    ``shape`` (``courses.structure``) and ``progress`` (``courses.progress``) are the lesson page's,
    when it has read them, and ``found`` what it read from the cache with them (where the board last
    saw the official, ``progress.activity.position_key``). A lesson opened again (already begun,
    already where its course resumes) writes nothing and, with all three from the page's one cache
    round trip, reads nothing either: at the peak it is the most frequent request."""
    if shape is None:
        shape = course_shape_of_lesson(lesson=lesson, preview=True)
    if progress is None:
        progress = official_progress(official_id=official.pk)
    course_row = progress.get(ProgressKind.COURSE, shape.pk)
    entry = progress.get(ProgressKind.LESSON, lesson.pk)
    recorded = (
        course_row is not None
        and entry is not None
        and ProgressStatus.NOT_STARTED not in (course_row.status, entry.status)
        and course_row.detail.get("last_lesson_id") == lesson.pk
        and all(
            (row.province_id, row.commune_id) == (official.province_id, official.commune_id)
            for row in (course_row, entry)
        )
    )
    if not recorded:
        with transaction.atomic():
            progress_record(
                official=official,
                kind=ProgressKind.COURSE,
                key=str(shape.pk),
                status=ProgressStatus.IN_PROGRESS,
                course_id=shape.pk,
                detail={"last_lesson_id": lesson.pk},
            )
            progress_record(
                official=official,
                kind=ProgressKind.LESSON,
                key=str(lesson.pk),
                status=ProgressStatus.IN_PROGRESS,
                course_id=shape.pk,
            )
    activity_report(
        official_id=official.pk,
        kind=ProgressKind.LESSON.value,
        key=str(lesson.pk),
        label=f"{shape.title} · {lesson.title}",
        found=found,
    )


def lesson_complete(*, official: User, lesson: LessonPage) -> ProgressEntry:
    """The official reached the end of a lesson and said so: the lesson is done (and the course too,
    when that was the last thing its rule needed)."""
    return progress_record(
        official=official,
        kind=ProgressKind.LESSON,
        key=str(lesson.pk),
        status=ProgressStatus.COMPLETED,
        course_id=lesson.get_parent().pk,
    )


# --- Assignments -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AssignmentResult:
    created: int
    updated: int
    removed: int


@dataclass
class _Target:
    due_date: date | None
    province_id: int | None
    commune_id: int | None


def _earliest(first: date | None, second: date | None) -> date | None:
    if first is None or second is None:
        return first or second
    return min(first, second)


def _assignment_targets(
    assignments: Iterable[Assignment], officials: QuerySet[User]
) -> dict[tuple[int, int], _Target]:
    """(course id, official id) -> what the ledger row should say; one query per assignment row."""
    targets: dict[tuple[int, int], _Target] = {}
    for assignment in assignments:
        rows = officials.filter(assignment.officials_q()).values_list("pk", "province_id", "commune_id")
        for official_id, province_id, commune_id in rows:
            target = targets.get((assignment.course_id, official_id))
            if target is None:
                targets[(assignment.course_id, official_id)] = _Target(
                    assignment.due_date, province_id, commune_id
                )
            else:
                target.due_date = _earliest(target.due_date, assignment.due_date)
    return targets


def _assignments_materialise(
    *, targets: dict[tuple[int, int], _Target], existing: QuerySet[ProgressEntry]
) -> AssignmentResult:
    """Make the course rows in ``existing`` match ``targets``: create the missing ones, fix due
    dates, and drop the untouched (not started) rows nobody is assigned any more. Rows with progress
    stay: what an official did is never erased."""
    now = timezone.now()
    current = {
        (int(entry.key), entry.official_id): entry
        for entry in existing.only("pk", "key", "official_id", "due_date", "status")
    }
    to_create = [
        ProgressEntry(
            official_id=official_id,
            province_id=target.province_id,
            commune_id=target.commune_id,
            kind=ProgressKind.COURSE,
            key=str(course_id),
            course_id_ref=course_id,
            status=ProgressStatus.NOT_STARTED,
            due_date=target.due_date,
        )
        for (course_id, official_id), target in targets.items()
        if (course_id, official_id) not in current
    ]
    to_update = []
    for pair, entry in current.items():
        if pair in targets and entry.due_date != targets[pair].due_date:
            entry.due_date, entry.updated_at = targets[pair].due_date, now
            to_update.append(entry)
    to_remove = [
        entry
        for pair, entry in current.items()
        if pair not in targets and entry.status == ProgressStatus.NOT_STARTED
    ]
    # ignore_conflicts: an official may open the course between our read and this write.
    ProgressEntry.objects.bulk_create(to_create, batch_size=_BATCH, ignore_conflicts=True)
    ProgressEntry.objects.bulk_update(to_update, ["due_date", "updated_at"], batch_size=_BATCH)
    for chunk in _batched(entry.pk for entry in to_remove):
        ProgressEntry.objects.filter(pk__in=chunk).delete()
    registry.course_rows_changed(
        official_ids=(entry.official_id for entry in [*to_create, *to_update, *to_remove])
    )
    return AssignmentResult(created=len(to_create), updated=len(to_update), removed=len(to_remove))


@transaction.atomic
def course_assignments_sync(*, course_id: int) -> AssignmentResult:
    """Bring the ledger in line with one course's assignments: one ``course`` row (not started, with
    its due date) per assigned official. An unpublished or deleted course assigns nobody. Also
    re-evaluates completion, since the course's rule may have changed with the publication.

    Runs as a django-q2 task when a course or one of its lessons is published or unpublished.
    """
    course = CoursePage.objects.filter(pk=course_id).first()
    assignments = list(course.assignments.all()) if course is not None and course.live else []
    officials = User.objects.all()
    result = _assignments_materialise(
        targets=_assignment_targets(assignments, officials),
        existing=ProgressEntry.objects.filter(kind=ProgressKind.COURSE, key=str(course_id)),
    )
    course_completion_evaluate(course_id=course_id)
    return result


@transaction.atomic
def course_assignments_apply(*, official_ids: Iterable[int]) -> AssignmentResult:
    """Give these officials the courses assigned to them (and drop the untouched ones no longer
    assigned, e.g. after a move to another commune). Call it after creating or moving officials,
    e.g. at the end of a bulk import; the work is done in batches, never one query per official."""
    assignments = list(Assignment.objects.filter(course__live=True))
    created = updated = removed = 0
    for chunk in _batched(sorted(set(official_ids))):
        result = _assignments_materialise(
            targets=_assignment_targets(assignments, User.objects.filter(pk__in=chunk)),
            existing=ProgressEntry.objects.filter(kind=ProgressKind.COURSE, official_id__in=chunk),
        )
        created, updated, removed = (
            created + result.created,
            updated + result.updated,
            removed + result.removed,
        )
        if result.created:
            for course_id in {assignment.course_id for assignment in assignments}:
                course_completion_evaluate(course_id=course_id, official_ids=chunk)
    return AssignmentResult(created=created, updated=updated, removed=removed)


def course_assignments_sync_schedule(*, course_id: int) -> None:
    """Queue ``course_assignments_sync`` as a django-q2 task once the current transaction commits."""

    transaction.on_commit(
        lambda: async_task("courses.tasks.course_assignments_sync", course_id, group="courses")
    )


# --- Authoring -------------------------------------------------------------------------------------------


def page_search_text_refresh(*, page: CoursePage | LessonPage) -> None:
    """Store the page's folded text for diacritic-insensitive search (called on publish)."""
    type(page).objects.filter(pk=page.pk).update(search_text=fold_for_index(*page.searchable_parts()))


def page_published(*, page: Page) -> None:
    """A course or lesson went live: refresh its search text and re-sync the course's assignments."""
    page_search_text_refresh(page=page)
    course_assignments_sync_schedule(
        course_id=page.pk if isinstance(page, CoursePage) else page.get_parent().pk
    )


def page_unpublished(*, page: Page) -> None:
    """A course or lesson was withdrawn: the course's assignments and completions follow."""
    course_assignments_sync_schedule(
        course_id=page.pk if isinstance(page, CoursePage) else page.get_parent().pk
    )


@transaction.atomic
def course_review_workflow_ensure(*, index: CourseIndexPage) -> Workflow:
    """The moderation workflow of every course: draft → review by the Moderators group → publish.

    Trainers (Wagtail's Editors group) write and submit; a moderator or administrator approves, which
    publishes. Idempotent."""
    reviewers, _ = Group.objects.get_or_create(name=REVIEWERS_GROUP)
    task = GroupApprovalTask.objects.filter(name=REVIEW_TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=REVIEW_TASK_NAME)
    task.groups.add(reviewers)
    workflow, _ = Workflow.objects.get_or_create(name=REVIEW_WORKFLOW_NAME)
    if not WorkflowTask.objects.filter(workflow=workflow, task=task).exists():
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.update_or_create(page=index, defaults={"workflow": workflow})
    return workflow
