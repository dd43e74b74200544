"""The workflow core: declaring a workflow, and ``fire`` checking, applying and recording every attempt
(refusals included), in the order the apps rely on (state, actor, the caller's checks, the guards)."""

from datetime import UTC, datetime
from types import SimpleNamespace

import pytest
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from core import workflow
from core.workflow import Context, Transition, Workflow

CLERK, LEADER = "clerk", "leader"


def _has_body(ctx: Context) -> str | None:
    return None if ctx.obj.body else str(_("Hãy ghi lý do."))


def _number(ctx: Context) -> None:
    ctx.obj.number = 7
    ctx.facts["number"] = 7


def _seal_wrong_state(ctx: Context) -> str:
    return "chưa ký"


def _state_refused(wf: Workflow, transition: Transition, ctx: Context) -> str:
    return f"không thể {transition.name} ở {wf.state_label(wf.state_of(ctx.obj))}"


def _actor_refused(wf: Workflow, transition: Transition, ctx: Context) -> str:
    return f"{ctx.actor} không được {transition.name}"


DOC = Workflow.of(
    name="doc",
    label="Văn bản",
    states={"draft": "Dự thảo", "signed": "Đã ký", "sealed": "Đã đóng dấu"},
    state_field="status",
    state_refused=_state_refused,
    actor_refused=_actor_refused,
    transitions=[
        Transition("sign", "Ký", ("draft",), "signed", (LEADER,), guards=(_has_body,), effects=(_number,)),
        Transition("note", "Ghi chú", ("draft", "signed"), None, (CLERK, LEADER), fields=("note",)),
        Transition(
            "seal",
            "Đóng dấu",
            ("signed",),
            "sealed",
            (CLERK,),
            offered=("draft",),
            wrong_state=_seal_wrong_state,
            internal=True,
        ),
        Transition("tick", "Hẹn giờ", ("draft",), None, (workflow.SYSTEM,), internal=True),
    ],
)


def _doc(status="draft", body="Nội dung"):
    return SimpleNamespace(status=status, body=body, number=None, saved=0)


def _fire(obj, name, actor, **kwargs):
    stored, recorded = [], []

    def store(step):
        obj.saved += 1
        stored.append(step)

    step = workflow.fire(
        DOC, name, Context(obj=obj, actor=actor), store=store, record=recorded.append, **kwargs
    )
    return step, stored, recorded


def test_an_allowed_transition_runs_its_effects_moves_the_state_stores_and_records():
    doc = _doc()
    step, stored, recorded = _fire(doc, "sign", LEADER)
    assert step.ok and not step.refused and step.message == ""
    assert (step.from_state, step.to_state) == ("draft", "signed")
    assert doc.status == "signed" and doc.number == 7 and doc.saved == 1
    assert stored == [step] and recorded == [step]
    assert step.ctx.facts == {"number": 7}
    assert step.transition is DOC.transitions["sign"]


def test_an_internal_transition_keeps_the_state_and_is_recorded():
    doc = _doc(status="signed")
    step, stored, recorded = _fire(doc, "note", CLERK)
    assert step.ok and (step.from_state, step.to_state) == ("signed", "signed")
    assert doc.status == "signed" and stored == [step] and recorded == [step]


def test_a_transition_from_a_state_it_does_not_leave_is_refused_and_recorded():
    doc = _doc(status="sealed")
    step, stored, recorded = _fire(doc, "sign", LEADER)
    assert not step.ok and step.refused == workflow.STATE
    assert step.message == "không thể sign ở Đã đóng dấu"
    assert doc.status == "sealed" and doc.number is None and stored == []
    assert recorded == [step] and (step.from_state, step.to_state) == ("sealed", "sealed")


def test_a_button_offered_where_a_drill_refuses_it_gives_its_own_message():
    assert [t.name for t in DOC.offered("draft")] == ["sign", "note"]
    assert [t.name for t in DOC.offered("draft", internal=True)] == ["sign", "note", "seal", "tick"]
    doc = _doc()
    step, stored, recorded = _fire(doc, "seal", CLERK)
    assert not step.ok and step.refused == workflow.STATE and step.message == "chưa ký"
    assert stored == [] and recorded == [step]
    # Where it is neither a source nor offered, the workflow's own message.
    step, _stored, _recorded = _fire(_doc(status="sealed"), "seal", CLERK)
    assert step.message == "không thể seal ở Đã đóng dấu"


def test_an_actor_who_may_not_fire_it_is_refused_after_the_state_check():
    step, stored, recorded = _fire(_doc(), "sign", CLERK)
    assert not step.ok and step.refused == workflow.ACTOR and step.message == "clerk không được sign"
    assert stored == [] and recorded == [step]
    # The wrong state is reported first, whoever asks.
    step, _stored, _recorded = _fire(_doc(status="sealed"), "sign", CLERK)
    assert step.refused == workflow.STATE


def test_a_guard_refuses_with_its_message_in_the_users_language():
    doc = _doc(body="")
    step, stored, recorded = _fire(doc, "sign", LEADER)
    assert not step.ok and step.refused == workflow.GUARD and step.message == "Hãy ghi lý do."
    assert doc.status == "draft" and doc.number is None and stored == [] and recorded == [step]
    with translation.override("en"):
        step, _stored, _recorded = _fire(_doc(body=""), "sign", LEADER)
    assert step.message == "Give a reason."


def test_the_callers_checks_run_after_the_actor_and_before_the_guards():
    seen = []

    def drill(ctx):
        seen.append(ctx.obj.status)
        return "sự cố"

    step, stored, _recorded = _fire(_doc(body=""), "sign", LEADER, checks=(drill,))
    assert step.refused == workflow.CHECK and step.message == "sự cố" and stored == []
    step, _stored, _recorded = _fire(_doc(), "sign", CLERK, checks=(drill,))
    assert step.refused == workflow.ACTOR and seen == ["draft"]
    step, _stored, _recorded = _fire(_doc(), "sign", LEADER, checks=(lambda ctx: None,))
    assert step.ok


def test_an_unknown_transition_is_refused_not_raised():
    step, stored, recorded = _fire(_doc(), "publish", LEADER)
    assert not step.ok and step.refused == workflow.UNKNOWN and stored == [] and recorded == [step]
    assert step.transition is None


def test_a_store_that_lost_the_race_leaves_the_object_as_it_was_and_records_nothing():
    doc = _doc()
    recorded = []
    step = workflow.fire(
        DOC, "sign", Context(obj=doc, actor=LEADER), store=lambda step: False, record=recorded.append
    )
    assert not step.ok and step.refused == workflow.STALE
    assert doc.status == "draft" and step.to_state == "draft" and recorded == []


def test_the_dry_run_applies_nothing():
    doc = _doc()
    assert workflow.check(DOC, "sign", Context(obj=doc, actor=LEADER)) is None
    assert doc.status == "draft" and doc.number is None
    assert workflow.check(DOC, "sign", Context(obj=doc, actor=CLERK))[0] == workflow.ACTOR
    assert workflow.check(DOC, "nope", Context(obj=doc, actor=CLERK))[0] == workflow.UNKNOWN


def test_raise_if_refused():
    step, _stored, _recorded = _fire(_doc(body=""), "sign", LEADER)
    with pytest.raises(workflow.TransitionRefused) as refused:
        step.raise_if_refused()
    assert refused.value.step is step and str(refused.value) == "Hãy ghi lý do."
    ok, _stored, _recorded = _fire(_doc(), "sign", LEADER)
    assert ok.raise_if_refused() is ok


def test_without_messages_of_its_own_a_workflow_refuses_with_an_internal_text():
    bare = Workflow.of(
        name="bare", states={"a": "A", "b": "B"}, transitions=[Transition("go", "Đi", ("a",), "b", ("x",))]
    )
    step = workflow.fire(bare, "go", Context(obj=SimpleNamespace(state="b"), actor="x"))
    assert step.refused == workflow.STATE and step.message == "bare: go refused (state b, actor x)"
    step = workflow.fire(bare, "go", Context(obj=SimpleNamespace(state="a"), actor="y"))
    assert step.refused == workflow.ACTOR
    obj = SimpleNamespace(state="a")
    assert workflow.fire(bare, "go", Context(obj=obj, actor="x")).ok and obj.state == "b"


def test_a_definition_with_mistakes_is_refused():
    states = {"a": "A", "b": "B"}
    with pytest.raises(ValueError, match="unknown states"):
        Workflow.of(name="w", states=states, transitions=[Transition("go", "", ("a",), "c", ("x",))])
    with pytest.raises(ValueError, match="unknown states"):
        Workflow.of(name="w", states=states, transitions=[Transition("go", "", ("z",), "b", ("x",))])
    with pytest.raises(ValueError, match="unknown states"):
        Workflow.of(
            name="w", states=states, transitions=[Transition("go", "", ("a",), "b", ("x",), offered=("q",))]
        )
    with pytest.raises(ValueError, match="twice"):
        Workflow.of(
            name="w",
            states=states,
            transitions=[
                Transition("go", "", ("a",), "b", ("x",)),
                Transition("go", "", ("b",), "a", ("x",)),
            ],
        )
    with pytest.raises(ValueError, match="nobody"):
        Transition("go", "", ("a",), "b", ())
    with pytest.raises(ValueError, match="no state"):
        Transition("go", "", (), "b", ("x",))


def test_context_reads_input_as_trimmed_text_and_knows_the_local_day():
    ctx = Context(
        obj=None, actor="x", data={"a": "  hai ", "n": None}, now=datetime(2026, 12, 6, 20, tzinfo=UTC)
    )
    assert ctx.text("a") == "hai" and ctx.text("n") == "" and ctx.text("missing") == ""
    # 20:00 UTC is the next morning in Vietnam.
    assert ctx.today.isoformat() == "2026-12-07"


def test_every_workflow_of_the_platform_is_declared_with_the_core():
    from live_sessions.machines import HELP_REQUEST, SESSION_LIFECYCLE
    from live_sessions.models import HelpState, SessionState
    from people.models import IMPORT, ImportState
    from quizzes.models import ATTEMPT, AttemptState
    from reports.models import ExportStatus
    from reports.services import EXPORT
    from sandbox.machines import MACHINES

    declared = {
        SESSION_LIFECYCLE: SessionState,
        HELP_REQUEST: HelpState,
        ATTEMPT: AttemptState,
        IMPORT: ImportState,
        EXPORT: ExportStatus,
    }
    for machine, choices in declared.items():
        assert isinstance(machine, Workflow)
        assert set(machine.states) == set(choices.values), machine.name
    assert set(MACHINES) == {"incoming", "outgoing", "dossier", "login"}
    assert all(isinstance(machine, Workflow) for machine in MACHINES.values())
