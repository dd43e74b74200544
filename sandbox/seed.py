"""Demo data: the demo official's practice workspace, ready with its starting data (idempotent)."""

from people.models import Role, User
from sandbox.models import Workspace
from sandbox.services import workspace_get_or_create


def seed(stdout) -> None:
    for official in User.objects.filter(role=Role.OFFICIAL, username="canbo"):
        if Workspace.objects.filter(official=official).exists():
            continue
        workspace_get_or_create(official=official)
        stdout.write(f"Created the practice workspace of {official.username}.")
