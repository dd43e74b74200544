"""In a browser: a trainer (Wagtail's Editors group) writes a course and a lesson made of hand-holding
steps in the Wagtail admin and submits them to the course review workflow; an administrator approves,
which publishes them, and the lesson shows the step with its screenshot and highlighted area."""

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect
from wagtail.models import Page

from courses.services import course_review_workflow_ensure
from people.groups import EDITORS_GROUP
from progress.models import ProgressEntry
from tests.browser.conftest import sign_in
from tests.courses import builders
from tests.factories import (
    DEFAULT_PASSWORD,
    AdministratorFactory,
    CommuneFactory,
    OfficialFactory,
    ProvinceFactory,
    TrainerFactory,
)

pytestmark = pytest.mark.browser


def _footer_action(page, selector):
    """Click an action of the editor's footer menu, opening its drop-down first when needed."""
    action = page.locator(f"footer {selector}")
    if not action.is_visible():
        page.locator("footer .w-dropdown__toggle").click()
    action.click()


def _submit_for_review(page, title):
    _footer_action(page, 'button[name="action-submit"]')
    expect(page.locator(".messages")).to_contain_text(title)
    submitted = Page.objects.get(title=title)
    assert submitted.current_workflow_state.workflow.name == "Duyệt khóa học"
    assert not submitted.live
    return submitted.specific


def _approve(page, live, page_id):
    page.goto(f"{live.url}/admin/pages/{page_id}/edit/")
    # "Approve and publish" (the other approve button asks for a comment first).
    _footer_action(page, 'button[data-workflow-action-name="approve"]:not([data-workflow-action-modal-url])')
    expect(page.locator(".messages")).to_be_visible()


def test_editor_writes_a_course_with_steps_and_a_reviewer_publishes_it(
    migrated_data, live, new_page, django_db_serialized_rollback
):
    index = builders.course_index()
    course_review_workflow_ensure(index=index)
    builders.screenshot("Màn hình đăng nhập hệ thống")
    province = ProvinceFactory(name="Tỉnh Bắc Ninh")
    official = OfficialFactory(commune=CommuneFactory(province=province))
    trainer = TrainerFactory(username="giangvien-soan", province=province)
    trainer.groups.add(Group.objects.get(name=EDITORS_GROUP))
    reviewer = AdministratorFactory(username="quantri-duyet")

    editor = new_page()
    sign_in(editor, live, trainer.username, DEFAULT_PASSWORD)
    editor.goto(f"{live.url}/admin/pages/add/courses/coursepage/{index.pk}/")
    editor.locator("#id_title").fill("Đăng nhập hệ thống một cửa")
    editor.get_by_role("tab", name="Giao khóa học").click()
    editor.get_by_role("button", name="Thêm giao cho").click()
    editor.locator("select[name='assignments-0-province']").select_option(label=province.name)
    course = _submit_for_review(editor, "Đăng nhập hệ thống một cửa")

    editor.goto(f"{live.url}/admin/pages/add/courses/lessonpage/{course.pk}/")
    editor.locator("#id_title").fill("Đăng nhập lần đầu")
    editor.locator("#id_summary").fill("Nhập tên đăng nhập và mật khẩu được cấp.")
    editor.locator("button.c-sf-add-button").first.click()
    editor.get_by_role("option", name="Bước hướng dẫn").click()
    editor.locator("input[name$='-value-instruction']").fill("Bấm nút “Đăng nhập”")
    editor.locator("[id$='-value-screenshot-chooser'] .chooser__choose-button").click()
    editor.get_by_role("link", name="Màn hình đăng nhập hệ thống").click()
    for name, value in {"x": "20", "y": "60", "width": "15", "height": "8"}.items():
        editor.locator(f"input[name$='-value-highlight_{name}']").fill(value)
    editor.locator("textarea[name$='-value-expected_result']").fill("Trang chủ mở ra, góc phải hiện họ tên.")
    editor.locator("textarea[name$='-value-common_mistake']").fill("Bật Caps Lock nên sai mật khẩu.")
    editor.locator("textarea[name$='-value-mistake_fix']").fill("Tắt Caps Lock rồi gõ lại.")
    lesson = _submit_for_review(editor, "Đăng nhập lần đầu")

    moderator = new_page()
    sign_in(moderator, live, reviewer.username, DEFAULT_PASSWORD)
    _approve(moderator, live, course.pk)
    _approve(moderator, live, lesson.pk)
    course.refresh_from_db()
    lesson.refresh_from_db()
    assert course.live and lesson.live
    assert [block.block_type for block in lesson.body] == ["step"]
    # Publishing the course queued the assignment sync: the province's official has the course.
    assert ProgressEntry.objects.filter(official=official, kind="course", key=str(course.pk)).exists()

    moderator.goto(f"{live.url}{lesson.url}")
    expect(moderator.get_by_role("heading", level=3)).to_contain_text("Bước 1")
    expect(moderator.locator("rect.step-highlight")).to_have_attribute("x", "20")
    expect(moderator.locator(".step-mistake")).to_contain_text("Bật Caps Lock")
