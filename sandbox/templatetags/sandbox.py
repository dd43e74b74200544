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
def said(event) -> str:
    """An event's action in words: ``{{ event|said }}``."""
    from sandbox.wording import action_label

    return action_label(event.machine, event.action)


@register.filter
def state_words(event) -> str:
    """An event's change of state in words ("" when it stayed put)."""
    from sandbox.wording import state_label

    if not event.ok or event.from_state == event.to_state:
        return ""
    return f"{state_label(event.machine, event.from_state)} → {state_label(event.machine, event.to_state)}"
