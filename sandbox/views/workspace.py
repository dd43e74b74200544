"""The workspace: its home, reset, role switcher, scenarios, fault drills and event log."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sandbox import selectors
from sandbox.faults import FAULTS
from sandbox.models import DeskRole, ScenarioRun
from sandbox.scenarios.catalogue import AREAS, SCENARIOS
from sandbox.scenarios.engine import (
    run_evaluate,
    run_hand_holding_set,
    scenario_finish,
    scenario_start,
)
from sandbox.services import (
    fault_enable,
    fault_fix,
    sandbox_now,
    workspace_clock_set,
    workspace_reset,
    workspace_role_set,
)
from sandbox.views.common import back, page, screen_url, workspace_of
from sandbox.workdays import next_working_day


@login_required
def home(request):
    """The official's practice workspace: the replicas and every scenario with its last result."""
    workspace = workspace_of(request)
    results = selectors.scenario_results(workspace=workspace)
    areas = [
        {"label": label, "scenarios": [(s, results.get(s.slug)) for s in SCENARIOS.values() if s.area == key]}
        for key, label in AREAS.items()
    ]
    return page(request, workspace, "sandbox/home.html", {"areas": areas})


@login_required
@require_POST
def reset(request):
    workspace_reset(workspace=workspace_of(request))
    messages.success(request, _("Đã làm lại từ đầu: không gian thực hành trở về dữ liệu ban đầu."))
    return redirect("sandbox:home")


@login_required
@require_POST
def role_switch(request):
    role = request.POST.get("role", "")
    if role not in DeskRole.values:
        raise Http404
    workspace_role_set(workspace=workspace_of(request), role=role)
    messages.info(request, _("Bạn đang làm việc với vai trò: %(role)s.") % {"role": DeskRole(role).label})
    return back(request, reverse("sandbox:home"))


def _scenario_or_404(slug: str):
    scenario = SCENARIOS.get(slug)
    if scenario is None:
        raise Http404
    return scenario


@login_required
def scenario(request, slug: str):
    """Start or resume a scenario: an active run resumes at its next step's screen; otherwise the
    scenario's goal, steps and last result, with a button that starts it (POST)."""
    scenario = _scenario_or_404(slug)
    workspace = workspace_of(request)
    if request.method == "POST":
        run = scenario_start(workspace=workspace, slug=slug)
        if request.POST.get("hand_holding"):
            run_hand_holding_set(run=run, on=True)
        messages.success(request, _("Đã bắt đầu bài thực hành. Làm theo các bước ở khung bên trên."))
        return redirect(scenario.start)
    run = selectors.run_active(workspace)
    if run is not None and run.slug == slug:
        pending = run_evaluate(run).next
        target = screen_url(pending.step.screen, run.refs) if pending and pending.step.screen else ""
        return redirect(target or scenario.start)
    last = workspace.runs.filter(slug=slug).exclude(status=ScenarioRun.Status.ACTIVE).first()
    return page(request, workspace, "sandbox/scenario.html", {"item": scenario, "last": last})


@login_required
@require_POST
def scenario_end(request, slug: str):
    _scenario_or_404(slug)
    workspace = workspace_of(request)
    run = workspace.runs.filter(slug=slug, status=ScenarioRun.Status.ACTIVE).first()
    if run is None:
        raise Http404
    run = scenario_finish(run=run)
    return redirect("sandbox:scenario", slug=slug)


@login_required
@require_POST
def hand_holding(request, slug: str):
    workspace = workspace_of(request)
    run = workspace.runs.filter(slug=slug, status=ScenarioRun.Status.ACTIVE).first()
    if run is None:
        raise Http404
    run_hand_holding_set(run=run, on=request.POST.get("on") == "1")
    return back(request, reverse("sandbox:home"))


@login_required
def drills(request):
    """Every fault drill of DOMAIN.md §6 that needs switching on, and the sandbox clock."""
    workspace = workspace_of(request)
    faults = [(fault, fault.name in workspace.faults) for fault in FAULTS.values()]
    return page(request, workspace, "sandbox/drills.html", {"faults": faults})


@login_required
@require_POST
def fault_on(request, name: str):
    if name not in FAULTS:
        raise Http404
    fault_enable(workspace=workspace_of(request), name=name)
    messages.info(request, _("Đã bật tình huống lỗi: %(fault)s.") % {"fault": FAULTS[name].label})
    return back(request, reverse("sandbox:drills"))


@login_required
@require_POST
def fault_off(request, name: str):
    if name not in FAULTS:
        raise Http404
    outcome = fault_fix(workspace=workspace_of(request), name=name)
    if outcome.ok:
        messages.success(request, _("Đã xử lý: %(fault)s.") % {"fault": FAULTS[name].label})
    else:
        messages.error(request, outcome.message)
    return back(request, reverse("sandbox:drills"))


@login_required
@require_POST
def clock(request):
    """Move the sandbox clock: back to now, to the next working day, or to 1 January next year."""
    workspace = workspace_of(request)
    now = timezone.localtime(sandbox_now(workspace))
    choice = request.POST.get("to")
    if choice == "next_day":
        day = next_working_day(now.date(), province=workspace.province_code)
        workspace_clock_set(
            workspace=workspace, at=now.replace(year=day.year, month=day.month, day=day.day, hour=8)
        )
    elif choice == "new_year":
        workspace_clock_set(
            workspace=workspace, at=now.replace(year=now.year + 1, month=1, day=1, hour=8, minute=0)
        )
    elif choice == "later":
        workspace_clock_set(workspace=workspace, at=now + timedelta(minutes=10))
    else:
        workspace_clock_set(workspace=workspace, at=None)
    return back(request, reverse("sandbox:drills"))


@login_required
def events(request):
    workspace = workspace_of(request)
    return page(
        request, workspace, "sandbox/events.html", {"events": selectors.events_recent(workspace=workspace)}
    )
