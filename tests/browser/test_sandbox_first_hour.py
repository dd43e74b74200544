"""In a browser, the sandbox as a new official meets it (issue 16): "Làm lại từ đầu" asks first and
says what will be lost."""

import pytest
from playwright.sync_api import expect

from sandbox.models import Workspace
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser


def test_starting_over_asks_first_and_says_what_is_lost(live, page, official, password):
    sign_in(page, live, official.username, password)
    page.goto(f"{live.url}/sandbox/")
    workspace = Workspace.objects.get(official=official)
    dossier = workspace.dossiers.first()
    dossier.owner_name = "Hồ sơ của tôi"
    dossier.save(update_fields=["owner_name"])

    page.get_by_role("link", name="Làm lại từ đầu").click()
    expect(page.get_by_role("heading", name="Làm lại từ đầu?")).to_be_visible()
    lost = page.locator(".reset-lost")
    expect(lost).to_contain_text(f"{workspace.dossiers.count()} hồ sơ một cửa")
    expect(lost).to_contain_text("văn bản đến")
    page.get_by_role("link", name="Không, quay lại").click()
    expect(page.get_by_role("heading", name="Môi trường thực hành")).to_be_visible()
    assert workspace.dossiers.filter(owner_name="Hồ sơ của tôi").exists()

    page.get_by_role("link", name="Làm lại từ đầu").click()
    page.get_by_role("button", name="Có, làm lại từ đầu").click()
    expect(page.get_by_text("Đã làm lại từ đầu")).to_be_visible()
    assert not workspace.dossiers.filter(owner_name="Hồ sơ của tôi").exists()
