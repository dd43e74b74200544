"""Services of live sessions: the lifecycle, joining and presence, chat (sanitising, rate limit), hands,
the help queue, polls, pushed cards, moderation, attendance in the ledger, reminders."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from django_q.models import Schedule

from live_sessions import services
from live_sessions.models import (
    AttendanceInterval,
    HelpRequestTransition,
    HelpState,
    Participant,
    ReminderSent,
    SessionState,
    SessionTransition,
)
from live_sessions.selectors import (
    board_rows,
    invitees_of,
    official_is_invited,
    participant_ids_of_trainer,
    sessions_for_official,
)
from live_sessions.services import JoinRefused, LiveError
from people.models import JobRole
from progress.models import ProgressEntry
from tests.factories import OfficialFactory, TrainerFactory
from tests.live_sessions.conftest import make_session


def join(session, user, tab="a"):
    return services.participant_connect(session_id=session.pk, user=user, channel_name=f"{user.pk}-{tab}")


def leave(user, tab="a"):
    return services.participant_disconnect(channel_name=f"{user.pk}-{tab}")


# --- Scheduling and the lifecycle --------------------------------------------------------------------


def test_saving_schedules_the_reminder_and_the_end(trainer, commune, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        session = make_session(trainer, communes=[commune], open_=False)
    reminder = Schedule.objects.get(name=f"live-session-{session.pk}-reminder")
    end = Schedule.objects.get(name=f"live-session-{session.pk}-end")
    assert reminder.func == "live_sessions.tasks.session_remind"
    assert reminder.schedule_type == Schedule.ONCE
    assert end.next_run == session.ends_at
    assert session.province == trainer.province


def test_a_trainer_cannot_target_another_provinces_communes(trainer, other_commune):
    with pytest.raises(LiveError) as refused:
        make_session(trainer, communes=[other_commune])
    assert refused.value.code == "forbidden"


def test_lifecycle_scheduled_open_ended_and_recorded(trainer, commune, official):
    session = make_session(trainer, communes=[commune], open_=False)
    assert session.state == SessionState.SCHEDULED
    with pytest.raises(LiveError):  # only its trainer opens it
        services.session_transition(session_id=session.pk, transition="open", actor=official)
    other_trainer = TrainerFactory(province=trainer.province)
    with pytest.raises(LiveError):
        services.session_transition(session_id=session.pk, transition="open", actor=other_trainer)
    with pytest.raises(LiveError):  # the system only ends sessions
        services.session_transition(session_id=session.pk, transition="open", actor=None)
    session = services.session_transition(session_id=session.pk, transition="open", actor=trainer)
    assert session.state == SessionState.OPEN and session.opened_at
    with pytest.raises(LiveError) as refused:
        services.session_transition(session_id=session.pk, transition="open", actor=trainer)
    assert refused.value.code == "state"
    with pytest.raises(LiveError):  # editing is for scheduled sessions only
        services.session_save(trainer=trainer, session=session, data={"title": "Mới"})
    session = services.session_transition(session_id=session.pk, transition="end", actor=trainer)
    assert session.state == SessionState.ENDED and session.ended_at
    with pytest.raises(LiveError):
        services.session_transition(session_id=session.pk, transition="end", actor=None)
    assert list(SessionTransition.objects.filter(session=session).values_list("name", "to_state")) == [
        ("open", "open"),
        ("end", "ended"),
    ]


def test_the_scheduled_end_is_done_by_the_system_once(live_session, official):
    from live_sessions.tasks import session_end_due

    join(live_session, official)
    session_end_due(live_session.pk)
    session_end_due(live_session.pk)  # a second run changes nothing
    live_session.refresh_from_db()
    assert live_session.state == SessionState.ENDED
    assert SessionTransition.objects.get(session=live_session, name="end").actor is None


# --- Audience and joining ----------------------------------------------------------------------------


def test_audience_by_commune_job_role_and_course(trainer, commune, official, other_official):
    from wagtail.models import Locale, Page

    from progress.services import progress_record

    neighbour = OfficialFactory(commune__province=commune.province, job_role=JobRole.ONE_STOP)
    land_officer = OfficialFactory(commune=commune, job_role=JobRole.LAND)
    session = make_session(trainer, communes=[commune], job_roles=[JobRole.ONE_STOP])
    assert official_is_invited(session, official)
    assert not official_is_invited(session, neighbour)  # another commune
    assert not official_is_invited(session, land_officer)  # another job role
    assert not official_is_invited(session, other_official)  # another province
    assert not official_is_invited(session, trainer)
    assert list(invitees_of(session=session)) == [official]

    whole_province = make_session(trainer)
    assert set(invitees_of(session=whole_province)) == {official, neighbour, land_officer}

    # Transactional tests flush what Wagtail's migrations made (the locale, the root page).
    Locale.objects.get_or_create(language_code="vi")
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Gốc", slug="root"))
    course_page = root.add_child(instance=Page(title="Một cửa", slug="mot-cua-dien-tu"))
    progress_record(official=neighbour, kind="course", key=str(course_page.pk), status="not_started")
    by_course = make_session(trainer, course_slug="mot-cua-dien-tu")
    assert list(invitees_of(session=by_course)) == [neighbour]
    assert official_is_invited(by_course, neighbour)
    assert not official_is_invited(by_course, official)
    assert by_course in sessions_for_official(official=neighbour)
    assert by_course not in sessions_for_official(official=official)


@pytest.mark.parametrize(
    ("situation", "close_code"),
    [("not_invited", 4403), ("scheduled", 4409), ("ended", 4410), ("missing", 4404), ("full", 4413)],
)
def test_join_refusals_carry_close_codes(situation, close_code, trainer, commune, official, other_official):
    session = make_session(trainer, communes=[commune], capacity=1, open_=situation != "scheduled")
    user = official
    if situation == "not_invited":
        user = other_official
    elif situation == "ended":
        services.session_transition(session_id=session.pk, transition="end", actor=trainer)
    elif situation == "missing":
        session.pk = 999_999
    elif situation == "full":
        join(session, OfficialFactory(commune=commune))
    with pytest.raises(JoinRefused) as refused:
        join(session, user)
    assert refused.value.close_code == close_code


def test_trainer_joins_as_host(live_session, trainer):
    entry = join(live_session, trainer)
    assert entry.is_trainer and not Participant.objects.exists()


def test_other_trainer_is_not_invited(live_session, trainer):
    with pytest.raises(JoinRefused) as refused:
        join(live_session, TrainerFactory(province=trainer.province))
    assert refused.value.close_code == 4403


# --- Presence and attendance -------------------------------------------------------------------------


def test_several_tabs_count_presence_once_and_minutes_reach_the_ledger(live_session, official):
    first = join(live_session, official, "a")
    second = join(live_session, official, "b")
    assert first.arrived and not second.arrived
    assert AttendanceInterval.objects.count() == 1
    assert leave(official, "a") is None  # another tab is still open
    AttendanceInterval.objects.update(joined_at=timezone.now() - timedelta(minutes=10))
    left = leave(official, "b")
    assert left is not None and left.seconds_present >= 600
    entry = ProgressEntry.objects.get(official=official, kind="live_session", key=str(live_session.pk))
    assert entry.status == "completed" and entry.detail == {"minutes": 10}

    join(live_session, official, "c")  # back again: a second interval
    AttendanceInterval.objects.filter(left_at__isnull=True).update(
        joined_at=timezone.now() - timedelta(minutes=5)
    )
    services.session_transition(session_id=live_session.pk, transition="end", actor=live_session.trainer)
    entry.refresh_from_db()
    assert entry.detail == {"minutes": 15}
    assert AttendanceInterval.objects.filter(left_at__isnull=True).count() == 0
    assert participant_ids_of_trainer(trainer=live_session.trainer) == [official.pk]


def test_a_tab_of_a_dead_server_stops_counting(live_session, official):
    join(live_session, official, "a")
    join(live_session, official, "b")
    # The process holding tab "a" died: its row stays, but its heartbeat stopped long ago.
    from live_sessions.models import Connection

    Connection.objects.filter(channel_name=f"{official.pk}-a").update(
        seen_at=timezone.now() - timedelta(minutes=5)
    )
    services.connection_heartbeat(channel_name=f"{official.pk}-b")
    assert [row["present"] for row in board_rows(session=live_session)] == [True]
    assert leave(official, "b") is not None  # the last live tab: attendance closes
    assert not Connection.objects.exists()


# --- Chat --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("Xin chào <script>alert(1)</script>", "Xin chào alert(1)"),
        ("<b>đậm</b> và <i>nghiêng</i>", "đậm và nghiêng"),
        ("a < b & c", "a &lt; b &amp; c"),
        ('<img src=x onerror="alert(1)">ảnh', "ảnh"),
        (
            "xem https://dichvucong.gov.vn nhé",
            'xem <a href="https://dichvucong.gov.vn" rel="nofollow" target="_blank">'
            "https://dichvucong.gov.vn</a> nhé",
        ),
    ],
)
def test_chat_is_sanitised(live_session, official, typed, stored):
    join(live_session, official)
    message = services.chat_post(session_id=live_session.pk, author=official, body=typed)
    assert message.body == stored


def test_chat_refusals(live_session, official, other_official, trainer):
    join(live_session, official)
    for body, code in [("", "invalid"), ("   ", "invalid"), ("x" * 1001, "invalid"), ("<p></p>", "invalid")]:
        with pytest.raises(LiveError) as refused:
            services.chat_post(session_id=live_session.pk, author=official, body=body)
        assert refused.value.code == code
    with pytest.raises(LiveError) as refused:
        services.chat_post(session_id=live_session.pk, author=other_official, body="xin chào")
    assert refused.value.code == "forbidden"
    assert services.chat_post(session_id=live_session.pk, author=trainer, body="Chào cả lớp").pk


def test_chat_rate_limit_is_per_user_and_shared_through_the_cache(live_session, official, colleague):
    join(live_session, official)
    join(live_session, colleague)
    for n in range(5):
        services.chat_post(session_id=live_session.pk, author=official, body=f"tin {n}")
    with pytest.raises(LiveError) as refused:
        services.chat_post(session_id=live_session.pk, author=official, body="tin thứ sáu")
    assert refused.value.code == "rate_limited"
    assert "tối đa 5 tin trong 10 giây" in refused.value.message
    assert services.chat_post(session_id=live_session.pk, author=colleague, body="tôi vẫn gửi được").pk


# --- Hands -------------------------------------------------------------------------------------------


def test_hands(live_session, official, trainer):
    join(live_session, official)
    assert services.hand_set(session_id=live_session.pk, user=official, raised=True).hand_raised_at
    lowered = services.hand_set(
        session_id=live_session.pk, user=trainer, raised=False, target_user_id=official.pk
    )
    assert lowered.hand_raised_at is None
    with pytest.raises(LiveError):  # a trainer cannot raise someone's hand
        services.hand_set(session_id=live_session.pk, user=trainer, raised=True, target_user_id=official.pk)


# --- The help queue ----------------------------------------------------------------------------------


def test_help_request_open_claimed_resolved(live_session, official, trainer):
    from progress.activity import activity_report

    join(live_session, official)
    activity_report(
        official_id=official.pk,
        kind="scenario",
        key="ky-so-usb",
        label="Ký số bằng USB token",
        step="Nhập PIN",
    )
    request = services.help_request_create(session_id=live_session.pk, official=official, note="Token khóa")
    assert (request.kind, request.key, request.step, request.state) == (
        "scenario",
        "ky-so-usb",
        "Nhập PIN",
        "open",
    )
    with pytest.raises(LiveError) as refused:
        services.help_request_create(session_id=live_session.pk, official=official)
    assert refused.value.code == "duplicate"
    with pytest.raises(LiveError):  # an official cannot claim
        services.help_request_transition(
            session_id=live_session.pk, request_id=request.pk, transition="claim", actor=official
        )
    claimed = services.help_request_transition(
        session_id=live_session.pk, request_id=request.pk, transition="claim", actor=trainer
    )
    assert claimed.state == HelpState.CLAIMED and claimed.claimed_by == trainer
    resolved = services.help_request_transition(
        session_id=live_session.pk, request_id=request.pk, transition="resolve", actor=trainer
    )
    assert resolved.state == HelpState.RESOLVED
    with pytest.raises(LiveError) as refused:
        services.help_request_transition(
            session_id=live_session.pk, request_id=request.pk, transition="cancel", actor=official
        )
    assert refused.value.code == "state"
    assert list(HelpRequestTransition.objects.values_list("name", flat=True)) == ["ask", "claim", "resolve"]


def test_help_request_cancelled_by_its_owner_only(live_session, official, colleague):
    join(live_session, official)
    join(live_session, colleague)
    request = services.help_request_create(
        session_id=live_session.pk, official=official, kind="lesson", key="12", label="Bài 3", step="Bước 2"
    )
    with pytest.raises(LiveError) as refused:
        services.help_request_transition(
            session_id=live_session.pk, request_id=request.pk, transition="cancel", actor=colleague
        )
    assert refused.value.code == "forbidden"
    cancelled = services.help_request_transition(
        session_id=live_session.pk, request_id=request.pk, transition="cancel", actor=official
    )
    assert cancelled.state == HelpState.CANCELLED


def test_ending_cancels_pending_help_and_closes_polls(live_session, official, trainer):
    join(live_session, official)
    request = services.help_request_create(session_id=live_session.pk, official=official)
    poll = services.poll_create(
        session_id=live_session.pk, trainer=trainer, question="Rõ chưa?", options=["Rõ", "Chưa"]
    )
    services.session_transition(session_id=live_session.pk, transition="end", actor=trainer)
    request.refresh_from_db()
    poll.refresh_from_db()
    assert request.state == HelpState.CANCELLED and not poll.is_open


# --- Polls and cards ---------------------------------------------------------------------------------


def test_polls_with_live_results(live_session, official, colleague, trainer):
    from live_sessions.selectors import poll_results

    join(live_session, official)
    join(live_session, colleague)
    for options in ([], ["Chỉ một"], ["1", "2", "3", "4", "5", "6", "7"]):
        with pytest.raises(LiveError):
            services.poll_create(session_id=live_session.pk, trainer=trainer, question="Q?", options=options)
    with pytest.raises(LiveError):
        services.poll_create(session_id=live_session.pk, trainer=official, question="Q?", options=["a", "b"])
    poll = services.poll_create(
        session_id=live_session.pk,
        trainer=trainer,
        question="Đã ký được chưa?",
        options=["Được", "Chưa", " "],
    )
    assert poll.options == ["Được", "Chưa"]
    services.poll_vote(session_id=live_session.pk, voter=official, poll_id=poll.pk, option=1)
    services.poll_vote(session_id=live_session.pk, voter=official, poll_id=poll.pk, option=0)  # changed
    services.poll_vote(session_id=live_session.pk, voter=colleague, poll_id=poll.pk, option=0)
    results = poll_results(poll_id=poll.pk)
    assert [o["votes"] for o in results["options"]] == [2, 0] and results["total"] == 2
    with pytest.raises(LiveError):
        services.poll_vote(session_id=live_session.pk, voter=official, poll_id=poll.pk, option=5)
    services.poll_close(session_id=live_session.pk, trainer=trainer, poll_id=poll.pk)
    with pytest.raises(LiveError) as refused:
        services.poll_vote(session_id=live_session.pk, voter=official, poll_id=poll.pk, option=1)
    assert refused.value.code == "state"


def test_cards_are_picked_from_the_lists(live_session, trainer, official):
    card = services.card_push(
        session_id=live_session.pk, trainer=trainer, kind="scenario", slug="ky-so-usb", step=2
    )
    assert card.url == "/sandbox/scenarios/ky-so-usb/" and card.title == "10. Ký số bằng USB token"
    assert card.step.startswith("Bước 2: ")
    with pytest.raises(LiveError):
        services.card_push(session_id=live_session.pk, trainer=trainer, kind="scenario", slug="khong-co")
    with pytest.raises(LiveError):
        services.card_push(session_id=live_session.pk, trainer=trainer, kind="lesson", lesson="/hoc/bai-2/")
    with pytest.raises(LiveError):
        services.card_push(session_id=live_session.pk, trainer=official, kind="scenario", slug="ky-so-usb")


# --- Moderation --------------------------------------------------------------------------------------


def test_mute_and_remove(live_session, official, trainer):
    join(live_session, official)
    services.participant_moderate(
        session_id=live_session.pk, trainer=trainer, user_id=official.pk, action="mute"
    )
    with pytest.raises(LiveError) as refused:
        services.chat_post(session_id=live_session.pk, author=official, body="xin chào")
    assert refused.value.code == "muted"
    services.participant_moderate(
        session_id=live_session.pk, trainer=trainer, user_id=official.pk, action="unmute"
    )
    assert services.chat_post(session_id=live_session.pk, author=official, body="xin chào").pk
    with pytest.raises(LiveError):
        services.participant_moderate(
            session_id=live_session.pk, trainer=official, user_id=official.pk, action="remove"
        )
    services.participant_moderate(
        session_id=live_session.pk, trainer=trainer, user_id=official.pk, action="remove"
    )
    with pytest.raises(JoinRefused) as refused:
        join(live_session, official, "again")
    assert refused.value.close_code == 4423
    assert AttendanceInterval.objects.filter(left_at__isnull=True).count() == 0
    assert ProgressEntry.objects.filter(official=official, kind="live_session").exists()
    assert board_rows(session=live_session) == []
    assert live_session not in sessions_for_official(official=official)


# --- Reminders ---------------------------------------------------------------------------------------


def test_reminders_go_out_once(trainer, commune, official, colleague, monkeypatch):
    from live_sessions.tasks import session_remind

    pushed = []
    monkeypatch.setattr("live_sessions.services.notify_user", lambda **kwargs: pushed.append(kwargs))
    session = make_session(trainer, communes=[commune], open_=False)
    assert session_remind(session.pk) == 2
    assert session_remind(session.pk) == 0  # never twice
    assert ReminderSent.objects.filter(session=session).count() == 2
    assert sorted(p["user_id"] for p in pushed) == sorted([official.pk, colleague.pk])
    assert pushed[0]["notification"]["url"] == f"/live/{session.pk}/"
    assert len(mail.outbox) == 2
    assert mail.outbox[0].subject.startswith("Nhắc lịch: Hỗ trợ tiếp nhận hồ sơ một cửa lúc ")


def test_the_board_and_the_snapshot_cost_a_fixed_number_of_queries(live_session, trainer, commune):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from live_sessions.selectors import session_snapshot
    from progress.activity import activity_report

    def cost(count):
        for official in OfficialFactory.create_batch(count, commune=commune):
            join(live_session, official)
            activity_report(official_id=official.pk, kind="lesson", key="7", label="Bài 1", step="Bước 1")
        with CaptureQueriesContext(connection) as captured:
            snapshot = session_snapshot(session=live_session, user=trainer, participant=None)
        return len(captured), len(snapshot["board"])

    few, many = cost(2), cost(20)
    assert few[1] == 2 and many[1] == 22
    assert few[0] == many[0]


def test_a_trainer_sees_the_participants_of_their_own_sessions_only(live_session, official, other_official):
    """The scope people.permissions gives a trainer comes from live sessions (registered at start-up)."""
    from people.permissions import officials_visible_to
    from tests.factories import TrainerFactory

    trainer = live_session.trainer
    assert not officials_visible_to(trainer).exists()
    join(live_session, official, "a")
    assert list(officials_visible_to(trainer)) == [official]
    stranger = TrainerFactory(province=trainer.province)
    assert not officials_visible_to(stranger).exists()
