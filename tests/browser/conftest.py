"""Browser tests: a real server in child processes, driven by Debian's Chromium through Playwright.
Tests here use ``transactional_db`` so the server sees their data.

With Redis (``REDIS_URL``: CI's PostgreSQL + Redis pass), the server is the production topology of
``tests/servers.py``: gunicorn for HTTP, Daphne for WebSockets, ``portal.router`` in front, all on the
test settings and database. On the embedded defaults, whose in-memory channel layer cannot cross
processes, it is one Daphne process serving both, as ``scripts/demo.sh`` runs without Redis.
"""

import os
import time
from functools import partial

import pytest

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make are still
# plain synchronous calls, so Django's guard against async contexts does not apply to them.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]


def _prepare_server_process(db_name: str, django_db_blocker) -> None:
    """In the forked server: use the test database, and lift pytest-django's block on database
    access, which the child inherited from the test process."""
    from django.conf import settings

    settings.DATABASES["default"]["NAME"] = db_name
    django_db_blocker.unblock()


def _application():
    from channels.routing import get_default_application
    from django.contrib.staticfiles.handlers import ASGIStaticFilesHandler

    return ASGIStaticFilesHandler(get_default_application())


class LiveServer:
    def __init__(self, process):
        self.process = process

    @property
    def url(self) -> str:
        return f"http://localhost:{self.process.port.value}"

    @property
    def ws_url(self) -> str:
        return f"ws://localhost:{self.process.port.value}"


class TopologyServer:
    def __init__(self, group):
        self.group = group

    @property
    def url(self) -> str:
        return self.group.urls[0]

    @property
    def ws_url(self) -> str:
        return self.group.ws_urls[0]


@pytest.fixture(scope="session")
def asgi_server(django_db_setup, django_db_blocker):
    """The server for the session, on the test database: the production topology with Redis, else
    one Daphne process."""
    if os.environ.get("REDIS_URL"):
        yield from _topology_server(django_db_blocker)
    else:
        yield from _daphne_server(django_db_blocker)


def _topology_server(django_db_blocker):
    from tests.servers import ServerGroup, server_env

    with django_db_blocker.unblock():
        # The test settings as the test process has them (password hasher, cache and channel
        # prefixes, synchronous tasks), static files from the apps' folders as runserver would.
        env = server_env(
            settings_module="portal.settings.test",
            redis_url=os.environ["REDIS_URL"],
            STATIC_FROM_FINDERS="1",
        )
    for name in ("CHANNEL_PREFIX", "CACHE_KEY_PREFIX"):  # the test settings' own prefixes
        env.pop(name)
    group = ServerGroup(env, 1, host="localhost")
    try:
        group.start(0)
        yield TopologyServer(group)
    finally:
        group.stop_all()


def _daphne_server(django_db_blocker):
    from daphne.testing import DaphneProcess
    from django.db import connections

    with django_db_blocker.unblock():
        db_name = connections["default"].settings_dict["NAME"]
        # A forked child must not share the parent's open database sockets.
        connections.close_all()
    process = DaphneProcess(
        "localhost", _application, setup=partial(_prepare_server_process, db_name, django_db_blocker)
    )
    process.daemon = True
    process.start()
    if not process.ready.wait(timeout=30):
        raise RuntimeError("the test server did not start")
    if not process.errors.empty():
        error, trace = process.errors.get()
        raise RuntimeError(f"the test server failed: {error}\n{trace}")
    yield LiveServer(process)
    process.terminate()
    process.join(timeout=10)


@pytest.fixture
def live(asgi_server, transactional_db, browser):
    yield asgi_server
    _servers_settle(browser)


def _servers_settle(browser, quiet_checks: int = 5, timeout: float = 15) -> None:
    """Before ``transactional_db`` empties the tables: close the test's pages, and on PostgreSQL wait
    until no server process has a query or a transaction open on the test database.

    A page's closing sockets make the server write (a live session's attendance closes on every
    disconnect). Run while the tables are being emptied, that transaction and the ``TRUNCATE`` each
    held a lock the other wanted: PostgreSQL killed the ``TRUNCATE`` as a deadlock (seen in CI), the
    tables kept the test's rows, and the next test failed on them. Closing the pages here also covers
    tests that asked for their pages before ``live`` (whose contexts would close only after the flush).
    """
    from django.db import connection

    for context in list(browser.contexts):
        context.close()
    if connection.vendor != "postgresql":
        return  # SQLite: a writer waits for the other's lock (busy timeout), it never deadlocks
    quiet, deadline = 0, time.monotonic() + timeout
    while quiet < quiet_checks and time.monotonic() < deadline:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                " AND pid <> pg_backend_pid() AND backend_type = 'client backend' AND state <> 'idle'"
            )
            busy = cursor.fetchone()[0]
        quiet = 0 if busy else quiet + 1
        time.sleep(0.1)


@pytest.fixture
def migrated_data(django_db_blocker):
    """What migrations created (Wagtail's root page and default site, the Editors and Moderators
    groups, schedules), restored for a browser test: request it before ``live``, together with
    ``django_db_serialized_rollback``.

    Two things stand in the way of pytest-django's serialized rollback here. Once Playwright runs an
    event loop in the main thread, asgiref hands Django a second, context-local connection object
    that lacks the serialized contents put on the thread's connection at setup: carry them over.
    And the restore saves rows whose signal handlers ask for content types before the serialized ones
    are back (a previous test's flush emptied the table, or ``post_migrate`` re-created it under other
    ids), which then clash: put the serialized content types back first.
    """
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType
    from django.core import serializers
    from django.db import connections

    current = connections["default"]
    original = getattr(connections._connections._storage, "default", None)
    contents = getattr(original, "_test_serialized_contents", None)
    if contents is None:
        return
    if not hasattr(current, "_test_serialized_contents"):
        current._test_serialized_contents = contents
    with django_db_blocker.unblock():
        content_types = [
            item for item in serializers.deserialize("json", contents) if isinstance(item.object, ContentType)
        ]
        wanted = {(item.object.pk, item.object.app_label, item.object.model) for item in content_types}
        if set(ContentType.objects.values_list("pk", "app_label", "model")) == wanted:
            # The first such test of a run (nothing flushed yet): the content types are the ones wanted,
            # and Wagtail's pages still point at them.
            return
        Permission.objects.all().delete()
        ContentType.objects.all().delete()
        for item in content_types:
            item.save()
    ContentType.objects.clear_cache()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser):
    """Open pages in fresh browser contexts (separate cookies: separate people)."""
    contexts = []

    def make(locale: str = "vi-VN"):
        context = browser.new_context(locale=locale)
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()


def sign_in(page, live, username: str, password: str) -> None:
    page.goto(f"{live.url}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()


def leader_pin(page, live) -> str:
    """The leader's training PIN, read from its envelope on the certificates page, as an official
    would; the page is left there."""
    page.goto(f"{live.url}/sandbox/certificates/")
    envelope = page.locator(
        "section.card", has=page.get_by_role("heading", name="Chữ ký số cá nhân (lãnh đạo)")
    )
    envelope.get_by_text("Phong bì PIN").click()
    return envelope.locator(".pin").inner_text()
