"""In a browser: the Wagtail admin an author or an administrator meets reads Vietnamese once its
scripts have run (the sidebar, the StreamField editor and the side panels are drawn by JavaScript
from the JS catalogue), and no screen asks another host for anything (no gravatar)."""

from urllib.parse import urlsplit

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from playwright.sync_api import expect
from wagtail.documents import get_document_model

from tests.browser.conftest import sign_in
from tests.courses import builders
from tests.factories import DEFAULT_PASSWORD, AdministratorFactory
from tests.portal.test_wagtail_admin_vi import ENGLISH, english_in

pytestmark = pytest.mark.browser


def _screens(course, lesson, image, document):
    return [
        ("/admin/", ["Tổng quan trang", "Trang", "Ảnh", "Tài liệu", "Báo cáo", "Trợ giúp"]),
        (f"/admin/pages/{course.pk}/", ["Vừa xong", "Trang 1 / 1"]),
        (f"/admin/pages/add/courses/lessonpage/{course.pk}/", ["Lưu bản nháp", "Nội dung", "Quảng bá"]),
        (f"/admin/pages/{lesson.pk}/edit/", ["Lưu bản nháp", "Thao tác khác"]),
        (
            f"/admin/pages/{lesson.pk}/delete/",
            ["Bạn có chắc muốn xóa trang này không?", "Có 0 tham chiếu tới bài học này."],
        ),
        ("/admin/images/", ["Thêm ảnh"]),
        ("/admin/images/multiple/add/", ["Hoặc chọn từ máy tính của bạn"]),
        (f"/admin/images/{image.pk}/", ["Điểm trọng tâm"]),
        ("/admin/documents/", ["Thêm tài liệu"]),
        ("/admin/documents/multiple/add/", ["Kéo thả tài liệu vào vùng này để tải lên ngay."]),
        (f"/admin/documents/edit/{document.pk}/", ["Đổi tài liệu:"]),
        ("/admin/users/", ["Thêm người dùng"]),
        ("/admin/groups/", ["Thêm nhóm"]),
        ("/admin/reports/locked/", ["Trang bị khóa"]),
        ("/admin/reports/site-history/", ["Lịch sử website"]),
        ("/admin/account/", ["Hồ sơ"]),
    ]


def test_admin_reads_vietnamese_and_stays_on_the_platform(
    migrated_data, live, new_page, django_db_serialized_rollback
):
    course = builders.course(lessons=1)
    lesson = course.get_children().first().specific
    admin = AdministratorFactory(username="quantri-tiengviet")
    lesson.locked, lesson.locked_by, lesson.locked_at = True, admin, timezone.now()
    lesson.save()
    image = builders.screenshot("Màn hình một cửa")
    document = get_document_model().objects.create(
        title="Hướng dẫn ký số", file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="huong-dan.pdf")
    )

    page = new_page()
    own_host = urlsplit(live.url).netloc
    elsewhere = []
    page.on(
        "request",
        lambda request: urlsplit(request.url).netloc not in (own_host, "") and elsewhere.append(request.url),
    )
    sign_in(page, live, admin.username, DEFAULT_PASSWORD)
    for url, vietnamese in _screens(course, lesson, image, document):
        page.goto(f"{live.url}{url}")
        # Each screen's own labels, some drawn by its scripts, are there before the English is looked
        # for (the page editor pings the server while open, so "no network for a while" may never come).
        for label in vietnamese:
            expect(page.locator("body")).to_contain_text(label, timeout=30_000)
        text = page.locator("body").inner_text()
        assert english_in(text) == [], f"{url}: English among {ENGLISH}"
        # No broken avatar: every avatar on screen loaded (from the platform).
        broken = page.evaluate(
            "[...document.querySelectorAll('.avatar img, img[src*=avatar]')]"
            ".filter(i => i.complete && i.naturalWidth === 0).map(i => i.src)"
        )
        assert broken == [], url
    assert elsewhere == []
    page.close()


def test_the_lesson_editors_scripts_speak_vietnamese(
    migrated_data, live, new_page, django_db_serialized_rollback
):
    """The StreamField's block menu and the side panels are drawn by JavaScript. (A trainer of the
    Editors group meets the same editor: tests/portal/test_wagtail_admin_vi.py.)"""
    course = builders.course(lessons=1)
    author = AdministratorFactory(username="tacgia-tiengviet")

    page = new_page()
    sign_in(page, live, author.username, DEFAULT_PASSWORD)
    page.goto(f"{live.url}/admin/pages/add/courses/lessonpage/{course.pk}/")
    page.locator("button.c-sf-add-button").first.click()
    menu = page.get_by_role("listbox")
    expect(menu).to_be_visible()
    assert english_in(page.locator("body").inner_text()) == []
    page.keyboard.press("Escape")
    # The side panels of a lesson being edited: status, then the preview.
    page.goto(f"{live.url}/admin/pages/{course.get_children().first().pk}/edit/")
    page.get_by_role("button", name="Ẩn/hiện trạng thái").click()
    expect(page.locator("[data-side-panel='status']")).to_be_visible()
    text = page.locator("body").inner_text()
    assert "Ai cũng có thể sửa trang này – hãy khóa để người khác không sửa được" in text
    assert "Khi xuất bản, ai cũng xem được" in text
    assert english_in(text) == []
    page.get_by_role("button", name="Ẩn/hiện xem trước").click()
    expect(page.locator("[data-side-panel='preview']")).to_be_visible()
    expect(page.get_by_role("link", name="Xem trước ở tab mới")).to_be_visible()
    assert english_in(page.locator("body").inner_text()) == []
    # The preview keeps asking the server; stop it before the test's flush of the database.
    page.close()
