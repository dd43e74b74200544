"""django-q2 tasks: the reminder before a session, its automatic end, the nightly prune of stored
frames. Arguments are ids."""

from live_sessions import events, services


def session_remind(session_id: int) -> int:
    """Remind the invitees of a session that starts soon (each at most once)."""
    return services.session_send_reminders(session_id=session_id)


def session_end_due(session_id: int) -> None:
    """End a session whose time is over, if its trainer has not: attendance reaches the ledger."""
    try:
        session = services.session_transition(session_id=session_id, transition="end", actor=None)
    except services.LiveError:
        return  # already ended
    events.send(events.session_group(session.pk), events.session_ended_event(session))


def live_events_prune() -> int:
    """Nightly: delete the stored numbered frames no client can ask for any more."""
    return services.live_events_prune()
