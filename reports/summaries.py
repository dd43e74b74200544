"""Completion summaries the dashboards read, kept in step with the progress ledger."""


def course_entries_changed(*, official_ids: list[int]) -> None:
    """Called (after commit) whenever course-kind ledger rows of these officials were written."""
