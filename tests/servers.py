"""Start real Daphne server processes on the test database, for tests that cross process boundaries
(several servers sharing Redis, restarts, faults).

The servers run the production code path (``portal.settings.dev`` with DEBUG off) against the same
database the test writes to, so tests using them need ``transactional_db``.
"""

import os
import socket
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


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


class ServerGroup:
    """Handles to running servers: ``urls[i]``, ``ws_urls[i]``, ``kill(i)``, ``start(i)``."""

    def __init__(self, env: dict[str, str], count: int):
        self.env = env
        self.ports = [free_port() for _ in range(count)]
        self.processes: list[subprocess.Popen | None] = [None] * count

    @property
    def urls(self) -> list[str]:
        return [f"http://127.0.0.1:{p}" for p in self.ports]

    @property
    def ws_urls(self) -> list[str]:
        return [f"ws://127.0.0.1:{p}" for p in self.ports]

    def start(self, index: int) -> None:
        port = self.ports[index]
        self.processes[index] = subprocess.Popen(
            # As in production (docs/deploy.md): a join storm's handshakes wait up to 30 s.
            [
                sys.executable,
                "-m",
                "daphne",
                "--websocket_connect_timeout",
                "30",
                "-b",
                "127.0.0.1",
                "-p",
                str(port),
                "portal.asgi:application",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for_port(port)

    def kill(self, index: int) -> None:
        process = self.processes[index]
        if process is not None and process.poll() is None:
            process.kill()
            process.wait(timeout=10)
        self.processes[index] = None

    def stop_all(self) -> None:
        for index in range(len(self.processes)):
            process = self.processes[index]
            if process is not None and process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
            self.processes[index] = None


@contextmanager
def daphne_servers(count: int = 2, *, redis_url: str = "redis://127.0.0.1:6379/0", **extra_env: str):
    """Run ``count`` Daphne processes sharing the test database and one Redis (with a prefix of
    their own, so parallel runs and other tests never see each other's groups and keys)."""
    from django.conf import settings

    prefix = f"mp-{uuid.uuid4().hex[:8]}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
        "DEBUG": "0",
        # The same key as the test process, so sessions it creates are valid on the servers.
        "SECRET_KEY": settings.SECRET_KEY,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "REDIS_URL": redis_url,
        "CHANNEL_PREFIX": prefix,
        "CACHE_KEY_PREFIX": prefix,
        "PYTHONPATH": str(ROOT / "site"),
        **test_database_env(),
        **extra_env,
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    group = ServerGroup(env, count)
    try:
        for index in range(count):
            group.start(index)
        yield group
    finally:
        group.stop_all()


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
