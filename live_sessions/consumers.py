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
# Live poll results go out at most once a second per poll, whatever the number of voters.
POLL_RESULTS_EVERY = 1


def _language(scope) -> str:
    chosen = (scope.get("cookies") or {}).get(settings.LANGUAGE_COOKIE_NAME, "")
    return chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def _after(scope) -> int:
    value = parse_qs(scope.get("query_string", b"").decode("latin-1")).get("after", ["0"])[0]
    return int(value) if value.isdigit() else 0


def _int(value) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


class LiveSessionConsumer(AsyncJsonWebsocketConsumer):
    entry: services.Entry | None = None
    groups_joined: tuple[str, ...] = ()

    # --- Connection -----------------------------------------------------------------------------------

    async def connect(self):
        self.language = _language(self.scope)
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self.accept()
            await self.close(code=4401)
            return
        self.user = user
        self.session_id = int(self.scope["url_route"]["kwargs"]["session_id"])
        # Accept before the database work: when a whole session joins at once, the handshake must not
        # wait behind other sockets' queries (the server drops handshakes after a few seconds). A
        # refusal still closes with its own code before anything is sent.
        await self.accept()
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
        if entry.arrived:
            await self._send_board_row(user.pk)

    async def disconnect(self, code):
        for group in self.groups_joined:
            await self.channel_layer.group_discard(group, self.channel_name)
        if self.entry is not None and not self.entry.is_trainer:
            left = await database_sync_to_async(services.participant_disconnect)(
                channel_name=self.channel_name
            )
            if left is not None and left.removed_at is None:
                await self._send_board_row(left.user_id)

    async def receive(self, text_data=None, bytes_data=None, **kwargs):
        if self.entry is None:  # refused, and closing: whatever else the client sent is dropped
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
        if kind not in CLIENT_MESSAGES:
            await self._error("unknown_type", "", kind)
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

    async def _error(self, code: str, message: str, request: str | None):
        if not message:
            with translation.override(self.language):
                message = str(services.ERROR_MESSAGES[code])
        await self.send_json({"type": "error", "code": code, "message": message, "request": request})

    async def _group(self, group: str, event: dict):
        await self.channel_layer.group_send(group, event)

    async def _send_board_row(self, user_id: int):
        rows = await database_sync_to_async(selectors.board_rows)(
            session=self.entry.session, user_ids=[user_id]
        )
        for row in rows:
            await self._group(events.board_group(self.session_id), events.event("board.row", row=row))

    # --- Client messages ------------------------------------------------------------------------------

    async def heartbeat(self, content):
        await database_sync_to_async(services.connection_heartbeat)(channel_name=self.channel_name)
        await self.send_json({"type": "heartbeat.ack"})

    async def chat_send(self, content):
        message = await database_sync_to_async(services.chat_post)(
            session_id=self.session_id, author=self.user, body=content.get("body")
        )
        payload = events.chat_payload(message, trainer_id=self.trainer_id)
        await self._group(
            events.session_group(self.session_id), events.event("chat.message", message=payload)
        )

    async def hand_raise(self, content):
        await self._hand(raised=True, target=None)

    async def hand_lower(self, content):
        await self._hand(raised=False, target=_int(content.get("user_id")) if self.entry.is_trainer else None)

    async def _hand(self, *, raised: bool, target: int | None):
        participant = await database_sync_to_async(services.hand_set)(
            session_id=self.session_id, user=self.user, raised=raised, target_user_id=target
        )
        await self._group(
            events.session_group(self.session_id),
            events.event("hand.changed", hand=events.hand_payload(participant)),
        )

    async def help_ask(self, content):
        request = await database_sync_to_async(services.help_request_create)(
            session_id=self.session_id,
            official=self.user,
            note=content.get("note", ""),
            kind=content.get("kind", ""),
            key=content.get("key", ""),
            label=content.get("label", ""),
            step=content.get("step", ""),
        )
        await self._help_changed(request)

    async def help_cancel(self, content):
        await self._help_transition(content, "cancel")

    async def help_claim(self, content):
        await self._help_transition(content, "claim")

    async def help_resolve(self, content):
        await self._help_transition(content, "resolve")

    async def _help_transition(self, content, transition: str):
        request_id = _int(content.get("request_id"))
        if request_id is None:
            raise LiveError("invalid", str(services.ERROR_MESSAGES["invalid"]))
        request = await database_sync_to_async(services.help_request_transition)(
            session_id=self.session_id, request_id=request_id, transition=transition, actor=self.user
        )
        await self._help_changed(request)

    async def _help_changed(self, request):
        event = events.event("help.changed", request=events.help_payload(request))
        await self._group(events.board_group(self.session_id), event)
        await self._group(events.member_group(self.session_id, request.official_id), event)

    async def card_push(self, content):
        card = await database_sync_to_async(services.card_push)(
            session_id=self.session_id,
            trainer=self.user,
            kind=content.get("kind", ""),
            title=content.get("title", ""),
            step=content.get("step", ""),
            slug=content.get("slug", ""),
            url=content.get("url", ""),
        )
        await self._group(
            events.session_group(self.session_id), events.event("card.pushed", card=events.card_payload(card))
        )

    async def poll_create(self, content):
        poll = await database_sync_to_async(services.poll_create)(
            session_id=self.session_id,
            trainer=self.user,
            question=content.get("question", ""),
            options=content.get("options") if isinstance(content.get("options"), list) else [],
        )
        await self._send_poll_results(poll.pk)

    async def poll_vote(self, content):
        poll = await database_sync_to_async(services.poll_vote)(
            session_id=self.session_id,
            voter=self.user,
            poll_id=_int(content.get("poll_id")),
            option=_int(content.get("option")),
        )
        await self.send_json({"type": "poll.voted", "poll_id": poll.pk, "option": content.get("option")})
        if await database_sync_to_async(services.poll_results_due)(poll_id=poll.pk, every=POLL_RESULTS_EVERY):
            asyncio.ensure_future(self._send_poll_results(poll.pk, delay=POLL_RESULTS_EVERY))

    async def poll_close(self, content):
        poll = await database_sync_to_async(services.poll_close)(
            session_id=self.session_id, trainer=self.user, poll_id=_int(content.get("poll_id"))
        )
        await self._send_poll_results(poll.pk)

    async def _send_poll_results(self, poll_id: int, delay: float = 0):
        if delay:
            await asyncio.sleep(delay)
        payload = await database_sync_to_async(selectors.poll_results)(poll_id=poll_id)
        await self._group(events.session_group(self.session_id), events.event("poll.changed", poll=payload))

    async def participant_mute(self, content):
        await self._moderate(content, "mute")

    async def participant_unmute(self, content):
        await self._moderate(content, "unmute")

    async def participant_remove(self, content):
        await self._moderate(content, "remove")

    async def _moderate(self, content, action: str):
        user_id = _int(content.get("user_id"))
        if user_id is None:
            raise LiveError("invalid", str(services.ERROR_MESSAGES["invalid"]))
        participant = await database_sync_to_async(services.participant_moderate)(
            session_id=self.session_id, trainer=self.user, user_id=user_id, action=action
        )
        member = events.member_group(self.session_id, user_id)
        if action == "remove":
            await self._group(member, events.event("moderation.removed"))
            await self._group(
                events.board_group(self.session_id), events.event("board.drop", user_id=user_id)
            )
            await self._group(
                events.session_group(self.session_id),
                events.event("hand.changed", hand=events.hand_payload(participant)),
            )
        else:
            await self._group(member, events.event("moderation.muted", muted=participant.muted))
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
