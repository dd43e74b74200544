"""Live sessions: a trainer's session for the shared ``official``'s commune, and helpers to drive it."""

from datetime import timedelta

import pytest
from django.utils import timezone

from live_sessions import services
from live_sessions.models import LiveSession
from tests.factories import OfficialFactory


def make_session(trainer, *, communes=(), job_roles=(), course_slug="", capacity=100, open_=True, **extra):
    """A session of ``trainer``, starting now, through the services (opened unless ``open_`` is
    false)."""
    now = timezone.now()
    session = services.session_save(
        trainer=trainer,
        data={
            "title": "Hỗ trợ tiếp nhận hồ sơ một cửa",
            "starts_at": now + timedelta(minutes=1),
            "ends_at": now + timedelta(hours=2),
            "audience_communes": list(communes),
            "audience_job_roles": list(job_roles),
            "course_slug": course_slug,
            "capacity": capacity,
            "meeting_room": None,
            "stuck_after_minutes": 5,
            "stuck_after_failures": 3,
            **extra,
        },
    )
    if open_:
        session = services.session_transition(session_id=session.pk, transition="open", actor=trainer)
    return LiveSession.objects.get(pk=session.pk)


@pytest.fixture
def live_session(trainer, commune):
    return make_session(trainer, communes=[commune])


@pytest.fixture
def colleague(commune):
    """A second official of the same commune."""
    return OfficialFactory(username="canbo3", full_name="Lê Thị Hoa", commune=commune)
