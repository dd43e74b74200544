"""The receiving bodies of an issued outgoing document, simulated: each recipient moves 01 → 03 → 04 →
05 → 06 (or 01 → 02, returned with a reason), one step per elapsed sandbox hour, when the sender opens
the document's tracking page; asked to give a revoked document back (13), each answers 15 or 16."""

from datetime import timedelta

import pytest
from django.urls import reverse

from sandbox import fake
from sandbox.models import Workspace
from sandbox.services import (
    outgoing_receipts_advance,
    sandbox_now,
    transition_apply,
    workspace_clock_set,
    workspace_role_set,
)


@pytest.fixture
def bare_workspace(official):
    """No starting data: only the document under test is issued."""
    return Workspace.objects.create(official=official, role="clerk")


def _issued(workspace):
    now = sandbox_now(workspace)
    doc = fake.outgoing_build(
        workspace, seed=1, status="issued", number=901, year=now.year, issued_on=now.date()
    )
    doc.issued_at = now
    doc.save()
    for name in ("Phòng Tư pháp", "Công an xã"):
        doc.deliveries.create(name=name)
    return doc, now


def _statuses(doc):
    return [d.status for d in doc.deliveries.order_by("id")]


def test_recipients_move_one_step_per_sandbox_hour(bare_workspace):
    workspace = bare_workspace
    doc, issued = _issued(workspace)
    assert outgoing_receipts_advance(workspace=workspace) == 0
    assert _statuses(doc) == ["01", "01"]
    expected = {1: "03", 2: "04", 3: "05", 4: "06", 9: "06"}
    for hours, status in expected.items():
        workspace_clock_set(workspace=workspace, at=issued + timedelta(hours=hours, minutes=1))
        outgoing_receipts_advance(workspace=workspace)
        assert _statuses(doc) == [status, status]
    assert workspace.events.filter(machine="outgoing", action="receipts", object_id=doc.pk).count() == 4


def test_a_recall_is_answered_an_hour_later_accepted_or_refused_by_one_done_with_it(bare_workspace):
    workspace = bare_workspace
    doc, issued = _issued(workspace)
    workspace_clock_set(workspace=workspace, at=issued + timedelta(hours=4, minutes=1))
    outgoing_receipts_advance(workspace=workspace)
    first = doc.deliveries.order_by("id").first()
    first.status = "05"
    first.save()
    assert _statuses(doc) == ["05", "06"]
    workspace_role_set(workspace=workspace, role="clerk")
    outcome = transition_apply(
        workspace=workspace, obj=doc, transition="revoke", actor_role="clerk", data={"revoke_reason": "Sai"}
    )
    assert outcome.ok and _statuses(doc) == ["13", "13"]
    assert outgoing_receipts_advance(workspace=workspace) == 0  # not yet: the receivers answer later
    workspace_clock_set(workspace=workspace, at=issued + timedelta(hours=5, minutes=2))
    assert outgoing_receipts_advance(workspace=workspace) == 2
    assert _statuses(doc) == ["15", "16"]
    refused = doc.deliveries.get(status="16")
    assert "đã được xử lý xong" in refused.reason
    # Answers are final.
    workspace_clock_set(workspace=workspace, at=issued + timedelta(hours=9))
    assert outgoing_receipts_advance(workspace=workspace) == 0


def test_a_recipient_at_the_abolished_district_level_returns_the_document_with_a_reason(bare_workspace):
    workspace = bare_workspace
    doc, issued = _issued(workspace)
    doc.deliveries.create(name="Phòng Tư pháp huyện Yên Phong")
    workspace_clock_set(workspace=workspace, at=issued + timedelta(hours=3, minutes=1))
    outgoing_receipts_advance(workspace=workspace)
    assert _statuses(doc) == ["05", "05", "02"]
    returned = doc.deliveries.get(status="02")
    assert "cấp huyện" in returned.reason and returned.status_at is not None


def test_the_receipts_move_through_the_workflow_core_and_refuse_a_return_without_reason(bare_workspace):
    from sandbox.machines import DELIVERY, delivery_move

    doc, issued = _issued(bare_workspace)
    delivery = doc.deliveries.first()
    assert set(DELIVERY.states) >= {"01", "02", "03", "04", "05", "06", "13", "15", "16"}
    assert not delivery_move(delivery, "return", now=issued)
    assert not delivery_move(delivery, "finish", now=issued)  # 01 → 06 skips the steps: refused
    assert delivery_move(delivery, "return", now=issued, reason="Gửi nhầm")
    delivery.refresh_from_db()
    assert (delivery.status, delivery.reason) == ("02", "Gửi nhầm")


def test_the_tracking_page_shows_the_return_reason(client, official, workspace):
    doc, issued = _issued(workspace)
    doc.deliveries.create(name="UBND huyện Gia Viễn")
    workspace_clock_set(workspace=workspace, at=issued + timedelta(hours=1, minutes=5))
    client.force_login(official)
    page = client.get(reverse("sandbox:outgoing_detail", args=[doc.pk])).content.decode()
    assert "02 Từ chối tiếp nhận" in page and "Lý do: Nơi nhận là đơn vị hành chính cấp huyện" in page


def test_the_tracking_page_shows_the_recipients_progress(client, official, workspace):
    doc, issued = _issued(workspace)
    workspace_clock_set(workspace=workspace, at=issued + timedelta(hours=2, minutes=5))
    client.force_login(official)
    page = client.get(reverse("sandbox:outgoing_detail", args=[doc.pk])).content.decode()
    assert "Phòng Tư pháp" in page and "04 Lãnh đạo đã phân công" in page
    assert _statuses(doc) == ["04", "04"]
