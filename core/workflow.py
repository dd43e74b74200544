"""The one state-machine core: every workflow of the platform is declared with these types, as data.

A :class:`Workflow` names its states and its :class:`Transition` s. A transition says where it may
start (``sources``), where it leads (``target``; ``None`` stays put: an internal transition that only
records or edits), which actors may fire it, the guards that must pass (each returns a refusal message,
already translated, or ``None``) and the effects that apply it. ``offered`` lists states where the
action is shown although it is refused there (a drill); ``internal`` marks a transition fired by the
platform itself (a timer, a worker), never by a button.

:func:`fire` is the one algorithm behind every app's transition service: it checks (state, actor,
the caller's extra checks, the guards, in that order), applies (effects, then the caller's ``store``)
and hands every attempt, allowed or refused, to the caller's ``record``. The apps keep their own
service function (``sandbox.services.transition_apply``, ``quizzes.services.attempt_transition``…)
that says how their objects are locked, saved and logged.

This module imports no app of the project (the ``core`` layer is the bottom of the house)::

    REVIEW = Workflow.of(
        name="review",
        label=_("Duyệt"),
        states={"draft": _("Nháp"), "done": _("Đã duyệt")},
        transitions=[
            Transition("approve", _("Duyệt"), ("draft",), "done", ("leader",), guards=(has_body,)),
            Transition("note", _("Ghi chú"), ("draft", "done"), None, ("leader", "clerk")),
        ],
    )
    step = fire(REVIEW, "approve", Context(obj=doc, actor="leader"), store=save_status)
    if not step.ok:
        show(step.message)
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

Guard = Callable[["Context"], str | None]
Effect = Callable[["Context"], None]
# Builds the message of a refusal that is not a guard's: (workflow, transition, context) -> text.
Refuser = Callable[["Workflow", "Transition", "Context"], str]

# The platform itself (a scheduled task, a worker, the simulated outside world) as an actor.
SYSTEM = "system"

# Why a transition was refused (``Step.refused``).
UNKNOWN, STATE, ACTOR, CHECK, GUARD, STALE = "unknown", "state", "actor", "check", "guard", "stale"


@dataclass(kw_only=True)
class Context:
    """What guards and effects see. ``data`` is the input of the attempt; ``facts`` are what guards and
    effects learn on the way (a number assigned, a warning), kept with the attempt's record."""

    obj: Any
    actor: str
    data: dict = field(default_factory=dict)
    now: datetime | None = None
    facts: dict = field(default_factory=dict)

    def text(self, key: str) -> str:
        return str(self.data.get(key) or "").strip()

    @property
    def today(self) -> date:
        from django.utils import timezone

        return timezone.localtime(self.now).date()


@dataclass(frozen=True)
class Transition:
    name: str
    label: Any
    sources: tuple[str, ...]
    target: str | None
    actors: tuple[str, ...]
    guards: tuple[Guard, ...] = ()
    effects: tuple[Effect, ...] = ()
    # Input the action's form asks for.
    fields: tuple[str, ...] = ()
    # States where the action is offered although it is refused there (drills).
    offered: tuple[str, ...] = ()
    # The refusal message in an ``offered`` state that is not a source (instead of the workflow's).
    wrong_state: Callable[["Context"], str] | None = None
    # Fired by a service (timers, workers, the simulated outside world), never by an action button.
    internal: bool = False

    def __post_init__(self) -> None:
        if not self.actors:
            raise ValueError(f"transition {self.name}: nobody may fire it")
        if not self.sources:
            raise ValueError(f"transition {self.name}: it starts from no state")

    def offered_in(self, state: str) -> bool:
        return state in self.sources or state in self.offered

    def target_from(self, state: str) -> str:
        return state if self.target is None else self.target


def _internal_message(workflow: "Workflow", transition: "Transition", ctx: "Context") -> str:
    # Never shown to a person: the apps whose refusals reach users give their own (translated) text.
    state = getattr(ctx.obj, workflow.state_field, "?")
    return f"{workflow.name}: {transition.name} refused (state {state}, actor {ctx.actor})"


@dataclass(frozen=True, eq=False)
class Workflow:
    name: str
    label: Any
    states: dict[str, Any]
    transitions: dict[str, Transition]
    # The attribute of the object that holds its state.
    state_field: str = "state"
    state_refused: Refuser = _internal_message
    actor_refused: Refuser = _internal_message

    @classmethod
    def of(
        cls,
        *,
        name: str,
        label: Any = "",
        states: dict[str, Any],
        transitions: Iterable[Transition],
        **options: Any,
    ) -> "Workflow":
        """Declare a workflow; refuses a definition whose transitions name a state it does not list or
        repeat a name."""
        table: dict[str, Transition] = {}
        for transition in transitions:
            if transition.name in table:
                raise ValueError(f"workflow {name}: transition {transition.name} declared twice")
            unknown = {*transition.sources, *transition.offered, transition.target} - {*states, None}
            if unknown:
                raise ValueError(f"workflow {name}: {transition.name} names unknown states {sorted(unknown)}")
            table[transition.name] = transition
        return cls(name=name, label=label, states=dict(states), transitions=table, **options)

    def state_label(self, state: str) -> str:
        return str(self.states.get(state, state))

    def state_of(self, obj: Any) -> str:
        return getattr(obj, self.state_field)

    def offered(self, state: str, *, internal: bool = False) -> list[Transition]:
        """The actions to show in ``state`` (those refused there by a drill included), in declaration
        order; internal transitions only when asked."""
        return [t for t in self.transitions.values() if t.offered_in(state) and (internal or not t.internal)]

    def refusal(
        self, transition: Transition, ctx: Context, *, checks: Iterable[Guard] = ()
    ) -> tuple[str, str] | None:
        """Why ``transition`` may not fire now, as (kind, message), or ``None``. Checked in order: the
        state (an ``offered`` state gives the transition's own ``wrong_state`` message), the actor, the
        caller's ``checks``, then the transition's guards; the first refusal wins."""
        state = self.state_of(ctx.obj)
        if state not in transition.sources:
            if transition.wrong_state is not None and state in transition.offered:
                return STATE, transition.wrong_state(ctx)
            return STATE, self.state_refused(self, transition, ctx)
        if ctx.actor not in transition.actors:
            return ACTOR, self.actor_refused(self, transition, ctx)
        for check in checks:
            message = check(ctx)
            if message:
                return CHECK, message
        for guard in transition.guards:
            message = guard(ctx)
            if message:
                return GUARD, message
        return None


@dataclass
class Step:
    """One attempt at a transition, as handed to ``record`` and returned by :func:`fire`."""

    workflow: Workflow
    name: str
    ctx: Context
    from_state: str
    to_state: str
    ok: bool
    refused: str = ""  # UNKNOWN, STATE, ACTOR, CHECK, GUARD or STALE when not ok
    message: str = ""

    @property
    def transition(self) -> Transition | None:
        return self.workflow.transitions.get(self.name)

    def raise_if_refused(self) -> "Step":
        if not self.ok:
            raise TransitionRefused(self)
        return self


class TransitionRefused(Exception):
    """Raised by :meth:`Step.raise_if_refused`; ``step`` says which refusal and why."""

    def __init__(self, step: Step):
        super().__init__(step.message)
        self.step = step


def check(
    workflow: Workflow, name: str, ctx: Context, *, checks: Iterable[Guard] = ()
) -> tuple[str, str] | None:
    """Dry run of :func:`fire`: (kind, message) of the refusal, or ``None`` when it would apply."""
    transition = workflow.transitions.get(name)
    if transition is None:
        return UNKNOWN, f"{workflow.name}: no transition {name}"
    return workflow.refusal(transition, ctx, checks=checks)


def fire(
    workflow: Workflow,
    name: str,
    ctx: Context,
    *,
    checks: Iterable[Guard] = (),
    store: Callable[[Step], bool | None] | None = None,
    record: Callable[[Step], None] | None = None,
) -> Step:
    """Check, apply and record one attempt at transition ``name`` on ``ctx.obj``.

    Refused (unknown transition, wrong state, wrong actor, a failed check or guard): nothing is applied,
    ``record`` gets the refused step. Allowed: the effects run, the object's state field is set to the
    target, ``store`` saves it (returning ``False`` when another writer moved the object first: the step
    is then refused as ``STALE`` and not recorded), and ``record`` gets the applied step.
    """
    from_state = workflow.state_of(ctx.obj)
    transition = workflow.transitions.get(name)
    if transition is None:
        refusal: tuple[str, str] | None = (UNKNOWN, f"{workflow.name}: no transition {name}")
    else:
        refusal = workflow.refusal(transition, ctx, checks=checks)
    if refusal is not None:
        kind, message = refusal
        step = Step(workflow, name, ctx, from_state, from_state, ok=False, refused=kind, message=str(message))
        if record is not None:
            record(step)
        return step
    for effect in transition.effects:
        effect(ctx)
    to_state = transition.target_from(from_state)
    setattr(ctx.obj, workflow.state_field, to_state)
    step = Step(workflow, name, ctx, from_state, to_state, ok=True)
    if store is not None and store(step) is False:
        setattr(ctx.obj, workflow.state_field, from_state)
        step.ok, step.refused, step.to_state = False, STALE, from_state
        step.message = f"{workflow.name}: {name} lost to another writer"
        return step
    if record is not None:
        record(step)
    return step
