"""In a browser, the accessibility fixes of issue 20 as a person meets them: a failed form says so in
its title, sums its errors up and ties each to its field; a refused sandbox action puts its error and
the focus at the field; at 200% zoom nothing is covered and the navigation folds; the live chat is a
log that reads new messages only, with name, time and text apart; the quiz timer speaks."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from quizzes.models import Attempt, QuestionKind
from reports.models import Notification
from sandbox.services import workspace_get_or_create
from tests.browser.conftest import sign_in
from tests.live_sessions.conftest import make_session
from tests.quizzes.factories import make_question, make_quiz
from tests.reports.conftest import assign, make_course_page

pytestmark = pytest.mark.browser

SITE = "Hỗ trợ chuyển đổi số cấp xã"


def _focused_id(page) -> str:
    return page.evaluate("document.activeElement && document.activeElement.id")


def _described_by(page, field_id: str) -> list[str]:
    """The texts a field's aria-describedby points to (each id must exist)."""
    return page.evaluate(
        """id => (document.getElementById(id).getAttribute('aria-describedby') || '').split(' ')
              .filter(Boolean).map(ref => {
                const el = document.getElementById(ref);
                return el ? el.textContent.trim() : 'MISSING ' + ref;
              })""",
        field_id,
    )


def test_a_failed_sign_in_names_its_errors_once_and_at_their_fields(live, page, official, password):
    page.goto(f"{live.url}/accounts/login/")
    expect(page).to_have_title(f"Đăng nhập · {SITE}")
    page.get_by_role("button", name="Đăng nhập").click()

    expect(page).to_have_title(f"Lỗi: Đăng nhập · {SITE}")
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("heading")).to_have_text("Chưa gửi được: hãy sửa các lỗi dưới đây")
    links = summary.get_by_role("link")
    expect(links).to_have_count(2)
    expect(links.nth(0)).to_contain_text("Tên đăng nhập")
    expect(links.nth(1)).to_contain_text("Mật khẩu")
    # No alert fires: the focused summary is read, once.
    expect(page.get_by_role("alert")).to_have_count(0)

    username = page.get_by_label("Tên đăng nhập")
    expect(username).to_have_attribute("aria-invalid", "true")
    error = page.locator("#id_username_error")
    expect(error).to_be_visible()
    assert _described_by(page, "id_username") == [error.text_content().strip()]
    links.nth(0).click()
    expect(username).to_be_focused()

    # Right name, wrong password: one error for the whole form, in the summary.
    username.fill(official.username)
    page.get_by_label("Mật khẩu").fill("sai-mat-khau")
    page.get_by_role("button", name="Đăng nhập").click()
    expect(summary).to_contain_text("Tên đăng nhập hoặc mật khẩu không đúng")
    expect(summary).to_be_focused()

    sign_in(page, live, official.username, password)
    expect(page).to_have_title(f"Khóa học của tôi · {SITE}")
    # Help text is read with its field too.
    page.goto(f"{live.url}/accounts/password/")
    page.get_by_role("button", name="Lưu mật khẩu mới").click()
    expect(page).to_have_title(re.compile(r"^Lỗi: Đổi mật khẩu · "))
    new_password = page.locator("[aria-describedby*='_helptext']").first
    expect(new_password).to_be_attached()
    described = _described_by(page, new_password.get_attribute("id"))
    assert len(described) == 2 and not any(text.startswith("MISSING") for text in described)


def test_a_refused_sandbox_action_shows_its_error_at_the_field(live, page, official, password):
    document = workspace_get_or_create(official=official).incoming.filter(status="01").first()
    sign_in(page, live, official.username, password)
    page.goto(f"{live.url}/sandbox/incoming/{document.pk}/")
    kind = document.get_kind_display()
    expect(page).to_have_title(
        f"{kind}: {document.summary} (văn bản đến {document.reference}) · Thực hành · {SITE}"
    )
    page.locator("summary", has_text="Từ chối tiếp nhận").click()
    page.get_by_role("button", name="Xác nhận: Từ chối tiếp nhận (trả lại)").click()

    expect(page).to_have_title(re.compile(r"^Lỗi: .* · Thực hành · "))
    reason = page.get_by_label("Lý do")
    expect(reason).to_be_focused()
    expect(reason).to_have_attribute("aria-invalid", "true")
    assert _described_by(page, "return-return_reason") == ["Hãy ghi lý do."]

    reason.fill("Văn bản gửi nhầm xã.")
    page.get_by_role("button", name="Xác nhận: Từ chối tiếp nhận (trả lại)").click()
    confirmation = page.locator(".messages .message", has_text="Đã thực hiện: Từ chối tiếp nhận (trả lại).")
    expect(confirmation).to_be_focused()
    expect(page).not_to_have_title(re.compile("Lỗi"))


def _covered(page, selector: str) -> bool:
    """Whether something else lies over the middle of the element."""
    return page.evaluate(
        """sel => {
            const el = document.querySelector(sel);
            el.scrollIntoView({block: 'center'});
            const box = el.getBoundingClientRect();
            const top = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
            return !(top === el || el.contains(top));
        }""",
        selector,
    )


def _overflow(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


def test_at_200_percent_zoom_nothing_is_covered_and_the_navigation_folds(live, new_page, official, password):
    course = make_course_page("Chữ ký số", "chu-ky-so-zoom")
    assign(official, course)
    Notification.objects.create(user=official, title="Nhắc hạn khóa học", body="Còn 3 ngày để hoàn thành.")
    document = workspace_get_or_create(official=official).incoming.filter(status="01").first()

    # A 1280 x 800 screen at 200%: a 640 x 400 layout.
    page = new_page()
    page.set_viewport_size({"width": 640, "height": 400})
    sign_in(page, live, official.username, password)

    page.goto(f"{live.url}/reports/me/")
    inbox = page.locator("section.notifications")
    expect(inbox).to_contain_text("Nhắc hạn khóa học")
    assert inbox.evaluate("el => getComputedStyle(el).position") == "static"
    completed_column = page.get_by_role("columnheader", name="Ngày hoàn thành")
    expect(completed_column).to_be_visible()
    completed_column.evaluate("el => el.id = 'completed-column'")
    assert not _covered(page, "#completed-column")
    assert _overflow(page) <= 0

    # The navigation folds behind its button; the header keeps to a small part of the screen.
    menu = page.get_by_role("button", name="Danh mục")
    expect(menu).to_be_visible()
    expect(menu).to_have_attribute("aria-expanded", "false")
    my_courses = page.get_by_role("link", name="Khóa học của tôi")
    expect(my_courses).to_be_hidden()
    header_height = page.locator(".site-header").evaluate("el => el.getBoundingClientRect().height")
    assert header_height <= 100
    menu.click()
    expect(menu).to_have_attribute("aria-expanded", "true")
    expect(my_courses).to_be_visible()
    menu.click()
    expect(my_courses).to_be_hidden()

    # A sandbox document: from the top, two Tab presses reach a link to its actions.
    page.goto(f"{live.url}/sandbox/incoming/{document.pk}/")
    expect(page.get_by_role("link", name="Văn bản đi", exact=True)).to_be_hidden()
    assert _overflow(page) <= 0
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Bỏ qua, đến nội dung chính")).to_be_focused()
    page.keyboard.press("Tab")
    to_actions = page.get_by_role("link", name="Bỏ qua, đến các thao tác")
    expect(to_actions).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#actions")).to_be_focused()
    expect(page.get_by_role("heading", name="Thao tác")).to_be_in_viewport()
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.closest('#actions') !== null")
    assert focused

    # On a wide screen nothing is folded.
    page.set_viewport_size({"width": 1280, "height": 800})
    expect(page.get_by_role("button", name="Danh mục")).to_be_hidden()
    expect(page.get_by_role("link", name="Văn bản đi", exact=True)).to_be_visible()


def test_text_is_18_px_nothing_under_16_and_targets_44_px(live, page, official, password):
    sign_in(page, live, official.username, password)
    for path in ("/learning/", "/reports/me/", "/sandbox/"):
        page.goto(live.url + path)
        assert page.evaluate("getComputedStyle(document.body).fontSize") == "18px"
        small = page.evaluate(
            """() => [...document.querySelectorAll('body *')].filter(el =>
                    el.offsetParent !== null && !el.closest('.visually-hidden, svg, script')
                    && [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())
                    && parseFloat(getComputedStyle(el).fontSize) < 16)
                 .map(el => el.tagName + '.' + el.className + ': ' + el.textContent.trim().slice(0, 40))"""
        )
        assert small == [], f"{path}: text under 16 px: {small}"
        tiny = page.evaluate(
            """() => [...document.querySelectorAll('a[href], button, summary, select, input[type=submit]')]
                 .filter(el => el.offsetParent !== null && !el.classList.contains('skip-link'))
                 .filter(el => {
                   const r = el.getBoundingClientRect();
                   return r.height < 44 || r.width < 44;
                 })
                 .map(el => { const r = el.getBoundingClientRect();
                   return el.tagName + ' ' + el.textContent.trim().slice(0, 30) + ' ' + Math.round(r.width)
                     + 'x' + Math.round(r.height); })"""
        )
        assert tiny == [], f"{path}: targets under 44 px: {tiny}"


def test_live_chat_reads_new_messages_only_with_name_time_and_text_apart(
    live, new_page, trainer, commune, official, password
):
    session = make_session(trainer, communes=[commune], title="Hỗ trợ ký số")
    host = new_page()
    sign_in(host, live, trainer.username, password)
    host.goto(f"{live.url}/live/{session.pk}/")
    expect(host.locator("#live-status")).to_have_text("Đã kết nối.")
    host.get_by_label("Tin nhắn").fill("Chào mọi người")
    host.get_by_role("button", name="Gửi", exact=True).click()
    expect(host.get_by_role("log")).to_contain_text("Chào mọi người")

    lan = new_page()
    sign_in(lan, live, official.username, password)
    lan.goto(f"{live.url}/live/{session.pk}/")
    expect(lan.locator("#live-status")).to_have_text("Đã kết nối.")
    # What was said before she came is shown, outside the log that a screen reader reads out.
    earlier = lan.locator("#chat-earlier li")
    expect(earlier).to_have_count(1)
    expect(earlier).to_contain_text("Chào mọi người")
    log = lan.get_by_role("log")
    expect(log.locator("li")).to_have_count(0)
    text = earlier.text_content()
    assert re.fullmatch(r"Trần Văn Hùng \(Giảng viên\), \d\d:\d\d: Chào mọi người", text), text
    expect(earlier.locator("time")).to_have_attribute("datetime", re.compile(r"^\d{4}-\d\d-\d\dT"))

    host.get_by_label("Tin nhắn").fill("Mở phần mềm ký số")
    host.get_by_role("button", name="Gửi", exact=True).click()
    expect(log.locator("li")).to_have_count(1)
    assert re.fullmatch(
        r"Trần Văn Hùng \(Giảng viên\), \d\d:\d\d: Mở phần mềm ký số", log.locator("li").text_content()
    )
    expect(earlier).to_have_count(1)


def test_quiz_timer_says_five_minutes_then_one(live, page, official, password):
    quiz = make_quiz(
        [make_question(QuestionKind.SINGLE, options=[("Ba lần", True), ("Năm lần", False)])],
        title="Kiểm tra ký số",
        slug="kiem-tra-dong-ho",
        time_limit_minutes=15,
    )
    sign_in(page, live, official.username, password)
    page.goto(f"{live.url}/quizzes/{quiz.slug}/")
    page.get_by_role("button", name="Bắt đầu làm bài").click()
    warning = page.locator(".timer-warning")
    expect(warning).to_have_attribute("aria-live", "assertive")
    expect(warning).to_have_text("")

    attempt = Attempt.objects.get(official=official, quiz=quiz)
    attempt.deadline = timezone.now() + timedelta(seconds=303)
    attempt.save(update_fields=["deadline"])
    page.reload()
    expect(warning).to_have_text("")
    expect(warning).to_have_text("Chú ý: còn 5 phút.", timeout=10_000)

    attempt.deadline = timezone.now() + timedelta(seconds=63)
    attempt.save(update_fields=["deadline"])
    page.reload()
    expect(warning).to_have_text("Chú ý: còn 5 phút.")
    expect(warning).to_have_text("Chú ý: còn 1 phút.", timeout=10_000)
