"""In a browser: an official starts a timed quiz, answers half of it (saved as given, without pressing
any button), closes the tab, comes back, finds everything as it was, submits and reads the feedback; the
trainer of their live session then sees the question analysis."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from live_sessions.models import LiveSession, Participant
from quizzes.models import QuestionKind
from tests.browser.conftest import sign_in
from tests.quizzes.factories import make_question, make_quiz

pytestmark = pytest.mark.browser


@pytest.fixture
def timed_quiz(db):
    questions = [
        make_question(
            QuestionKind.SINGLE,
            code="KS-01",
            prompt="Nhập sai mã PIN mấy lần thì USB token bị khóa?",
            options=[
                ("Ba lần", True, "", "Sai PIN ba lần thì token bị khóa."),
                ("Năm lần", False, "", "Không: ba lần."),
            ],
        ),
        make_question(
            QuestionKind.SHORT_ANSWER,
            code="DN-09",
            prompt="Ứng dụng định danh điện tử quốc gia tên là gì?",
            options=[("VNeID", True, "", "VNeID là ứng dụng định danh điện tử quốc gia.")],
        ),
        make_question(
            QuestionKind.TRUE_FALSE,
            code="KS-03",
            prompt="Văn thư được đóng dấu điện tử trước khi lãnh đạo ký.",
            options=[("Đúng", False), ("Sai", True, "", "Dấu điện tử chỉ sau chữ ký của lãnh đạo.")],
        ),
    ]
    return make_quiz(questions, title="Kiểm tra ký số", slug="kiem-tra-ky-so-thu", time_limit_minutes=15)


@pytest.fixture
def trainer_session(trainer, official):
    now = timezone.now()
    session = LiveSession.objects.create(
        trainer=trainer,
        province=trainer.province,
        title="Hỗ trợ ký số",
        starts_at=now - timedelta(minutes=30),
        ends_at=now + timedelta(minutes=30),
    )
    Participant.objects.create(session=session, user=official)
    return session


def test_timed_quiz_survives_a_closed_tab_and_the_trainer_sees_the_analysis(
    live, page, new_page, official, trainer, password, timed_quiz, trainer_session
):
    sign_in(page, live, official.username, password)
    page.goto(f"{live.url}/quizzes/{timed_quiz.slug}/")
    page.get_by_role("button", name="Bắt đầu làm bài").click()
    expect(page.get_by_role("heading", name="Câu 1/3")).to_be_visible()
    expect(page.locator(".timer")).to_contain_text(re.compile(r"Thời gian còn lại: 1[45]:\d\d"))

    # Answers are saved as they are given: no button pressed. (The autosave script is deferred: an
    # answer given before it runs is saved by the question's own button, not tested here.)
    page.wait_for_load_state("load")
    page.get_by_label("Ba lần").check()
    expect(page.get_by_role("status")).to_contain_text("Đã lưu câu trả lời lúc")
    page.get_by_role("link", name="2 (chưa trả lời)").click()
    expect(page.get_by_role("heading", name="Câu 2/3")).to_be_visible()
    page.wait_for_load_state("load")
    page.get_by_label("Câu trả lời của bạn").fill("vneid")
    expect(page.get_by_role("status")).to_contain_text("Đã lưu câu trả lời lúc")

    # The tab is closed half-way; the official opens the quiz again in a new one.
    context = page.context
    page.close()
    page = context.new_page()
    page.goto(f"{live.url}/quizzes/{timed_quiz.slug}/")
    expect(page.get_by_role("heading", name="Câu 2/3")).to_be_visible()
    expect(page.get_by_label("Câu trả lời của bạn")).to_have_value("vneid")
    # The time kept running while the tab was closed: it is not reset.
    expect(page.locator(".timer")).to_contain_text(re.compile(r"Thời gian còn lại: 1[34]:\d\d"))
    page.get_by_role("link", name="1 (đã trả lời)").click()
    expect(page.get_by_label("Ba lần")).to_be_checked()

    page.get_by_role("link", name="3 (chưa trả lời)").click()
    page.get_by_label("Sai").check()
    page.get_by_role("button", name="Lưu và xem lại bài").click()
    expect(page.get_by_text("Bạn đã trả lời mọi câu hỏi.")).to_be_visible()
    page.get_by_role("button", name="Nộp bài").click()

    expect(page.get_by_role("heading", name="Kết quả lượt làm bài thứ 1")).to_be_visible()
    expect(page.locator(".score")).to_contain_text("Điểm: 100%")
    expect(page.locator(".score")).to_contain_text("Đạt")
    expect(page.get_by_text("Sai PIN ba lần thì token bị khóa.")).to_be_visible()
    expect(page.get_by_text("Dấu điện tử chỉ sau chữ ký của lãnh đạo.")).to_be_visible()

    trainer_page = new_page()
    sign_in(trainer_page, live, trainer.username, password)
    trainer_page.get_by_role("link", name="Phân tích câu hỏi").click()
    trainer_page.get_by_role("link", name="Kiểm tra ký số").click()
    table = trainer_page.locator("table.analysis")
    expect(table).to_contain_text("KS-01")
    expect(table).to_contain_text("DN-09")
    expect(table.locator(":scope > tbody > tr")).to_have_count(3)
    trainer_page.get_by_text("KS-01").click()
    expect(table).to_contain_text(official.commune.name)
