"""The production configuration refuses a missing key and passes ``check --deploy``."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    full_env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.production", **env}
    if "SECRET_KEY" not in env:
        full_env.pop("SECRET_KEY", None)
    # Set by the browser tests' conftest for the test process only; never in a deployment.
    full_env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_secret_key():
    result = _manage("check")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_a_short_key():
    result = _manage("check", SECRET_KEY="short")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_passes_check_deploy_without_warnings():
    result = _manage(
        "check", "--deploy", SECRET_KEY="k" * 10 + "x9Qv3-Lm_Zp8Rt2Yw7Ns4Hb6Jc1Fd5Ge0Ka" + "y" * 20
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout, result.stdout + result.stderr


def _database_options(command: str) -> str:
    """The database OPTIONS the shipped settings give a process started as ``manage.py <command>``."""
    code = (
        f"import sys; sys.argv = ['manage.py', {command!r}]; "
        "from portal.settings import dev; print(sorted(dev.DATABASES['default'].get('OPTIONS', {})))"
    )
    env = {**os.environ, "DATABASE_URL": "postgres://hotro@db-1:5432/hotro", "PYTHONPATH": str(ROOT / "site")}
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_server_processes_pool_connections_but_the_forking_task_cluster_does_not():
    assert "pool" in _database_options("runserver")
    assert "pool" not in _database_options("qcluster")
