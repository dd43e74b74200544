"""In a browser: a trainer (Wagtail's Editors group) writes a course and a lesson made of hand-holding
steps in the Wagtail admin and submits them to the course review workflow; an administrator approves,
which publishes them, and the lesson shows the step with its screenshot and highlighted area."""

import re

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect
from wagtail.models import Page

from courses.services import course_review_workflow_ensure
from people.groups import EDITORS_GROUP
from progress.models import ProgressEntry
from sandbox.scenarios.catalogue import SCENARIOS
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


def test_editor_draws_the_highlighted_area_on_the_screenshot_with_the_mouse(
    migrated_data, live, new_page, django_db_serialized_rollback
):
    course = builders.course(lessons=0)
    builders.screenshot("Màn hình tiếp nhận văn bản", size=(1000, 500))
    trainer = TrainerFactory(username="giangvien-ve")
    trainer.groups.add(Group.objects.get(name=EDITORS_GROUP))

    editor = new_page()
    sign_in(editor, live, trainer.username, DEFAULT_PASSWORD)
    editor.goto(f"{live.url}/admin/pages/add/courses/lessonpage/{course.pk}/")
    editor.locator("#id_title").fill("Tiếp nhận văn bản đến")
    editor.locator("#id_summary").fill("Mở văn bản mới đến và vào sổ.")
    editor.locator("button.c-sf-add-button").first.click()
    editor.get_by_role("option", name="Bước hướng dẫn").click()
    # No screenshot yet: nothing to draw on, and it says so.
    expect(editor.locator("[data-courses-highlight-empty]")).to_have_text(
        "Chọn ảnh chụp màn hình trước, rồi kéo chuột trên ảnh để đánh dấu chỗ cần bấm."
    )
    expect(editor.locator("[data-courses-highlight-stage]")).to_be_hidden()

    editor.locator("input[name$='-value-instruction']").fill("Bấm vào văn bản 215/UBND-VP")
    editor.locator("[id$='-value-screenshot-chooser'] .chooser__choose-button").click()
    editor.get_by_role("link", name="Màn hình tiếp nhận văn bản").click()
    picture = editor.locator("[data-courses-highlight-stage] img")
    expect(picture).to_be_visible()
    # The chooser's dialog fades out; until it is gone it would take the mouse.
    expect(editor.locator(".modal")).to_have_count(0)
    expect(editor.locator("[data-courses-highlight-empty]")).to_be_hidden()
    picture.scroll_into_view_if_needed()
    box = picture.bounding_box()
    # Drag from 20 % / 30 % to 50 % / 70 % of the picture.
    editor.mouse.move(box["x"] + 0.2 * box["width"], box["y"] + 0.3 * box["height"])
    editor.mouse.down()
    editor.mouse.move(box["x"] + 0.35 * box["width"], box["y"] + 0.5 * box["height"], steps=5)
    editor.mouse.move(box["x"] + 0.5 * box["width"], box["y"] + 0.7 * box["height"], steps=5)
    editor.mouse.up()
    expect(editor.locator("input[name$='-value-highlight_height']")).not_to_have_value("")
    drawn = {
        name: float(editor.locator(f"input[name$='-value-highlight_{name}']").input_value())
        for name in ("x", "y", "width", "height")
    }
    assert drawn == pytest.approx({"x": 20, "y": 30, "width": 30, "height": 40}, abs=0.3)
    expect(editor.locator(".courses-highlight__box")).to_be_visible()

    # The fields stay the keyboard's way in: typing moves the frame.
    editor.locator("input[name$='-value-highlight_x']").fill("25")
    expect(editor.locator(".courses-highlight__box")).to_have_attribute("style", re.compile(r"left: 25%"))

    editor.locator("textarea[name$='-value-expected_result']").fill("Văn bản mở ra.")
    # "Thực hành ngay": the practice is picked by its number and title, not typed.
    editor.locator("button.c-sf-add-button").last.click()
    editor.get_by_role("option", name="Thực hành ngay").click()
    editor.locator("select[name$='-value-scenario']").select_option(
        label=f"Bài 1: {SCENARIOS['vb-den-tiep-nhan'].title}"
    )
    editor.get_by_role("button", name="Lưu bản nháp").click()
    expect(editor.locator(".messages")).to_contain_text("Tiếp nhận văn bản đến")
    lesson = Page.objects.get(title="Tiếp nhận văn bản đến").specific
    body = lesson.get_latest_revision_as_object().body
    assert [block.block_type for block in body] == ["step", "practise"]
    assert dict(body[1].value) == {"scenario": "vb-den-tiep-nhan", "description": ""}
    step = body[0].value
    saved = {name: step[f"highlight_{name}"] for name in ("x", "y", "width", "height")}
    assert saved == {"x": 25.0, "y": drawn["y"], "width": drawn["width"], "height": drawn["height"]}
