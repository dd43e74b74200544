"""The live board's listener on the activity feed (``progress.registry.on_activity``), registered by
``LiveSessionsConfig.ready``: when an official moves or fails a check, push the new position to the
board of every open session they are in, once the reporting transaction commits. No query at all about
sessions the official is not in."""

from live_sessions import events
from live_sessions.models import Participant, SessionState
from live_sessions.selectors import stuck_reason
from progress.models import OfficialActivity


def board_activity_push(*, activity: OfficialActivity, now) -> None:
    official_id = activity.official_id
    boards = list(
        Participant.objects.filter(
            user_id=official_id, removed_at__isnull=True, session__state=SessionState.OPEN
        ).values_list("session_id", "session__stuck_after_minutes", "session__stuck_after_failures")
    )
    if not boards:
        return
    payload = events.activity_payload(activity, now)
    for session_id, minutes, failures in boards:
        events.send_after_commit(
            events.board_group(session_id),
            events.event(
                "board.activity",
                user_id=official_id,
                activity=payload,
                stuck=stuck_reason(activity, minutes=minutes, failures=failures, now=now),
            ),
        )
