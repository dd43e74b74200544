"""The live board's positions, recorded off the request path (``progress.activity_batch``): the
hot pages write nothing to the database on a repeated view, the task worker applies the positions
in batches, an older report never overwrites a newer position, and the trainer's board, served by
real processes with a real task worker, sees an official's new lesson within 5 s."""

import asyncio
import os
import re
import signal
import subprocess
import sys
import time
import uuid

import pytest
from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from live_sessions import events
from live_sessions.models import Participant
from progress.activity import activity_flush, activity_report, position_key
from progress.models import OfficialActivity
from tests.courses import builders
from tests.live_sessions.test_multiprocess import Client
from tests.servers import ROOT, daphne_servers, session_cookie_for

FLUSH = "progress.activity.activity_flush"
WRITES = re.compile(r"^\s*(INSERT|UPDATE|DELETE)|FOR (NO KEY )?UPDATE", re.I)


@pytest.fixture
def redis_cache(require_redis, settings):
    """Positions are deferred only with the cache on Redis (``REDIS_URL``, production and CI's
    PostgreSQL + Redis pass); on the embedded defaults they are written at once, as the rest of the
    suite checks."""
    if "redis" not in settings.CACHES["default"]["BACKEND"].lower():
        pytest.skip("positions are deferred only with the cache on Redis (REDIS_URL)")


@pytest.fixture
def queued_tasks(redis_cache, monkeypatch):
    """Tasks go to the Redis queue as in production (the suite otherwise runs each at once, in the
    caller); ``take()`` takes the queued tasks' names as a worker would."""
    from django_q.brokers import get_broker
    from django_q.conf import Conf
    from django_q.signing import SignedPackage

    monkeypatch.setattr(Conf, "SYNC", False)
    broker = get_broker()
    broker.delete_queue()

    def take() -> list[str]:
        names = []
        while (task := broker.dequeue()) is not None:
            names.append(SignedPackage.loads(task[0][1])["func"])
        return names

    yield take
    broker.delete_queue()


@pytest.fixture
def lesson(db, province, official):
    from courses.selectors import live_lessons
    from courses.services import course_assignments_sync

    course = builders.course(
        image=builders.screenshot(), assignments=[{"province": province, "due_date": builders.due(10)}]
    )
    course_assignments_sync(course_id=course.pk)
    return live_lessons(course)[0]


def _board_channel(session_id: int) -> str:
    layer = get_channel_layer()
    channel = async_to_sync(layer.new_channel)()
    async_to_sync(layer.group_add)(events.board_group(session_id), channel)
    return channel


def test_hot_pages_write_nothing_on_a_repeated_view(
    client, official, lesson, live_session, queued_tasks, django_capture_on_commit_callbacks
):
    Participant.objects.create(session=live_session, user=official)
    client.force_login(official)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.get(lesson.url).status_code == 200  # the first visit: the lesson is begun
    assert FLUSH in queued_tasks()  # beside the dashboards' update of a lesson begun
    with django_capture_on_commit_callbacks(execute=True):
        assert activity_flush() == 1
    assert OfficialActivity.objects.get(official=official).key == str(lesson.pk)

    # Later (the position cache has expired): the same three pages again.
    cache.delete(position_key(official.pk))
    OfficialActivity.objects.filter(official=official).update(key="elsewhere")
    with CaptureQueriesContext(connection) as queries, django_capture_on_commit_callbacks(execute=True):
        for url in (lesson.url, "/learning/", "/reports/me/"):
            assert client.get(url).status_code == 200, url
    writes = [query["sql"] for query in queries if WRITES.search(query["sql"])]
    assert writes == []
    assert OfficialActivity.objects.get(official=official).key == "elsewhere"  # not yet: queued

    channel = _board_channel(live_session.pk)
    assert queued_tasks() == [FLUSH]
    with django_capture_on_commit_callbacks(execute=True):
        assert activity_flush() == 1  # what the worker runs
    assert OfficialActivity.objects.get(official=official).key == str(lesson.pk)
    event = async_to_sync(get_channel_layer().receive)(channel)
    assert '"board.activity"' in event["frame"] and str(lesson.pk) in event["frame"]


def test_reports_wait_in_one_task_and_the_latest_of_each_official_wins(
    official, other_official, queued_tasks, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        for official_, key in ((official, "1"), (other_official, "7"), (official, "2")):
            activity_report(official_id=official_.pk, kind="lesson", key=key, label=f"Bài {key}")
    assert queued_tasks() == [FLUSH]  # one task for the three reports
    assert not OfficialActivity.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        assert activity_flush() == 2
    assert dict(OfficialActivity.objects.values_list("official_id", "key")) == {
        official.pk: "2",
        other_official.pk: "7",
    }
    assert activity_flush() == 0  # nothing left


def test_an_older_report_never_overwrites_a_newer_failed_check(
    official, queued_tasks, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        activity_report(official_id=official.pk, kind="lesson", key="1", label="Bài 1")
        time.sleep(0.01)
        activity_report(
            official_id=official.pk,
            kind="scenario",
            key="vb-den",
            label="Văn bản đến",
            step="Vào sổ",
            failed=True,
        )  # written at once
        assert activity_flush() == 1
    activity = OfficialActivity.objects.get(official=official)
    assert (activity.kind, activity.key, activity.failed_checks) == ("scenario", "vb-den", 1)


async def _board_sees_lesson(
    servers, session_id: int, cookies: dict[str, str], lesson_url: str, lesson_id: int
):
    import urllib.request

    host = Client(servers.ws_urls[0], servers.urls[0], session_id, cookies["host"])
    lan = Client(servers.ws_urls[0], servers.urls[0], session_id, cookies["lan"])
    await host.connect()
    await lan.connect()
    await host.next("board.row")  # Lan is present

    def view():
        request = urllib.request.Request(f"{servers.urls[0]}{lesson_url}", headers={"Cookie": cookies["lan"]})
        with urllib.request.urlopen(request, timeout=15) as response:
            assert response.status == 200

    await asyncio.to_thread(view)  # through gunicorn
    viewed = time.monotonic()
    while True:
        event = await asyncio.wait_for(
            host.next("board.activity"), timeout=max(0.1, viewed + 5 - time.monotonic())
        )
        if event["activity"]["key"] == str(lesson_id):
            break
    seen_after = time.monotonic() - viewed
    await lan.drop()
    await host.drop()
    return seen_after


def _wait_for_cluster(redis_url: str, name: str, timeout: float = 90) -> None:
    """Until the task cluster has started its workers (it publishes its status in Redis then)."""
    import redis

    client = redis.Redis.from_url(redis_url)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if client.keys(f"django_q:{name}:cluster*"):
            return
        time.sleep(0.5)
    pytest.fail("the task cluster did not start")


@pytest.mark.slow
def test_the_trainer_sees_a_new_lesson_within_five_seconds(
    transactional_db, redis_cache, trainer, commune, official, lesson
):
    from tests.live_sessions.conftest import make_session

    session = make_session(trainer, communes=[commune])
    cookies = {"host": session_cookie_for(trainer), "lan": session_cookie_for(official)}
    with daphne_servers(1, Q_CLUSTER_NAME=f"test-{uuid.uuid4().hex[:8]}") as servers:
        worker = subprocess.Popen(
            [sys.executable, "manage.py", "qcluster"],
            cwd=ROOT,
            env=servers.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        try:
            _wait_for_cluster(servers.env["REDIS_URL"], servers.env["Q_CLUSTER_NAME"])
            seen_after = asyncio.run(_board_sees_lesson(servers, session.pk, cookies, lesson.url, lesson.pk))
        finally:
            os.killpg(worker.pid, signal.SIGTERM)
            try:
                worker.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(worker.pid, signal.SIGKILL)
    print(f"the board saw the new lesson {seen_after:.2f} s after the page was served")
    assert seen_after < 5
