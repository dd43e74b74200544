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
