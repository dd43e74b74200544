"""Timing rules of DOMAIN.md §1–2: an incoming document is registered on its arrival day or the next
working day (Hỏa tốc / Thượng khẩn at once), an outgoing document is issued on its signing day or the
next working day. Late steps still go through, logged with ``late`` and a warning scenarios count."""

from datetime import datetime

import pytest
from django.utils import timezone

from sandbox import fake
from sandbox.models import Urgency, Workspace
from sandbox.scenarios.types import Check
from sandbox.services import transition_apply, workspace_clock_set

LATE = Check("incoming", "register", where={"late": {"equals": True}})
ISSUED_LATE = Check("outgoing", "issue", where={"late": {"equals": True}})


def at(day: int, hour: int = 9) -> datetime:
    # November 2026: the 20th is a Friday, the 23rd a Monday, the 24th a Tuesday.
    return timezone.make_aware(datetime(2026, 11, day, hour))


@pytest.fixture
def bare_workspace(official):
    return Workspace.objects.create(official=official, role="clerk")


def _register(workspace, *, arrived, now, urgency=Urgency.NORMAL, seed=1):
    doc = fake.incoming_build(workspace, seed=seed, status="01", arrived_at=arrived, urgency=urgency)
    doc.save()
    workspace_clock_set(workspace=workspace, at=now)
    return transition_apply(workspace=workspace, obj=doc, transition="register", actor_role="clerk")


def test_registering_on_the_next_working_day_is_on_time(bare_workspace):
    outcome = _register(bare_workspace, arrived=at(20, 16), now=at(23, 10))  # Friday → Monday
    assert outcome.ok and outcome.event.data["late"] is False
    assert "warning" not in outcome.event.data
    assert not LATE.matches(outcome.event, {})


def test_registering_later_goes_through_but_is_logged_as_late(bare_workspace):
    outcome = _register(bare_workspace, arrived=at(20, 16), now=at(24, 10))  # Friday → Tuesday
    assert outcome.ok and outcome.obj.status == "03"
    assert outcome.event.data["late"] is True
    assert "Vào sổ muộn" in outcome.event.data["warning"]
    assert LATE.matches(outcome.event, {})


def test_a_flash_document_registered_at_once_is_on_time(bare_workspace):
    outcome = _register(bare_workspace, arrived=at(23, 9), now=at(23, 10), urgency=Urgency.FLASH)
    assert outcome.ok and outcome.event.data["late"] is False


def test_a_flash_document_registered_after_other_work_is_flagged(bare_workspace):
    flash = fake.incoming_build(
        bare_workspace, seed=2, status="01", arrived_at=at(23, 8), urgency=Urgency.FLASH
    )
    flash.save()
    other = _register(bare_workspace, arrived=at(23, 8), now=at(23, 9), seed=3)
    assert other.ok and other.event.data["late"] is False
    outcome = transition_apply(workspace=bare_workspace, obj=flash, transition="register", actor_role="clerk")
    assert outcome.ok and outcome.event.data["late"] is True
    assert "Hỏa tốc" in outcome.event.data["warning"]
    assert LATE.matches(outcome.event, {})


def _issue(workspace, *, signed, now):
    doc = fake.outgoing_build(
        workspace, seed=1, status="sealed", number=1, year=2026, issued_on=signed.date()
    )
    doc.leader_signed_at = signed
    doc.sealed_at = signed
    doc.recipients = "- Phòng Tư pháp;\n- Lưu: VT."
    doc.save()
    workspace_clock_set(workspace=workspace, at=now)
    return transition_apply(workspace=workspace, obj=doc, transition="issue", actor_role="clerk")


def test_issuing_on_the_next_working_day_is_on_time(bare_workspace):
    outcome = _issue(bare_workspace, signed=at(20, 16), now=at(23, 9))
    assert outcome.ok and outcome.event.data["late"] is False
    assert not ISSUED_LATE.matches(outcome.event, {})


def test_issuing_later_goes_through_but_is_logged_as_late(bare_workspace):
    outcome = _issue(bare_workspace, signed=at(20, 16), now=at(24, 9))
    assert outcome.ok and outcome.obj.status == "issued"
    assert outcome.event.data["late"] is True
    assert "Phát hành muộn" in outcome.event.data["warning"]
    assert ISSUED_LATE.matches(outcome.event, {})
