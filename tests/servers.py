"""Start real servers on the test database, in the production topology, for tests that cross process
boundaries (several servers sharing Redis, restarts, faults) and for the browser tests.

Each "server" is what one machine of docs/deploy.md runs: gunicorn (WSGI workers) for HTTP, Daphne for
WebSockets, and in front of them ``portal.router``, which does what nginx does there (``/ws/`` to
Daphne, everything else to gunicorn, the arrival stamp that admission control reads). A test
addresses the router's port only, as a browser addresses nginx.

The servers run the production code path (``portal.settings.dev`` with DEBUG off, unless a settings
module is given) against the same database the test writes to, so tests using them need
``transactional_db``.
"""

import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ASGI_APP = "portal.asgi:application"


def free_port() -> int:
    return free_ports(1)[0]


def free_ports(count: int) -> list[int]:
    """``count`` different free ports: the sockets are held together until all are chosen. Chosen one
    at a time, the same port can come back twice; the likely cause of one CI failure, where gunicorn
    answered a test's WebSocket with 404 (one server's Daphne and the other's gunicorn given the same
    port, gunicorn binding it first)."""
    sockets = [socket.socket() for _ in range(count)]
    try:
        for sock in sockets:
            sock.bind(("127.0.0.1", 0))
        return [sock.getsockname()[1] for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()


def wait_for_port(port: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(f"nothing is listening on port {port}")


def test_database_env() -> dict[str, str]:
    """Environment variables that point a server process at the current test database."""
    from django.db import connection

    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return {"SQLITE_PATH": settings["NAME"], "DATABASE_URL": ""}
    user = settings.get("USER") or "postgres"
    password = f":{settings['PASSWORD']}" if settings.get("PASSWORD") else ""
    host = settings.get("HOST") or "127.0.0.1"
    port = settings.get("PORT") or "5432"
    return {"DATABASE_URL": f"postgres://{user}{password}@{host}:{port}/{settings['NAME']}"}


def wait_for_http(url: str, timeout: float = 60) -> None:
    """Wait until ``url`` answers (any status): the workers behind the port have loaded the code."""
    import urllib.error
    import urllib.request

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"{url} did not answer")


class ServerUnit:
    """The three processes of one server (gunicorn, Daphne, the router), each in a process group of
    its own so that gunicorn's workers go with their master."""

    def __init__(self, processes: list[subprocess.Popen]):
        self.processes = processes

    def poll(self) -> int | None:
        """None while every process runs, else the exit code of the first that ended."""
        for process in self.processes:
            code = process.poll()
            if code is not None:
                return code
        return None

    def signal(self, signum: int) -> None:
        for process in self.processes:
            if process.poll() is None:
                try:
                    os.killpg(process.pid, signum)
                except ProcessLookupError:
                    pass

    def wait(self, timeout: float) -> None:
        for process in self.processes:
            process.wait(timeout=timeout)


class ServerGroup:
    """Handles to running servers: ``urls[i]``, ``ws_urls[i]``, ``kill(i)``, ``start(i)``."""

    def __init__(self, env: dict[str, str], count: int, *, host: str = "127.0.0.1", web_workers: int = 2):
        self.env = env
        self.host = host
        self.web_workers = web_workers
        # Per server: the public port (the router), gunicorn's and Daphne's.
        ports = free_ports(3 * count)
        self.port_sets = [tuple(ports[3 * index : 3 * index + 3]) for index in range(count)]
        self.processes: list[ServerUnit | None] = [None] * count

    @property
    def ports(self) -> list[int]:
        return [public for public, _http, _ws in self.port_sets]

    @property
    def urls(self) -> list[str]:
        return [f"http://{self.host}:{p}" for p in self.ports]

    @property
    def ws_urls(self) -> list[str]:
        return [f"ws://{self.host}:{p}" for p in self.ports]

    def _spawn(self, command: list[str], **env: str) -> subprocess.Popen:
        return subprocess.Popen(
            command,
            cwd=ROOT,
            env={**self.env, **env},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )

    def start(self, index: int) -> None:
        public, http, ws = self.port_sets[index]
        processes = [
            self._spawn(
                [sys.executable, "-m", "gunicorn", "-c", "python:portal.gunicorn", "portal.wsgi:application"],
                WEB_BIND=f"127.0.0.1:{http}",
                WEB_WORKERS=str(self.web_workers),
            ),
            # As in production (docs/deploy.md): a join storm's handshakes wait up to 30 s.
            self._spawn(
                [
                    sys.executable,
                    "-m",
                    "daphne",
                    "--websocket_connect_timeout",
                    "30",
                    "-b",
                    "127.0.0.1",
                    "-p",
                    str(ws),
                    ASGI_APP,
                ]
            ),
            self._spawn(
                [
                    sys.executable,
                    "-m",
                    "portal.router",
                    "--bind",
                    f"{self.host}:{public}",
                    "--http",
                    f"127.0.0.1:{http}",
                    "--ws",
                    f"127.0.0.1:{ws}",
                ]
            ),
        ]
        self.processes[index] = ServerUnit(processes)
        for port in (http, ws, public):
            wait_for_port(port, timeout=60)
        wait_for_http(f"http://127.0.0.1:{public}/healthz")

    def kill(self, index: int) -> None:
        unit = self.processes[index]
        if unit is not None:
            unit.signal(signal.SIGKILL)
            unit.wait(timeout=10)
        self.processes[index] = None

    def stop_all(self) -> None:
        for index in range(len(self.processes)):
            unit = self.processes[index]
            if unit is not None:
                unit.signal(signal.SIGTERM)
                try:
                    unit.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    unit.signal(signal.SIGKILL)
            self.processes[index] = None


def server_env(*, settings_module: str, redis_url: str, **extra_env: str) -> dict[str, str]:
    from django.conf import settings

    prefix = f"mp-{uuid.uuid4().hex[:8]}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": settings_module,
        "DEBUG": "0",
        # The same key as the test process, so sessions it creates are valid on the servers.
        "SECRET_KEY": settings.SECRET_KEY,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        # A test run has no collectstatic: the servers serve the source static files.
        "STATIC_MANIFEST": "0",
        "REDIS_URL": redis_url,
        "CHANNEL_PREFIX": prefix,
        "CACHE_KEY_PREFIX": prefix,
        "PYTHONPATH": str(ROOT / "site"),
        **test_database_env(),
        **extra_env,
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return env


@contextmanager
def stack_servers(count: int = 2, *, redis_url: str = "redis://127.0.0.1:6379/0", **extra_env: str):
    """Run ``count`` servers (each gunicorn + Daphne + router) sharing the test database and one
    Redis (with a prefix of their own, so parallel runs and other tests never see each other's groups
    and keys)."""
    env = server_env(settings_module="portal.settings.dev", redis_url=redis_url, **extra_env)
    group = ServerGroup(env, count)
    try:
        for index in range(count):
            group.start(index)
        yield group
    finally:
        group.stop_all()


# The name the multi-process and fault tests were written with, when each server was one Daphne.
daphne_servers = stack_servers


def run_async(coroutine):
    """Run a coroutine to completion from a synchronous test, in a thread of its own: the browser
    tests' Playwright keeps an event loop running in the main thread for the whole session."""
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def session_cookie_for(user) -> str:
    """A signed-in session for ``user``, stored in the database, as a Cookie header value."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
