"""Issue 17, item 13 (in part): the drills DOMAIN.md §4 and §6 still missed: the USB signing session
expiring, and a VNeID account still at level 1 (a government system needs level 2)."""

from sandbox import fake, logindrill, signing
from sandbox.models import CertificatePurpose
from sandbox.services import fault_enable, fault_fix, workspace_role_set


def test_an_expired_usb_session_refuses_signing_until_reopened(workspace):
    document = fake.outgoing_build(workspace, seed=3, status="signing")
    document.save()
    workspace_role_set(workspace=workspace, role="leader")
    fault_enable(workspace=workspace, name="usb_session_expired")
    workspace.refresh_from_db()
    pin = signing.certificate_for(workspace=workspace, purpose=CertificatePurpose.PERSONAL).pin
    refused = signing.usb_sign(
        workspace=workspace, document=document, pin=pin, purpose=CertificatePurpose.PERSONAL
    )
    assert not refused.ok and refused.event.fault and "Phiên làm việc" in refused.message
    assert refused.event.data["fault_name"] == "usb_session_expired"
    workspace.refresh_from_db()
    assert "usb_session_expired" in workspace.faults  # it stays until the session is reopened
    assert fault_fix(workspace=workspace, name="usb_session_expired").ok
    workspace.refresh_from_db()
    document.refresh_from_db()
    assert signing.usb_sign(
        workspace=workspace, document=document, pin=pin, purpose=CertificatePurpose.PERSONAL
    ).ok


def test_a_level_1_vneid_account_cannot_sign_in_until_raised_to_level_2(workspace):
    fault_enable(workspace=workspace, name="vneid_level1")
    workspace.refresh_from_db()
    refused = logindrill.vneid_request(workspace=workspace, method="qr")
    assert not refused.ok and refused.event.fault and "mức 2" in refused.message
    assert fault_fix(workspace=workspace, name="vneid_level1").ok
    workspace.refresh_from_db()
    assert logindrill.vneid_request(workspace=workspace, method="qr").ok
