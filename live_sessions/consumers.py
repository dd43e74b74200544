"""The session socket, ``ws/live/<session_id>/``: one per open tab of the trainer or a participant.

Thin by design: each client message is parsed, handed to one service through
``database_sync_to_async``, and the result broadcast to the session's group, its trainer's board
group, or one member's group. Every message type (docs/live-protocol.md) is handled by the method of
the same name: ``"chat.send"`` from a client by ``chat_send``, ``"chat.message"`` from the channel
layer by ``chat_message``. Nothing is kept in this process that another process needs.
"""

import asyncio
import json
import logging
from urllib.parse import parse_qs

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.conf import settings
from django.utils import timezone, translation

from live_sessions import events, selectors, services
from live_sessions.services import JoinRefused, LiveError

logger = logging.getLogger(__name__)

# What a client may send; anything else (including the server's own event types) is refused.
CLIENT_MESSAGES = frozenset(
    {
        "heartbeat",
        "chat.send",
        "hand.raise",
        "hand.lower",
        "help.ask",
        "help.cancel",
        "help.claim",
        "help.resolve",
        "card.push",
        "poll.create",
        "poll.vote",
        "poll.close",
        "participant.mute",
        "participant.unmute",
        "participant.remove",
        "session.end",
        "board.refresh",
        "resync",
    }
)
TRAINER_MESSAGES = frozenset(
    {
        "help.claim",
        "help.resolve",
        "card.push",
        "poll.create",
        "poll.close",
        "participant.mute",
        "participant.unmute",
        "participant.remove",
        "session.end",
        "board.refresh",
    }
)
# Channel-layer events (``events.event``): each only forwards its frame, without the database.
FORWARDED_EVENTS = frozenset(
    {
        "chat.message",
        "hand.changed",
        "help.changed",
        "card.pushed",
        "poll.changed",
        "board.row",
        "board.drop",
        "board.activity",
        "moderation.muted",
        "moderation.removed",
        "session.ended",
    }
)
MAX_FRAME = 8 * 1024
# Sent after ``resync_gone``: not a final code, so the page connects again and takes the whole state.
RELOAD_CLOSE_CODE = 4000
# Live poll results go out at most once a second per poll, whatever the number of voters.
POLL_RESULTS_EVERY = 1
# Ids and cursors are database integers: longer digit strings are refused before ``int()``.
MAX_DIGITS = 18


def _language(scope) -> str:
    chosen = (scope.get("cookies") or {}).get(settings.LANGUAGE_COOKIE_NAME, "")
    return chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def _number(value: str) -> int | None:
    return int(value) if value.isdigit() and len(value) <= MAX_DIGITS and value.isascii() else None


def _after(scope) -> int:
    """The ``?after=`` cursor: a chat message id; anything else (not a number, or more digits than
    any id has) counts as absent."""
    value = parse_qs(scope.get("query_string", b"").decode("latin-1")).get("after", ["0"])[0]
    return _number(value) or 0


def _int(value) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 2**63 else None


def _invalid() -> LiveError:
    return LiveError("invalid", str(services.ERROR_MESSAGES["invalid"]))


# Clean-ups that must finish even if their consumer is cancelled: referenced until done.
_RUNNING: set[asyncio.Future] = set()


def _keep(coroutine) -> asyncio.Future:
    task = asyncio.ensure_future(coroutine)
    _RUNNING.add(task)
    task.add_done_callback(_RUNNING.discard)
    return task


class LiveSessionConsumer(AsyncJsonWebsocketConsumer):
    entry: services.Entry | None = None
    groups_joined: tuple[str, ...] = ()
    # Set as soon as the server reports the socket closed, even while ``connect`` is still running.
    client_gone = False
    # ``connect`` finished with the socket open and the join stored.
    joined = False

    async def __call__(self, scope, receive, send):
        """Read the server's messages as they come, not only between handlers: a handshake the server
        gave up on, or a client that left, is known while ``connect`` is still storing the join."""
        inbox: asyncio.Queue = asyncio.Queue()

        async def pump():
            while True:
                message = await receive()
                if message.get("type") == "websocket.disconnect":
                    self.client_gone = True
                inbox.put_nowait(message)
                if self.client_gone:
                    return

        pumping = asyncio.ensure_future(pump())
        try:
            return await super().__call__(scope, inbox.get, send)
        finally:
            pumping.cancel()

    # --- Connection -----------------------------------------------------------------------------------

    async def _refuse(self, close_code: int, code: str, message: str = ""):
        await self.accept()
        await self._error(code, message, None, request_key=False)
        await self.close(code=close_code)

    async def connect(self):
        self.language = _language(self.scope)
        self.started_at = timezone.now()
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self._refuse(4401, "unauthenticated")
            return
        if user.must_change_password:
            await self._refuse(4428, "password_change")
            return
        self.user = user
        session_id = _number(str(self.scope["url_route"]["kwargs"]["session_id"]))
        if session_id is None:
            await self._refuse(4404, "not_found")
            return
        self.session_id = session_id
        # Accept before the database work: when a whole session joins at once, the handshake must not
        # wait behind other sockets' queries (the server drops handshakes after a few seconds). A
        # refusal still closes with its own code before anything is sent.
        await self.accept()
        try:
            await self._join(user)
        except asyncio.CancelledError:
            # The server gave up on this socket while its join was being stored: undo it on the
            # process's database thread, after the join itself (the same thread runs both in turn).
            _keep(self._abandon())
            raise
        except Exception:  # noqa: BLE001 - whatever failed, no seat or row stays behind
            logger.exception("live session %s: joining failed", self.session_id)
            await self._abandon()
            await self.close(code=1011)

    async def _join(self, user):
        if self.client_gone:
            return  # the handshake did not complete: nothing is stored
        try:
            with translation.override(self.language):
                entry = await database_sync_to_async(services.participant_connect)(
                    session_id=self.session_id, user=user, channel_name=self.channel_name
                )
        except JoinRefused as refused:
            await self.send_json({"type": "error", "code": refused.code, "message": refused.message})
            await self.close(code=refused.close_code)
            return
        self.entry = entry
        self.trainer_id = entry.session.trainer_id
        if self.client_gone:
            return  # ``disconnect`` (next) undoes the join
        self.groups_joined = (
            events.session_group(self.session_id),
            events.member_group(self.session_id, user.pk),
            *((events.board_group(self.session_id),) if entry.is_trainer else ()),
        )
        for group in self.groups_joined:
            await self.channel_layer.group_add(group, self.channel_name)
        for message in await database_sync_to_async(selectors.join_messages)(
            session=entry.session, user=user, participant=entry.participant, after=_after(self.scope)
        ):
            await self.send_json(message)
        self.joined = not self.client_gone
        if entry.arrived and self.joined:
            await self._send_board_row(user.pk)

    async def _abandon(self):
        user = getattr(self, "user", None)
        if user is None or user.pk == getattr(self, "trainer_id", None):
            return
        await database_sync_to_async(services.participant_abandon)(
            session_id=self.session_id, user_id=user.pk, channel_name=self.channel_name, since=self.started_at
        )

    async def disconnect(self, code):
        """Attendance closes on every disconnect, whatever happened before. The server cancels a
        consumer that takes more than a few seconds to finish after its socket closed (a crowd leaving
        at once queues on the process's database thread): the clean-up goes on regardless."""
        await asyncio.shield(_keep(self._leave()))

    async def _leave(self):
        try:
            if getattr(self, "session_id", None) is not None and not self.joined:
                await self._abandon()
            elif self.entry is not None and not self.entry.is_trainer:
                left = await database_sync_to_async(services.participant_disconnect)(
                    channel_name=self.channel_name
                )
                if left is not None and left.removed_at is None:
                    await self._send_board_row(left.user_id)
        finally:
            for group in self.groups_joined:
                await self.channel_layer.group_discard(group, self.channel_name)

    async def receive(self, text_data=None, bytes_data=None, **kwargs):
        if self.entry is None or not self.joined:  # refused, and closing: the rest is dropped
            return
        if text_data is None or len(text_data) > MAX_FRAME:
            await self._error("invalid", "", None)
            return
        try:
            content = json.loads(text_data)
        except ValueError:
            await self._error("invalid", "", None)
            return
        await self.receive_json(content)

    async def receive_json(self, content, **kwargs):
        kind = content.get("type") if isinstance(content, dict) else None
        if not isinstance(kind, str) or kind not in CLIENT_MESSAGES:
            await self._error("unknown_type", "", kind if isinstance(kind, str) else None)
            return
        if kind in TRAINER_MESSAGES and not self.entry.is_trainer:
            await self._error("forbidden", "", kind)
            return
        with translation.override(self.language):
            try:
                await getattr(self, kind.replace(".", "_"))(content)
            except LiveError as refused:
                await self._error(refused.code, str(refused.message), kind)
            except Exception:  # noqa: BLE001 - one failed request must not drop the socket
                logger.exception("live session %s: %s failed", self.session_id, kind)
                await self._error("server_error", "", kind)

    async def _error(self, code: str, message: str, request: str | None, *, request_key: bool = True):
        if not message:
            with translation.override(self.language):
                message = str(services.ERROR_MESSAGES[code])
        frame = {"type": "error", "code": code, "message": message}
        if request_key:
            frame["request"] = request[:64] if request else request
        await self.send_json(frame)

    async def _group(self, group: str, event: dict):
        await self.channel_layer.group_send(group, event)

    async def _broadcast(self, service, **arguments):
        """Run a service that stores a change and returns its broadcasts; send them in order."""
        for group, event in await database_sync_to_async(service)(**arguments):
            await self._group(group, event)

    async def _send_board_row(self, user_id: int):
        rows = await database_sync_to_async(selectors.board_rows)(
            session=self.entry.session, user_ids=[user_id]
        )
        for row in rows:
            await self._group(events.board_group(self.session_id), events.event("board.row", row=row))

    # --- Client messages ------------------------------------------------------------------------------

    async def heartbeat(self, content):
        positions = await database_sync_to_async(self._heartbeat_sync)()
        await self.send_json({"type": "heartbeat.ack", "seq": positions})

    def _heartbeat_sync(self):
        services.connection_heartbeat(channel_name=self.channel_name)
        return selectors.stream_positions(session_id=self.session_id, user_id=self.user.pk)

    async def resync(self, content):
        """Send again, in order, the numbered frames after the client's last ones (it saw a gap)."""
        session_after, own_after = _int(content.get("session")), _int(content.get("own"))
        if session_after is None or own_after is None:
            raise _invalid()
        try:
            frames, more = await database_sync_to_async(selectors.stream_replay)(
                session_id=self.session_id,
                user_id=self.user.pk,
                session_after=session_after,
                own_after=own_after,
            )
        except selectors.ReplayGone:
            # Pruned: the client takes the whole state again by reconnecting (session.state, chat).
            await self._error("resync_gone", "", "resync")
            await self.close(code=RELOAD_CLOSE_CODE)
            return
        for frame in frames:
            await self.send(text_data=frame)
        await self.send_json({"type": "resync.done", "more": more})

    async def chat_send(self, content):
        await self._broadcast(
            services.chat_send, session_id=self.session_id, author=self.user, body=content.get("body")
        )

    async def hand_raise(self, content):
        await self._hand(raised=True, target=None)

    async def hand_lower(self, content):
        target = None
        if self.entry.is_trainer and content.get("user_id") is not None:
            target = _int(content.get("user_id"))
            if target is None:
                raise _invalid()
        await self._hand(raised=False, target=target)

    async def _hand(self, *, raised: bool, target: int | None):
        await self._broadcast(
            services.hand_send,
            session_id=self.session_id,
            user=self.user,
            raised=raised,
            target_user_id=target,
        )

    async def help_ask(self, content):
        await self._broadcast(
            services.help_ask,
            session_id=self.session_id,
            official=self.user,
            **{field: content.get(field, "") for field in ("note", "kind", "key", "label", "step")},
        )

    async def help_cancel(self, content):
        await self._help_transition(content, "cancel")

    async def help_claim(self, content):
        await self._help_transition(content, "claim")

    async def help_resolve(self, content):
        await self._help_transition(content, "resolve")

    async def _help_transition(self, content, transition: str):
        request_id = _int(content.get("request_id"))
        if request_id is None:
            raise _invalid()
        await self._broadcast(
            services.help_move,
            session_id=self.session_id,
            request_id=request_id,
            transition=transition,
            actor=self.user,
        )

    async def card_push(self, content):
        await self._broadcast(
            services.card_send,
            session_id=self.session_id,
            trainer=self.user,
            **{field: content.get(field, "") for field in ("kind", "slug", "lesson", "step")},
        )

    async def poll_create(self, content):
        poll = await database_sync_to_async(services.poll_create)(
            session_id=self.session_id,
            trainer=self.user,
            question=content.get("question", ""),
            options=content.get("options"),
        )
        await self._send_poll_results(poll.pk)

    async def poll_vote(self, content):
        poll_id, option = _int(content.get("poll_id")), _int(content.get("option"))
        if poll_id is None or option is None:
            raise _invalid()
        poll = await database_sync_to_async(services.poll_vote)(
            session_id=self.session_id, voter=self.user, poll_id=poll_id, option=option
        )
        await self.send_json({"type": "poll.voted", "poll_id": poll.pk, "option": option})
        if await database_sync_to_async(services.poll_results_due)(poll_id=poll.pk, every=POLL_RESULTS_EVERY):
            asyncio.ensure_future(self._send_poll_results(poll.pk, delay=POLL_RESULTS_EVERY))

    async def poll_close(self, content):
        poll_id = _int(content.get("poll_id"))
        if poll_id is None:
            raise _invalid()
        poll = await database_sync_to_async(services.poll_close)(
            session_id=self.session_id, trainer=self.user, poll_id=poll_id
        )
        await self._send_poll_results(poll.pk)

    async def _send_poll_results(self, poll_id: int, delay: float = 0):
        if delay:
            await asyncio.sleep(delay)
        await self._broadcast(services.poll_results_send, session_id=self.session_id, poll_id=poll_id)

    async def participant_mute(self, content):
        await self._moderate(content, "mute")

    async def participant_unmute(self, content):
        await self._moderate(content, "unmute")

    async def participant_remove(self, content):
        await self._moderate(content, "remove")

    async def _moderate(self, content, action: str):
        user_id = _int(content.get("user_id"))
        if user_id is None:
            raise _invalid()
        await self._broadcast(
            services.participant_moderate_send,
            session_id=self.session_id,
            trainer=self.user,
            user_id=user_id,
            action=action,
        )
        if action != "remove":
            await self._send_board_row(user_id)

    async def session_end(self, content):
        session = await database_sync_to_async(services.session_transition)(
            session_id=self.session_id, transition="end", actor=self.user
        )
        await self._group(events.session_group(self.session_id), events.session_ended_event(session))

    async def board_refresh(self, content):
        rows = await database_sync_to_async(selectors.board_rows)(session=self.entry.session)
        await self.send_json({"type": "board.update", "rows": rows, "at": events.iso(timezone.now())})

    # --- Channel-layer events, forwarded to the client as they come (``events.event``) ----------------

    async def dispatch(self, message):
        """Channels runs ``close_old_connections`` in the process's one thread-sensitive thread before
        every handler. For a channel-layer event that only forwards a prepared frame (no database),
        that hop queued each of a process's hundreds of consumers behind the others and behind any
        query: measured in bench/live_bench.py (a), a median 89 ms and p99 664 ms per consumer, the
        bulk of a chat message's latency. Those events skip it; client messages keep it, and every
        database call still goes through ``database_sync_to_async``, which closes old connections."""
        if message.get("type") in FORWARDED_EVENTS:
            await getattr(self, message["type"].replace(".", "_"))(message)
            return
        await super().dispatch(message)

    async def _forward(self, event):
        await self.send(text_data=event["frame"])

    chat_message = _forward
    hand_changed = _forward
    help_changed = _forward
    card_pushed = _forward
    poll_changed = _forward
    board_row = _forward
    board_drop = _forward
    board_activity = _forward
    moderation_muted = _forward

    async def moderation_removed(self, event):
        await self._forward(event)
        await self.close(code=4423)

    async def session_ended(self, event):
        await self._forward(event)
        await self.close(code=4410)
