"""Issue 16, items 21 and 22: what the demo shows is what users see in production: Vietnamese error
pages with a way back (a stale sandbox address says why), a favicon, static files compressed and
cached; developers turn debug on with a variable."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]


def test_a_stale_sandbox_address_gives_a_vietnamese_404_with_a_way_back(client, official):
    client.force_login(official)
    response = client.get("/sandbox/incoming/999999/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "Không tìm thấy trang" in html and "dữ liệu cũ của môi trường thực hành" in html
    assert f'href="{reverse("sandbox:home")}"' in html
    assert "URLconf" not in html and "Page not found" not in html


def test_other_404_and_403_pages_lead_home(client, official):
    client.force_login(official)
    html = client.get("/khong-co-trang-nay/").content.decode()
    assert "Về trang chủ" in html and "môi trường thực hành" not in html


def test_the_favicon_is_there_for_every_page(client, official):
    client.force_login(official)
    assert 'rel="icon"' in client.get(reverse("sandbox:home")).content.decode()
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response.url.endswith("favicon.svg")


def _dev_settings(**env) -> str:
    code = (
        "import portal.settings.dev as s; print(s.DEBUG, s.STORAGES['staticfiles']['BACKEND'], s.SERVE_MEDIA)"
    )
    environment = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "SERVE_MEDIA")}
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**environment, "PYTHONPATH": str(ROOT / "site"), **env},
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return result.stdout.strip()


@pytest.mark.parametrize(
    "env, expected",
    [
        ({"DEBUG": "0"}, "False whitenoise.storage.CompressedManifestStaticFilesStorage True"),
        ({"DEBUG": "1"}, "True django.contrib.staticfiles.storage.StaticFilesStorage True"),
    ],
)
def test_without_debug_the_dev_settings_compress_and_cache_static_files(env, expected):
    assert _dev_settings(**env) == expected


def test_the_demo_script_runs_without_debug_unless_asked():
    script = (ROOT / "scripts" / "demo.sh").read_text()
    assert 'export DEBUG="${DEBUG:-0}"' in script
    assert script.index('export DEBUG="${DEBUG:-0}"') < script.index("collectstatic")
