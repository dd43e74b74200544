"""Who is told of changes to the ledger and to the activity feed: a small registry, filled at start-up.

``progress`` sits at the bottom and imports no app above it. The apps above that must react to a
change register a listener from their ``AppConfig.ready()``:

- ``on_item_completed``: a lesson, quiz, scenario or live session became completed for an official
  (``courses`` re-evaluates the official's courses). Called inside the writer's transaction.
- ``on_course_rows_changed``: what the dashboards count of some officials' course rows changed
  (``reports`` queues the recount once the transaction commits).
- ``on_activity``: an official moved or failed a check (``live_sessions`` pushes the live boards of
  the open sessions they are in once the transaction commits). Called inside a savepoint of
  ``activity_report``, whose failures never reach the lesson, scenario or quiz that reported.

Listeners are plain functions taking keyword arguments; registering the same function twice keeps one.
They run in the order they were registered, and a listener's exception propagates to the caller
(except for ``on_activity``, see above). No Django signals: these are the only ways in.
"""

from collections.abc import Callable, Iterable

ItemCompleted = Callable[..., None]  # (*, official, kind: str, key: str)
CourseRowsChanged = Callable[..., None]  # (*, official_ids: list[int])
ActivityMoved = Callable[..., None]  # (*, activity: OfficialActivity, now: datetime)

_item_completed: list[ItemCompleted] = []
_course_rows_changed: list[CourseRowsChanged] = []
_activity: list[ActivityMoved] = []


def _add(listeners: list, listener: Callable) -> Callable:
    if listener not in listeners:
        listeners.append(listener)
    return listener


def on_item_completed(listener: ItemCompleted) -> ItemCompleted:
    """Register ``listener(*, official, kind, key)``."""
    return _add(_item_completed, listener)


def on_course_rows_changed(listener: CourseRowsChanged) -> CourseRowsChanged:
    """Register ``listener(*, official_ids)``."""
    return _add(_course_rows_changed, listener)


def on_activity(listener: ActivityMoved) -> ActivityMoved:
    """Register ``listener(*, activity, now)``."""
    return _add(_activity, listener)


def item_completed(*, official, kind: str, key: str) -> None:
    for listener in list(_item_completed):
        listener(official=official, kind=kind, key=key)


def course_rows_changed(*, official_ids: Iterable[int]) -> None:
    """The course rows of these officials changed in what the dashboards count (no call if none)."""
    ids = sorted(set(official_ids))
    if ids:
        for listener in list(_course_rows_changed):
            listener(official_ids=ids)


def activity_moved(*, activity, now) -> None:
    for listener in list(_activity):
        listener(activity=activity, now=now)
