"""The two hot writes of issue 18 (``bench/hot_writes.py``, docs/benchmarks.md "The hot writes"): how
many statements a sandbox transition and a quiz autosave cost, pinned so that a regression fails, and
that the statements cut did not take any behaviour with them."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from quizzes import services as quiz_services
from quizzes.models import Attempt
from sandbox.models import DeskRole, Event
from sandbox.services import workspace_get_or_create
from tests.quizzes.factories import make_question, make_quiz, single_question

pytestmark = pytest.mark.django_db

# The user (authentication), the workspace, then in one transaction: the dossier locked, its changed
# columns updated, the active scenario run read, the event inserted (BEGIN and COMMIT, or a savepoint
# and its release inside a test's transaction, count as two). It was 11.
SANDBOX_TRANSITION_QUERIES = 8
# The user, the attempt, the answer and its options, then in one transaction: the attempt locked, the
# answer updated. It was 11.
QUIZ_AUTOSAVE_QUERIES = 8

OWNER = {
    "owner_name": "Nguyễn Văn Thử",
    "owner_address": "Số 1 đường Lý Thái Tổ, phường Kinh Bắc",
    "owner_phone": "0912345678",
}


@pytest.fixture
def one_stop(client, official):
    workspace = workspace_get_or_create(official=official)
    workspace.role = DeskRole.ONE_STOP
    workspace.save(update_fields=["role"])
    client.force_login(official)
    dossier = workspace.dossiers.filter(status__in=("1", "2", "4", "5")).order_by("pk").first()
    return client, dossier


def _update(client, dossier, number):
    return client.post(
        reverse("sandbox:act", args=["dossier", dossier.pk, "update"]), {**OWNER, "owner_id_number": number}
    )


def test_a_sandbox_transition_costs_at_most_its_pinned_queries(one_stop, django_assert_max_num_queries):
    client, dossier = one_stop
    _update(client, dossier, "001000000001")  # the first request of a session warms caches
    events = Event.objects.filter(machine="dossier", action="update").count()
    with django_assert_max_num_queries(SANDBOX_TRANSITION_QUERIES):
        response = _update(client, dossier, "001000000002")
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.owner_id_number == "001000000002" and dossier.owner_name == OWNER["owner_name"]
    assert Event.objects.filter(machine="dossier", action="update").count() == events + 1


def test_a_transition_writes_only_the_columns_it_changed(one_stop):
    client, dossier = one_stop
    _update(client, dossier, "001000000001")
    with CaptureQueriesContext(connection) as queries:
        _update(client, dossier, "001000000002")
    updates = [q["sql"] for q in queries if q["sql"].startswith('UPDATE "sandbox_dossier"')]
    assert len(updates) == 1 and '"owner_id_number"' in updates[0] and '"owner_name"' not in updates[0]
    # The same values again: nothing to write, the attempt is still logged.
    with CaptureQueriesContext(connection) as queries:
        _update(client, dossier, "001000000002")
    assert not [q for q in queries if q["sql"].startswith('UPDATE "sandbox_dossier"')]
    assert Event.objects.filter(machine="dossier", action="update", ok=True).count() == 3


def test_another_workspaces_dossier_is_still_not_found(one_stop, other_official):
    client, _dossier = one_stop
    theirs = workspace_get_or_create(official=other_official).dossiers.first()
    before = (theirs.status, theirs.owner_id_number)
    assert _update(client, theirs, "001000000009").status_code == 404
    theirs.refresh_from_db()
    assert (theirs.status, theirs.owner_id_number) == before
    assert not Event.objects.filter(workspace=theirs.workspace, action="update").exists()


@pytest.fixture
def answering(client, official):
    quiz = make_quiz(
        [single_question(), make_question("true_false", options=[("Đúng", True), ("Sai", False)])],
        slug="kiem-tra-nong",
    )
    client.force_login(official)
    client.post(reverse("quizzes:start", args=[quiz.slug]))
    attempt = Attempt.objects.get(quiz=quiz)
    url = reverse("quizzes:question", args=[attempt.pk, 1])
    client.get(url)
    options = list(attempt.answers.get(position=1).question.options.order_by("sort_order"))
    return client, attempt, url, options


def test_a_quiz_autosave_costs_at_most_its_pinned_queries(answering, django_assert_max_num_queries):
    client, attempt, url, options = answering
    client.post(url, {"choice": options[1].pk}, HTTP_ACCEPT="application/json")
    with django_assert_max_num_queries(QUIZ_AUTOSAVE_QUERIES):
        response = client.post(url, {"choice": options[0].pk}, HTTP_ACCEPT="application/json")
    assert response.status_code == 200 and response.json()["saved"] is True
    answer = attempt.answers.get(position=1)
    assert answer.response == {"choice": options[0].pk} and answer.answered_at is not None


def test_the_autosave_still_refuses_a_confirmed_answer(answering):
    client, attempt, url, options = answering
    attempt.quiz.feedback = "immediate"
    attempt.quiz.save(update_fields=["feedback"])
    client.post(url, {"choice": options[0].pk, "confirm": "1"})
    response = client.post(url, {"choice": options[1].pk}, HTTP_ACCEPT="application/json")
    assert response.status_code == 409 and response.json()["saved"] is False
    assert attempt.answers.get(position=1).response == {"choice": options[0].pk}


def test_the_service_without_the_callers_row_still_reads_and_refuses(answering):
    _client, attempt, _url, options = answering
    saved = quiz_services.attempt_answer_save(attempt=attempt, position=2, response={"choice": 1})
    assert saved.position == 2 and saved.response == {"choice": 1} and saved.question_id
    with pytest.raises(attempt.answers.model.DoesNotExist):
        quiz_services.attempt_answer_save(attempt=attempt, position=9, response=None)
