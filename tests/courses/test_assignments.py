"""Assignments materialised into the ledger: one course row per assigned official, in bulk,
idempotently, kept in step when assignments, officials or the course's publication change."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses.models import Assignment
from courses.services import course_assignments_apply, course_assignments_sync
from people.models import JobRole
from progress.models import ProgressEntry, ProgressStatus
from progress.services import progress_record
from tests.courses import builders
from tests.factories import CommuneFactory, OfficialFactory, TrainerFactory


def _course_rows(course):
    return ProgressEntry.objects.filter(kind="course", key=str(course.pk))


def test_sync_creates_one_not_started_row_per_assigned_official(course, official, other_official, trainer):
    neighbour = OfficialFactory(commune=CommuneFactory(province=official.province))
    result = course_assignments_sync(course_id=course.pk)
    assert result.created == 2
    rows = _course_rows(course)
    assert set(rows.values_list("official_id", flat=True)) == {official.pk, neighbour.pk}
    row = rows.get(official=official)
    assert row.status == ProgressStatus.NOT_STARTED
    assert row.due_date == builders.due(10)
    assert (row.province_id, row.commune_id, row.course_id_ref) == (
        official.province_id,
        official.commune_id,
        course.pk,
    )


def test_sync_is_idempotent(course, official):
    course_assignments_sync(course_id=course.pk)
    again = course_assignments_sync(course_id=course.pk)
    assert (again.created, again.updated, again.removed) == (0, 0, 0)
    assert _course_rows(course).count() == 1


def test_criteria_combine_and_the_earliest_due_date_wins(db, province, commune, image):
    one_stop = OfficialFactory(commune=commune, job_role=JobRole.ONE_STOP)
    land = OfficialFactory(commune=commune, job_role=JobRole.LAND)
    elsewhere = OfficialFactory(commune=CommuneFactory(province=province), job_role=JobRole.ONE_STOP)
    course = builders.course(
        lessons=1,
        image=image,
        assignments=[
            {"job_role": JobRole.ONE_STOP, "province": province, "due_date": builders.due(30)},
            {"commune": commune, "due_date": builders.due(5)},
        ],
    )
    course_assignments_sync(course_id=course.pk)
    dues = dict(_course_rows(course).values_list("official_id", "due_date"))
    assert dues == {one_stop.pk: builders.due(5), land.pk: builders.due(5), elsewhere.pk: builders.due(30)}


def test_due_date_change_and_unassignment(
    course, official, dashboard_calls, django_capture_on_commit_callbacks
):
    keeper = OfficialFactory(commune=official.commune)
    course_assignments_sync(course_id=course.pk)
    progress_record(official=keeper, kind="course", key=str(course.pk), status="in_progress")
    assignment = course.assignments.get()
    assignment.due_date = builders.due(20)
    assignment.save()
    assert course_assignments_sync(course_id=course.pk).updated == 2
    assert set(_course_rows(course).values_list("due_date", flat=True)) == {builders.due(20)}
    # The course now goes to one-stop officers of another province only: the untouched row goes,
    # the row with progress stays.
    Assignment.objects.filter(pk=assignment.pk).update(province=None, job_role=JobRole.LAND)
    with django_capture_on_commit_callbacks(execute=True):
        result = course_assignments_sync(course_id=course.pk)
    assert result.removed == 1
    assert list(_course_rows(course).values_list("official_id", flat=True)) == [keeper.pk]
    assert [official.pk] in dashboard_calls


def test_unpublishing_the_course_removes_untouched_rows(course, official):
    course_assignments_sync(course_id=course.pk)
    course.unpublish()
    course_assignments_sync(course_id=course.pk)
    assert not _course_rows(course).exists()


def test_sync_tells_the_dashboards_after_commit(
    course, official, dashboard_calls, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        course_assignments_sync(course_id=course.pk)
    assert dashboard_calls == [[official.pk]]


def _queries(callable_):
    with CaptureQueriesContext(connection) as context:
        callable_()
    return len(context.captured_queries)


def test_sync_runs_the_same_queries_for_ten_or_sixty_officials(course, commune):
    OfficialFactory.create_batch(10, commune=commune)
    few = _queries(lambda: course_assignments_sync(course_id=course.pk))
    ProgressEntry.objects.all().delete()
    OfficialFactory.create_batch(50, commune=commune)
    many = _queries(lambda: course_assignments_sync(course_id=course.pk))
    assert _course_rows(course).count() == 60
    assert many == few


def test_apply_gives_new_officials_their_courses_in_bulk(course, commune, other_commune):
    course_assignments_sync(course_id=course.pk)
    first = OfficialFactory.create_batch(3, commune=commune)
    few = _queries(lambda: course_assignments_apply(official_ids=[o.pk for o in first]))
    second = OfficialFactory.create_batch(30, commune=commune) + [OfficialFactory(commune=other_commune)]
    many = _queries(lambda: course_assignments_apply(official_ids=[o.pk for o in second]))
    assert many == few
    assert _course_rows(course).filter(official__in=first + second).count() == 33
    again = course_assignments_apply(official_ids=[o.pk for o in second])
    assert (again.created, again.updated, again.removed) == (0, 0, 0)


def test_trainers_are_never_assigned(course):
    TrainerFactory(province=course.assignments.get().province)
    course_assignments_sync(course_id=course.pk)
    assert not _course_rows(course).exists()


def test_publishing_queues_the_sync_task(db, province, official, image, django_capture_on_commit_callbacks):
    """Q_CLUSTER runs tasks synchronously in the tests: publishing is enough to assign."""
    with django_capture_on_commit_callbacks(execute=True):
        course = builders.course(lessons=1, image=image, assignments=[{"province": province}])
    assert _course_rows(course).filter(official=official).exists()
