"""The two state machines of live sessions, written as data: for each transition, the states it
leaves from, the state it reaches, and who may fire it. ``services`` is the only caller."""

from dataclasses import dataclass

from live_sessions.models import HelpState, SessionState

# Who fires a transition: the session's trainer, the official who asked for help, or the platform
# itself (the scheduled end of a session).
TRAINER = "trainer"
OWNER = "owner"
SYSTEM = "system"


@dataclass(frozen=True)
class Transition:
    sources: frozenset[str]
    target: str
    actors: frozenset[str]


class TransitionRefused(Exception):
    """The transition does not exist, does not leave from the current state, or not for this actor."""


@dataclass(frozen=True)
class StateMachine:
    name: str
    transitions: dict[str, Transition]

    def target(self, *, transition: str, state: str, actor: str) -> str:
        """The state ``transition`` leads to from ``state`` when ``actor`` fires it, or refuse."""
        rule = self.transitions.get(transition)
        if rule is None or state not in rule.sources or actor not in rule.actors:
            raise TransitionRefused(f"{self.name}: {transition} from {state} by {actor}")
        return rule.target


SESSION_LIFECYCLE = StateMachine(
    name="session",
    transitions={
        "open": Transition(
            sources=frozenset({SessionState.SCHEDULED}), target=SessionState.OPEN, actors=frozenset({TRAINER})
        ),
        # A session that never opened may be ended too (called off, or its time passed).
        "end": Transition(
            sources=frozenset({SessionState.SCHEDULED, SessionState.OPEN}),
            target=SessionState.ENDED,
            actors=frozenset({TRAINER, SYSTEM}),
        ),
    },
)

HELP_REQUEST = StateMachine(
    name="help_request",
    transitions={
        "claim": Transition(
            sources=frozenset({HelpState.OPEN}), target=HelpState.CLAIMED, actors=frozenset({TRAINER})
        ),
        "resolve": Transition(
            sources=frozenset({HelpState.OPEN, HelpState.CLAIMED}),
            target=HelpState.RESOLVED,
            actors=frozenset({TRAINER}),
        ),
        # The official withdraws it, or the session ends with it still pending.
        "cancel": Transition(
            sources=frozenset({HelpState.OPEN, HelpState.CLAIMED}),
            target=HelpState.CANCELLED,
            actors=frozenset({OWNER, SYSTEM}),
        ),
    },
)
