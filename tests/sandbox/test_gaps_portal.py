"""Portal sync fault drills (DOMAIN.md §6): missing fields and portal unreachable, like "token expired":
they refuse accepting and interconnecting a dossier with their own message until the official fixes them,
and the drills page switches them on and off."""

import pytest
from django.urls import reverse

from sandbox import fake
from sandbox.faults import FAULTS
from sandbox.services import fault_enable, fault_fix, transition_apply


@pytest.mark.parametrize(
    ("name", "words"),
    [("portal_sync_missing_fields", "thiếu trường dữ liệu"), ("portal_unreachable", "Không kết nối được")],
)
def test_portal_sync_variants_refuse_accepting_until_fixed(workspace, name, words):
    dossier = fake.dossier_build(workspace, seed=3, procedure="joint_birth", status="1")
    dossier.save()
    fault_enable(workspace=workspace, name=name)
    workspace.refresh_from_db()
    refused = transition_apply(workspace=workspace, obj=dossier, transition="accept", actor_role="one_stop")
    assert not refused.ok and refused.event.fault and words in refused.message
    assert refused.event.data["fault_name"] == name
    workspace.refresh_from_db()
    assert name in workspace.faults  # stays until fixed, unlike "token expired"
    assert fault_fix(workspace=workspace, name=name).ok
    workspace.refresh_from_db()
    assert transition_apply(workspace=workspace, obj=dossier, transition="accept", actor_role="one_stop").ok


def test_portal_sync_variants_on_the_drills_page(client, official, workspace):
    client.force_login(official)
    page = client.get(reverse("sandbox:drills")).content.decode()
    for name in ("portal_sync_error", "portal_sync_missing_fields", "portal_unreachable"):
        assert str(FAULTS[name].label) in page
    client.post(reverse("sandbox:fault_on", args=["portal_unreachable"]))
    workspace.refresh_from_db()
    assert "portal_unreachable" in workspace.faults
    page = client.get(reverse("sandbox:drills")).content.decode()
    assert str(FAULTS["portal_unreachable"].fix_label) in page
    client.post(reverse("sandbox:fault_fix", args=["portal_unreachable"]))
    workspace.refresh_from_db()
    assert "portal_unreachable" not in workspace.faults
