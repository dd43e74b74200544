"""In a browser: an official sees their courses and a reminder on their progress page, downloads the
certificate of a completed course, and anyone can verify it from its code."""

import pytest
from playwright.sync_api import expect

from progress.models import ProgressStatus
from reports.models import Certificate, Notification
from tests.browser.conftest import sign_in
from tests.reports.conftest import assign, make_course_page

pytestmark = pytest.mark.browser


def test_official_downloads_a_certificate_that_anyone_can_verify(live, page, new_page, official, password):
    course = make_course_page("Chữ ký số", "chu-ky-so-chung-nhan")
    assign(official, course, status=ProgressStatus.COMPLETED)
    # Stored as the reminder task stores it (its push needs no open tab here).
    Notification.objects.create(user=official, title="1 khóa học của bạn đã quá hạn", url="/reports/me/")

    sign_in(page, live, official.username, password)
    page.goto(f"{live.url}/reports/me/")
    expect(page.get_by_role("heading", name="Tiến độ của tôi")).to_be_visible()
    expect(page.get_by_text("1 khóa học của bạn đã quá hạn")).to_be_visible()
    row = page.locator("#courses tbody tr", has_text="Chữ ký số")
    expect(row).to_contain_text("Hoàn thành")
    with page.expect_download() as download_info:
        row.get_by_role("link", name="Tải chứng nhận (PDF)").click()
    assert download_info.value.suggested_filename.endswith(".pdf")
    code = Certificate.objects.get(official=official).code

    visitor = new_page()
    visitor.goto(f"{live.url}/reports/verify/{code}/")
    expect(visitor.get_by_text("Chứng nhận hợp lệ")).to_be_visible()
    expect(visitor.locator("dl.certificate")).to_contain_text(official.full_name)
    expect(visitor.locator("dl.certificate")).to_contain_text("Chữ ký số")
    visitor.goto(f"{live.url}/reports/verify/ma-sai-123/")
    expect(visitor.get_by_role("alert")).to_contain_text("Không tìm thấy chứng nhận")


def test_an_official_marks_reminders_read_and_sees_the_next_one_at_once(live, page, official, password):
    """The page is kept for the official between visits: what changes must still show on the next."""
    course = make_course_page("Một cửa điện tử", "mot-cua-nhac-viec")
    assign(official, course)
    Notification.objects.create(user=official, title="Khóa học Một cửa điện tử sắp đến hạn")

    sign_in(page, live, official.username, password)
    page.goto(f"{live.url}/reports/me/")
    page.reload()  # served from the kept page
    heading = page.get_by_role("heading", name="Thông báo")
    expect(heading).to_contain_text("1 chưa đọc")
    page.get_by_role("button", name="Đánh dấu tất cả đã đọc").click()
    expect(page.get_by_role("heading", name="Tiến độ của tôi")).to_be_visible()
    expect(heading).not_to_contain_text("chưa đọc")
    expect(page.get_by_role("button", name="Đánh dấu tất cả đã đọc")).to_have_count(0)

    Notification.objects.create(user=official, title="Tổng hợp hằng tuần của xã")
    page.reload()
    expect(page.get_by_text("Tổng hợp hằng tuần của xã")).to_be_visible()
    expect(heading).to_contain_text("1 chưa đọc")
