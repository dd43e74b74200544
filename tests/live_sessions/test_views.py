"""Pages: a trainer schedules and runs only their own sessions; an official sees only the sessions
they are invited to; everyone else gets 404 (or 403 for the list)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from live_sessions import services
from live_sessions.models import LiveSession, MeetingRoom, SessionState
from tests.factories import TrainerFactory
from tests.live_sessions.conftest import make_session


def _local(value):
    return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")


def _form(commune, **overrides):
    starts = timezone.now() + timedelta(days=1)
    return {
        "title": "Hỗ trợ ký số cho phường Kinh Bắc",
        "starts_at": _local(starts),
        "ends_at": _local(starts + timedelta(hours=1)),
        "audience_communes": [commune.pk],
        "audience_job_roles": ["one_stop", "office"],
        "course_slug": "chu-ky-so",
        "capacity": "50",
        "meeting_room": "",
        "stuck_after_minutes": "5",
        "stuck_after_failures": "3",
        **overrides,
    }


def test_trainer_schedules_a_session(client, trainer, commune, django_capture_on_commit_callbacks):
    room = MeetingRoom.objects.create(
        province=trainer.province, name="Phòng họp số 1", url="https://hop.example.vn/1"
    )
    client.force_login(trainer)
    assert client.get(reverse("live_sessions:create")).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("live_sessions:create"), _form(commune, meeting_room=room.pk))
    session = LiveSession.objects.get()
    assert response.status_code == 302 and response.url == reverse("live_sessions:detail", args=[session.pk])
    assert (session.trainer, session.state, session.course_slug) == (
        trainer,
        SessionState.SCHEDULED,
        "chu-ky-so",
    )
    assert session.audience_job_roles == ["one_stop", "office"]
    assert list(session.audience_communes.all()) == [commune]
    assert session.meeting_room == room


def test_bad_input_is_explained_in_vietnamese_and_kept(client, trainer, commune, other_commune):
    client.force_login(trainer)
    data = _form(commune, capacity="0")
    data["ends_at"] = data["starts_at"]
    response = client.post(reverse("live_sessions:create"), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Giờ kết thúc phải sau giờ bắt đầu." in page
    assert "Hãy nhập một số từ 1 đến 2000." in page
    assert 'value="Hỗ trợ ký số cho phường Kinh Bắc"' in page  # what was typed is kept
    response = client.post(reverse("live_sessions:create"), _form(other_commune))  # another province
    assert response.status_code == 200 and not LiveSession.objects.exists()
    foreign_room = MeetingRoom.objects.create(
        province=other_commune.province, name="Phòng", url="https://x.vn"
    )
    response = client.post(reverse("live_sessions:create"), _form(commune, meeting_room=foreign_room.pk))
    assert response.status_code == 200 and not LiveSession.objects.exists()


def test_a_trainer_cannot_see_or_change_another_trainers_session(client, trainer, commune):
    session = make_session(trainer, communes=[commune], open_=False)
    other = TrainerFactory(province=trainer.province)
    client.force_login(other)
    assert session.title not in client.get(reverse("live_sessions:list")).content.decode()
    for name in ("detail", "edit"):
        assert client.get(reverse(f"live_sessions:{name}", args=[session.pk])).status_code == 404
    for name in ("open", "end"):
        assert client.post(reverse(f"live_sessions:{name}", args=[session.pk])).status_code == 404
    assert client.post(reverse("live_sessions:edit", args=[session.pk]), _form(commune)).status_code == 404
    session.refresh_from_db()
    assert session.state == SessionState.SCHEDULED


def test_trainer_opens_edits_and_ends_only_in_order(client, trainer, commune, official):
    session = make_session(trainer, communes=[commune], open_=False)
    client.force_login(trainer)
    edit = reverse("live_sessions:edit", args=[session.pk])
    assert client.post(edit, _form(commune, title="Tên mới", course_slug="")).status_code == 302
    session.refresh_from_db()
    assert session.title == "Tên mới"
    assert client.get(reverse("live_sessions:open", args=[session.pk])).status_code == 405
    client.post(reverse("live_sessions:open", args=[session.pk]))
    room = client.get(reverse("live_sessions:detail", args=[session.pk])).content.decode()
    assert f'data-ws-path="/ws/live/{session.pk}/"' in room and 'data-role="trainer"' in room
    assert 'id="board"' in room
    assert client.get(edit).status_code == 302  # no editing once open
    services.participant_connect(session_id=session.pk, user=official, channel_name="tab")
    client.post(reverse("live_sessions:end", args=[session.pk]))
    summary = client.get(reverse("live_sessions:detail", args=[session.pk])).content.decode()
    assert "Điểm danh" in summary and official.full_name in summary
    response = client.post(reverse("live_sessions:end", args=[session.pk]), follow=True)
    assert "Buổi hỗ trợ đang ở trạng thái khác" in response.content.decode()


def test_official_sees_invited_sessions_with_a_join_button_when_open(client, trainer, commune, official):
    scheduled = make_session(trainer, communes=[commune], open_=False, title="Buổi sắp tới")
    opened = make_session(trainer, communes=[commune], title="Buổi đang mở")
    elsewhere = make_session(trainer, communes=[], job_roles=["land"], title="Buổi cho địa chính")
    client.force_login(official)
    page = client.get(reverse("live_sessions:list")).content.decode()
    assert "Buổi sắp tới" in page and "Buổi đang mở" in page and "Buổi cho địa chính" not in page
    assert page.count(">Vào buổi hỗ trợ</a>") == 1
    assert (
        "Buổi hỗ trợ chưa mở"
        in client.get(reverse("live_sessions:detail", args=[scheduled.pk])).content.decode()
    )
    room = client.get(reverse("live_sessions:detail", args=[opened.pk])).content.decode()
    assert 'data-role="official"' in room and 'id="hand-toggle"' in room and 'id="board"' not in room
    assert client.get(reverse("live_sessions:detail", args=[elsewhere.pk])).status_code == 404


def test_official_cannot_reach_other_sessions_or_trainer_pages(client, trainer, commune, other_official):
    session = make_session(trainer, communes=[commune])
    client.force_login(other_official)
    assert client.get(reverse("live_sessions:detail", args=[session.pk])).status_code == 404
    assert client.get(reverse("live_sessions:create")).status_code == 403
    assert client.get(reverse("live_sessions:edit", args=[session.pk])).status_code == 404
    assert client.post(reverse("live_sessions:end", args=[session.pk])).status_code == 404


def test_official_reads_their_minutes_after_the_end(client, trainer, commune, official):
    session = make_session(trainer, communes=[commune])
    services.participant_connect(session_id=session.pk, user=official, channel_name="tab")
    services.session_transition(session_id=session.pk, transition="end", actor=trainer)
    client.force_login(official)
    page = client.get(reverse("live_sessions:detail", args=[session.pk])).content.decode()
    assert "Buổi hỗ trợ đã kết thúc." in page and "Bạn đã tham dự 0 phút." in page


@pytest.mark.parametrize("who", ["department_head", "administrator"])
def test_the_list_is_for_trainers_and_officials(client, who, request):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("live_sessions:list")).status_code == 403


def test_anonymous_is_sent_to_sign_in(client, live_session):
    response = client.get(reverse("live_sessions:detail", args=[live_session.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response.url
