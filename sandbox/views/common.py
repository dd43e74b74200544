"""What every sandbox page shares: the official's workspace, the practice banner's context (role
switcher, sandbox clock, active fault drills) and the scenario panel with its hand-holding highlight."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

from sandbox.faults import FAULTS
from sandbox.forms import ACTION_FIELDS, action_choices, action_initial
from sandbox.machines import MACHINES
from sandbox.models import Actor, DeskRole, Dossier, IncomingDocument, OutgoingDocument, Workspace
from sandbox.scenarios.engine import run_evaluate, scenario_get
from sandbox.selectors import run_active
from sandbox.services import Outcome, sandbox_now, workspace_get_or_create

MODELS = {"incoming": IncomingDocument, "outgoing": OutgoingDocument, "dossier": Dossier}
DETAIL_URLS = {
    "incoming": "sandbox:incoming_detail",
    "outgoing": "sandbox:outgoing_detail",
    "dossier": "sandbox:dossier_detail",
}


def workspace_of(request) -> Workspace:
    return workspace_get_or_create(official=request.user)


def screen_url(screen: str, refs: dict) -> str:
    """A step's screen: a URL name, or a seeded object (its detail page)."""
    if ":" in screen:
        return reverse(screen)
    target = refs.get(screen)
    if target and target[0] in DETAIL_URLS:
        return reverse(DETAIL_URLS[target[0]], args=[target[1]])
    return ""


def page(request, workspace: Workspace, template: str, context: dict | None = None, status: int = 200):
    """Render a sandbox screen with the banner, the role switcher and the scenario panel.

    ``here`` (in ``context``) is where the role switcher and the panel's buttons come back to: the
    page itself, or, for a page rendered in answer to a POST, the screen it belongs to.
    """
    run = run_active(workspace)
    panel = {}
    if run is not None:
        scenario = scenario_get(run.slug)
        evaluation = run_evaluate(run)
        pending = evaluation.next
        last_event = run.events.order_by("-id").values_list("id", flat=True).first()
        last_mistake = evaluation.mistakes[-1] if evaluation.mistakes else None
        panel = {
            "run": run,
            "scenario": scenario,
            "evaluation": evaluation,
            "next_step": pending.step if pending else None,
            "next_role": Actor(pending.step.role).label if pending and pending.step.role else "",
            "next_url": screen_url(pending.step.screen, run.refs) if pending and pending.step.screen else "",
            "last_mistake": last_mistake,
            # The hint opens by itself in hand-holding mode and right after a mistake.
            "hint_open": run.hand_holding or bool(last_mistake and last_mistake.event_id == last_event),
            "hh_action": pending.step.highlight if pending and run.hand_holding else "",
        }
    struck = set(workspace.events.filter(fault=True).values_list("data__fault_name", flat=True))
    base = {
        "here": request.get_full_path() if request.method == "GET" else reverse("sandbox:home"),
        "workspace": workspace,
        "sandbox_now": timezone.localtime(sandbox_now(workspace)),
        "clock_moved": bool(workspace.clock_offset),
        "desk_roles": DeskRole.choices,
        # Fix buttons appear once a fault has struck (an announced one, like manual numbering, at once).
        "fault_fixes": [
            FAULTS[name]
            for name in workspace.faults
            if name in FAULTS
            and FAULTS[name].fix_label
            and (name in struck or not (FAULTS[name].blocks or FAULTS[name].on_enable))
        ],
        # An action refused at its form: the page title starts with "Lỗi:".
        "page_has_errors": any(action.get("error") for action in (context or {}).get("actions", [])),
        **panel,
    }
    return render(request, template, {**base, **(context or {})}, status=status)


def actions_for(
    *, workspace: Workspace, obj, typed=None, open_action: str = "", error: str = ""
) -> list[dict]:
    """The transitions offered on ``obj`` now, with their form fields, for the action template.

    Every transition possible from the current state is offered whatever the desk: firing one from
    the wrong desk is refused and logged, which is what a practice system is for.

    ``error`` is why ``open_action`` was just refused: it is shown at the first required field left
    empty (the reason a refusal needs, say), else above the action's button.
    """
    machine = MACHINES[obj.machine]
    now = sandbox_now(workspace)
    typed = typed or {}
    actions = []
    for transition in machine.offered(obj.status, internal=True):
        if Actor.SYSTEM in transition.actors:
            continue
        fields = []
        for name in transition.fields:
            spec = ACTION_FIELDS[name]
            value = (
                typed.get(name)
                if name in typed
                else action_initial(name=name, obj=obj, workspace=workspace, now=now)
            )
            fields.append(
                {
                    "name": name,
                    "label": spec.label,
                    "kind": spec.kind,
                    "required": spec.required,
                    "value": value,
                    "choices": action_choices(name=name, workspace=workspace)
                    if spec.kind == "select"
                    else [],
                    "id": f"{transition.name}-{name}",
                }
            )
        if error and transition.name == open_action:
            empty = next((f for f in fields if f["required"] and not str(f["value"] or "").strip()), None)
            if empty is not None:
                empty["error"] = error
        actions.append(
            {
                "name": transition.name,
                "label": transition.label,
                "key": f"{machine.name}.{transition.name}",
                "roles": [Actor(role).label for role in transition.actors],
                "internal": transition.internal,
                "fields": fields,
                "open": transition.name == open_action,
                "error": error if transition.name == open_action else "",
                # Not caused by one field (a wrong desk, a fault drill): shown above the button.
                "form_error": error
                if transition.name == open_action and not any(f.get("error") for f in fields)
                else "",
                "url": reverse("sandbox:act", args=[machine.name, obj.pk, transition.name]),
            }
        )
    return actions


def outcome_message(request, outcome: Outcome, success: str) -> None:
    if outcome.ok:
        messages.success(request, success)
    else:
        messages.error(request, outcome.message)


def back(request, fallback: str):
    """Redirect to ``next`` when it is a page of this site, else to ``fallback``."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect(fallback)


def timing_warn(request, outcome) -> None:
    """A step that went through late (registered, handled or issued after its time) says so: the
    warning the machine logged is shown, and the scenario counts it."""
    warning = outcome.event.data.get("warning") if outcome.ok else ""
    if warning:
        messages.warning(request, warning)
