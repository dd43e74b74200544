"""The shapes a scenario is written in. Scenario texts are Vietnamese content, not interface strings."""

import re
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Check:
    """An event pattern: the log line that proves a step was done (or a forbidden move was made).

    ``ref`` names an object the scenario seeded; ``expect`` holds conditions on the event's data:
    ``{"equals": v}``, ``{"equals_field": "other_key"}``, ``{"not_empty": True}``, ``{"matches": rx}``,
    ``{"not_matches": rx}``, ``{"in": [...]}``, ``{"ref": "seeded_ref"}`` (the value is the id of that
    seeded object: the replacement of ``sai_nd``, say). A matching event whose data fail ``expect`` still
    counts for the step, and is reported as a wrong value with ``expect_message``. ``where`` takes the
    same conditions but decides whether the event matches at all (which fault was fixed, say).
    """

    machine: str
    action: str
    ref: str = ""
    ok: bool = True
    where: dict = field(default_factory=dict)
    expect: dict = field(default_factory=dict)
    expect_message: str = ""

    def matches(self, event, refs: dict) -> bool:
        if event.machine != self.machine or event.action != self.action or event.ok != self.ok:
            return False
        if not all(_condition(event.data, key, spec, refs) for key, spec in self.where.items()):
            return False
        if self.ref:
            target = refs.get(self.ref)
            return bool(target) and event.object_id == target[1]
        return True

    def values_ok(self, event) -> bool:
        return all(_condition(event.data, key, spec) for key, spec in self.expect.items())


def _condition(data: dict, key: str, spec: dict, refs: dict | None = None) -> bool:
    value = data.get(key)
    if "ref" in spec:
        target = (refs or {}).get(spec["ref"])
        return bool(target) and value is not None and value == target[1]
    if "equals" in spec:
        return value == spec["equals"]
    if "equals_field" in spec:
        return value == data.get(spec["equals_field"])
    if "not_empty" in spec:
        return bool(str(value or "").strip())
    if "matches" in spec:
        return re.search(spec["matches"], str(value or "")) is not None
    if "not_matches" in spec:
        return re.search(spec["not_matches"], str(value or "")) is None
    if "in" in spec:
        return value in spec["in"]
    raise ValueError(f"unknown condition {spec}")


@dataclass(frozen=True)
class Step:
    """One thing to do. ``role`` is the desk it needs; ``screen`` where to do it (a URL name, or a
    seeded ref whose detail page is meant); ``action`` is highlighted in hand-holding mode (by default
    ``machine.action`` of the check)."""

    title: str
    hint: str
    check: Check
    role: str = ""
    screen: str = ""
    action: str = ""

    @property
    def highlight(self) -> str:
        return self.action or f"{self.check.machine}.{self.check.action}"


@dataclass(frozen=True)
class Forbidden:
    """A move that is a mistake in this scenario even though the replica allows it."""

    check: Check
    message: str


@dataclass(frozen=True)
class Tolerated:
    """A refusal the lesson asks the official to meet (“thử nhập sai một lần để xem thông báo”):
    part of the drill, not a mistake, up to ``times`` times."""

    check: Check
    times: int = 1


@dataclass(frozen=True)
class Seed:
    """Starting data: an object of ``kind`` (incoming, outgoing, dossier) the steps refer to as ``ref``."""

    kind: str
    ref: str
    fields: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Scenario:
    slug: str
    title: str
    area: str
    goal: str
    steps: tuple[Step, ...]
    task: int | None = None
    seeds: tuple[Seed, ...] = ()
    faults: tuple[str, ...] = ()
    # Where the sandbox clock starts: {"weekday": 0–6, "time": "HH:MM"} (a working day) or
    # {"date": "MM-DD", "time": ..., "working_day": True} (that date, or the first working day after it).
    clock: dict | None = None
    role: str = "clerk"
    start: str = "sandbox:home"
    forbidden: tuple[Forbidden, ...] = ()
    background: str = ""
    tolerated: tuple[Tolerated, ...] = ()
