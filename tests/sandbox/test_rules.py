"""The domain rules the replicas enforce: working days and the 15:00 rule, statutory appointments,
the paused deadline clock, overdue dossiers, document numbering, and the guards that refuse."""

from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone

from sandbox import fake, numbering, workdays
from sandbox.models import CalendarDay, OutgoingDocument, Workspace
from sandbox.selectors import dossier_overdue
from sandbox.services import (
    dossier_walk_in_create,
    incoming_paper_receive,
    outgoing_draft_create,
    sandbox_now,
    transition_apply,
    workspace_clock_set,
)


def local(*args) -> datetime:
    return timezone.make_aware(datetime(*args))


# 2026-06-05 is a Friday, 2026-06-08 the Monday after.
@pytest.mark.parametrize(
    "received, expected",
    [
        (local(2026, 6, 4, 9, 0), date(2026, 6, 4)),  # Thursday morning: the same day
        (local(2026, 6, 4, 14, 59), date(2026, 6, 4)),
        (local(2026, 6, 4, 15, 0), date(2026, 6, 5)),  # 15:00 sharp: the next working day
        (local(2026, 6, 5, 15, 20), date(2026, 6, 8)),  # Friday afternoon: Monday
        (local(2026, 6, 6, 10, 0), date(2026, 6, 8)),  # Saturday: Monday
        (local(2026, 4, 29, 16, 0), date(2026, 5, 4)),  # before 30/4 and 1/5, then the weekend
    ],
)
def test_the_15_oclock_rule_and_working_days(db, received, expected):
    assert workdays.effective_receipt_day(received) == expected
    assert (
        timezone.localtime(workdays.appointment_for(received_at=received, working_days=0)).date() == expected
    )


def test_statutory_working_days_skip_weekends_and_holidays(db):
    assert workdays.add_working_days(date(2026, 6, 5), 3) == date(2026, 6, 10)
    assert workdays.working_days_between(date(2026, 6, 5), date(2026, 6, 10)) == 3
    assert not workdays.is_working_day(date(2026, 9, 2))
    CalendarDay.objects.create(day=date(2026, 6, 8), working=False, note="Ngày nghỉ riêng")
    assert workdays.add_working_days(date(2026, 6, 5), 1) == date(2026, 6, 9)


@pytest.mark.parametrize(
    "procedure, verification, expected",
    [
        ("birth", False, date(2026, 6, 4)),
        ("copy", False, date(2026, 6, 4)),
        ("marriage", False, date(2026, 6, 4)),
        ("marriage", True, date(2026, 6, 11)),
        ("joint_birth", False, date(2026, 6, 9)),
        ("joint_birth", True, date(2026, 6, 11)),
    ],
)
def test_accepting_a_dossier_promises_the_statutory_date(workspace, procedure, verification, expected):
    workspace_clock_set(workspace=workspace, at=local(2026, 6, 4, 10, 0))
    dossier = fake.dossier_build(workspace, seed=5, procedure=procedure, needs_verification=verification)
    dossier.code = "G99.20-20260604-0000001"
    dossier.save()
    outcome = transition_apply(workspace=workspace, obj=dossier, transition="accept", actor_role="one_stop")
    assert outcome.ok
    assert timezone.localtime(outcome.obj.appointment_at).date() == expected
    assert outcome.event.data["statutory_appointment"] == expected.isoformat()


def _dossier(workspace, status="4", **fields):
    dossier = fake.dossier_build(workspace, seed=9, procedure="joint_birth", status=status, **fields)
    dossier.code = f"G99.20-20260601-{workspace.dossiers.count():07d}"
    dossier.save()
    return dossier


def test_the_deadline_clock_pauses_while_waiting_for_papers(workspace):
    # Received Monday 1 June, due Thursday 4 June; papers requested on Tuesday (2 working days left).
    workspace_clock_set(workspace=workspace, at=local(2026, 6, 2, 9, 0))
    dossier = _dossier(
        workspace, received_at=local(2026, 6, 1, 9), appointment_at=workdays.at_closing(date(2026, 6, 4))
    )
    paused = transition_apply(
        workspace=workspace,
        obj=dossier,
        transition="request_papers",
        actor_role="handler",
        data={"missing_papers": "Giấy chứng sinh"},
    )
    assert paused.obj.paused_remaining_days == 2
    # A week later the dossier waiting for papers is not overdue: its clock is stopped.
    workspace_clock_set(workspace=workspace, at=local(2026, 6, 9, 9, 0))
    assert not dossier_overdue(paused.obj, sandbox_now(workspace))
    resumed = transition_apply(
        workspace=workspace, obj=paused.obj, transition="papers_received", actor_role="one_stop"
    )
    assert timezone.localtime(resumed.obj.appointment_at).date() == date(2026, 6, 11)
    assert resumed.obj.paused_at is None


def test_overdue_is_computed_and_the_apology_moves_the_appointment(workspace):
    workspace_clock_set(workspace=workspace, at=local(2026, 6, 5, 9, 0))
    dossier = _dossier(
        workspace, received_at=local(2026, 6, 1, 9), appointment_at=workdays.at_closing(date(2026, 6, 4))
    )
    assert dossier_overdue(dossier, sandbox_now(workspace))
    refused = transition_apply(
        workspace=workspace,
        obj=dossier,
        transition="extend",
        actor_role="handler",
        data={"apology_reason": "", "appointment": "2026-06-09"},
    )
    assert not refused.ok and "lý do" in refused.message
    outcome = transition_apply(
        workspace=workspace,
        obj=dossier,
        transition="extend",
        actor_role="handler",
        data={"apology_reason": "Chờ xác minh", "appointment": "2026-06-09"},
    )
    assert outcome.ok and outcome.event.data["was_overdue"] is True
    assert not dossier_overdue(outcome.obj, sandbox_now(workspace))


def test_a_dossier_from_another_commune_must_be_accepted(workspace, other_commune):
    dossier = _dossier(workspace, status="1", owner_commune_code=other_commune.code)
    refused = transition_apply(
        workspace=workspace,
        obj=dossier,
        transition="refuse",
        actor_role="one_stop",
        data={"reason_kind": "residence", "decision_reason": "Không cư trú tại xã"},
    )
    assert not refused.ok and "118/2025" in refused.message
    accepted = transition_apply(workspace=workspace, obj=dossier, transition="accept", actor_role="one_stop")
    assert accepted.ok and accepted.event.data["other_commune"] is True


def test_completing_needs_fees_interconnection_and_a_numbered_result(workspace):
    dossier = _dossier(workspace, fee_amount=10_000)
    outcome = transition_apply(workspace=workspace, obj=dossier, transition="complete", actor_role="handler")
    assert not outcome.ok and "phí" in outcome.message
    dossier.fee_amount = 0
    dossier.save()
    outcome = transition_apply(workspace=workspace, obj=dossier, transition="complete", actor_role="handler")
    assert not outcome.ok and "liên thông" in outcome.message
    dossier.interconnect = {"residence": "done", "insurance": "done"}
    dossier.save()
    outcome = transition_apply(workspace=workspace, obj=dossier, transition="complete", actor_role="handler")
    assert not outcome.ok and "cấp số" in outcome.message


def test_the_result_is_drafted_from_the_dossier_without_typing(workspace):
    # The leader has assigned the handler (issue 17, item 10: assign, then draft).
    dossier = _dossier(workspace, handler_name="Lê Văn An (Tư pháp - Hộ tịch)")
    outcome = transition_apply(
        workspace=workspace, obj=dossier, transition="draft_result", actor_role="handler"
    )
    draft = workspace.outgoing.get(pk=outcome.event.data["draft_id"])
    assert draft.dossier == dossier and draft.status == "draft"
    assert (
        dossier.owner_name in draft.body
        and dossier.code in draft.body
        and dossier.owner_id_number in draft.body
    )
    assert draft.kind == "TB" and draft.symbol == "TB-UBND"
    again = transition_apply(
        workspace=workspace, obj=dossier, transition="draft_result", actor_role="handler"
    )
    assert not again.ok


def test_the_result_is_returned_to_the_owner_or_an_authorised_person(workspace):
    dossier = _dossier(workspace, status="9")
    data = {"returned_to": "Người lạ", "receiver_id": "001099000000"}
    outcome = transition_apply(
        workspace=workspace, obj=dossier, transition="return_result", actor_role="one_stop", data=data
    )
    assert not outcome.ok and "ủy quyền" in outcome.message
    data["authorisation"] = "Giấy ủy quyền số 12 ngày 01/6/2026"
    assert transition_apply(
        workspace=workspace, obj=dossier, transition="return_result", actor_role="one_stop", data=data
    ).ok


def test_walk_in_dossier_checks_the_personal_number(workspace):
    data = {
        "procedure": "copy",
        "owner_name": "Lê Văn Hải",
        "owner_id_number": "12345",
        "pages": 1,
        "copies": 1,
    }
    assert not dossier_walk_in_create(workspace=workspace, actor_role="one_stop", data=data).ok
    data["owner_id_number"] = "027090001234"
    assert not dossier_walk_in_create(workspace=workspace, actor_role="clerk", data=data).ok
    created = dossier_walk_in_create(workspace=workspace, actor_role="one_stop", data=data)
    assert created.ok and created.obj.status == "1" and created.obj.channel == "direct"


# --- numbering ---------------------------------------------------------------------------------------


def _signed(workspace, secret=False):
    doc = fake.outgoing_build(workspace, seed=2, status="signed", secret=secret)
    doc.save()
    return doc


def _number(workspace, doc, number):
    return transition_apply(
        workspace=workspace, obj=doc, transition="number", actor_role="clerk", data={"number": str(number)}
    )


@pytest.fixture
def clean(official):
    return Workspace.objects.create(official=official, role="clerk")


def test_numbers_are_consecutive_padded_and_never_duplicated(clean):
    first, second, third = _signed(clean), _signed(clean), _signed(clean)
    assert _number(clean, first, 1).obj.number_display == "01/KH-UBND"
    duplicate = _number(clean, second, 1)
    assert not duplicate.ok and "trùng" in duplicate.message
    skipped = _number(clean, second, 3)
    assert not skipped.ok and "02" in skipped.message
    assert _number(clean, second, 2).ok
    third.number, third.year = 9, timezone.localtime(sandbox_now(clean)).year
    third.save()
    fourth = _signed(clean)
    assert _number(clean, fourth, 10).obj.number_display == "10/KH-UBND"


def test_numbering_restarts_on_the_first_of_january(clean):
    last_year = _signed(clean)
    _number(clean, last_year, 1)
    last_year.refresh_from_db()
    last_year.number = 245
    last_year.save()
    now = timezone.localtime(sandbox_now(clean))
    workspace_clock_set(workspace=clean, at=now.replace(year=now.year + 1, month=1, day=2, hour=8))
    doc = _signed(clean)
    refused = _number(clean, doc, 246)
    assert not refused.ok and "01" in refused.message and "1 tháng 1" in refused.message
    assert _number(clean, doc, 1).obj.number_display == "01/KH-UBND"


def test_secret_documents_have_their_own_series(clean):
    _number(clean, _signed(clean), 1)
    assert _number(clean, _signed(clean, secret=True), 1).ok
    assert (
        numbering.outgoing_number_next(
            workspace=clean, year=timezone.localtime(sandbox_now(clean)).year, secret=False
        )
        == 2
    )


def test_symbols_follow_the_document_kind():
    assert numbering.symbol_expected(kind="CV", unit="VHXH") == "UBND-VHXH"
    assert numbering.symbol_expected(kind="QĐ", unit="VHXH") == "QĐ-UBND"
    assert OutgoingDocument(number=5, symbol="QĐ-UBND").number_display == "05/QĐ-UBND"
    assert OutgoingDocument(number=123, symbol="UBND-VHXH").number_display == "123/UBND-VHXH"


def test_a_cong_van_with_a_type_in_its_symbol_is_refused(clean):
    data = {"kind": "CV", "unit": "VHXH", "symbol": "CV-UBND", "summary": "V/v thử", "body": "Nội dung"}
    draft = outgoing_draft_create(workspace=clean, actor_role="handler", data=data).obj
    outcome = transition_apply(workspace=clean, obj=draft, transition="submit_review", actor_role="handler")
    assert not outcome.ok and "UBND-VHXH" in outcome.message


def test_incoming_numbers_are_shared_by_paper_and_electronic_documents(clean):
    electronic = fake.incoming_build(clean, seed=3)
    electronic.save()
    assert (
        transition_apply(
            workspace=clean, obj=electronic, transition="register", actor_role="clerk"
        ).obj.number
        == 1
    )
    data = {
        "issuer": "Công an xã",
        "reference": "215/CAX-HC",
        "doc_date": "2026-06-01",
        "kind": "CV",
        "summary": "V/v phối hợp",
    }
    assert incoming_paper_receive(workspace=clean, actor_role="clerk", data=data).obj.number == 2


def test_secret_documents_never_enter_the_connected_system(clean):
    data = {
        "issuer": "Công an xã",
        "reference": "7/CAX-M",
        "doc_date": "2026-06-01",
        "kind": "CV",
        "summary": "Tài liệu mật",
        "secrecy": "mat",
    }
    refused = incoming_paper_receive(workspace=clean, actor_role="clerk", data=data)
    assert not refused.ok and "Internet" in refused.message
    assert not clean.incoming.exists()
    drafted = outgoing_draft_create(
        workspace=clean, actor_role="handler", data={"kind": "CV", "summary": "Mật", "secret": True}
    )
    assert not drafted.ok and not clean.outgoing.exists()
    assert clean.events.filter(ok=False).count() == 2


def test_the_seal_is_refused_before_the_leader_has_signed(clean):
    doc = fake.outgoing_build(clean, seed=1, status="signing")
    doc.save()
    outcome = transition_apply(
        workspace=clean, obj=doc, transition="seal", actor_role="clerk", data={"_pdf": b"x"}
    )
    assert not outcome.ok and "sau khi lãnh đạo đã ký" in outcome.message
    doc.status, doc.leader_signed_at = "signed", timezone.now()
    doc.save()
    outcome = transition_apply(
        workspace=clean, obj=doc, transition="seal", actor_role="clerk", data={"_pdf": b"x"}
    )
    assert not outcome.ok and "cấp số" in outcome.message


def test_issuing_a_replacement_marks_the_old_document_replaced(clean):
    old = fake.outgoing_build(clean, seed=1, status="issued", number=1, year=2026, issued_on=date(2026, 6, 1))
    old.save()
    outcome = transition_apply(
        workspace=clean,
        obj=old,
        transition="replace",
        actor_role="handler",
        data={"revoke_reason": "Sai nội dung"},
    )
    new = clean.outgoing.get(pk=outcome.event.data["draft_id"])
    assert new.replaces == old and new.status == "draft"
    new.status = "sealed"
    new.save()
    transition_apply(workspace=clean, obj=new, transition="issue", actor_role="clerk")
    old.refresh_from_db()
    assert old.status == "replaced"


def test_the_sandbox_clock_moves_only_this_workspace(workspace, other_workspace):
    workspace_clock_set(workspace=workspace, at=timezone.now() + timedelta(days=30))
    assert sandbox_now(workspace) - timezone.now() > timedelta(days=29)
    assert abs(sandbox_now(other_workspace) - timezone.now()) < timedelta(seconds=5)
