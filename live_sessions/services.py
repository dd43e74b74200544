"""Writes of live sessions. The consumer, the views and the tasks call these and nothing else.

Two state machines (``live_sessions.machines``, declared with ``core.workflow``) go through one
service each: ``session_transition`` and ``help_request_transition``. Refusals raise
:class:`LiveError`, whose ``message`` is shown to the user as is. Services store; their callers
broadcast (``live_sessions.events``).
"""

import logging
import time
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlsplit

import bleach
from bleach.callbacks import nofollow, target_blank
from django.conf import settings
from django.core.cache import cache
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override

from core import workflow
from core.notify import notify_user
from live_sessions import events, machines
from live_sessions.models import (
    AttendanceInterval,
    ChatMessage,
    Connection,
    HelpRequest,
    HelpRequestTransition,
    HelpState,
    LiveEvent,
    LiveSession,
    LiveStream,
    Participant,
    Poll,
    PollVote,
    PushedCard,
    ReminderSent,
    SessionState,
    SessionTransition,
)
from live_sessions.selectors import CONNECTION_STALE_AFTER, card_target, invitees_of, official_is_invited
from people.models import User
from progress.models import ItemKind, OfficialActivity
from progress.services import progress_record

logger = logging.getLogger(__name__)

CHAT_MAX_LENGTH = 1000
# Chat messages per user per window (seconds), counted in the cache so every server process shares it.
# A sliding window of whole seconds (the last ``window`` one-second buckets, the current included).
CHAT_RATE_LIMIT = getattr(settings, "LIVE_CHAT_RATE_LIMIT", (5, 10))
# Raising and lowering a hand, counted together, per user and session.
HAND_RATE_LIMIT = getattr(settings, "LIVE_HAND_RATE_LIMIT", (6, 10))
HELP_FIELD_LIMITS = {"note": 300, "key": 64, "label": 200, "step": 200}
POLL_OPTION_MAX_LENGTH = 100

REMINDER_LEAD = timedelta(minutes=30)
POLL_MIN_OPTIONS, POLL_MAX_OPTIONS = 2, 6


# Messages for refusals the consumer makes before any service runs.
ERROR_MESSAGES = {
    "invalid": gettext_lazy("Yêu cầu không hợp lệ."),
    "unknown_type": gettext_lazy("Yêu cầu không hợp lệ."),
    "forbidden": gettext_lazy("Chỉ giảng viên của buổi hỗ trợ mới làm được việc này."),
    "server_error": gettext_lazy("Máy chủ gặp lỗi, chưa làm được. Xin thử lại."),
    "not_found": gettext_lazy("Không tìm thấy buổi hỗ trợ."),
    "unauthenticated": gettext_lazy("Phiên đăng nhập đã hết. Hãy đăng nhập lại rồi mở lại trang này."),
    "password_change": gettext_lazy("Bạn cần đổi mật khẩu trước khi tham gia. Hãy mở trang đổi mật khẩu."),
    "resync_gone": gettext_lazy("Trang đang tải lại toàn bộ nội dung buổi hỗ trợ."),
}


class LiveError(Exception):
    """A refusal the user should read: ``code`` for programs, ``message`` for people."""

    def __init__(self, code: str, message: str):
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message


class JoinRefused(LiveError):
    """The socket may not join; ``close_code`` is the WebSocket close code (docs/live-protocol.md)."""

    def __init__(self, close_code: int, code: str, message: str):
        super().__init__(code, message)
        self.close_code = close_code


# --- Sequence numbers ------------------------------------------------------------------------------

SESSION_STREAM, own_stream, stream_name = events.SESSION_STREAM, events.own_stream, events.stream_name
# A broadcast: the channel-layer group and the event (``events.event``) to send it once committed.
Broadcast = tuple[str, dict]


def _next_seq(session_id: int, stream: str) -> int:
    """The next number of ``stream``: one statement that creates or increments the counter row and
    keeps it locked until the caller's transaction ends, so numbers follow commit order, gap-free."""
    table = connection.ops.quote_name(LiveStream._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (session_id, stream, last_seq) VALUES (%s, %s, 1) "
            f"ON CONFLICT (session_id, stream) DO UPDATE SET last_seq = {table}.last_seq + 1 "
            "RETURNING last_seq",
            [session_id, stream],
        )
        return cursor.fetchone()[0]


def _record(session_id: int, stream: str, seq: int, kind: str, **payload) -> dict:
    frame = events.event(kind, stream=stream_name(stream), seq=seq, **payload)
    LiveEvent.objects.create(session_id=session_id, stream=stream, seq=seq, kind=kind, frame=frame["frame"])
    return frame


def publish(*, session_id: int, stream: str, kind: str, **payload) -> dict:
    """Number and store one frame of ``stream`` in the caller's transaction; return the channel-layer
    event that carries it (to send once the transaction commits)."""
    return _record(session_id, stream, _next_seq(session_id, stream), kind, **payload)


# Deleted per statement by the prune, so no statement holds many row locks for long.
PRUNE_BATCH = 5000


def live_events_prune(*, now=None) -> int:
    """Delete the stored frames no client can ask for any more; returns how many.

    Every frame of a session ended more than ``LIVE_EVENTS_KEEP_DAYS`` days ago; in a session not
    ended, the frames older than ``LIVE_EVENTS_KEEP_HOURS`` hours (what ``resync`` needs is far more
    recent: a connected client learns the latest numbers every 30 s, a reconnecting one gets the whole
    state). A frame of a session ended less long ago stays. The counters (``LiveStream``) stay, so
    numbering goes on gap-free; a ``resync`` into a pruned range is answered ``resync_gone``."""
    now = now or timezone.now()
    ended = LiveSession.objects.filter(
        state=SessionState.ENDED, ended_at__lt=now - timedelta(days=settings.LIVE_EVENTS_KEEP_DAYS)
    ).values("pk")
    not_ended = LiveSession.objects.exclude(state=SessionState.ENDED).values("pk")
    old = now - timedelta(hours=settings.LIVE_EVENTS_KEEP_HOURS)
    stale = LiveEvent.objects.filter(session__in=not_ended, created_at__lt=old)
    return _delete_in_batches(LiveEvent.objects.filter(session__in=ended)) + _delete_in_batches(stale)


def _delete_in_batches(frames) -> int:
    deleted = 0
    while True:
        ids = list(frames.order_by().values_list("pk", flat=True)[:PRUNE_BATCH])
        if not ids:
            return deleted
        deleted += LiveEvent.objects.filter(pk__in=ids).delete()[0]


def _publish_to_people(session: LiveSession, user_ids: list[int], kind: str, **payload) -> list[Broadcast]:
    """One frame to several people's own streams, locked in one order (no deadlock between two
    transactions that both number a trainer's and an official's streams)."""
    out = []
    for user_id in sorted(set(user_ids), key=own_stream):
        group = (
            events.board_group(session.pk)
            if user_id == session.trainer_id
            else events.member_group(session.pk, user_id)
        )
        out.append((group, publish(session_id=session.pk, stream=own_stream(user_id), kind=kind, **payload)))
    return out


# --- Scheduling -----------------------------------------------------------------------------------


@transaction.atomic
def session_save(*, trainer: User, data: dict, session: LiveSession | None = None) -> LiveSession:
    """Create a session for ``trainer``'s province, or change a scheduled one; (re)schedule its
    reminder and its automatic end. ``data`` is a validated ``SessionForm``'s cleaned data."""
    if session is not None and session.state != SessionState.SCHEDULED:
        raise LiveError("state", _("Chỉ sửa được buổi hỗ trợ chưa bắt đầu."))
    communes = list(data.get("audience_communes") or [])
    room = data.get("meeting_room")
    if any(c.province_id != trainer.province_id for c in communes) or (
        room is not None and room.province_id != trainer.province_id
    ):
        raise LiveError("forbidden", _("Chỉ chọn được xã/phường và phòng họp của tỉnh mình."))
    session = session or LiveSession(trainer=trainer, province_id=trainer.province_id)
    for field in (
        "title",
        "starts_at",
        "ends_at",
        "audience_job_roles",
        "course_slug",
        "capacity",
        "meeting_room",
        "stuck_after_minutes",
        "stuck_after_failures",
    ):
        if field in data:
            setattr(session, field, data[field])
    session.audience_job_roles = list(session.audience_job_roles or [])
    session.save()
    session.audience_communes.set(communes)
    transaction.on_commit(lambda: _schedule_tasks(session))
    return session


def _schedule_tasks(session: LiveSession) -> None:
    from django_q.models import Schedule

    now = timezone.now()
    for name, func, when in (
        (
            f"live-session-{session.pk}-reminder",
            "live_sessions.tasks.session_remind",
            session.starts_at - REMINDER_LEAD,
        ),
        (f"live-session-{session.pk}-end", "live_sessions.tasks.session_end_due", session.ends_at),
    ):
        Schedule.objects.update_or_create(
            name=name,
            defaults={
                "func": func,
                "args": repr(session.pk),
                "schedule_type": Schedule.ONCE,
                "repeats": -1,
                "next_run": max(when, now),
            },
        )


def _unschedule_tasks(session_id: int) -> None:
    from django_q.models import Schedule

    Schedule.objects.filter(name__startswith=f"live-session-{session_id}-").delete()


# --- The session lifecycle --------------------------------------------------------------------------


@transaction.atomic
def session_transition(*, session_id: int, transition: str, actor: User | None) -> LiveSession:
    """Fire ``transition`` (``open``, ``end``) on a session. ``actor`` None is the system (the
    scheduled end). Ending closes attendance and writes every participant's minutes to the ledger."""
    session = LiveSession.objects.select_for_update(no_key=True).get(pk=session_id)
    if actor is None:
        actor_kind = machines.SYSTEM
    elif actor.pk == session.trainer_id:
        actor_kind = machines.TRAINER
    else:
        raise LiveError("forbidden", _("Chỉ giảng viên của buổi hỗ trợ mới làm được việc này."))
    now = timezone.now()
    step = workflow.fire(
        machines.SESSION_LIFECYCLE,
        transition,
        workflow.Context(obj=session, actor=actor_kind, now=now),
        record=lambda step: _transition_log(SessionTransition, step, session=session, actor=actor),
    )
    if not step.ok:
        raise LiveError("state", _("Buổi hỗ trợ đang ở trạng thái khác, không thực hiện được."))
    if step.to_state == SessionState.OPEN:
        session.opened_at = now
    elif step.to_state == SessionState.ENDED:
        session.ended_at = now
        _close_session(session, now)
        transaction.on_commit(lambda: _unschedule_tasks(session.pk))
    session.save(update_fields=["state", "opened_at", "ended_at"])
    return session


def _transition_log(model, step: workflow.Step, **fields) -> None:
    """The record of an applied transition (a refused one is answered with a ``LiveError`` and not
    stored: these logs hold the moves a session or a help request made)."""
    if step.ok:
        model.objects.create(name=step.name, from_state=step.from_state, to_state=step.to_state, **fields)


def _close_session(session: LiveSession, now) -> None:
    participants = {p.pk: p for p in Participant.objects.filter(session=session).select_related("user")}
    open_intervals = AttendanceInterval.objects.filter(participant__session=session, left_at__isnull=True)
    for participant_id, joined_at in open_intervals.values_list("participant_id", "joined_at"):
        participants[participant_id].seconds_present += _seconds(joined_at, now)
    open_intervals.update(left_at=now)
    Connection.objects.filter(participant__session=session).delete()
    for participant in participants.values():
        participant.hand_raised_at = None
    Participant.objects.bulk_update(participants.values(), ["seconds_present", "hand_raised_at"])
    for participant in participants.values():
        _attendance_to_ledger(participant)
    for request in HelpRequest.objects.filter(session=session, state__in=[HelpState.OPEN, HelpState.CLAIMED]):
        _help_apply(request, "cancel", machines.SYSTEM, None)
    Poll.objects.filter(session=session, is_open=True).update(is_open=False, closed_at=now)


def _seconds(start, end) -> int:
    return max(0, int((end - start).total_seconds()))


def _attendance_to_ledger(participant: Participant) -> None:
    progress_record(
        official=participant.user,
        kind="live_session",
        key=str(participant.session_id),
        status="completed",
        detail={"minutes": participant.minutes_present},
    )


# --- Presence ----------------------------------------------------------------------------------------


@dataclass
class Entry:
    """Who a new socket belongs to: the session, and the participant (None for the trainer).
    ``arrived`` is true when this socket made the participant present (their first open tab)."""

    session: LiveSession
    participant: Participant | None
    arrived: bool = False

    @property
    def is_trainer(self) -> bool:
        return self.participant is None


@transaction.atomic
def participant_connect(*, session_id: int, user: User, channel_name: str) -> Entry:
    """Let a socket into a session, or refuse with a close code. An official joins once (the first
    time creates their participant row, within capacity) and may open several tabs."""
    session = LiveSession.objects.select_related("meeting_room").filter(pk=session_id).first()
    if session is None:
        raise JoinRefused(4404, "not_found", _("Không tìm thấy buổi hỗ trợ."))
    if session.state == SessionState.ENDED:
        raise JoinRefused(4410, "ended", _("Buổi hỗ trợ đã kết thúc."))
    if user.pk == session.trainer_id:
        return Entry(session=session, participant=None)
    if session.state == SessionState.SCHEDULED:
        raise JoinRefused(4409, "not_open", _("Buổi hỗ trợ chưa mở."))
    participants = Participant.objects.select_for_update(no_key=True).filter(session=session, user=user)
    participant = participants.first()
    if participant is None:
        if not official_is_invited(session, user):
            raise JoinRefused(4403, "forbidden", _("Bạn không được mời tham gia buổi hỗ trợ này."))
        # A first join locks the session: two officials cannot both take the last seat, and two tabs
        # of one official opening at once make one participant.
        LiveSession.objects.select_for_update(no_key=True).filter(pk=session.pk).values("pk").first()
        participant = participants.first()
    if participant is None:
        if Participant.objects.filter(session=session, removed_at__isnull=True).count() >= session.capacity:
            raise JoinRefused(4413, "full", _("Buổi hỗ trợ đã đủ số người."))
        participant = Participant.objects.create(session=session, user=user)
    if participant.removed_at is not None:
        raise JoinRefused(4423, "removed", _("Giảng viên đã mời bạn ra khỏi buổi hỗ trợ này."))
    now = timezone.now()
    Connection.objects.create(participant=participant, channel_name=channel_name, seen_at=now)
    _interval, arrived = AttendanceInterval.objects.get_or_create(
        participant=participant, left_at__isnull=True, defaults={"joined_at": now}
    )
    participant.user = user
    return Entry(session=session, participant=participant, arrived=arrived)


@transaction.atomic
def participant_disconnect(*, channel_name: str) -> Participant | None:
    """Forget a closed socket. When it was the participant's last live tab, close their attendance
    interval and write their minutes to the ledger; return the participant then, else None."""
    connection = (
        Connection.objects.select_related("participant__user").filter(channel_name=channel_name).first()
    )
    if connection is None:
        return None
    participant = (
        Participant.objects.select_for_update(no_key=True)
        .select_related("user")
        .get(pk=connection.participant_id)
    )
    connection.delete()
    now = timezone.now()
    live = participant.connections.filter(seen_at__gte=now - CONNECTION_STALE_AFTER)
    if live.exists():
        return None
    # Rows left behind by a server process that died count no more.
    participant.connections.all().delete()
    _leave(participant, now)
    return participant


@transaction.atomic
def participant_abandon(*, session_id: int, user_id: int, channel_name: str, since) -> Participant | None:
    """Undo a join whose handshake never completed (the client left, or the server gave up on it,
    before the socket was open): its connection row goes, and so does the participant row, attendance
    included, if this attempt created it (joined at or after ``since``) and no other tab is open; the
    seat is free again. A participant who was in before leaves as on a disconnect; they are returned
    then, else None."""
    Connection.objects.filter(channel_name=channel_name).delete()
    participant = (
        Participant.objects.select_for_update(no_key=True)
        .select_related("user")
        .filter(session_id=session_id, user_id=user_id)
        .first()
    )
    if participant is None or participant.connections.exists():
        return None
    if participant.joined_at >= since and participant.removed_at is None:
        participant.delete()
        return None
    interval = AttendanceInterval.objects.filter(participant=participant, left_at__isnull=True).first()
    if interval is None:
        return None
    _leave(participant, timezone.now())
    return participant


def _leave(participant: Participant, now) -> None:
    interval = AttendanceInterval.objects.filter(participant=participant, left_at__isnull=True).first()
    if interval is not None:
        interval.left_at = now
        interval.save(update_fields=["left_at"])
        participant.seconds_present += _seconds(interval.joined_at, now)
    participant.save(update_fields=["seconds_present"])
    _attendance_to_ledger(participant)


def connection_heartbeat(*, channel_name: str) -> None:
    """A tab is still there."""
    Connection.objects.filter(channel_name=channel_name).update(seen_at=timezone.now())


# --- Membership checks shared by the writes below ----------------------------------------------------


def _open_session(session_id: int, *, for_update: bool = False) -> LiveSession:
    sessions = LiveSession.objects.select_for_update(no_key=True) if for_update else LiveSession.objects
    session = sessions.filter(pk=session_id).first()
    if session is None:
        raise LiveError("not_found", _("Không tìm thấy buổi hỗ trợ."))
    if session.state != SessionState.OPEN:
        raise LiveError("state", _("Buổi hỗ trợ không còn mở."))
    return session


def _require_trainer(session: LiveSession, user: User) -> None:
    if user.pk != session.trainer_id:
        raise LiveError("forbidden", _("Chỉ giảng viên của buổi hỗ trợ mới làm được việc này."))


def _member(session: LiveSession, user: User) -> Participant:
    participant = Participant.objects.filter(session=session, user=user, removed_at__isnull=True).first()
    if participant is None:
        raise LiveError("forbidden", _("Bạn không còn trong buổi hỗ trợ này."))
    return participant


# --- Chat --------------------------------------------------------------------------------------------


def chat_sanitise(text: str) -> str:
    """Chat allows no markup at all: tags are stripped, the rest escaped, web addresses made links."""
    cleaned = bleach.clean(text, tags=set(), attributes={}, strip=True)
    return bleach.linkify(cleaned, callbacks=[nofollow, target_blank], parse_email=False)


def rate_exceeded(*, what: str, session_id: int, user_id: int, limit: int, window: int) -> bool:
    """Count this request and say whether the user's requests of this kind in the last ``window``
    seconds (a sliding window of one-second buckets, the current second included) go over ``limit``.
    The buckets live in the cache, so every server process counts together. A refused request counts
    too: who keeps trying stays refused."""
    now = int(time.time())
    prefix = f"live:{what}-rate:{session_id}:{user_id}:"
    key = f"{prefix}{now}"
    cache.add(key, 0, timeout=window + 1)
    try:
        current = cache.incr(key)
    except ValueError:  # the key expired between add and incr
        cache.set(key, 1, timeout=window + 1)
        current = 1
    earlier = cache.get_many([f"{prefix}{second}" for second in range(now - window + 1, now)])
    return current + sum(int(count) for count in earlier.values()) > limit


def chat_rate_exceeded(*, session_id: int, user_id: int) -> bool:
    limit, window = CHAT_RATE_LIMIT
    return rate_exceeded(what="chat", session_id=session_id, user_id=user_id, limit=limit, window=window)


def _text(value, *, limit: int, message) -> str:
    """A client's text field: a string (a number or a list is refused, not converted) of at most
    ``limit`` characters once trimmed (longer is refused, never cut)."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise LiveError("invalid", str(message))
    value = value.strip()
    if len(value) > limit:
        raise LiveError("invalid", str(message))
    return value


def chat_post(*, session_id: int, author: User, body: str) -> ChatMessage:
    """Store a chat message from the trainer or a participant who is not muted, once sanitised."""
    if body is not None and not isinstance(body, str):
        raise LiveError("invalid", _("Tin nhắn phải là chữ."))
    text = (body or "").strip()
    if not text:
        raise LiveError("invalid", _("Tin nhắn đang trống."))
    if len(text) > CHAT_MAX_LENGTH:
        raise LiveError(
            "invalid", _("Tin nhắn dài quá %(limit)s ký tự, xin chia nhỏ.") % {"limit": CHAT_MAX_LENGTH}
        )
    session = _open_session(session_id)
    if author.pk != session.trainer_id and _member(session, author).muted:
        raise LiveError("muted", _("Giảng viên đã tắt quyền nhắn tin của bạn."))
    if chat_rate_exceeded(session_id=session_id, user_id=author.pk):
        limit, window = CHAT_RATE_LIMIT
        raise LiveError(
            "rate_limited",
            _("Bạn gửi nhanh quá: tối đa %(limit)s tin trong %(window)s giây. Xin chờ một chút.")
            % {"limit": limit, "window": window},
        )
    cleaned = chat_sanitise(text)
    if not cleaned.strip():
        raise LiveError("invalid", _("Tin nhắn đang trống."))
    with transaction.atomic():
        # Numbered first: the session's stream stays locked until the message is committed, so
        # message ids, sequence numbers and commit order agree within a session.
        seq = _next_seq(session.pk, SESSION_STREAM)
        message = ChatMessage.objects.create(session=session, author=author, body=cleaned)
        message.author = author
        message.event = _record(
            session.pk,
            SESSION_STREAM,
            seq,
            kind="chat.message",
            message=events.chat_payload(message, trainer_id=session.trainer_id),
        )
    return message


def chat_send(*, session_id: int, author: User, body) -> list[Broadcast]:
    """Store a chat message (``chat_post``) and say what to broadcast."""
    message = chat_post(session_id=session_id, author=author, body=body)
    return [(events.session_group(session_id), message.event)]


# --- Hands -------------------------------------------------------------------------------------------


def hand_set(*, session_id: int, user: User, raised: bool, target_user_id: int | None = None) -> Participant:
    """An official raises or lowers their own hand; the trainer may lower anyone's."""
    session = _open_session(session_id)
    if target_user_id is not None and target_user_id != user.pk:
        _require_trainer(session, user)
        if raised:
            raise LiveError("forbidden", _("Chỉ người tham dự mới giơ tay được."))
        participant = (
            Participant.objects.filter(session=session, user_id=target_user_id).select_related("user").first()
        )
        if participant is None:
            raise LiveError("not_found", _("Không tìm thấy người tham dự."))
    else:
        participant = _member(session, user)
        participant.user = user
        limit, window = HAND_RATE_LIMIT
        if rate_exceeded(what="hand", session_id=session_id, user_id=user.pk, limit=limit, window=window):
            raise LiveError(
                "rate_limited",
                _("Bạn giơ/hạ tay nhanh quá: tối đa %(limit)s lần trong %(window)s giây. Xin chờ một chút.")
                % {"limit": limit, "window": window},
            )
    if raised and participant.hand_raised_at is None:
        participant.hand_raised_at = timezone.now()
    elif not raised:
        participant.hand_raised_at = None
    participant.save(update_fields=["hand_raised_at"])
    return participant


@transaction.atomic
def hand_send(
    *, session_id: int, user: User, raised: bool, target_user_id: int | None = None
) -> list[Broadcast]:
    participant = hand_set(session_id=session_id, user=user, raised=raised, target_user_id=target_user_id)
    event = publish(
        session_id=session_id,
        stream=SESSION_STREAM,
        kind="hand.changed",
        hand=events.hand_payload(participant),
    )
    return [(events.session_group(session_id), event)]


# --- The help queue ----------------------------------------------------------------------------------


@transaction.atomic
def help_request_create(
    *,
    session_id: int,
    official: User,
    note: str = "",
    kind: str = "",
    key: str = "",
    label: str = "",
    step: str = "",
) -> HelpRequest:
    """An official asks for help. Without a lesson or scenario named, it is about where they are now
    (their live-board position). One pending request per official at a time."""
    session = _open_session(session_id)
    participant = _member(session, official)
    Participant.objects.select_for_update(no_key=True).filter(pk=participant.pk).values("pk").first()
    if HelpRequest.objects.filter(
        session=session, official=official, state__in=[HelpState.OPEN, HelpState.CLAIMED]
    ).exists():
        raise LiveError("duplicate", _("Bạn đã gửi một yêu cầu trợ giúp, xin chờ giảng viên."))
    note = _text(note, limit=HELP_FIELD_LIMITS["note"], message=_("Mô tả dài quá 300 ký tự."))
    key = _text(key, limit=HELP_FIELD_LIMITS["key"], message=_("Mã bài không hợp lệ."))
    label = _text(label, limit=HELP_FIELD_LIMITS["label"], message=_("Tên bài dài quá 200 ký tự."))
    step = _text(step, limit=HELP_FIELD_LIMITS["step"], message=_("Tên bước dài quá 200 ký tự."))
    kind = "" if kind is None else kind
    if not isinstance(kind, str):
        raise LiveError("invalid", _("Yêu cầu không hợp lệ."))
    if not (kind and label):
        activity = OfficialActivity.objects.filter(official=official).first()
        if activity is not None:
            kind, key, label, step = activity.kind, activity.key, activity.label, activity.step
    kind = kind if kind in ItemKind.values else ItemKind.OTHER
    request = HelpRequest.objects.create(
        session=session,
        official=official,
        kind=kind,
        key=key,
        label=label,
        step=step,
        note=note,
    )
    HelpRequestTransition.objects.create(
        request=request, name="ask", from_state=HelpState.OPEN, to_state=HelpState.OPEN, actor=official
    )
    return request


@transaction.atomic
def help_request_transition(*, session_id: int, request_id: int, transition: str, actor: User) -> HelpRequest:
    """Fire ``transition`` (``claim``, ``resolve``, ``cancel``) on a help request of the session."""
    session = _open_session(session_id)
    request = (
        HelpRequest.objects.select_for_update(of=("self",))
        .filter(pk=request_id, session=session)
        .select_related("official", "claimed_by")
        .first()
    )
    if request is None:
        raise LiveError("not_found", _("Không tìm thấy yêu cầu trợ giúp."))
    if actor.pk == session.trainer_id:
        actor_kind = machines.TRAINER
    elif actor.pk == request.official_id:
        actor_kind = machines.OWNER
    else:
        raise LiveError("forbidden", _("Đây không phải yêu cầu của bạn."))
    return _help_apply(request, transition, actor_kind, actor)


def _help_apply(request: HelpRequest, transition: str, actor_kind: str, actor: User | None) -> HelpRequest:
    step = workflow.fire(
        machines.HELP_REQUEST,
        transition,
        workflow.Context(obj=request, actor=actor_kind),
        record=lambda step: _transition_log(HelpRequestTransition, step, request=request, actor=actor),
    )
    if not step.ok:
        raise LiveError("state", _("Yêu cầu trợ giúp đã được xử lý."))
    if transition == "claim":
        request.claimed_by = actor
    request.save(update_fields=["state", "claimed_by", "updated_at"])
    return request


def _help_broadcasts(session: LiveSession, request: HelpRequest) -> list[Broadcast]:
    """A help request's change goes to the trainer's board and to the official who asked."""
    return _publish_to_people(
        session,
        [session.trainer_id, request.official_id],
        kind="help.changed",
        request=events.help_payload(request),
    )


@transaction.atomic
def help_ask(*, session_id: int, official: User, **fields) -> list[Broadcast]:
    request = help_request_create(session_id=session_id, official=official, **fields)
    return _help_broadcasts(request.session, request)


@transaction.atomic
def help_move(*, session_id: int, request_id: int, transition: str, actor: User) -> list[Broadcast]:
    request = help_request_transition(
        session_id=session_id, request_id=request_id, transition=transition, actor=actor
    )
    return _help_broadcasts(request.session, request)


# --- Pushed cards ------------------------------------------------------------------------------------


def card_push(
    *,
    session_id: int,
    trainer: User,
    kind: str,
    slug: str = "",
    lesson: str | int = "",
    step: str | int = "",
) -> PushedCard:
    """The trainer sends everyone a link card: a practice (``slug``) or a published lesson (its page
    id, ``lesson``), and maybe one of its steps (a practice's step number, a lesson step's id), all
    picked from lists (``selectors.card_items``); the card's title, step and link come from the item,
    never from what was typed."""
    session = _open_session(session_id)
    _require_trainer(session, trainer)
    keys = [_key(value) for value in (kind, slug if kind == ItemKind.SCENARIO else lesson, step)]
    if None in keys:
        raise LiveError("invalid", _("Yêu cầu không hợp lệ."))
    kind, key, step = keys
    target, refused = card_target(kind=kind, key=key, step=step)
    if refused:
        raise LiveError("invalid", next(iter(refused.values())))
    if not same_site_path(target.url):
        raise LiveError("invalid", _("Bài này không mở được trên hệ thống."))
    return PushedCard.objects.create(
        session=session, kind=target.kind, title=target.title, step=target.step, url=target.url
    )


def _key(value) -> str | None:
    """A key as a client sent it: a string, or a number (a page id, a step number); else ``None``."""
    if isinstance(value, bool) or not isinstance(value, str | int | None):
        return None
    return "" if value is None else str(value).strip()


def same_site_path(url: str) -> bool:
    """Whether a link stays on this site as a browser reads it: a path starting with one ``/``.
    Browsers treat ``\\`` as ``/`` and drop tabs and newlines, so ``/\\evil.example/`` is
    ``//evil.example/``, another site; control characters and spaces are refused outright."""
    if any(ord(char) < 0x21 or ord(char) == 0x7F for char in url):
        return False
    normalised = url.replace("\\", "/")
    parts = urlsplit(normalised)
    return (
        normalised.startswith("/")
        and not normalised.startswith("//")
        and not parts.scheme
        and not parts.netloc
    )


@transaction.atomic
def card_send(*, session_id: int, trainer: User, **fields) -> list[Broadcast]:
    card = card_push(session_id=session_id, trainer=trainer, **fields)
    event = publish(
        session_id=session_id, stream=SESSION_STREAM, kind="card.pushed", card=events.card_payload(card)
    )
    return [(events.session_group(session_id), event)]


# --- Polls -------------------------------------------------------------------------------------------


def poll_create(*, session_id: int, trainer: User, question: str, options: list) -> Poll:
    """A quick question with two to six answers (plain text, shown as text)."""
    session = _open_session(session_id)
    _require_trainer(session, trainer)
    question = _text(question, limit=200, message=_("Hãy nhập câu hỏi (tối đa 200 ký tự)."))
    if not question:
        raise LiveError("invalid", _("Hãy nhập câu hỏi (tối đa 200 ký tự)."))
    if not isinstance(options, list):
        raise LiveError("invalid", _("Yêu cầu không hợp lệ."))
    too_long = _("Mỗi lựa chọn tối đa %(limit)s ký tự.") % {"limit": POLL_OPTION_MAX_LENGTH}
    labels = [_text(option, limit=POLL_OPTION_MAX_LENGTH, message=too_long) for option in options]
    labels = [label for label in labels if label]
    if not POLL_MIN_OPTIONS <= len(labels) <= POLL_MAX_OPTIONS:
        raise LiveError(
            "invalid",
            _("Cần từ %(min)s đến %(max)s lựa chọn.") % {"min": POLL_MIN_OPTIONS, "max": POLL_MAX_OPTIONS},
        )
    return Poll.objects.create(session=session, question=question, options=labels)


def _session_poll(session: LiveSession, poll_id) -> Poll:
    poll = Poll.objects.filter(pk=poll_id, session=session).first() if str(poll_id).isdigit() else None
    if poll is None:
        raise LiveError("not_found", _("Không tìm thấy câu hỏi thăm dò."))
    return poll


def poll_vote(*, session_id: int, voter: User, poll_id: int, option: int) -> Poll:
    """A participant answers (or changes their answer) while the poll is open."""
    session = _open_session(session_id)
    _member(session, voter)
    poll = _session_poll(session, poll_id)
    if not poll.is_open:
        raise LiveError("state", _("Câu hỏi thăm dò đã đóng."))
    if not isinstance(option, int) or not 0 <= option < len(poll.options):
        raise LiveError("invalid", _("Lựa chọn không hợp lệ."))
    PollVote.objects.update_or_create(poll=poll, voter=voter, defaults={"option": option})
    return poll


def poll_results_due(*, poll_id: int, every: int) -> bool:
    """Whether this vote should send the poll's results (``every`` seconds later, with the votes
    made meanwhile): the first vote of each window does, in whichever server process it lands (a
    cache key, whole seconds as Redis keeps them), so a crowd voting at once does not send one
    broadcast per vote."""
    return cache.add(f"live:poll-results:{poll_id}", 1, timeout=every)


@transaction.atomic
def poll_results_send(*, session_id: int, poll_id: int) -> list[Broadcast]:
    """Number, store and say what to broadcast: a poll's results as they are now."""
    from live_sessions.selectors import poll_results

    event = publish(
        session_id=session_id, stream=SESSION_STREAM, kind="poll.changed", poll=poll_results(poll_id=poll_id)
    )
    return [(events.session_group(session_id), event)]


def poll_close(*, session_id: int, trainer: User, poll_id: int) -> Poll:
    session = _open_session(session_id)
    _require_trainer(session, trainer)
    poll = _session_poll(session, poll_id)
    if poll.is_open:
        poll.is_open = False
        poll.closed_at = timezone.now()
        poll.save(update_fields=["is_open", "closed_at"])
    return poll


# --- Moderation --------------------------------------------------------------------------------------

MODERATION_ACTIONS = ("mute", "unmute", "remove")


@transaction.atomic
def participant_moderate(*, session_id: int, trainer: User, user_id: int, action: str) -> Participant:
    """The trainer mutes, unmutes or removes a participant. A removed participant's attendance closes
    now, and they cannot join again."""
    session = _open_session(session_id)
    _require_trainer(session, trainer)
    if action not in MODERATION_ACTIONS:
        raise LiveError("invalid", _("Thao tác không hợp lệ."))
    participant = (
        Participant.objects.select_for_update(no_key=True)
        .filter(session=session, user_id=user_id, removed_at__isnull=True)
        .select_related("user")
        .first()
    )
    if participant is None:
        raise LiveError("not_found", _("Không tìm thấy người tham dự."))
    participant.cancelled_requests = []
    if action == "remove":
        now = timezone.now()
        participant.removed_at = now
        participant.hand_raised_at = None
        participant.save(update_fields=["removed_at", "hand_raised_at"])
        participant.connections.all().delete()
        _leave(participant, now)
        for request in HelpRequest.objects.filter(
            session=session, official_id=user_id, state__in=[HelpState.OPEN, HelpState.CLAIMED]
        ).select_related("official", "claimed_by"):
            participant.cancelled_requests.append(_help_apply(request, "cancel", machines.SYSTEM, None))
    else:
        participant.muted = action == "mute"
        participant.save(update_fields=["muted"])
    return participant


@transaction.atomic
def participant_moderate_send(
    *, session_id: int, trainer: User, user_id: int, action: str
) -> list[Broadcast]:
    """Moderate (``participant_moderate``) and say what to broadcast. A removal: ``moderation.removed``
    to their tabs (which then close), ``board.drop`` to the board, ``hand.changed`` (lowered) to
    everyone, and ``help.changed`` for each help request it cancelled; mute and unmute:
    ``moderation.muted`` to their tabs (the caller sends the board its new row)."""
    participant = participant_moderate(session_id=session_id, trainer=trainer, user_id=user_id, action=action)
    member = events.member_group(session_id, user_id)
    if action != "remove":
        event = publish(
            session_id=session_id,
            stream=own_stream(user_id),
            kind="moderation.muted",
            muted=participant.muted,
        )
        return [(member, event)]
    out = [
        (member, events.event("moderation.removed")),
        (events.board_group(session_id), events.event("board.drop", user_id=user_id)),
    ]
    out.append(
        (
            events.session_group(session_id),
            publish(
                session_id=session_id,
                stream=SESSION_STREAM,
                kind="hand.changed",
                hand=events.hand_payload(participant),
            ),
        )
    )
    session = participant.session
    for request in participant.cancelled_requests:
        out.extend(_help_broadcasts(session, request))
    return out


# --- Reminders ---------------------------------------------------------------------------------------


def session_send_reminders(*, session_id: int) -> int:
    """Remind every invitee of a scheduled session: an in-app notification and an e-mail. Each invitee
    is reminded at most once (``ReminderSent``), however often this runs. Returns how many were sent."""
    session = LiveSession.objects.filter(pk=session_id, state=SessionState.SCHEDULED).first()
    if session is None:
        return 0
    url = reverse("live_sessions:detail", kwargs={"pk": session.pk})
    starts = timezone.localtime(session.starts_at)
    messages, sent = [], 0
    for official in invitees_of(session=session).only("pk", "email", "full_name", "username"):
        try:
            with transaction.atomic():
                ReminderSent.objects.create(session=session, user=official)
        except IntegrityError:
            continue  # another run got there first
        sent += 1
        with override(settings.LANGUAGE_CODE):
            subject = _("Nhắc lịch: %(title)s lúc %(time)s") % {
                "title": session.title,
                "time": starts.strftime("%H:%M %d/%m/%Y"),
            }
            body = _(
                'Kính gửi %(name)s,\n\nBuổi hỗ trợ trực tuyến "%(title)s" bắt đầu lúc %(time)s. '
                'Khi buổi mở, vào mục Hỗ trợ trực tuyến và bấm "Vào buổi hỗ trợ": %(url)s\n'
            ) % {
                "name": official.get_full_name(),
                "title": session.title,
                "time": starts.strftime("%H:%M %d/%m/%Y"),
                "url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + url,
            }
        try:
            notify_user(
                user_id=official.pk, notification={"kind": "live_session", "title": subject, "url": url}
            )
        except Exception:  # noqa: BLE001 - the e-mail still goes; the sign-in page lists the session too
            logger.exception("live sessions: in-app reminder to %s failed", official.pk)
        if official.email:
            messages.append(EmailMessage(subject, body, to=[official.email]))
    if messages:
        get_connection().send_messages(messages)
    return sent
