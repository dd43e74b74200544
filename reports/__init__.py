"""Completion by commune: dashboards, exports, reminders and certificates."""
