"""The summary tables follow the ledger: incremental updates equal a rebuild, moves and roll-over."""

import uuid
from datetime import timedelta
from io import StringIO

from django.core.management import call_command
from django.utils import timezone
from django_q.brokers import get_broker
from django_q.models import Failure, Success
from django_q.monitor import save_task

from people.models import JobRole
from progress.models import ProgressEntry, ProgressKind, ProgressStatus
from progress.services import progress_record
from reports import summaries
from reports.models import (
    CommuneCourseCount,
    CommuneWeekCount,
    CountedOfficial,
    ProvinceCourseCount,
    ProvinceWeekCount,
    SummaryStamp,
)
from reports.selectors import ReportFilters, commune_report, national_report, province_report
from reports.summaries import course_entries_changed, summaries_rebuild
from tests.factories import CommuneFactory, OfficialFactory
from tests.reports.conftest import assign

NO_FILTERS = ReportFilters()


def _row(report, key):
    return next(row for row in report.rows if row.key == key)


def _snapshot():
    """Every summary table's content, comparable between an incremental update and a rebuild."""
    tables = {}
    for model, fields in (
        (CommuneCourseCount, ("commune_id", "course_id", "job_role", "due_date", "status", "count")),
        (ProvinceCourseCount, ("province_id", "course_id", "job_role", "due_date", "status", "count")),
        (CommuneWeekCount, ("commune_id", "course_id", "job_role", "week", "count")),
        (ProvinceWeekCount, ("province_id", "course_id", "job_role", "week", "count")),
        (CountedOfficial, ("official_id", "commune_id")),
    ):
        tables[model.__name__] = sorted(model.objects.values_list(*fields))
    return tables


def test_completing_a_course_changes_the_commune_rate(
    official, commune, province, course, django_capture_on_commit_callbacks
):
    colleague = OfficialFactory(commune=commune)
    assign(official, course)
    assign(colleague, course)
    before = _row(province_report(province=province, filters=NO_FILTERS), commune.pk)
    assert (before.counts.assigned, before.counts.completed, before.counts.rate) == (2, 0, 0)

    with django_capture_on_commit_callbacks(execute=True):
        progress_record(official=official, kind=ProgressKind.COURSE, key=str(course.pk), status="completed")

    after = _row(province_report(province=province, filters=NO_FILTERS), commune.pk)
    assert (after.counts.assigned, after.counts.completed, after.counts.rate) == (2, 1, 50.0)
    national = _row(national_report(filters=NO_FILTERS), province.pk)
    assert national.counts.completed == 1
    commune_rows = commune_report(commune=commune, filters=NO_FILTERS).rows
    assert {row.key: row.counts.completed for row in commune_rows} == {official.pk: 1, colleague.pk: 0}
    # The week of the completion shows in the trend.
    assert sum(value for _week, value in province_report(province=province, filters=NO_FILTERS).trend) == 1
    # The recount ran as a task, and left no result row: saving one per recount cost the task
    # cluster's monitor nearly as much CPU as each worker.
    assert not Success.objects.filter(func="reports.summaries.course_entries_changed").exists()


def test_incremental_updates_equal_a_rebuild(official, other_official, commune, course, other_course):
    chairman = OfficialFactory(commune=commune, job_role=JobRole.CHAIRMAN)
    assign(official, course, status=ProgressStatus.COMPLETED)
    assign(official, other_course, due=timezone.localdate() - timedelta(days=3))
    assign(chairman, course, status=ProgressStatus.IN_PROGRESS)
    assign(other_official, course, status=ProgressStatus.FAILED)
    ProgressEntry.objects.filter(official=chairman).update(
        status=ProgressStatus.COMPLETED, completed_at=timezone.now()
    )
    course_entries_changed(official_ids=[chairman.pk])
    ProgressEntry.objects.filter(official=other_official, key=str(course.pk)).delete()
    course_entries_changed(official_ids=[other_official.pk])
    incremental = _snapshot()

    summaries_rebuild()

    assert _snapshot() == incremental
    assert incremental["CommuneCourseCount"]


def test_an_official_who_moves_leaves_no_counts_behind(official, commune, province, course):
    assign(official, course, status=ProgressStatus.COMPLETED)
    new_commune = CommuneFactory(province=province)
    # The people app moves the official and rewrites their ledger rows, then tells the dashboards.
    official.commune = new_commune
    official.save()
    ProgressEntry.objects.filter(official=official).update(commune=new_commune)
    course_entries_changed(official_ids=[official.pk])

    report = province_report(province=province, filters=NO_FILTERS)
    assert _row(report, commune.pk).counts.assigned == 0
    assert _row(report, new_commune.pk).counts.completed == 1
    assert list(CountedOfficial.objects.values_list("commune_id", flat=True)) == [new_commune.pk]
    assert report.totals.assigned == 1


def test_overdue_rolls_over_when_the_due_date_passes(official, commune, province, course):
    today = timezone.localdate()
    assign(official, course, due=today + timedelta(days=1))

    assert (
        _row(province_report(province=province, filters=NO_FILTERS, today=today), commune.pk).counts.overdue
        == 0
    )
    day_after = today + timedelta(days=2)
    assert (
        _row(
            province_report(province=province, filters=NO_FILTERS, today=day_after), commune.pk
        ).counts.overdue
        == 1
    )
    assert national_report(filters=NO_FILTERS, today=day_after).totals.overdue == 1


def test_completed_courses_are_never_overdue(official, commune, province, course):
    assign(official, course, due=timezone.localdate() - timedelta(days=5), status=ProgressStatus.COMPLETED)

    assert _row(province_report(province=province, filters=NO_FILTERS), commune.pk).counts.overdue == 0


def test_filters_by_course_job_role_and_period(official, commune, province, course, other_course):
    chairman = OfficialFactory(commune=commune, job_role=JobRole.CHAIRMAN)
    today = timezone.localdate()
    assign(official, course, due=today + timedelta(days=10), status=ProgressStatus.COMPLETED)
    assign(official, other_course, due=today + timedelta(days=40))
    assign(chairman, course, due=today + timedelta(days=10))

    def assigned(**filters):
        return province_report(province=province, filters=ReportFilters(**filters)).totals.assigned

    assert assigned() == 3
    assert assigned(course_id=course.pk) == 2
    assert assigned(job_role=JobRole.CHAIRMAN) == 1
    assert assigned(due_from=today + timedelta(days=20)) == 1
    assert assigned(due_from=today, due_to=today + timedelta(days=15), job_role=JobRole.ONE_STOP) == 1
    report = province_report(province=province, filters=ReportFilters(course_id=course.pk))
    assert [(row.label, row.counts.assigned) for row in report.by_course] == [("Chữ ký số", 2)]
    assert {row.key: row.counts.assigned for row in report.by_job_role} == {
        JobRole.CHAIRMAN: 1,
        JobRole.ONE_STOP: 1,
    }


def test_each_change_bumps_the_province_stamp(official, province, course):
    assign(official, course)
    key = SummaryStamp.province_key(province.pk)
    before = SummaryStamp.objects.get(key=key).version

    course_entries_changed(official_ids=[official.pk])

    assert SummaryStamp.objects.get(key=key).version == before + 1


def test_rebuild_command_reports_the_tables(official, course):
    assign(official, course)
    CommuneCourseCount.objects.all().delete()
    out = StringIO()

    call_command("rebuild_summaries", stdout=out)

    assert "CommuneCourseCount: 1" in out.getvalue()
    assert CommuneCourseCount.objects.get().count == 1


def test_a_failed_recount_is_kept_for_the_administrators(
    official, monkeypatch, django_capture_on_commit_callbacks
):
    """The recount's task, as it is queued, failed: the cluster's monitor keeps it (``save=False``
    drops only successes). The test settings run tasks in the request, where a failure raises; so
    the queued task is taken as it is and handed to the monitor as a failed one."""
    queued = []
    monkeypatch.setattr(summaries, "async_task", lambda func, **options: queued.append((func, options)))
    with django_capture_on_commit_callbacks(execute=True):
        summaries.course_entries_changed_queue(official_ids=[official.pk])
    [(func, options)] = queued
    now = timezone.now()
    task = {
        "id": uuid.uuid4().hex,
        "name": "dem-lai-xa",
        "func": func,
        "args": (),
        "started": now,
        "stopped": now,
        "result": "the summary tables are locked",
        "success": False,
        **options,
    }
    task["kwargs"] = {"official_ids": task.pop("official_ids")}
    save_task(task, get_broker())
    assert Failure.objects.get(func="reports.summaries.course_entries_changed").result == task["result"]
