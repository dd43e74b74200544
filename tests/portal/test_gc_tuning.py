"""The server process's garbage collector (portal/gc_tuning.py): a Daphne process loading the shipped
ASGI application freezes what start-up loaded and collects young objects less often, so that a full
collection no longer stops chat fan-out for a fifth of a second (docs/benchmarks.md)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from portal.gc_tuning import parse_thresholds

ROOT = Path(__file__).resolve().parents[2]
CPYTHON_DEFAULT = [700, 10, 10]


def _load_asgi(code: str, **env: str) -> subprocess.CompletedProcess:
    """Run ``code`` in a fresh process that loads ``portal.asgi`` as Daphne does."""
    full_env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
        "PYTHONPATH": str(ROOT / "site"),
    }
    for name in ("GC_TUNING", "GC_THRESHOLDS", "DJANGO_ALLOW_ASYNC_UNSAFE"):
        full_env.pop(name, None)
    full_env.update(env)
    return subprocess.run(
        [sys.executable, "-c", f"import portal.asgi; {code}"],
        cwd=ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _server_gc(**env: str) -> dict:
    """The collector's state in a fresh server process."""
    result = _load_asgi(
        "import gc, json; "
        "print(json.dumps({'threshold': gc.get_threshold(), 'frozen': gc.get_freeze_count()}))",
        **env,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_a_server_process_freezes_its_start_up_and_raises_the_thresholds():
    state = _server_gc()
    assert state["threshold"] == [50000, 20, 10]
    # Django, Wagtail and Channels loaded: tens of thousands of objects out of the collector's sight.
    assert state["frozen"] > 50_000


def test_the_thresholds_are_set_from_the_environment():
    assert _server_gc(GC_THRESHOLDS="20000,10,5")["threshold"] == [20000, 10, 5]
    assert _server_gc(GC_THRESHOLDS="default")["threshold"] == CPYTHON_DEFAULT


def test_tuning_can_be_turned_off():
    state = _server_gc(GC_TUNING="0")
    assert state == {"threshold": CPYTHON_DEFAULT, "frozen": 0}


def test_a_bad_value_stops_the_process_with_a_message_that_names_the_setting():
    result = _load_asgi("pass", GC_THRESHOLDS="50000,20")
    assert result.returncode != 0
    assert "GC_THRESHOLDS must be three positive whole numbers" in result.stderr


@pytest.mark.parametrize(
    ("value", "expected"),
    [("50000,20,10", (50000, 20, 10)), (" 700, 10 ,10 ", (700, 10, 10)), ("default", None), ("", None)],
)
def test_parse_thresholds(value, expected):
    assert parse_thresholds(value) == expected


@pytest.mark.parametrize("value", ["50000", "a,b,c", "0,10,10", "-1,10,10", "1,2,3,4"])
def test_parse_thresholds_refuses(value):
    with pytest.raises(ValueError, match="GC_THRESHOLDS"):
        parse_thresholds(value)
