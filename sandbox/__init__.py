"""The practice replica of the commune's IT systems: workspaces, workflows, scenarios, fault drills."""
