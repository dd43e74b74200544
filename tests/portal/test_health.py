"""/healthz reports each component; 503 when one is down."""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_all_components_ok(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["components"]) == {"database", "cache", "channel_layer", "task_queue"}
    assert all(c["status"] == "ok" for c in body["components"].values())


def test_database_down_gives_503(client, db, tmp_path):
    from django.db import connection

    # Point the connection at a database that cannot be opened, as if the server had gone away.
    connection.close()
    original = dict(connection.settings_dict)
    if connection.vendor == "sqlite":
        connection.settings_dict["NAME"] = str(tmp_path / "missing-dir" / "db.sqlite3")
    else:
        connection.settings_dict["PORT"] = str(_free_port())
    try:
        response = client.get("/healthz")
    finally:
        connection.close()
        connection.settings_dict.clear()
        connection.settings_dict.update(original)
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "failing"
    assert body["components"]["database"]["status"] == "failing"
    assert body["components"]["cache"]["status"] == "ok"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read())


def _wait_for_port(port: int, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(f"nothing listening on {port}")


@pytest.mark.slow
def test_redis_stopped_gives_503_and_recovers(tmp_path, require_redis):
    """A server on Redis: stop its Redis and cache, channel layer and task queue fail; restart it
    and they recover by themselves."""
    redis_server = shutil.which("redis-server")
    if redis_server is None:
        pytest.skip("redis-server is not installed")
    redis_port, http_port = _free_port(), _free_port()
    redis_cmd = [
        redis_server,
        "--port",
        str(redis_port),
        "--bind",
        "127.0.0.1",
        "--save",
        "",
        "--appendonly",
        "no",
    ]
    redis_proc = subprocess.Popen(redis_cmd, stdout=subprocess.DEVNULL)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
        "DEBUG": "0",
        "REDIS_URL": f"redis://127.0.0.1:{redis_port}/0",
        "SQLITE_PATH": str(tmp_path / "db.sqlite3"),
        "PYTHONPATH": str(ROOT / "site"),
    }
    env.pop("DATABASE_URL", None)
    server = subprocess.Popen(
        [sys.executable, "-m", "daphne", "-b", "127.0.0.1", "-p", str(http_port), "portal.asgi:application"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_for_port(redis_port)
        _wait_for_port(http_port)
        url = f"http://127.0.0.1:{http_port}/healthz"
        status, body = _get(url)
        assert status == 200, body

        redis_proc.send_signal(signal.SIGTERM)
        redis_proc.wait(timeout=10)
        status, body = _get(url)
        assert status == 503
        for component in ("cache", "channel_layer", "task_queue"):
            assert body["components"][component]["status"] == "failing", body
        assert body["components"]["database"]["status"] == "ok"

        redis_proc = subprocess.Popen(redis_cmd, stdout=subprocess.DEVNULL)
        _wait_for_port(redis_port)
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            status, body = _get(url)
            if status == 200:
                break
            time.sleep(0.5)
        assert status == 200, body
    finally:
        server.terminate()
        redis_proc.terminate()
        server.wait(timeout=10)
        redis_proc.wait(timeout=10)


def test_bare_baseline_page(client, db):
    response = client.get("/bare")
    assert response.status_code == 200
    assert b"ok" in response.content
