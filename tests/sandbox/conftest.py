"""Fixtures of the sandbox's tests: workspaces of two officials in two provinces."""

import pytest

from sandbox.services import workspace_get_or_create


@pytest.fixture
def workspace(official):
    return workspace_get_or_create(official=official)


@pytest.fixture
def other_workspace(other_official):
    return workspace_get_or_create(official=other_official)
