"""Fixtures of the course tests. The calls other apps receive (the dashboards' summaries, the live
board) are recorded rather than run: these tests check what courses sends them."""

import pytest

from tests.courses import builders


@pytest.fixture(autouse=True)
def dashboard_calls(monkeypatch):
    calls = []
    monkeypatch.setattr(
        "reports.summaries.course_entries_changed", lambda *, official_ids: calls.append(sorted(official_ids))
    )
    return calls


@pytest.fixture(autouse=True)
def activity_calls(monkeypatch):
    calls = []
    monkeypatch.setattr("courses.services.activity_report", lambda **kwargs: calls.append(kwargs))
    return calls


@pytest.fixture
def image(db):
    return builders.screenshot()


@pytest.fixture
def course(db, image, province):
    """Three lessons of two steps each, assigned to every official of the province."""
    return builders.course(image=image, assignments=[{"province": province, "due_date": builders.due(10)}])


@pytest.fixture
def lessons(course):
    from courses.selectors import live_lessons

    return live_lessons(course)


@pytest.fixture
def assigned(course, official):
    """``official`` with ``course`` materialised into the ledger."""
    from courses.services import course_assignments_sync

    course_assignments_sync(course_id=course.pk)
    return official


@pytest.fixture
def signed_in(client, assigned):
    client.force_login(assigned)
    return client
