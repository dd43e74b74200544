"""Every transition of every state machine, parametrised from the machine definitions: applied from
each state it starts from by a desk allowed to fire it, refused from every other state and from a
desk that may not fire it; each attempt, applied or refused, is in the event log."""

from datetime import timedelta

import pytest
from django.utils import timezone

from sandbox import fake
from sandbox.machines import INITIAL_PASSWORD, MACHINES
from sandbox.models import Actor, Workspace
from sandbox.services import transition_apply

FUTURE = (timezone.localdate() + timedelta(days=7)).isoformat()
NEW_PASSWORD = {"_new_password": "MatKhauMoi@2026", "_confirm": "MatKhauMoi@2026"}

# What each transition needs to pass its guards: input, and the object's preparation.
DATA = {
    ("incoming", "return"): {"return_reason": "Gửi nhầm nơi nhận"},
    ("incoming", "assign"): {"lead": "A", "coordinators": "B", "deadline": FUTURE, "directive": "Làm ngay"},
    ("incoming", "reassign"): {"lead": "C", "deadline": FUTURE},
    ("incoming", "forward"): {"forwarded_to": "B"},
    ("incoming", "return_to_leader"): {"return_reason": "Không đúng chức năng"},
    ("incoming", "finish"): {"finish_note": "Lưu hồ sơ, để biết"},
    ("incoming", "recall_request"): {"recall_reason": "Ban hành nhầm"},
    ("incoming", "recall_refuse"): {"recall_reason": "Đã xử lý xong"},
    ("outgoing", "edit"): {"summary": "V/v sửa", "body": "Nội dung sửa"},
    ("outgoing", "send_back_review"): {"send_back_reason": "Sai nơi nhận"},
    ("outgoing", "send_back_signing"): {"send_back_reason": "Chưa đúng thẩm quyền"},
    ("outgoing", "sign"): {"_pdf": b"%PDF-1.7 signed", "method": "usb"},
    ("outgoing", "seal"): {"_pdf": b"%PDF-1.7 sealed", "method": "usb"},
    ("outgoing", "number"): {"number": "1"},
    ("outgoing", "revoke"): {"revoke_reason": "Ban hành sai thẩm quyền"},
    ("outgoing", "replace"): {"revoke_reason": "Sai nội dung"},
    ("outgoing", "correct"): {"revoke_reason": "Sai thể thức"},
    ("dossier", "refuse"): {"reason_kind": "incomplete", "decision_reason": "Thiếu tờ khai"},
    ("dossier", "reconsider"): {"reconsider_reason": "Từ chối nhầm"},
    ("dossier", "update"): {"owner_address": "Số 3, Phường Kinh Bắc, Tỉnh Bắc Ninh"},
    ("dossier", "request_papers"): {"missing_papers": "Giấy chứng sinh"},
    ("dossier", "request_fee"): {"fee_amount": "6000"},
    ("dossier", "fee_paid"): {"paid_amount": "6000", "fee_receipt": "BL-01"},
    ("dossier", "interconnect_send"): {"agency": "residence"},
    ("dossier", "extend"): {"apology_reason": "Chờ xác minh", "appointment": FUTURE},
    ("dossier", "paper_fallback"): {"paper_certificate": "05/2026, quyển 01"},
    ("dossier", "withdraw"): {"decision_reason": "Công dân xin rút"},
    ("dossier", "stop"): {"decision_reason": "Có tranh chấp"},
    ("dossier", "assign_handler"): {"handler_name": "Lê Văn An (Tư pháp - Hộ tịch)"},
    ("login", "sign_in"): {"_password": INITIAL_PASSWORD},
    ("login", "change_password"): NEW_PASSWORD,
    ("login", "reset_password"): {"code": "123456", **NEW_PASSWORD},
    ("login", "vneid_confirm"): {"code": "654321"},
}
PROCEDURE = {"interconnect_send": "joint_birth", "draft_result": "birth", "paper_fallback": "marriage"}


def _prepare(workspace, obj, machine, transition):
    now = timezone.now()
    if machine == "incoming" and transition == "pull_back":
        obj.forwarded_to = "B"
    if machine == "outgoing":
        obj.number, obj.year, obj.issued_on = None, now.year, now.date()
        if transition == "seal":
            obj.leader_signed_at = now
    if machine == "dossier":
        if transition == "papers_received":
            obj.paused_remaining_days = 1
        if transition == "fee_paid":
            obj.fee_amount = 6000
        if transition == "extend":
            obj.appointment_at = now - timedelta(days=1)
        if transition == "return_result":
            obj.returned_to = obj.owner_name
        if transition == "paper_fallback":
            workspace.faults = {"portal_freeze": 0}
            workspace.save()
        if transition == "draft_result":
            obj.handler_name = "Lê Văn An (Tư pháp - Hộ tịch)"
    if machine == "login":
        if transition in ("change_password", "sign_out"):
            obj.signed_in_at = now
        if transition == "unlock":
            obj.locked_until = now - timedelta(minutes=1)
        if transition == "reset_password":
            obj.reset_code, obj.reset_code_expires = "123456", now + timedelta(minutes=5)
        if transition == "vneid_confirm":
            obj.vneid_request, obj.vneid_request_expires = "654321", now + timedelta(minutes=5)
    obj.save()
    return obj


def _data(machine, transition, obj):
    data = dict(DATA.get((machine, transition), {}))
    if (machine, transition) == ("dossier", "return_result"):
        data.update(returned_to=obj.owner_name, receiver_id=obj.owner_id_number)
    return data


def _object(workspace, machine, state, transition):
    if machine == "incoming":
        obj = fake.incoming_build(workspace, seed=1, status=state)
    elif machine == "outgoing":
        obj = fake.outgoing_build(workspace, seed=1, status=state)
    elif machine == "dossier":
        obj = fake.dossier_build(workspace, seed=1, procedure=PROCEDURE.get(transition, "copy"), status=state)
        obj.code = f"G99.20-20260101-{state:0>7}"
    else:
        from sandbox.models import PracticeAccount

        obj = PracticeAccount(workspace=workspace, username="tk.thuchanh", password_hash="", status=state)
    obj.save()
    return _prepare(workspace, obj, machine, transition)


@pytest.fixture
def bare_workspace(official):
    """A workspace without starting data: only the object under test is in it."""
    return Workspace.objects.create(official=official, role="clerk")


CASES = [
    (machine.name, transition.name, state, state in transition.sources)
    for machine in MACHINES.values()
    for transition in machine.transitions.values()
    for state in machine.states
]


@pytest.mark.parametrize(
    "machine, transition, state, allowed", CASES, ids=[f"{m}.{t}-from-{s}" for m, t, s, _ in CASES]
)
def test_transition_from_each_state(bare_workspace, machine, transition, state, allowed):
    spec = MACHINES[machine].transitions[transition]
    obj = _object(bare_workspace, machine, state, transition)
    outcome = transition_apply(
        workspace=bare_workspace,
        obj=obj,
        transition=transition,
        actor_role=spec.actors[0],
        data=_data(machine, transition, obj),
    )
    obj.refresh_from_db()
    event = bare_workspace.events.get()
    assert (event.machine, event.action, event.object_id, event.from_state) == (
        machine,
        transition,
        obj.pk,
        state,
    )
    if allowed:
        assert outcome.ok, outcome.message
        assert obj.status == (spec.target or state)
        assert event.ok and event.to_state == obj.status
    else:
        assert not outcome.ok
        assert obj.status == state
        assert not event.ok and event.reason == outcome.message


ROLE_CASES = [
    (machine.name, transition.name, role)
    for machine in MACHINES.values()
    for transition in machine.transitions.values()
    for role in [r for r in Actor.values if r not in transition.actors][:1]
]


@pytest.mark.parametrize(
    "machine, transition, role", ROLE_CASES, ids=[f"{m}.{t}-by-{r}" for m, t, r in ROLE_CASES]
)
def test_transition_refused_to_a_desk_that_may_not_fire_it(bare_workspace, machine, transition, role):
    spec = MACHINES[machine].transitions[transition]
    state = spec.sources[0]
    obj = _object(bare_workspace, machine, state, transition)
    outcome = transition_apply(
        workspace=bare_workspace,
        obj=obj,
        transition=transition,
        actor_role=role,
        data=_data(machine, transition, obj),
    )
    obj.refresh_from_db()
    assert not outcome.ok and obj.status == state
    assert str(Actor(role).label) in outcome.message
    assert not bare_workspace.events.get().ok


def test_every_machine_state_is_reachable_and_every_transition_has_a_desk():
    # Issuing a replacement marks the document it replaces: the one state an effect sets.
    set_by_effects = {"replaced"}
    for machine in MACHINES.values():
        targets = {t.target for t in machine.transitions.values() if t.target} | set_by_effects
        sources = {s for t in machine.transitions.values() for s in t.sources}
        assert set(machine.states) <= targets | sources, machine.name
        for transition in machine.transitions.values():
            assert transition.actors and set(transition.sources) <= set(machine.states)
