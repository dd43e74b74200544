"""The receiving bodies of an issued outgoing document, simulated: each recipient moves 01 → 03 → 04 →
05 → 06, one step per elapsed sandbox hour, when the sender opens the document's tracking page."""

from datetime import timedelta

import pytest
from django.urls import reverse

from sandbox import fake
from sandbox.models import Workspace
from sandbox.services import outgoing_receipts_advance, sandbox_now, workspace_clock_set


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


def test_a_recalled_delivery_stays_put(bare_workspace):
    workspace = bare_workspace
    doc, issued = _issued(workspace)
    doc.deliveries.update(status="13")
    workspace_clock_set(workspace=workspace, at=issued + timedelta(hours=3))
    assert outgoing_receipts_advance(workspace=workspace) == 0
    assert _statuses(doc) == ["13", "13"]


def test_the_tracking_page_shows_the_recipients_progress(client, official, workspace):
    doc, issued = _issued(workspace)
    workspace_clock_set(workspace=workspace, at=issued + timedelta(hours=2, minutes=5))
    client.force_login(official)
    page = client.get(reverse("sandbox:outgoing_detail", args=[doc.pk])).content.decode()
    assert "Phòng Tư pháp" in page and "04 Lãnh đạo đã phân công" in page
    assert _statuses(doc) == ["04", "04"]
