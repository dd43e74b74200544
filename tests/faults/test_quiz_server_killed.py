"""A server process killed in the middle of a quiz: every answer saved before the kill is still there
when the official comes back (on the restarted process), and the attempt goes on from where it was."""

import re

import pytest

from quizzes.models import Attempt, AttemptState
from tests.faults.conftest import Browser
from tests.quizzes.factories import make_quiz, single_question
from tests.servers import daphne_servers, session_cookie_for

pytestmark = pytest.mark.slow

ATTEMPT_URL = re.compile(r"/quizzes/attempts/(\d+)/(\d+)/$")
CHOICE = re.compile(r'<input type="radio" name="choice" value="(\d+)"([^>]*)>')


def _choices(page: str) -> list[tuple[str, bool]]:
    """The radio buttons of a question page, in the order shown: (value, checked)."""
    return [(value, "checked" in rest) for value, rest in CHOICE.findall(page)]


def test_answers_saved_before_a_server_is_killed_are_there_after_it_restarts(transactional_db, official):
    quiz = make_quiz([single_question(code=f"KILL-{n}") for n in range(3)], slug="kiem-tra-may-chu")
    with daphne_servers(1, redis_url="") as servers:
        browser = Browser(servers.urls[0], session_cookie_for(official))
        started = browser.post(f"/quizzes/{quiz.slug}/", {})
        assert started.status_code == 302
        attempt_id, position = ATTEMPT_URL.search(started.headers["Location"]).groups()
        assert position == "1"

        # Questions 1 and 2 answered through the autosave (as attempt.js sends them); 3 not yet.
        chosen = {}
        for position, pick in ((1, 1), (2, 0)):
            url = f"/quizzes/attempts/{attempt_id}/{position}/"
            value = _choices(browser.get(url).text)[pick][0]
            saved = browser.post(url, {"choice": value}, Accept="application/json")
            assert saved.status_code == 200 and saved.json()["saved"] is True
            chosen[position] = value
        browser.get(f"/quizzes/attempts/{attempt_id}/3/")

        servers.kill(0)  # SIGKILL: no shutdown, no chance to flush anything
        servers.start(0)

        # Coming back to the quiz resumes the same attempt at the question they were on.
        resumed = browser.get(f"/quizzes/{quiz.slug}/")
        assert resumed.status_code == 302
        assert ATTEMPT_URL.search(resumed.headers["Location"]).groups() == (attempt_id, "3")
        for position, value in chosen.items():
            shown = _choices(browser.get(f"/quizzes/attempts/{attempt_id}/{position}/").text)
            assert [v for v, checked in shown if checked] == [value], f"question {position}"
        assert not any(
            checked for _v, checked in _choices(browser.get(f"/quizzes/attempts/{attempt_id}/3/").text)
        )

        # And it goes on: the last answer, then submit, on the restarted process.
        last = _choices(browser.get(f"/quizzes/attempts/{attempt_id}/3/").text)[0][0]
        assert browser.post(f"/quizzes/attempts/{attempt_id}/3/", {"choice": last}).status_code == 302
        assert browser.post(f"/quizzes/attempts/{attempt_id}/submit/", {}).status_code == 302

    attempt = Attempt.objects.get(pk=attempt_id)
    assert attempt.state != AttemptState.IN_PROGRESS
    answers = {answer.position: answer for answer in attempt.answers.all()}
    assert all(answers[position].answered_at is not None for position in (1, 2, 3))
