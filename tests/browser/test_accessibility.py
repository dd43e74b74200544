"""axe-core (WCAG 2.1 A and AA) on the pages older officials, trainers and department heads use most,
in the states that matter: a form that failed, an action refused, a live room connected."""

import pytest
from playwright.sync_api import expect

from courses.selectors import live_lessons
from quizzes.models import QuestionKind
from sandbox.services import workspace_get_or_create
from tests.browser.a11y import assert_accessible
from tests.browser.conftest import sign_in
from tests.courses import builders
from tests.factories import (
    DEFAULT_PASSWORD,
    CommuneFactory,
    DepartmentHeadFactory,
    OfficialFactory,
    TrainerFactory,
)
from tests.live_sessions.conftest import make_session
from tests.quizzes.factories import make_question, make_quiz
from tests.reports.conftest import assign, make_course_page

pytestmark = pytest.mark.browser


def test_main_pages_have_no_axe_violations(migrated_data, live, new_page, django_db_serialized_rollback):
    commune = CommuneFactory(name="Phường Kinh Bắc")
    province = commune.province
    official = OfficialFactory(username="canbo-axe", full_name="Nguyễn Thị Lan", commune=commune)
    trainer = TrainerFactory(username="giangvien-axe", full_name="Trần Văn Hùng", province=province)
    head = DepartmentHeadFactory(username="lanhdao-axe", province=province)
    course = builders.course(assignments=[{"province": province, "due_date": builders.due(14)}])
    lesson = live_lessons(course)[0]
    quiz = make_quiz(
        [
            make_question(
                QuestionKind.SINGLE,
                prompt="Nhập sai mã PIN mấy lần thì USB token bị khóa?",
                options=[("Ba lần", True), ("Năm lần", False)],
            )
        ],
        title="Kiểm tra ký số",
        slug="kiem-tra-axe",
        time_limit_minutes=15,
    )
    session = make_session(trainer, communes=[commune], title="Hỗ trợ ký số")
    document = workspace_get_or_create(official=official).incoming.filter(status="01").first()
    failures: list[str] = []

    page = new_page()
    page.goto(f"{live.url}/accounts/login/")
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.locator(".error-summary")).to_be_visible()
    assert_accessible(page, "sign-in with errors", failures)

    sign_in(page, live, official.username, DEFAULT_PASSWORD)
    expect(page.get_by_role("heading", name="Khóa học của tôi")).to_be_visible()
    assert_accessible(page, "my courses", failures)

    page.goto(live.url + course.url)
    assert_accessible(page, "a course", failures)
    page.goto(live.url + lesson.url)
    expect(page.get_by_role("heading", level=1)).to_have_text(lesson.title)
    assert_accessible(page, "a lesson", failures)

    page.goto(f"{live.url}/sandbox/")
    assert_accessible(page, "the sandbox home", failures)
    page.goto(f"{live.url}/sandbox/incoming/{document.pk}/")
    page.locator("summary", has_text="Từ chối tiếp nhận").click()
    page.get_by_role("button", name="Xác nhận: Từ chối tiếp nhận (trả lại)").click()
    expect(page.locator(".action-form .error")).to_contain_text("Hãy ghi lý do.")
    assert_accessible(page, "a document with an action error", failures)

    workspace = workspace_get_or_create(official=official)
    page.goto(f"{live.url}/sandbox/work-files/")
    page.get_by_role("button", name="Lập hồ sơ").click()
    expect(page.locator(".error-summary")).to_be_visible()
    assert_accessible(page, "the work files with an error", failures)
    page.goto(f"{live.url}/sandbox/lookup/?q=&kind=")
    assert_accessible(page, "the look-up with results", failures)
    page.goto(f"{live.url}/sandbox/report/")
    assert_accessible(page, "the report", failures)
    page.goto(f"{live.url}/sandbox/dossiers/{workspace.dossiers.filter(status='4').first().pk}/")
    expect(page.get_by_role("heading", name="Các bước xử lý")).to_be_visible()
    assert_accessible(page, "a dossier with its scans and processing steps", failures)

    page.goto(f"{live.url}/quizzes/{quiz.slug}/")
    page.get_by_role("button", name="Bắt đầu làm bài").click()
    expect(page.get_by_role("heading", name="Câu 1/1")).to_be_visible()
    assert_accessible(page, "a quiz question", failures)

    page.goto(f"{live.url}/reports/me/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(page, "my progress", failures)

    page.goto(f"{live.url}/live/{session.pk}/")
    expect(page.locator("#live-status")).to_have_text("Đã kết nối.")
    assert_accessible(page, "a live room (official)", failures)

    host = new_page()
    sign_in(host, live, trainer.username, DEFAULT_PASSWORD)
    host.goto(f"{live.url}/live/{session.pk}/")
    expect(host.locator("#live-status")).to_have_text("Đã kết nối.")
    assert_accessible(host, "a live room (trainer)", failures)

    dashboard = new_page()
    sign_in(dashboard, live, head.username, DEFAULT_PASSWORD)
    expect(dashboard.get_by_role("heading", level=1)).to_contain_text(province.name)
    assert_accessible(dashboard, "a province dashboard", failures)
    assign(official, make_course_page("Quản lý văn bản", "quan-ly-van-ban-axe"), due=builders.due(-3))
    dashboard.get_by_role("link", name="Xem ai được nhắc, nội dung nhắc và gửi ngay").click()
    expect(dashboard.locator("#reminder-list")).to_contain_text(official.get_full_name())
    assert_accessible(dashboard, "the department head's reminders", failures)

    assert not failures, "axe-core found WCAG 2.1 A/AA violations:\n\n" + "\n\n".join(failures)
