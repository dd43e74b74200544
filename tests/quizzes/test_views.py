"""The quiz pages: start, resume, answer with and without the autosave script, submit, result; and
who may see what."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse

from progress.services import progress_record
from quizzes import services
from quizzes.models import Attempt, AttemptState, QuestionKind
from tests.quizzes.factories import make_question, make_quiz

pytestmark = pytest.mark.django_db

JSON = {"HTTP_ACCEPT": "application/json"}


@pytest.fixture
def signed_in(client, official):
    client.force_login(official)
    return client


def _start(client, quiz) -> Attempt:
    response = client.post(reverse("quizzes:start", args=[quiz.slug]))
    attempt = Attempt.objects.get(quiz=quiz)
    assert response.url == reverse("quizzes:question", args=[attempt.pk, 1])
    return attempt


def _option(question, text):
    return question.options.get(text=text).pk


def test_start_page_describes_the_rules(signed_in, quiz):
    response = signed_in.get(reverse("quizzes:start", args=[quiz.slug]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Số câu hỏi: 3" in page
    assert "10 phút" in page
    assert "Bắt đầu làm bài" in page


def test_anonymous_visitors_are_sent_to_sign_in(client, quiz):
    response = client.get(reverse("quizzes:start", args=[quiz.slug]))
    assert response.status_code == 302
    assert reverse("people:login") in response.url


def test_only_officials_may_start(client, trainer, quiz):
    client.force_login(trainer)
    assert client.post(reverse("quizzes:start", args=[quiz.slug])).status_code == 403
    page = client.get(reverse("quizzes:start", args=[quiz.slug])).content.decode()
    assert "Chỉ cán bộ xã, phường làm bài kiểm tra." in page


def test_answering_without_javascript_moves_to_the_next_question(signed_in, quiz):
    attempt = _start(signed_in, quiz)
    question = attempt.answers.get(position=1).question
    url = reverse("quizzes:question", args=[attempt.pk, 1])
    response = signed_in.post(url, {"choice": _option(question, "Ba lần"), "next": "1"})
    assert response.url == reverse("quizzes:question", args=[attempt.pk, 2])
    assert attempt.answers.get(position=1).response == {"choice": _option(question, "Ba lần")}


def test_autosave_answers_in_json(signed_in, quiz):
    attempt = _start(signed_in, quiz)
    response = signed_in.post(reverse("quizzes:question", args=[attempt.pk, 3]), {"text": "vneid"}, **JSON)
    assert response.status_code == 200
    assert response.json()["saved"] is True
    assert attempt.answers.get(position=3).response == {"text": "vneid"}


def test_a_bad_number_is_explained_and_what_was_typed_is_kept(signed_in, official):
    quiz = make_quiz([make_question(QuestionKind.NUMERIC, numeric_answer=3)])
    attempt = _start(signed_in, quiz)
    url = reverse("quizzes:question", args=[attempt.pk, 1])
    response = signed_in.post(url, {"text": "ba ngày", "next": "1"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Hãy nhập một số" in page
    assert 'value="ba ngày"' in page
    assert attempt.answers.get(position=1).response is None
    autosave = signed_in.post(url, {"text": "ba ngày"}, **JSON)
    assert autosave.status_code == 400
    assert "Hãy nhập một số" in autosave.json()["error"]


def test_ordering_refuses_one_position_twice(signed_in):
    ordering = make_question(
        QuestionKind.ORDERING, options=[("Soạn", True), ("Ký", True), ("Phát hành", True)]
    )
    quiz = make_quiz([ordering])
    attempt = _start(signed_in, quiz)
    first, second, third = ordering.options.order_by("sort_order")
    url = reverse("quizzes:question", args=[attempt.pk, 1])
    data = {f"pos_{first.pk}": "1", f"pos_{second.pk}": "1", f"pos_{third.pk}": "3"}
    response = signed_in.post(url, data)
    assert response.status_code == 400
    assert "mỗi vị trí chỉ dùng một lần" in response.content.decode()
    data[f"pos_{second.pk}"] = "2"
    signed_in.post(url, data)
    assert attempt.answers.get().response == {
        "positions": {str(first.pk): 1, str(second.pk): 2, str(third.pk): 3}
    }


def test_matching_question_round_trip(signed_in):
    matching = make_question(
        QuestionKind.MATCHING, options=[("1", True, "Mới đăng ký"), ("10", True, "Đã trả kết quả")]
    )
    quiz = make_quiz([matching])
    attempt = _start(signed_in, quiz)
    one, ten = matching.options.order_by("sort_order")
    url = reverse("quizzes:question", args=[attempt.pk, 1])
    signed_in.post(url, {f"match_{one.pk}": one.pk, f"match_{ten.pk}": ten.pk})
    page = signed_in.get(url).content.decode()
    assert re.search(rf'<option value="{one.pk}" selected>Mới đăng ký</option>', page)
    result = services.attempt_submit(attempt=attempt)
    assert result.percent == 100


def test_resume_lands_on_the_same_question_with_the_same_options_and_answer(signed_in, official):
    question = make_question(QuestionKind.MULTIPLE, options=[(f"Lựa chọn {i}", i < 2) for i in range(5)])
    quiz = make_quiz(
        [make_question(QuestionKind.SHORT_ANSWER, options=[("VT", True)]), question], shuffle_options=True
    )
    attempt = _start(signed_in, quiz)
    url = reverse("quizzes:question", args=[attempt.pk, 2])
    chosen = _option(question, "Lựa chọn 1")
    signed_in.post(url, {"choices": [chosen]}, **JSON)
    first_view = signed_in.get(url).content.decode()
    order = re.findall(r"Lựa chọn \d", first_view)
    # The tab is closed; the official comes back through the quiz's link.
    response = signed_in.get(reverse("quizzes:start", args=[quiz.slug]))
    assert response.url == url
    second_view = signed_in.get(url).content.decode()
    assert re.findall(r"Lựa chọn \d", second_view) == order
    assert re.search(rf'value="{chosen}"[^>]*checked', second_view)
    assert len(set(order)) == 5


def test_remaining_time_is_shown_and_counts_from_the_start(signed_in, quiz, clock):
    attempt = _start(signed_in, quiz)
    clock.move(minutes=4)
    page = signed_in.get(reverse("quizzes:question", args=[attempt.pk, 1])).content.decode()
    assert 'data-remaining="360"' in page
    assert "6:00" in page


def test_after_the_deadline_the_next_touch_grades_and_shows_the_result(signed_in, quiz, clock):
    attempt = _start(signed_in, quiz)
    clock.move(minutes=11)
    response = signed_in.get(reverse("quizzes:start", args=[quiz.slug]))
    assert response.url == reverse("quizzes:result", args=[attempt.pk])
    assert Attempt.objects.get(pk=attempt.pk).state == AttemptState.GRADED
    page = signed_in.get(response.url).content.decode()
    assert "nộp tự động khi hết giờ" in page
    autosave = signed_in.post(reverse("quizzes:question", args=[attempt.pk, 1]), {"choice": 1}, **JSON)
    assert autosave.status_code == 409
    assert autosave.json()["redirect"] == reverse("quizzes:result", args=[attempt.pk])


def test_submit_twice_shows_one_result(signed_in, quiz):
    attempt = _start(signed_in, quiz)
    url = reverse("quizzes:submit", args=[attempt.pk])
    first, second = signed_in.post(url), signed_in.post(url)
    assert first.url == second.url == reverse("quizzes:result", args=[attempt.pk])
    assert attempt.events.filter(to_state=AttemptState.GRADED).count() == 1


def test_result_shows_feedback_with_explanations(signed_in, quiz):
    attempt = _start(signed_in, quiz)
    question = attempt.answers.get(position=1).question
    signed_in.post(
        reverse("quizzes:question", args=[attempt.pk, 1]), {"choice": _option(question, "Năm lần")}
    )
    signed_in.post(reverse("quizzes:submit", args=[attempt.pk]))
    page = signed_in.get(reverse("quizzes:result", args=[attempt.pk])).content.decode()
    assert "Chưa đạt" in page
    assert "Sai mã PIN ba lần thì USB token bị khóa." in page
    assert "Đáp án đúng" in page


def test_feedback_after_the_closing_date_waits_for_it(signed_in, quiz, clock):
    quiz.feedback = "after_close"
    quiz.closes_at = clock.now + timedelta(days=1)
    quiz.save()
    attempt = _start(signed_in, quiz)
    signed_in.post(reverse("quizzes:submit", args=[attempt.pk]))
    page = signed_in.get(reverse("quizzes:result", args=[attempt.pk])).content.decode()
    assert "sẽ hiện sau khi bài kiểm tra đóng" in page
    assert "Sai mã PIN" not in page
    clock.move(days=2)
    page = signed_in.get(reverse("quizzes:result", args=[attempt.pk])).content.decode()
    assert "Sai mã PIN ba lần thì USB token bị khóa." in page


def test_feedback_at_once_after_checking_an_answer(signed_in, quiz):
    quiz.feedback = "immediate"
    quiz.save()
    attempt = _start(signed_in, quiz)
    question = attempt.answers.get(position=1).question
    url = reverse("quizzes:question", args=[attempt.pk, 1])
    response = signed_in.post(url, {"choice": _option(question, "Ba lần"), "confirm": "1"})
    assert response.url == url
    page = signed_in.get(url).content.decode()
    assert "Sai mã PIN ba lần thì USB token bị khóa." in page
    assert "<fieldset disabled>" in page


def test_another_officials_attempt_is_not_found(client, official, other_official, quiz):
    attempt = services.attempt_start(quiz=quiz, official=official)
    client.force_login(other_official)
    for name, args in [
        ("quizzes:question", [attempt.pk, 1]),
        ("quizzes:review", [attempt.pk]),
        ("quizzes:result", [attempt.pk]),
    ]:
        assert client.get(reverse(name, args=args)).status_code == 404
    assert client.post(reverse("quizzes:question", args=[attempt.pk, 1]), {"text": "x"}).status_code == 404
    assert client.post(reverse("quizzes:submit", args=[attempt.pk])).status_code == 404
    assert Attempt.objects.get(pk=attempt.pk).state == AttemptState.IN_PROGRESS


def test_a_question_number_beyond_the_attempt_is_not_found(signed_in, quiz):
    attempt = _start(signed_in, quiz)
    assert signed_in.get(reverse("quizzes:question", args=[attempt.pk, 9])).status_code == 404


def test_review_counts_unanswered_questions(signed_in, quiz):
    attempt = _start(signed_in, quiz)
    signed_in.post(reverse("quizzes:question", args=[attempt.pk, 3]), {"text": "VNeID"})
    page = signed_in.get(reverse("quizzes:review", args=[attempt.pk])).content.decode()
    assert "Còn 2 câu chưa trả lời" in page


def test_attempt_limit_is_explained_on_the_start_page(signed_in, quiz):
    quiz.max_attempts = 1
    quiz.save()
    attempt = _start(signed_in, quiz)
    signed_in.post(reverse("quizzes:submit", args=[attempt.pk]))
    response = signed_in.post(reverse("quizzes:start", args=[quiz.slug]), follow=True)
    assert "Bạn đã làm hết 1 lượt cho phép." in response.content.decode()
    assert Attempt.objects.count() == 1


def test_a_practical_question_links_the_scenario_and_says_whether_it_is_done(signed_in, official):
    quiz = make_quiz([make_question(QuestionKind.PRACTICAL, scenario_slug="ky-so-usb")])
    attempt = _start(signed_in, quiz)
    url = reverse("quizzes:question", args=[attempt.pk, 1])
    page = signed_in.get(url).content.decode()
    assert reverse("sandbox:scenario", args=["ky-so-usb"]) in page
    assert "Bạn chưa hoàn thành bài thực hành này." in page
    progress_record(official=official, kind="scenario", key="ky-so-usb", status="completed")
    assert "Bạn đã hoàn thành bài thực hành này." in signed_in.get(url).content.decode()


def test_the_timer_warning_shows_five_then_one_minute():
    from django.template.loader import render_to_string

    def warning(remaining):
        html = render_to_string("quizzes/includes/timer.html", {"remaining": remaining})
        return re.search(r'<p class="timer-warning" aria-live="assertive"[^>]*>([^<]*)</p>', html).group(1)

    assert warning(900) == "" and warning(301) == ""
    assert warning(300) == "Chú ý: còn 5 phút." and warning(61) == "Chú ý: còn 5 phút."
    assert warning(60) == "Chú ý: còn 1 phút." and warning(0) == "Chú ý: còn 1 phút."
    assert render_to_string("quizzes/includes/timer.html", {"remaining": None}).strip() == ""
