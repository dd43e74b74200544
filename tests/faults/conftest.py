"""Fault tests: services of the test's own that it can kill and restart (a Redis server, a PostgreSQL
cluster, a task worker), next to the real Daphne processes of ``tests/servers.py``.

Nothing here touches the machine's own PostgreSQL or Redis: each service runs on a free port, in a
temporary directory, and is stopped when its test ends.
"""

import glob
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from tests.servers import ROOT, free_port, test_database_env, wait_for_port


def wait_until(condition, *, timeout: float = 60, every: float = 0.2, message: str = "condition"):
    """Poll ``condition`` until it returns something true; return that, or fail after ``timeout``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(every)
    pytest.fail(f"timed out after {timeout:.0f} s waiting for {message}")


class RedisServer:
    """A redis-server of the test's own, without persistence (``--save ""``): a restart loses
    everything it held, as a crashed production Redis without persistence would."""

    def __init__(self):
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        # The longer socket timeout production needs too (tests/live_sessions/test_multiprocess.py).
        return f"redis://127.0.0.1:{self.port}/0?socket_timeout=30"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for_port(self.port)

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)
        self.process = None


@pytest.fixture
def own_redis():
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server is not installed")
    server = RedisServer()
    server.start()
    yield server
    server.kill()


def _postgres_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


class PostgresCluster:
    """A PostgreSQL cluster of the test's own (initdb into a temporary directory), on a free port,
    run as the ``postgres`` user when the tests run as root (PostgreSQL refuses to run as root)."""

    def __init__(self, bindir: Path, directory: Path):
        self.bindir, self.directory = bindir, directory
        self.data = directory / "data"
        self.port = free_port()

    def _run(self, *command: str, check: bool = True) -> subprocess.CompletedProcess:
        if os.geteuid() == 0:
            command = ("runuser", "-u", "postgres", "--", *command)
        return subprocess.run(command, check=check, capture_output=True, text=True, timeout=120)

    def url(self, database: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def init(self) -> None:
        self._run(
            str(self.bindir / "initdb"), "-D", str(self.data), "-U", "postgres", "-A", "trust", "-E", "UTF8"
        )

    def start(self) -> None:
        # fsync off: this cluster holds nothing worth keeping, and the test should not wait on the disk.
        options = f"-p {self.port} -k {self.directory} -c listen_addresses=127.0.0.1 -c fsync=off"
        # -l: the server logs to a file, not to the pipes this call waits on.
        self._run(
            str(self.bindir / "pg_ctl"),
            *("-D", str(self.data), "-l", str(self.directory / "server.log"), "-o", options),
            *("-w", "-t", "60", "start"),
        )

    def stop(self, mode: str = "fast") -> None:
        self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop", check=False)

    def restart(self) -> None:
        self.stop("immediate")
        self.start()


@pytest.fixture
def own_postgres():
    bindir = _postgres_bin()
    if bindir is None:
        pytest.skip("PostgreSQL's server binaries are not installed")
    directory = Path(tempfile.mkdtemp(prefix="peak-pg-"))
    if os.geteuid() == 0:
        shutil.chown(directory, "postgres", "postgres")
    cluster = PostgresCluster(bindir, directory)
    cluster.init()
    cluster.start()
    yield cluster
    cluster.stop("immediate")
    shutil.rmtree(directory, ignore_errors=True)


def django_env(**extra: str) -> dict[str, str]:
    """The environment of a child Django process on the test database (the ORM broker, no Redis unless
    ``extra`` says so), sharing the test process's secret key (signed task payloads, sessions)."""
    from django.conf import settings

    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
        "DEBUG": "0",
        "SECRET_KEY": settings.SECRET_KEY,
        "REDIS_URL": "",
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "PYTHONPATH": str(ROOT / "site"),
        "LOG_LEVEL": "WARNING",
        **test_database_env(),
        **extra,
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return env


class TaskCluster:
    """``manage.py qcluster`` in a process group of its own, so that killing it kills its workers too,
    as a machine or container dying would."""

    def __init__(self, env: dict[str, str]):
        self.env = env
        self.process: subprocess.Popen | None = None
        # Its output, to read when a test fails.
        self.log = Path(tempfile.mkstemp(prefix="peak-qcluster-", suffix=".log")[1])

    def start(self) -> None:
        with open(self.log, "a") as log:
            self.process = subprocess.Popen(
                [sys.executable, "manage.py", "qcluster"],
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def kill(self) -> None:
        """SIGKILL to the cluster and every worker: no chance to clean up or acknowledge anything."""
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
        self.process = None

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        self.process = None


class Browser:
    """A signed-in browser without JavaScript, over plain HTTP: the session cookie, and the CSRF cookie
    and token Django checks on every POST (a random secret of its own, as a browser would get one)."""

    def __init__(self, base_url: str, session_cookie: str):
        import secrets

        self.base_url = base_url
        self.csrf = secrets.token_hex(16)
        self.cookie = f"{session_cookie}; csrftoken={self.csrf}"

    def get(self, path: str, **headers):
        import requests

        return requests.get(
            self.base_url + path,
            headers={"Cookie": self.cookie, **headers},
            allow_redirects=False,
            timeout=30,
        )

    def post(self, path: str, data: dict, **headers):
        import requests

        return requests.post(
            self.base_url + path,
            data={**data, "csrfmiddlewaretoken": self.csrf},
            headers={"Cookie": self.cookie, **headers},
            allow_redirects=False,
            timeout=30,
        )
