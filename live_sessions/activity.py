"""Where each official is right now, for the trainer's live board."""


def activity_report(
    *, official_id: int, kind: str, key: str, label: str, step: str = "", failed: bool = False
) -> None:
    """Record that an official is at ``kind``/``key`` (a lesson, a scenario, a quiz), at ``step``;
    ``failed`` marks a failed check (repeated failures flag the official as stuck)."""
