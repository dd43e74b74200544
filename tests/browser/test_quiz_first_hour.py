"""In a browser (issue 16, item 8): what is typed on the last question is never lost when "Xem lại
và nộp bài" is clicked at once, and the question list says a practical question is unanswered while
its practice is not done."""

import pytest
from playwright.sync_api import expect

from quizzes.models import QuestionKind
from tests.browser.conftest import sign_in
from tests.quizzes.factories import make_question, make_quiz

pytestmark = pytest.mark.browser


def test_typed_answer_survives_review_at_once_and_the_list_tells_the_truth(live, page, official, password):
    quiz = make_quiz(
        [
            make_question(
                QuestionKind.PRACTICAL, prompt="Làm bài thực hành ký số.", scenario_slug="ky-so-usb"
            ),
            make_question(
                QuestionKind.SHORT_ANSWER,
                prompt="Ứng dụng định danh điện tử quốc gia tên là gì?",
                options=[("VNeID", True)],
            ),
        ],
        slug="kiem-tra-mot-lan",
    )
    sign_in(page, live, official.username, password)
    page.goto(f"{live.url}/quizzes/{quiz.slug}/")
    page.get_by_role("button", name="Bắt đầu làm bài").click()
    expect(page.get_by_text("Bạn chưa hoàn thành bài thực hành này.")).to_be_visible()
    expect(page.get_by_role("link", name="1 (chưa trả lời)")).to_be_visible()

    page.get_by_role("link", name="2 (chưa trả lời)").click()
    page.get_by_label("Câu trả lời của bạn").fill("vneid")
    # At once, before the autosave's pause is over.
    page.get_by_role("button", name="Xem lại và nộp bài").click()
    expect(page.get_by_text("Còn 1 câu chưa trả lời.")).to_be_visible()
    expect(page.get_by_role("link", name="2 (đã trả lời)")).to_be_visible()
    expect(page.get_by_role("link", name="1 (chưa trả lời)")).to_be_visible()
    page.get_by_role("button", name="Nộp bài").click()
    expect(page.locator(".score")).to_contain_text("Điểm: 50%")
