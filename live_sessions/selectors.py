"""Reads about live sessions, shaped for the pages, the socket's snapshot and the trainer's board."""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from wagtail.models import Page

from core import catalogue
from core.collation import by_name
from live_sessions import events
from live_sessions.models import (
    AttendanceInterval,
    ChatMessage,
    Connection,
    HelpRequest,
    HelpState,
    LiveEvent,
    LiveSession,
    LiveStream,
    MeetingRoom,
    Participant,
    Poll,
    PollVote,
    PushedCard,
    SessionState,
)
from people.models import Role, User
from progress.models import ItemKind, OfficialActivity, ProgressEntry

# A tab sends a heartbeat every 30 seconds; one silent for longer than this is gone (its server
# process may have died without closing it).
CONNECTION_STALE_AFTER = timedelta(seconds=90)
CHAT_REPLAY_BATCH = 200
CHAT_JOIN_HISTORY = 100
# What a replay request (``resync``) sends at most; the client asks again for the rest.
RESYNC_BATCH = 500


def participant_ids_of_trainer(*, trainer) -> list[int]:
    """Ids of the officials who take part in this trainer's sessions."""
    return list(
        Participant.objects.filter(session__trainer=trainer).values_list("user_id", flat=True).distinct()
    )


def sessions_of_trainer(*, trainer) -> QuerySet[LiveSession]:
    """A trainer's own sessions, the only ones they may see or change."""
    if not trainer.is_authenticated or not trainer.is_trainer:
        return LiveSession.objects.none()
    return LiveSession.objects.filter(trainer=trainer)


def sessions_for_trainer_list(*, trainer) -> QuerySet[LiveSession]:
    return (
        sessions_of_trainer(trainer=trainer)
        .select_related("meeting_room")
        .annotate(participant_count=Count("participants", filter=Q(participants__removed_at__isnull=True)))
        .order_by("-starts_at")
    )


def meeting_rooms_for(*, trainer) -> QuerySet[MeetingRoom]:
    return MeetingRoom.objects.filter(province_id=trainer.province_id).order_by(*by_name("name"))


def course_slugs_assigned(*, official) -> set[str]:
    """Slugs of the courses assigned to an official: ledger rows of kind ``course`` (keyed by the
    course page's id, see docs/architecture.md)."""
    keys = ProgressEntry.objects.filter(official=official, kind="course").values_list("key", flat=True)
    page_ids = [int(key) for key in keys if key.isdigit()]
    return set(Page.objects.filter(pk__in=page_ids).values_list("slug", flat=True)) if page_ids else set()


def official_is_invited(session: LiveSession, official, *, course_slugs: set[str] | None = None) -> bool:
    """Whether ``official`` belongs to the session's audience (see ``LiveSession``)."""
    if official.role != Role.OFFICIAL or official.province_id != session.province_id:
        return False
    communes = {commune.pk for commune in session.audience_communes.all()}
    if communes and official.commune_id not in communes:
        return False
    if session.audience_job_roles and official.job_role not in session.audience_job_roles:
        return False
    if session.course_slug:
        if course_slugs is None:
            course_slugs = course_slugs_assigned(official=official)
        if session.course_slug not in course_slugs:
            return False
    return True


def official_may_enter(session: LiveSession, official) -> bool:
    """Invited now, or already a participant (the audience may have changed since) and not removed."""
    participant = Participant.objects.filter(session=session, user=official).only("removed_at").first()
    if participant is not None:
        return participant.removed_at is None
    return official_is_invited(session, official)


def sessions_for_official(*, official) -> list[LiveSession]:
    """The sessions an official is invited to that have not ended, and the ones they took part in."""
    if not official.is_authenticated or not official.is_official or not official.province_id:
        return []
    joined = dict(Participant.objects.filter(user=official).values_list("session_id", "removed_at"))
    candidates = (
        LiveSession.objects.filter(province_id=official.province_id)
        .filter(
            Q(state__in=[SessionState.SCHEDULED, SessionState.OPEN], ends_at__gte=timezone.now())
            | Q(pk__in=list(joined))
        )
        .select_related("trainer", "meeting_room")
        .prefetch_related("audience_communes")
        .order_by("starts_at")
    )
    course_slugs = course_slugs_assigned(official=official)
    visible = []
    for session in candidates:
        if session.pk in joined:
            if joined[session.pk] is None:
                visible.append(session)
        elif official_is_invited(session, official, course_slugs=course_slugs):
            visible.append(session)
    return visible


def official_session_or_none(*, official, pk: int) -> LiveSession | None:
    """The session ``pk`` if ``official`` may see it, else None (the view answers 404)."""
    if not official.is_authenticated or not official.is_official:
        return None
    session = (
        LiveSession.objects.filter(pk=pk, province_id=official.province_id)
        .select_related("trainer", "meeting_room")
        .first()
    )
    if session is None or not official_may_enter(session, official):
        return None
    return session


def invitees_of(*, session: LiveSession) -> QuerySet[User]:
    """Every official in the session's audience (for reminders)."""
    officials = User.objects.filter(role=Role.OFFICIAL, province_id=session.province_id, is_active=True)
    communes = list(session.audience_communes.values_list("pk", flat=True))
    if communes:
        officials = officials.filter(commune_id__in=communes)
    if session.audience_job_roles:
        officials = officials.filter(job_role__in=session.audience_job_roles)
    if session.course_slug:
        keys = [str(pk) for pk in Page.objects.filter(slug=session.course_slug).values_list("pk", flat=True)]
        officials = officials.filter(
            pk__in=ProgressEntry.objects.filter(kind="course", key__in=keys).values("official_id")
        )
    return officials


def stuck_reason(activity, *, minutes: int, failures: int, now=None) -> str:
    """Why an official looks stuck: ``"failures"`` (that many checks failed in a row), ``"time"`` (no
    progress for that many minutes), or ``""``."""
    if activity is None:
        return ""
    if activity.failed_checks >= failures:
        return "failures"
    if (now or timezone.now()) - activity.since >= timedelta(minutes=minutes):
        return "time"
    return ""


def board_rows(*, session: LiveSession, user_ids: list[int] | None = None, now=None) -> list[dict]:
    """One row per participant still in the session (or only those of ``user_ids``): presence, hand,
    where they are and for how long, and whether they look stuck. A fixed handful of queries,
    whatever the number of participants."""
    now = now or timezone.now()
    participants = Participant.objects.filter(session=session, removed_at__isnull=True)
    if user_ids is not None:
        participants = participants.filter(user_id__in=user_ids)
    participants = list(
        participants.select_related("user__commune").order_by(*by_name("user__full_name"), "pk")
    )
    ids = [p.user_id for p in participants]
    activities = {a.official_id: a for a in OfficialActivity.objects.filter(official_id__in=ids)}
    present = set(
        Connection.objects.filter(
            participant__session=session,
            participant__user_id__in=ids,
            seen_at__gte=now - CONNECTION_STALE_AFTER,
        ).values_list("participant__user_id", flat=True)
    )
    running = {
        user_id: int((now - joined_at).total_seconds())
        for user_id, joined_at in AttendanceInterval.objects.filter(
            participant__session=session, participant__user_id__in=ids, left_at__isnull=True
        ).values_list("participant__user_id", "joined_at")
    }
    rows = []
    for participant in participants:
        activity = activities.get(participant.user_id)
        rows.append(
            {
                "user_id": participant.user_id,
                "name": participant.user.get_full_name(),
                "commune": participant.user.commune.name if participant.user.commune_id else "",
                "present": participant.user_id in present,
                "hand": participant.hand_raised_at is not None,
                "muted": participant.muted,
                "seconds_present": participant.seconds_present + running.get(participant.user_id, 0),
                "activity": events.activity_payload(activity, now),
                "stuck": stuck_reason(
                    activity,
                    minutes=session.stuck_after_minutes,
                    failures=session.stuck_after_failures,
                    now=now,
                ),
            }
        )
    return rows


def poll_counts(*, poll_ids: list[int]) -> dict[int, dict[int, int]]:
    counts: dict[int, dict[int, int]] = {pk: {} for pk in poll_ids}
    for poll_id, option, votes in (
        PollVote.objects.filter(poll_id__in=poll_ids).values("poll_id", "option").annotate(n=Count("pk"))
    ).values_list("poll_id", "option", "n"):
        counts[poll_id][option] = votes
    return counts


def poll_results(*, poll_id: int) -> dict:
    poll = Poll.objects.get(pk=poll_id)
    return events.poll_payload(poll, poll_counts(poll_ids=[poll.pk])[poll.pk])


def polls_of(*, session: LiveSession, user) -> list[dict]:
    """The session's latest polls with their results and the user's own answer to each."""
    polls = list(Poll.objects.filter(session=session).order_by("-is_open", "-created_at")[:10])
    counts = poll_counts(poll_ids=[poll.pk for poll in polls])
    mine = dict(PollVote.objects.filter(poll__in=polls, voter=user).values_list("poll_id", "option"))
    return [{**events.poll_payload(poll, counts[poll.pk]), "my_vote": mine.get(poll.pk)} for poll in polls]


def help_queue(*, session: LiveSession, official=None) -> list[dict]:
    """The pending help requests: all of them for the trainer, one official's own otherwise."""
    requests = HelpRequest.objects.filter(
        session=session, state__in=[HelpState.OPEN, HelpState.CLAIMED]
    ).select_related("official", "claimed_by")
    if official is not None:
        requests = requests.filter(official=official)
    return [events.help_payload(request) for request in requests]


def raised_hands(*, session: LiveSession) -> list[dict]:
    return [
        events.hand_payload(p)
        for p in Participant.objects.filter(
            session=session, hand_raised_at__isnull=False, removed_at__isnull=True
        )
        .select_related("user")
        .order_by("hand_raised_at")
    ]


def session_snapshot(*, session: LiveSession, user, participant: Participant | None) -> dict:
    """Everything a socket needs on (re)connecting, besides the chat it missed."""
    is_trainer = user.pk == session.trainer_id
    card = PushedCard.objects.filter(session=session).order_by("-pk").first()
    return {
        "type": "session.state",
        "session": {
            "id": session.pk,
            "title": session.title,
            "state": session.state,
            "starts_at": events.iso(session.starts_at),
            "ends_at": events.iso(session.ends_at),
            "meeting_url": session.meeting_room.url if session.meeting_room_id else "",
            "stuck_after_minutes": session.stuck_after_minutes,
            "stuck_after_failures": session.stuck_after_failures,
        },
        "you": {
            **events.person(user),
            "role": "trainer" if is_trainer else "official",
            "muted": bool(participant and participant.muted),
            "hand_raised": bool(participant and participant.hand_raised_at),
        },
        "hands": raised_hands(session=session),
        "help": help_queue(session=session, official=None if is_trainer else user),
        "polls": polls_of(session=session, user=user),
        "card": events.card_payload(card) if card else None,
        "board": board_rows(session=session) if is_trainer else None,
    }


def chat_after(*, session_id: int, trainer_id: int, after: int) -> list[list[dict]]:
    """The chat to replay, oldest first, in batches the socket sends one by one: every message after
    id ``after`` on a reconnect; the latest ``CHAT_JOIN_HISTORY`` on a first join (``after`` 0)."""
    messages = ChatMessage.objects.filter(session_id=session_id).select_related("author")
    if after > 0:
        messages = list(messages.filter(pk__gt=after).order_by("pk"))
    else:
        messages = list(messages.order_by("-pk")[:CHAT_JOIN_HISTORY])[::-1]
    payloads = [events.chat_payload(message, trainer_id=trainer_id) for message in messages]
    return [payloads[i : i + CHAT_REPLAY_BATCH] for i in range(0, len(payloads), CHAT_REPLAY_BATCH)]


def join_messages(*, session: LiveSession, user, participant: Participant | None, after: int) -> list[dict]:
    """What a socket receives on (re)connecting, in order: the state snapshot, then the chat it
    missed (``chat.history`` frames; ``"replay"`` says whether it is a reconnect's catch-up)."""
    # The positions first, then the state: an event numbered in between is both in the snapshot and
    # sent live, and applying it twice changes nothing (chat is filed by id).
    positions = stream_positions(session_id=session.pk, user_id=user.pk)
    snapshot = {**session_snapshot(session=session, user=user, participant=participant), "seq": positions}
    history = [
        {"type": "chat.history", "replay": after > 0, "messages": batch}
        for batch in chat_after(session_id=session.pk, trainer_id=session.trainer_id, after=after)
    ]
    return [snapshot, *(history or [{"type": "chat.history", "replay": after > 0, "messages": []}])]


def stream_positions(*, session_id: int, user_id: int) -> dict[str, int]:
    """The last number given out on the session's stream and on this person's own stream."""
    last = dict(
        LiveStream.objects.filter(
            session_id=session_id, stream__in=[events.SESSION_STREAM, events.own_stream(user_id)]
        ).values_list("stream", "last_seq")
    )
    return {"session": last.get(events.SESSION_STREAM, 0), "own": last.get(events.own_stream(user_id), 0)}


class ReplayGone(Exception):
    """The frames a ``resync`` asks for were pruned (``services.live_events_prune``): the client must
    take the whole state again (docs/live-protocol.md, "Sequence numbers")."""


def stream_replay(
    *, session_id: int, user_id: int, session_after: int, own_after: int
) -> tuple[list[str], bool]:
    """The stored frames a client missed, oldest first within each stream (the session's, then its
    own), at most ``RESYNC_BATCH``; and whether more remain. ``ReplayGone`` when the first frame
    after a position is no longer stored (numbers are gap-free, so a hole is a pruned range)."""
    frames = []
    more = False
    for stream, after in ((events.SESSION_STREAM, session_after), (events.own_stream(user_id), own_after)):
        room = RESYNC_BATCH - len(frames)
        batch = list(
            LiveEvent.objects.filter(session_id=session_id, stream=stream, seq__gt=after)
            .order_by("seq")
            .values_list("seq", "frame")[: room + 1]
        )
        if batch and batch[0][0] != after + 1:
            raise ReplayGone(stream)
        if not batch and _stream_last(session_id, stream) > after:
            raise ReplayGone(stream)
        if len(batch) > room:
            more, batch = True, batch[:room]
        frames.extend(frame for _seq, frame in batch)
    return frames, more


def _stream_last(session_id: int, stream: str) -> int:
    last = LiveStream.objects.filter(session_id=session_id, stream=stream).values_list("last_seq", flat=True)
    return last.first() or 0


def attendance_of(*, session: LiveSession) -> QuerySet[Participant]:
    """The attendance list of an ended session (or so far), for the trainer's summary."""
    return (
        Participant.objects.filter(session=session)
        .select_related("user__commune")
        .order_by(*by_name("user__commune__name", "user__full_name"), "pk")
    )


# --- What a trainer sends to everyone ---------------------------------------------------------------

CARD_KINDS = (ItemKind.SCENARIO, ItemKind.LESSON)
CARD_TEXT_LIMIT = 200


@dataclass(frozen=True)
class CardTarget:
    """What a pushed card shows and opens: a practice or a published lesson, maybe one step of it."""

    kind: str
    title: str
    step: str
    url: str


def card_items(kind: str) -> list[catalogue.PickItem]:
    """The practices or the published lessons a trainer may send, in the order they are listed."""
    return catalogue.outline(kind) if kind in CARD_KINDS else []


def card_target(*, kind: str, key: str, step: str = "") -> tuple[CardTarget | None, dict[str, str]]:
    """The card for the chosen item (a practice's slug, a lesson's page id) and step (a practice's
    step number, a lesson step's block id; empty: the whole item), or the refusals by what they are
    about: ``kind``, ``item`` or ``step``. Only what exists and everyone may open now is accepted."""
    if kind not in CARD_KINDS:
        return None, {"kind": _("Chỉ gửi được bài học hoặc bài thực hành.")}
    item = next((item for item in card_items(kind) if item.key == key), None)
    if item is None:
        missing = {
            ItemKind.SCENARIO: _("Hãy chọn một bài thực hành trong danh sách."),
            ItemKind.LESSON: _("Hãy chọn một bài học đã xuất bản trong danh sách."),
        }
        return None, {"item": missing[kind]}
    step_label, url = "", item.url
    if step:
        keys = [step_key for step_key, _title in item.steps]
        if step not in keys:
            return None, {"step": _("Hãy chọn một bước của bài đã chọn.")}
        number = keys.index(step) + 1
        step_label = _("Bước %(number)s: %(title)s") % {"number": number, "title": item.steps[number - 1][1]}
        if kind == ItemKind.LESSON:
            url = f"{item.url}#step-{step}"
    return CardTarget(
        kind=kind,
        title=Truncator(item.title).chars(CARD_TEXT_LIMIT),
        step=Truncator(step_label).chars(CARD_TEXT_LIMIT),
        url=url,
    ), {}
