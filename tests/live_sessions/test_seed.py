"""The demo data of live sessions loads once: a second run changes nothing."""

from io import StringIO

from django_q.models import Schedule

from live_sessions import seed
from live_sessions.models import LiveSession, MeetingRoom, SessionState
from tests.factories import CommuneFactory, ProvinceFactory, TrainerFactory


def _reminders():
    """The sessions' reminder schedules (other apps' migrations add schedules of their own)."""
    return Schedule.objects.filter(name__startswith="live-session-")


def test_seed_is_idempotent(db, django_capture_on_commit_callbacks):
    province = ProvinceFactory(name="Tỉnh Bắc Ninh")
    CommuneFactory(name="Phường Kinh Bắc", province=province)
    TrainerFactory(username="giangvien", province=province)
    with django_capture_on_commit_callbacks(execute=True):
        seed.seed(StringIO())
    counts = (LiveSession.objects.count(), MeetingRoom.objects.count(), _reminders().count())
    assert counts == (2, 1, 4)
    assert set(LiveSession.objects.values_list("state", flat=True)) == {
        SessionState.OPEN,
        SessionState.SCHEDULED,
    }
    with django_capture_on_commit_callbacks(execute=True):
        seed.seed(StringIO())
    assert (LiveSession.objects.count(), MeetingRoom.objects.count(), _reminders().count()) == counts


def test_seed_without_the_demo_trainer_does_nothing(db):
    out = StringIO()
    seed.seed(out)
    assert not LiveSession.objects.exists()
    assert "no demo trainer" in out.getvalue()
