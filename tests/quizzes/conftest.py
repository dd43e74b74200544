"""Fixtures for the quizzes' tests: a movable clock and a small quiz."""

from datetime import timedelta
from unittest import mock

import pytest
from django.utils import timezone

from people import permissions
from tests.quizzes.factories import make_question, make_quiz, single_question


class MovableClock:
    def __init__(self):
        self.now = timezone.now()

    def __call__(self):
        return self.now

    def move(self, **delta) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock():
    """``quizzes.clock.now`` under the test's control: ``clock.move(minutes=5)``."""
    movable = MovableClock()
    with mock.patch("quizzes.clock.now", movable):
        yield movable


@pytest.fixture
def quiz(db):
    """Three questions: a single choice, a true/false and a short answer; 10 minutes."""
    questions = [
        single_question(),
        make_question("true_false", options=[("Đúng", True), ("Sai", False)]),
        make_question("short_answer", options=[("VNeID", True)], diacritics_optional=True),
    ]
    return make_quiz(questions, time_limit_minutes=10, slug="kiem-tra-thu")


@pytest.fixture
def trainer_participants(monkeypatch):
    """The ids of the officials in the trainer's live sessions, as the test appends them (the scope
    ``people.permissions`` gives a trainer, from the source live sessions register)."""
    ids: list[int] = []
    monkeypatch.setitem(permissions._SOURCES, "trainer_officials", lambda *, trainer: list(ids))
    return ids
