"""In a browser: sign in, sign out; fail a password until locked and read the Vietnamese lock message;
switch the language and keep it."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser


def test_official_signs_in_and_out(live, page, official, password):
    sign_in(page, live, official.username, password)
    expect(page.get_by_text(official.full_name)).to_be_visible()
    page.get_by_role("button", name="Đăng xuất").click()
    expect(page.get_by_role("heading", name="Đăng nhập")).to_be_visible()


def test_failed_passwords_lock_the_account_with_vietnamese_message(live, page, official, settings):
    for attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(page, live, official.username, f"sai-{attempt}")
        expect(page.locator(".error-summary")).to_contain_text("Tên đăng nhập hoặc mật khẩu không đúng")
        # What was typed is kept: the username field still holds it.
        expect(page.get_by_label("Tên đăng nhập")).to_have_value(official.username)
    sign_in(page, live, official.username, "sai-lan-cuoi")
    expect(page.get_by_role("heading", name="Tài khoản tạm khóa")).to_be_visible()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Tài khoản đã bị tạm khóa do nhập sai mật khẩu nhiều lần.")
    expect(alert).to_contain_text(
        re.compile(r"đăng nhập lại sau \d+ phút, lúc \d\d:\d\d ngày \d\d/\d\d/\d{4}")
    )


def test_language_switch_is_remembered(live, page, official, password):
    page.goto(f"{live.url}/accounts/login/")
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    page.goto(f"{live.url}/accounts/login/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.get_by_role("button", name="Tiếng Việt").click()
    expect(page.get_by_role("heading", name="Đăng nhập")).to_be_visible()


def test_pages_reflow_at_200_percent_zoom(live, new_page, official, password):
    """A 1280-pixel screen at 200% zoom is a 640-pixel layout: nothing may need sideways scrolling."""
    page = new_page()
    page.set_viewport_size({"width": 640, "height": 800})
    page.goto(f"{live.url}/accounts/password/reset/")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    # Keyboard users reach the main content first through the skip link, and see where focus is.
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Bỏ qua, đến nội dung chính")
    expect(skip).to_be_focused()
    outline = skip.evaluate("el => getComputedStyle(el).outlineStyle")
    assert outline != "none"
