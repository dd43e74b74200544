"""Fixtures of the ledger and activity-feed tests: the live sessions the board tests push to."""

from tests.live_sessions.conftest import live_session  # noqa: F401 - a fixture, used by name
