"""In a browser, the loop the platform exists for (issue 16): a new official signs in, does the
practice the course requires (with one mistake and its recovery), the lesson and the quiz, and gets the
certificate; at every step "Khóa học của tôi", the course page and the department head's dashboard
count it."""

import pytest
from playwright.sync_api import expect

from progress.models import ProgressEntry
from quizzes.models import QuestionKind
from sandbox.scenarios.catalogue import SCENARIOS
from tests.browser.conftest import leader_pin, sign_in
from tests.courses import builders
from tests.factories import (
    DEFAULT_PASSWORD,
    CommuneFactory,
    DepartmentHeadFactory,
    OfficialFactory,
    ProvinceFactory,
)
from tests.quizzes.factories import make_question, make_quiz

pytestmark = pytest.mark.browser

PRACTICE = "ky-so-usb"


def _dashboard_counts(head_page, live, commune_name: str) -> tuple[str, str, str]:
    """(assigned, completed, in progress) of the commune's row on the department head's dashboard."""
    head_page.goto(f"{live.url}/reports/")
    row = head_page.locator("#main-table tbody tr", has=head_page.get_by_role("link", name=commune_name))
    cells = row.locator("td.num")
    return cells.nth(0).inner_text(), cells.nth(1).inner_text(), cells.nth(2).inner_text()


def _sign_with_usb(page, live, *, wrong_pin: bool) -> None:
    page.get_by_role("link", name="Ký số (lãnh đạo)").click()
    sign_url = page.url
    pin = leader_pin(page, live)
    page.goto(sign_url)
    # The drill: the token is "not detected" first (a fault of the drill, not the official's mistake).
    page.get_by_label("Mã PIN của USB token").fill(pin)
    page.get_by_role("button", name="Ký số", exact=True).click()
    expect(page.locator(".fault-box")).to_contain_text("Không tìm thấy thiết bị ký số")
    page.get_by_role("button", name="Cắm lại USB token").click()
    if wrong_pin:
        page.get_by_label("Mã PIN của USB token").fill("0000")
        page.get_by_role("button", name="Ký số", exact=True).click()
        expect(page.locator(".messages")).to_contain_text("Sai mã PIN")
        expect(page.locator(".scenario-panel .mistake")).to_be_visible()
    page.get_by_label("Mã PIN của USB token").fill(pin)
    page.get_by_role("button", name="Ký số", exact=True).click()
    expect(page.get_by_text("Đã ký số thành công.")).to_be_visible()
    # The wrong PIN's error does not outlive the action that caused it (item 5).
    expect(page.locator(".scenario-panel .mistake")).to_have_count(0)
    page.get_by_role("button", name="Kiểm tra chữ ký số").click()
    expect(page.locator(".validation")).to_contain_text("Hợp lệ")


def test_a_new_official_goes_from_sign_in_to_certificate_and_every_screen_counts_it(live, new_page):
    province = ProvinceFactory(name="Tỉnh Bắc Ninh")
    commune = CommuneFactory(province=province, name="Phường Kinh Bắc")
    official = OfficialFactory(username="canbo-moi", commune=commune)
    head = DepartmentHeadFactory(username="lanhdao-tinh", province=province)
    quiz = make_quiz(
        [
            make_question(
                QuestionKind.SINGLE,
                prompt="Nhập sai mã PIN mấy lần thì USB token bị khóa?",
                options=[("Ba lần", True), ("Năm lần", False)],
            )
        ],
        title="Kiểm tra ký số cơ bản",
        slug="kiem-tra-ky-so-co-ban",
    )
    course = builders.course(
        "Chữ ký số",
        slug="chu-ky-so",
        lessons=1,
        scenarios=[PRACTICE],
        quizzes=[quiz.slug],
        assignments=[{"province": province}],
    )
    practice_title = SCENARIOS[PRACTICE].title

    head_page = new_page()
    sign_in(head_page, live, head.username, DEFAULT_PASSWORD)
    assert _dashboard_counts(head_page, live, commune.name) == ("1", "0", "0")

    page = new_page()
    sign_in(page, live, official.username, DEFAULT_PASSWORD)
    card = page.locator(".course-row")
    expect(card).to_contain_text("Chưa bắt đầu")
    expect(card).to_contain_text("Bài thực hành và bài kiểm tra bắt buộc: đã xong 0/2")

    # The course page names what it requires (titles, links, states), never a slug.
    card.get_by_role("link", name="Chữ ký số", exact=True).click()
    requirements = page.locator(".requirement-list")
    expect(requirements).to_contain_text(f"Làm xong bài thực hành: {practice_title}")
    expect(requirements).to_contain_text("Đạt bài kiểm tra: Kiểm tra ký số cơ bản")
    expect(requirements).not_to_contain_text(PRACTICE)
    expect(requirements).not_to_contain_text(quiz.slug)

    # The practice, from its link, with one mistake (a wrong PIN) and its recovery.
    requirements.get_by_role("link", name=practice_title).click()
    page.get_by_role("button", name="Bắt đầu").click()
    page.get_by_role("link", name="Mở màn hình cần dùng").click()
    _sign_with_usb(page, live, wrong_pin=True)
    # Its finish says so: result, the mistake, what it counts toward, what to do next.
    finish = page.locator(".finish-panel")
    expect(finish).to_contain_text(f"Bạn đã làm xong bài thực hành: {practice_title}")
    expect(finish).to_contain_text("Có 1 lỗi trong lần làm này")
    expect(finish).to_contain_text("Sai mã PIN")
    expect(finish).to_contain_text("Kết quả đã được ghi nhận cho khóa học: Chữ ký số")
    # The old error does not outlive the action that caused it.
    expect(page.locator(".messages", has_text="Sai mã PIN")).to_have_count(0)

    assert _dashboard_counts(head_page, live, commune.name) == ("1", "0", "1")
    # The event log speaks the official's language (item 7), and the finish stays until closed.
    page.goto(f"{live.url}/sandbox/events/")
    log = page.locator("table", has_text="Thời điểm")
    expect(log).to_contain_text("Ký số bằng USB token")
    expect(log).to_contain_text("Trình ký → Đã ký")
    expect(log).not_to_contain_text("usb_sign")
    finish = page.locator(".finish-panel")
    finish.get_by_role("link", name="Xem việc còn lại của khóa “Chữ ký số”").click()
    practice_row = page.locator(".requirement-list li", has_text=practice_title)
    expect(practice_row.locator(".badge")).to_have_text("Đã xong")
    expect(
        page.locator(".requirement-list li", has_text="Kiểm tra ký số cơ bản").locator(".badge")
    ).to_have_text("Chưa bắt đầu")
    page.goto(f"{live.url}/learning/")
    card = page.locator(".course-row")
    expect(card).to_contain_text("Đang học")
    expect(card).to_contain_text("Bài thực hành và bài kiểm tra bắt buộc: đã xong 1/2")

    # The lesson; being the last one, it points to what remains: the quiz.
    card.get_by_role("link", name="Học tiếp").click()
    page.get_by_role("button", name="Đã xong bài này").click()
    remaining = page.get_by_role("status").filter(has_text="Còn lại để hoàn thành khóa học")
    expect(remaining).to_contain_text("Kiểm tra ký số cơ bản")
    expect(remaining).not_to_contain_text(practice_title)
    assert _dashboard_counts(head_page, live, commune.name) == ("1", "0", "1")

    # The quiz.
    remaining.get_by_role("link", name="Kiểm tra ký số cơ bản").click()
    page.get_by_role("button", name="Bắt đầu làm bài").click()
    page.get_by_label("Ba lần").check()
    expect(page.get_by_role("status")).to_contain_text("Đã lưu câu trả lời lúc")
    page.get_by_role("button", name="Lưu và xem lại bài").click()
    page.get_by_role("button", name="Nộp bài").click()
    expect(page.locator(".score")).to_contain_text("Đạt")

    assert _dashboard_counts(head_page, live, commune.name) == ("1", "1", "0")
    page.goto(f"{live.url}/learning/")
    expect(page.locator(".course-row")).to_contain_text("Hoàn thành")
    expect(page.locator(".course-row")).to_contain_text("đã xong 2/2")

    # The certificate.
    page.goto(f"{live.url}/reports/me/")
    row = page.locator("#courses tbody tr", has_text="Chữ ký số")
    expect(row).to_contain_text("Hoàn thành")
    with page.expect_download() as download_info:
        row.get_by_role("link", name="Tải chứng nhận (PDF)").click()
    assert download_info.value.suggested_filename.endswith(".pdf")
    entry = ProgressEntry.objects.get(official=official, kind="course", key=str(course.pk))
    assert entry.status == "completed"
