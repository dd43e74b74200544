"""Vietnamese by default; English by a switch that remembers the choice."""

import pytest

from portal.seed import seed as seed_home


@pytest.fixture
def home(db):
    seed_home(stdout=type("Out", (), {"write": lambda self, s: None})())


def test_home_page_is_vietnamese_by_default(client, home):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="vi">' in html
    assert "Đăng nhập để bắt đầu" in html


def test_language_switch_is_remembered(client, home):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert response.cookies["hotro_language"].value == "en"
    html = client.get("/").content.decode()
    assert '<html lang="en">' in html
    assert "Sign in to start" in html
    # A later visit, with the remembered cookie, stays in English.
    assert "Sign in to start" in client.get("/").content.decode()


def test_browser_language_does_not_override_vietnamese_default(client, home):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "Đăng nhập để bắt đầu" in html
