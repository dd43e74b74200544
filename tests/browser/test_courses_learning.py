"""In a browser: a new official signs in, sees the courses assigned to their province, completes a
lesson with the "Đã xong bài này" button, signs out, comes back and resumes where they left off."""

import pytest
from playwright.sync_api import expect

from courses.selectors import live_lessons
from tests.browser.conftest import sign_in
from tests.courses import builders
from tests.factories import DEFAULT_PASSWORD, CommuneFactory, OfficialFactory, ProvinceFactory

pytestmark = pytest.mark.browser


def test_new_official_completes_a_lesson_and_resumes(
    migrated_data, live, new_page, django_db_serialized_rollback
):
    province = ProvinceFactory(name="Tỉnh Bắc Ninh")
    official = OfficialFactory(username="canbo-moi", commune=CommuneFactory(province=province))
    # Publishing queues the assignment sync; the test settings run django-q2 tasks at once.
    course = builders.course(assignments=[{"province": province, "due_date": builders.due(14)}])
    builders.course("Một cửa điện tử", slug="mot-cua-dien-tu", lessons=1)  # not assigned to anyone
    first, second, _third = live_lessons(course)

    page = new_page()
    sign_in(page, live, official.username, DEFAULT_PASSWORD)
    expect(page.get_by_role("heading", name="Khóa học của tôi")).to_be_visible()
    card = page.locator(".course-row")
    expect(card).to_have_count(1)
    expect(card.get_by_role("link", name=course.title, exact=True)).to_be_visible()
    expect(card).to_contain_text("Chưa bắt đầu")
    expect(card).to_contain_text("Đã học 0/3 bài")
    expect(card).to_contain_text("Hạn hoàn thành: " + builders.due(14).strftime("%d/%m/%Y"))

    card.get_by_role("link", name="Bắt đầu học").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(first.title)
    steps = page.locator(".step")
    expect(steps).to_have_count(2)
    expect(steps.first.get_by_role("heading")).to_contain_text("Bước 1")
    expect(steps.first.locator("img")).to_have_attribute("loading", "lazy")
    expect(steps.first.locator("rect.step-highlight")).to_have_attribute("width", "30")
    page.get_by_role("button", name="Đã xong bài này").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(second.title)
    expect(page.get_by_role("status")).to_contain_text(f"bạn đã xong bài “{first.title}”")
    page.get_by_role("button", name="Đăng xuất").click()
    expect(page.get_by_label("Tên đăng nhập")).to_be_visible()

    sign_in(page, live, official.username, DEFAULT_PASSWORD)
    card = page.locator(".course-row")
    expect(card).to_contain_text("Đang học")
    expect(card).to_contain_text("Đã học 1/3 bài")
    card.get_by_role("link", name="Học tiếp").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(second.title)
