"""Running scenarios: start one on a fresh workspace, check each event against its steps, finish it,
and write the result into the progress ledger and the trainer's live board."""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from progress.activity import activity_report
from progress.services import progress_record
from sandbox.models import Event, ScenarioRun, Workspace
from sandbox.scenarios.types import Scenario, Step
from sandbox.workdays import WorkCalendar, calendar_for


@dataclass
class Mistake:
    kind: str  # refused | order | value | forbidden
    message: str
    event_id: int

    def as_dict(self) -> dict:
        return {"kind": self.kind, "message": self.message, "event_id": self.event_id}


@dataclass
class StepState:
    step: Step
    index: int
    event_id: int | None = None

    @property
    def done(self) -> bool:
        return self.event_id is not None


@dataclass
class Evaluation:
    steps: list[StepState]
    mistakes: list[Mistake] = field(default_factory=list)

    @property
    def done(self) -> bool:
        return all(state.done for state in self.steps)

    @property
    def next(self) -> StepState | None:
        return next((state for state in self.steps if not state.done), None)


def scenario_get(slug: str) -> Scenario:
    from sandbox.scenarios.catalogue import SCENARIOS

    return SCENARIOS[slug]


def evaluate(*, scenario: Scenario, refs: dict, events: list[Event]) -> Evaluation:
    """Replay the run's events over the steps, in order.

    A matching event completes the first step still open that it matches; if an earlier step is still
    open, that is a mistake of order. Refused attempts (not caused by a fault drill), forbidden moves
    and wrong values are mistakes too.
    """
    result = Evaluation([StepState(step, i) for i, step in enumerate(scenario.steps)])
    for event in events:
        if not event.ok and not event.fault:
            result.mistakes.append(Mistake("refused", event.reason, event.pk))
        for forbidden in scenario.forbidden:
            if forbidden.check.matches(event, refs):
                result.mistakes.append(Mistake("forbidden", forbidden.message, event.pk))
        for state in result.steps:
            if state.done or not state.step.check.matches(event, refs):
                continue
            state.event_id = event.pk
            pending = result.next
            if pending is not None and pending.index < state.index:
                result.mistakes.append(
                    Mistake("order", f"Làm “{state.step.title}” trước “{pending.step.title}”.", event.pk)
                )
            if not state.step.check.values_ok(event):
                result.mistakes.append(
                    Mistake("value", state.step.check.expect_message or state.step.title, event.pk)
                )
            break
    return result


EVENT_FIELDS = ("id", "machine", "action", "object_id", "ok", "fault", "reason", "data")


def run_evaluate(run: ScenarioRun) -> Evaluation:
    events = list(run.events.order_by("id").only(*EVENT_FIELDS))
    return evaluate(scenario=scenario_get(run.slug), refs=run.refs, events=events)


def _clock_start(spec: dict, now: datetime, calendar: WorkCalendar | None = None) -> datetime:
    """The next moment matching ``spec`` (today counts if it is still ahead).

    A scenario set on a working day (every ``weekday`` one, and a ``date`` one with ``working_day``)
    never starts on a day off: a date moves to the first working day on or after it (“the first
    working day of the year”), a weekday to the next week whose that day is a working day.
    """
    calendar = calendar or WorkCalendar()
    local = timezone.localtime(now)
    hour, minute = (int(part) for part in spec.get("time", "09:00").split(":"))
    if "date" in spec:
        month, day = (int(part) for part in spec["date"].split("-"))
        moment = local.replace(month=month, day=day, hour=hour, minute=minute, second=0, microsecond=0)
        moment = moment if moment > local else moment.replace(year=local.year + 1)
        if spec.get("working_day"):
            day = calendar.working_day_on_or_after(moment.date())
            moment = moment.replace(year=day.year, month=day.month, day=day.day)
        return moment
    moment = local.replace(hour=hour, minute=minute, second=0, microsecond=0)
    moment += timedelta(days=(spec["weekday"] - local.weekday()) % 7)
    moment = moment if moment > local else moment + timedelta(days=7)
    while not calendar.is_working_day(moment.date()):
        moment += timedelta(days=7)
    return moment


def _report(*, run: ScenarioRun, scenario: Scenario, evaluation: Evaluation | None, failed: bool) -> None:
    step = evaluation.next.step.title if evaluation and evaluation.next else ""
    official_id = run.workspace.official_id
    transaction.on_commit(
        lambda: activity_report(
            official_id=official_id,
            kind="scenario",
            key=run.slug,
            label=scenario.title,
            step=step,
            failed=failed,
        )
    )


@transaction.atomic
def scenario_start(*, workspace: Workspace, slug: str) -> ScenarioRun:
    """Start ``slug`` on a freshly reset workspace: its clock, faults, desk and starting data."""
    from sandbox.scenarios.setup import seed_create
    from sandbox.services import fault_enable, workspace_clock_set, workspace_reset

    scenario = scenario_get(slug)
    workspace_reset(workspace=workspace)
    if scenario.clock:
        calendar = calendar_for(workspace.province_code)
        workspace_clock_set(workspace=workspace, at=_clock_start(scenario.clock, timezone.now(), calendar))
    for name in scenario.faults:
        fault_enable(workspace=workspace, name=name)
    workspace.role = scenario.role
    workspace.save(update_fields=["role"])
    refs = {seed.ref: seed_create(workspace=workspace, seed=seed) for seed in scenario.seeds}
    run = ScenarioRun.objects.create(workspace=workspace, slug=slug, refs=refs)
    progress_record(official=workspace.official, kind="scenario", key=slug, status="in_progress")
    _report(run=run, scenario=scenario, evaluation=run_evaluate(run), failed=False)
    return run


def run_event_logged(*, event: Event, run: ScenarioRun) -> None:
    """Check a new event of the active run: report where the official is, and finish the run as soon
    as every step is done."""
    scenario = scenario_get(run.slug)
    evaluation = run_evaluate(run)
    mistaken = any(m.event_id == event.pk for m in evaluation.mistakes)
    if evaluation.done:
        _finish(run=run, scenario=scenario, evaluation=evaluation)
    else:
        _report(run=run, scenario=scenario, evaluation=evaluation, failed=mistaken)


@transaction.atomic
def scenario_finish(*, run: ScenarioRun) -> ScenarioRun:
    """The official ends the run: done if every step was, failed otherwise."""
    if run.status != ScenarioRun.Status.ACTIVE:
        return run
    scenario = scenario_get(run.slug)
    return _finish(run=run, scenario=scenario, evaluation=run_evaluate(run))


def _finish(*, run: ScenarioRun, scenario: Scenario, evaluation: Evaluation) -> ScenarioRun:

    run.status = ScenarioRun.Status.COMPLETED if evaluation.done else ScenarioRun.Status.FAILED
    run.finished_at = timezone.now()
    run.mistakes = [m.as_dict() for m in evaluation.mistakes]
    run.save(update_fields=["status", "finished_at", "mistakes"])
    progress_record(
        official=run.workspace.official,
        kind="scenario",
        key=run.slug,
        status="completed" if evaluation.done else "failed",
        detail={"mistakes": len(evaluation.mistakes)},
    )
    _report(run=run, scenario=scenario, evaluation=evaluation, failed=not evaluation.done)
    return run


def run_hand_holding_set(*, run: ScenarioRun, on: bool) -> None:
    run.hand_holding = on
    run.save(update_fields=["hand_holding"])
