"""A task worker killed in the middle of a bulk import of officials: nothing of the import is applied,
and when the queue delivers the task again (the broker's retry), the import runs again from its file
to the end, once."""

import uuid
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from django_q.brokers.orm import ORM
from django_q.conf import Conf
from django_q.models import OrmQ
from django_q.tasks import async_task

from people.models import ImportJob, ImportState, Role, User
from people.services import import_job_create
from tests.factories import CommuneFactory
from tests.faults.conftest import TaskCluster, django_env, wait_until
from tests.people.conftest import csv_bytes, row

pytestmark = pytest.mark.slow

ROWS = 3000  # enough for the account-creating phase to last a few seconds on a slow machine
FAMILIES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đỗ", "Bùi", "Đặng", "Ngô"]
MIDDLES = ["Văn", "Thị", "Đức", "Minh", "Hữu", "Ngọc", "Quang", "Thanh", "Xuân", "Hồng"]
GIVENS = (
    "An Bình Cường Dung Giang Hà Hải Hạnh Hiếu Hoa Hùng Hương Khánh Lan Linh "
    "Long Mai Nam Nga Phong Phúc Quân Sơn Tâm Thảo Thắng Trang Trung Tuấn Yến"
).split()


def _job_with_rows(count: int) -> ImportJob:
    CommuneFactory(code="91001", name="Phường Kinh Bắc")
    names = [f"{family} {middle} {given}" for family in FAMILIES for middle in MIDDLES for given in GIVENS]
    rows = [
        row(names[n], "91001", "one_stop", f"09{n:08d}", f"thu{n:04d}@example.gov.vn") for n in range(count)
    ]
    return import_job_create(
        uploaded_by=None,
        fileobj=ContentFile(csv_bytes(rows), name="can-bo.csv"),
        name="can-bo.csv",
        content_type=None,
        dry_run=False,
    )


def _creating(job_id: int) -> bool:
    """Whether the job is preparing its accounts (some already hashed); fails at once if it ended."""
    job = ImportJob.objects.get(pk=job_id)
    if job.is_finished:
        pytest.fail(f"the import ended before the worker could be killed: {job.state} {job.errors[:3]}")
    return job.state == ImportState.CREATING and job.progress_done > 0


def _kill_while_creating(cluster: TaskCluster, job: ImportJob) -> None:
    """Kill the worker while it prepares the accounts, just before it writes them; then nothing of the
    file is applied and the job is not reported done."""
    wait_until(
        lambda: _creating(job.pk),
        timeout=300,
        every=0.05,
        message="the import to reach the account-creating phase",
    )
    cluster.kill()
    assert not User.objects.filter(role=Role.OFFICIAL).exists()
    assert ImportJob.objects.get(pk=job.pk).state == ImportState.CREATING


def _wait_finished(job: ImportJob) -> ImportJob:
    wait_until(
        lambda: ImportJob.objects.get(pk=job.pk).is_finished,
        # Bounded, but generous: 3,000 password hashes on a busy 2-core machine took over 180 s.
        timeout=600,
        message="the import run again to finish",
    )
    job.refresh_from_db()
    return job


def _wait_file_discarded(job: ImportJob) -> None:
    """The worker deletes the upload just after committing the job's final state: a read in between
    sees a finished job that still has its file. Wait for it while the worker still runs (stopping the
    cluster in that moment would stop the worker before it could delete the file)."""
    wait_until(
        lambda: not ImportJob.objects.get(pk=job.pk).file,
        timeout=60,
        message="the uploaded file to be discarded once the import has run",
    )


def _done_once(job: ImportJob) -> None:
    assert job.state == ImportState.DONE, (job.state, job.errors)
    assert job.created_count == ROWS
    assert User.objects.filter(role=Role.OFFICIAL).count() == ROWS
    assert not ImportJob.objects.get(pk=job.pk).file


def test_a_worker_killed_mid_import_applies_nothing_and_the_task_runs_again(transactional_db, monkeypatch):
    # A queue of this test's own: the cluster's name is its queue's key and its payloads' signing salt.
    queue = f"peak-import-{uuid.uuid4().hex[:8]}"
    monkeypatch.setattr(Conf, "PREFIX", queue)
    job = _job_with_rows(ROWS)
    async_task("people.tasks.import_job_run", job.pk, broker=ORM(list_key=queue), sync=False)
    cluster = TaskCluster(django_env(Q_CLUSTER_NAME=queue, Q_WORKERS="1"))
    cluster.start()
    try:
        _kill_while_creating(cluster, job)
        assert OrmQ.objects.filter(key=queue).count() == 1, "the unacknowledged task stays queued"

        # The broker delivers an unacknowledged task again once its retry time has passed (Q_CLUSTER
        # "retry", 12 minutes): let that time pass, then start a worker again.
        OrmQ.objects.filter(key=queue).update(lock=timezone.now() - timedelta(seconds=1))
        cluster.start()
        job = _wait_finished(job)
        _wait_file_discarded(job)
    finally:
        cluster.stop()
        print(cluster.log.read_text()[-4000:])
    _done_once(job)


def test_with_the_redis_broker_the_lost_task_is_found_by_the_sweep_and_runs_again(
    transactional_db, monkeypatch, require_redis
):
    """The Redis broker has no acknowledgement: a task taken by a worker that dies is gone from the
    queue, and nothing delivers it again. The scheduled sweep (``import_jobs_stalled_sweep``) finds the
    job once it has not progressed for longer than a run may last, and queues it again."""
    from django_q.brokers.redis_broker import Redis as RedisBroker

    from people.services import IMPORT_STALLED_AFTER, import_jobs_stalled_sweep

    redis_url = "redis://127.0.0.1:6379/1"
    queue = f"peak-import-{uuid.uuid4().hex[:8]}"
    monkeypatch.setattr(Conf, "PREFIX", queue)
    monkeypatch.setattr(Conf, "REDIS", redis_url)
    broker = RedisBroker(list_key=queue)
    job = _job_with_rows(ROWS)
    async_task("people.tasks.import_job_run", job.pk, broker=broker, sync=False)
    cluster = TaskCluster(django_env(Q_CLUSTER_NAME=queue, Q_WORKERS="1", REDIS_URL=redis_url))
    blocked_before = broker.connection.info("clients")["blocked_clients"]
    cluster.start()
    try:
        _kill_while_creating(cluster, job)
        # The killed cluster's last BLPOP stays registered until Redis notices the closed socket; a
        # task pushed before then would go to the dead reader (and be found by a later sweep): wait.
        wait_until(
            lambda: broker.connection.info("clients")["blocked_clients"] <= blocked_before,
            timeout=30,
            message="Redis to drop the killed cluster's blocked read",
        )
        assert broker.queue_size() == 0, "the broker handed the task out and forgot it"

        # The sweep, as the schedule runs it once the job has stood still long enough; its task goes
        # to this test's queue (the test settings would otherwise run it in this process).
        monkeypatch.setattr(
            "people.services.async_task",
            lambda func, *args, **kwargs: async_task(func, *args, broker=broker, sync=False),
        )
        later = ImportJob.objects.get(pk=job.pk).progressed_at + IMPORT_STALLED_AFTER + timedelta(seconds=1)
        assert import_jobs_stalled_sweep(now=later) == {"requeued": [job.pk], "failed": []}
        assert broker.queue_size() == 1
        cluster.start()
        job = _wait_finished(job)
        _wait_file_discarded(job)
    finally:
        cluster.stop()
        broker.delete_queue()
        print(cluster.log.read_text()[-4000:])
    _done_once(job)
    assert job.runs == 2
