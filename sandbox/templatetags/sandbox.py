"""Template helpers of the sandbox: the hand-holding highlight."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def hh(context, key: str) -> str:
    """`` hh-next`` on the control of the scenario's next step when hand-holding is on."""
    return " hh-next" if key and context.get("hh_action") == key else ""


@register.filter
def state(value: str, machine: str) -> str:
    """A state's label in its machine: ``{{ doc.status|state:"incoming" }}``."""
    from sandbox.machines import MACHINES

    return MACHINES[machine].state_label(value)


@register.filter
def event_action(event) -> str:
    """The event's action in words: ``{{ event|event_action }}``."""
    from sandbox.event_labels import action_label

    return action_label(event.machine, event.action)


@register.filter
def event_states(event) -> str:
    """The event's state change in words: ``{{ event|event_states }}``."""
    from sandbox.event_labels import state_change

    return state_change(event.machine, event.from_state, event.to_state)


@register.filter
def event_state(event) -> str:
    """The state the event left its object in, in words: ``{{ event|event_state }}``."""
    from sandbox.event_labels import state_label

    return state_label(event.machine, event.to_state)
