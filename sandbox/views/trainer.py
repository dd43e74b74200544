"""Trainers (and department heads, administrators) open a participant's workspace read-only, within
the scope ``people.permissions`` gives them, to see what went wrong."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render

from core.collation import by_name
from people.permissions import officials_visible_to
from sandbox import selectors
from sandbox.models import Workspace
from sandbox.scenarios.catalogue import SCENARIOS


def _staff_only(user) -> None:
    if user.is_official:
        raise PermissionDenied


@login_required
def trainer_index(request):
    _staff_only(request.user)
    officials = (
        officials_visible_to(request.user)
        .select_related("commune", "sandbox_workspace")
        .order_by(*by_name("full_name"), "pk")
    )
    return render(request, "sandbox/trainer_index.html", {"officials": officials})


@login_required
def trainer_workspace(request, official_id: int):
    """Read-only: the official's scenario results with their mistakes and the event log."""
    _staff_only(request.user)
    official = get_object_or_404(officials_visible_to(request.user), pk=official_id)
    workspace = Workspace.objects.filter(official=official).first()
    context = {"official": official, "workspace": workspace}
    if workspace is not None:
        context["runs"] = [
            (run, SCENARIOS.get(run.slug)) for run in selectors.runs_finished(workspace=workspace)
        ]
        context["events"] = selectors.events_recent(workspace=workspace)
    return render(request, "sandbox/trainer_workspace.html", context)
