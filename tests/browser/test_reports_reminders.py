"""In a browser: a department head finds the export at the top of the dashboard, opens the reminders
screen from it, sees who is reminded and what they receive, sends now (after confirming), and finds the
sending in the history."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from reports.models import ReminderSent
from tests.browser.conftest import sign_in
from tests.reports.conftest import assign, make_course_page

pytestmark = pytest.mark.browser


def test_head_sees_export_on_top_and_sends_reminders_now(
    migrated_data, live, page, department_head, official, password, django_db_serialized_rollback
):
    assign(
        official,
        make_course_page("Chữ ký số", "chu-ky-so-nhac"),
        due=timezone.localdate() - timedelta(days=2),
    )

    sign_in(page, live, department_head.username, password)
    export = page.get_by_role("button", name="Xuất Excel (XLSX)")
    expect(export).to_be_in_viewport()
    assert export.bounding_box()["y"] < page.locator("#main-table").bounding_box()["y"]
    expect(page.locator(".reminders-link")).to_contain_text("tự nhắc mỗi ngày")
    page.get_by_role("link", name="Xem ai được nhắc, nội dung nhắc và gửi ngay").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Nhắc nhở cán bộ quá hạn")
    row = page.locator("#reminder-list tbody tr", has_text=official.get_full_name())
    expect(row).to_contain_text(official.commune.name)
    expect(row).to_contain_text("Chữ ký số")
    expect(row).to_contain_text("Chưa nhắc")
    expect(page.locator("#next-run")).to_contain_text("Lần gửi tự động tiếp theo: 07:00")
    expect(page.locator("#reminder-preview")).to_contain_text("1 khóa học đã quá hạn")

    page.get_by_role("button", name="Gửi ngay").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gửi nhắc nhở ngay?")
    page.get_by_role("button", name="Xác nhận gửi").click()

    expect(page.locator(".messages")).to_contain_text("Đã gửi nhắc nhở cho 1 cán bộ.")
    expect(row).to_contain_text("Đã nhắc lúc")
    history = page.locator("#reminder-history tbody tr").first
    expect(history).to_contain_text(department_head.get_full_name())
    expect(history.locator("td").nth(1)).to_have_text("1")
    expect(page.get_by_role("button", name="Gửi ngay")).to_have_count(0)
    assert ReminderSent.objects.filter(user=official).count() == 1
