"""What goes over the wire: group names, the payloads of server-to-client messages, and sending them
from synchronous code (views, tasks, ``activity_report``) once the database has committed.

Every session has one group for everyone in it, one for its trainer's live board, and one per member
(all the tabs of one person, on whichever server process each tab is connected to).
"""

import json
import logging

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction
from django.utils import timezone

logger = logging.getLogger(__name__)


def session_group(session_id: int) -> str:
    return f"live.{session_id}"


def board_group(session_id: int) -> str:
    return f"live.{session_id}.board"


def member_group(session_id: int, user_id: int) -> str:
    return f"live.{session_id}.u.{user_id}"


SESSION_STREAM = "s"


def own_stream(user_id: int) -> str:
    """The stream of what only one person's tabs receive (for the trainer: their board)."""
    return f"u{user_id}"


def stream_name(stream: str) -> str:
    """What the client calls a stream: ``"session"`` (everyone) or ``"own"`` (this person only)."""
    return "session" if stream == SESSION_STREAM else "own"


def iso(value) -> str | None:
    return value.isoformat() if value else None


def person(user) -> dict:
    return {"id": user.pk, "name": user.get_full_name()}


def chat_payload(message, *, trainer_id: int) -> dict:
    author = message.author
    return {
        "id": message.pk,
        "author": {**person(author), "trainer": author.pk == trainer_id},
        "body": message.body,
        "at": iso(message.created_at),
    }


def hand_payload(participant) -> dict:
    return {
        "user_id": participant.user_id,
        "name": participant.user.get_full_name(),
        "raised": participant.hand_raised_at is not None and participant.removed_at is None,
        "at": iso(participant.hand_raised_at),
    }


def event(kind: str, **payload) -> dict:
    """A channel-layer event of type ``kind`` carrying the client's frame ready to send: encoded once
    per broadcast rather than once per socket (a session may have a thousand)."""
    return {"type": kind, "frame": json.dumps({"type": kind, **payload}, ensure_ascii=False)}


def session_ended_event(session) -> dict:
    return event("session.ended", session_id=session.pk, at=iso(session.ended_at))


def help_payload(request) -> dict:
    return {
        "id": request.pk,
        "official": person(request.official),
        "kind": request.kind,
        "key": request.key,
        "label": request.label,
        "step": request.step,
        "note": request.note,
        "state": request.state,
        "claimed_by": person(request.claimed_by) if request.claimed_by_id else None,
        "at": iso(request.created_at),
    }


def card_payload(card) -> dict:
    return {
        "id": card.pk,
        "kind": card.kind,
        "title": card.title,
        "step": card.step,
        "url": card.url,
        "at": iso(card.created_at),
    }


def poll_payload(poll, counts: dict[int, int]) -> dict:
    """``counts`` maps an option index to its votes."""
    return {
        "id": poll.pk,
        "question": poll.question,
        "open": poll.is_open,
        "options": [
            {"index": index, "label": label, "votes": counts.get(index, 0)}
            for index, label in enumerate(poll.options)
        ],
        "total": sum(counts.values()),
    }


def activity_payload(activity, now=None) -> dict | None:
    if activity is None:
        return None
    now = now or timezone.now()
    return {
        "kind": activity.kind,
        "key": activity.key,
        "label": activity.label,
        "step": activity.step,
        "since": iso(activity.since),
        "seconds": max(0, int((now - activity.since).total_seconds())),
        "failed_checks": activity.failed_checks,
    }


def send(group: str, event: dict) -> None:
    """Send ``event`` to ``group`` now, from synchronous code. A failing channel layer is logged, not
    raised: the change is already stored, and clients catch up on their next reconnect or refresh."""
    try:
        async_to_sync(get_channel_layer().group_send)(group, event)
    except Exception:  # noqa: BLE001 - see the docstring
        logger.exception("live sessions: could not send %s to %s", event.get("type"), group)


def send_after_commit(group: str, event: dict) -> None:
    """Send once the surrounding transaction commits (at once outside a transaction)."""
    transaction.on_commit(lambda: send(group, event))
