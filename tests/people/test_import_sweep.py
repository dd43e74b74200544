"""Imports whose task worker died are found and run again, or failed with a message after three runs
(``people.services.import_jobs_stalled_sweep``, scheduled every five minutes). With the Redis broker a
task taken by a worker that dies is never delivered again: without the sweep such a job would stay
"creating" for ever. The test settings run queued tasks at once."""

import os
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from django_q.models import Schedule

from people.imports.messages import problem_message
from people.models import ImportJob, ImportState, Role, User
from people.services import IMPORT_STALLED_AFTER, import_job_create, import_jobs_stalled_sweep
from tests.people.conftest import csv_bytes, row

ROWS = [
    row("Nguyễn Thị Lan", "91001", "one_stop", "0900000001"),
    row("Trần Văn Hùng", "91002", "land", "0900000002"),
]


def left_by_a_dead_worker(department_head, *, state, minutes_ago, runs=1) -> ImportJob:
    """A job as a killed worker leaves it: mid-way, file still there, nothing applied."""
    job = import_job_create(
        uploaded_by=department_head,
        fileobj=ContentFile(csv_bytes(ROWS), name="can-bo.csv"),
        name="can-bo.csv",
        content_type=None,
        dry_run=False,
    )
    at = timezone.now() - timedelta(minutes=minutes_ago)
    ImportJob.objects.filter(pk=job.pk).update(
        state=state, runs=runs, progressed_at=None if state == ImportState.PENDING else at, uploaded_at=at
    )
    job.refresh_from_db()
    return job


@pytest.mark.parametrize("state", [ImportState.CREATING, ImportState.VALIDATING, ImportState.PENDING])
def test_a_stalled_import_runs_again_to_the_end(
    department_head, communes, state, django_capture_on_commit_callbacks
):
    job = left_by_a_dead_worker(
        department_head, state=state, minutes_ago=20, runs=0 if state == "pending" else 1
    )
    with django_capture_on_commit_callbacks(execute=True):
        outcome = import_jobs_stalled_sweep()
    assert outcome == {"requeued": [job.pk], "failed": []}
    job.refresh_from_db()
    assert job.state == ImportState.DONE
    assert job.created_count == 2
    assert User.objects.filter(role=Role.OFFICIAL).count() == 2
    assert not job.file


def test_an_import_still_progressing_is_left_alone(
    department_head, communes, django_capture_on_commit_callbacks
):
    job = left_by_a_dead_worker(department_head, state=ImportState.CREATING, minutes_ago=2)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert import_jobs_stalled_sweep() == {"requeued": [], "failed": []}
    assert callbacks == []
    job.refresh_from_db()
    assert job.state == ImportState.CREATING
    # Just past the limit (longer than the task timeout and the ORM broker's re-delivery), it is not.
    later = job.progressed_at + IMPORT_STALLED_AFTER + timedelta(seconds=1)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert import_jobs_stalled_sweep(now=later)["requeued"] == [job.pk]
    assert len(callbacks) == 1


def test_two_sweeps_queue_a_job_once(department_head, communes, django_capture_on_commit_callbacks):
    job = left_by_a_dead_worker(department_head, state=ImportState.CREATING, minutes_ago=30)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert import_jobs_stalled_sweep()["requeued"] == [job.pk]
        assert import_jobs_stalled_sweep()["requeued"] == []
    assert len(callbacks) == 1


def test_after_three_runs_the_uploader_is_told_and_nothing_is_applied(
    department_head, communes, django_capture_on_commit_callbacks
):
    job = left_by_a_dead_worker(department_head, state=ImportState.CREATING, minutes_ago=20, runs=3)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert import_jobs_stalled_sweep() == {"requeued": [], "failed": [job.pk]}
    assert callbacks == []
    job.refresh_from_db()
    assert job.state == ImportState.FAILED
    assert not job.file
    assert not User.objects.filter(role=Role.OFFICIAL).exists()
    message = problem_message(job.errors[0])
    assert message.startswith("Việc nhập bị gián đoạn 3 lần")
    assert "chưa có tài khoản nào được tạo" in message


def test_the_file_a_dying_worker_left_behind_a_finished_job_is_deleted(department_head, communes):
    """The worker commits the job's final state, then deletes the upload: one that dies in between
    leaves the officials' file on disk. The sweep deletes it once the job has been finished a while."""
    job = left_by_a_dead_worker(department_head, state=ImportState.DONE, minutes_ago=2)
    ImportJob.objects.filter(pk=job.pk).update(finished_at=timezone.now() - timedelta(minutes=2))
    path = job.file.path
    import_jobs_stalled_sweep()
    job.refresh_from_db()
    assert job.file, "a job finished moments ago may still be deleting its own file"
    ImportJob.objects.filter(pk=job.pk).update(finished_at=timezone.now() - IMPORT_STALLED_AFTER * 2)
    import_jobs_stalled_sweep()
    job.refresh_from_db()
    assert not job.file
    assert not os.path.exists(path)


def test_the_sweep_is_scheduled_every_five_minutes(db):
    import importlib

    from django.apps import apps

    # The migration's step again (a flushed test database has lost the row it made): idempotent.
    migration = importlib.import_module("people.migrations.0003_import_job_runs")
    migration.create_schedule(apps, None)
    migration.create_schedule(apps, None)
    schedule = Schedule.objects.get(func="people.tasks.import_jobs_stalled_sweep")
    assert (schedule.schedule_type, schedule.minutes, schedule.repeats) == (Schedule.MINUTES, 5, -1)


def test_finished_jobs_are_never_swept(department_head, communes, django_capture_on_commit_callbacks):
    job = left_by_a_dead_worker(department_head, state=ImportState.DONE, minutes_ago=60)
    with django_capture_on_commit_callbacks(execute=True):
        assert import_jobs_stalled_sweep() == {"requeued": [], "failed": []}
    assert ImportJob.objects.get(pk=job.pk).state == ImportState.DONE
