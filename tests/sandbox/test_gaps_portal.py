"""Portal sync fault drills (DOMAIN.md §6): missing fields and portal unreachable, like "token expired":
they refuse accepting and interconnecting a dossier with their own message until the official fixes them,
and the drills page switches them on and off."""

import pytest
from django.urls import reverse

from sandbox import fake
from sandbox.faults import FAULTS
from sandbox.services import fault_enable, fault_fix, transition_apply


def test_missing_fields_are_fixed_only_by_filling_the_fields(workspace):
    # The drill empties the latest dossier waiting at the desk; its declaration form keeps the values.
    latest = workspace.dossiers.filter(status="1").order_by("-submitted_at", "-id").first()
    declared_id, declared_phone = latest.owner_id_number, latest.owner_phone
    fault_enable(workspace=workspace, name="portal_sync_missing_fields")
    workspace.refresh_from_db()
    dossier = workspace.dossiers.get(details__has_key="declared")
    assert dossier.pk == latest.pk
    assert dossier.owner_id_number == "" and dossier.owner_phone == ""
    assert dossier.details["declared"] == {"owner_id_number": declared_id, "owner_phone": declared_phone}
    refused = transition_apply(workspace=workspace, obj=dossier, transition="accept", actor_role="one_stop")
    assert not refused.ok and refused.event.fault and "thiếu trường dữ liệu" in refused.message
    # "Sync again" without filling anything does not fix it, and names what is missing.
    not_yet = fault_fix(workspace=workspace, name="portal_sync_missing_fields")
    assert not not_yet.ok and dossier.code in not_yet.message and "số định danh" in not_yet.message
    partly = {"owner_id_number": declared_id}
    assert transition_apply(
        workspace=workspace, obj=dossier, transition="update", actor_role="one_stop", data=partly
    ).ok
    workspace.refresh_from_db()
    not_yet = fault_fix(workspace=workspace, name="portal_sync_missing_fields")
    assert not not_yet.ok and "số điện thoại" in not_yet.message
    assert transition_apply(
        workspace=workspace,
        obj=dossier,
        transition="update",
        actor_role="one_stop",
        data={"owner_phone": declared_phone},
    ).ok
    workspace.refresh_from_db()
    assert fault_fix(workspace=workspace, name="portal_sync_missing_fields").ok
    workspace.refresh_from_db()
    dossier.refresh_from_db()
    assert transition_apply(workspace=workspace, obj=dossier, transition="accept", actor_role="one_stop").ok


@pytest.mark.parametrize(("name", "words"), [("portal_unreachable", "Không kết nối được")])
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
