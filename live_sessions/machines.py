"""The two state machines of live sessions, declared with the workflow core (``core.workflow``): for
each transition, the states it leaves from, the state it reaches, and who may fire it. ``services`` is
the only caller (``session_transition``, ``help_request_transition``)."""

from django.utils.translation import gettext_lazy as _

from core.workflow import SYSTEM, Transition, Workflow
from live_sessions.models import HelpState, SessionState

# Who fires a transition: the session's trainer, the official who asked for help, or the platform
# itself (the scheduled end of a session).
TRAINER = "trainer"
OWNER = "owner"

__all__ = ["HELP_REQUEST", "OWNER", "SESSION_LIFECYCLE", "SYSTEM", "TRAINER"]

SESSION_LIFECYCLE = Workflow.of(
    name="session",
    label=_("Buổi hỗ trợ trực tuyến"),
    states=dict(SessionState.choices),
    transitions=[
        Transition("open", _("Mở buổi hỗ trợ"), (SessionState.SCHEDULED,), SessionState.OPEN, (TRAINER,)),
        # A session that never opened may be ended too (called off, or its time passed).
        Transition(
            "end",
            _("Kết thúc buổi hỗ trợ"),
            (SessionState.SCHEDULED, SessionState.OPEN),
            SessionState.ENDED,
            (TRAINER, SYSTEM),
        ),
    ],
)

HELP_REQUEST = Workflow.of(
    name="help_request",
    label=_("Yêu cầu trợ giúp"),
    states=dict(HelpState.choices),
    transitions=[
        Transition("claim", _("Nhận hỗ trợ"), (HelpState.OPEN,), HelpState.CLAIMED, (TRAINER,)),
        Transition(
            "resolve",
            _("Đã giải quyết"),
            (HelpState.OPEN, HelpState.CLAIMED),
            HelpState.RESOLVED,
            (TRAINER,),
        ),
        # The official withdraws it, or the session ends with it still pending.
        Transition(
            "cancel",
            _("Hủy yêu cầu"),
            (HelpState.OPEN, HelpState.CLAIMED),
            HelpState.CANCELLED,
            (OWNER, SYSTEM),
        ),
    ],
)
