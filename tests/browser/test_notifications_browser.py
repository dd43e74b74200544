"""A notification pushed by a service appears in every open tab of its user, live."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from playwright.sync_api import expect

from core.notify import notify_user
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser


def test_notification_reaches_the_open_page(live, page, official, password, settings):
    if "InMemoryChannelLayer" in settings.CHANNEL_LAYERS["default"]["BACKEND"]:
        pytest.skip("the in-memory channel layer does not cross from the test process to the server")
    sign_in(page, live, official.username, password)
    page.wait_for_timeout(1000)  # the tab's socket has joined the user's group
    # As a service would, from a thread of its own (this one runs Playwright's event loop).
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(
            notify_user,
            user_id=official.pk,
            notification={"title": "Buổi hỗ trợ sắp bắt đầu", "url": "/live/"},
        ).result()
    note = page.locator("#notifications .notification")
    expect(note).to_contain_text("Buổi hỗ trợ sắp bắt đầu")
    expect(note.get_by_role("link")).to_have_attribute("href", "/live/")
