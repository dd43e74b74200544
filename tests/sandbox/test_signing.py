"""Signing in the workflows: real signatures on real PDFs that validate (and a tampered PDF that does
not), the USB token's PIN rules, remote signing with its timeout, and the certificate drills."""

from datetime import timedelta

import pytest
from cryptography import x509
from django.urls import reverse

from sandbox import fake, numbering, pdf, signing
from sandbox.documents import SEAL_FIELD, SIGNATURE_FIELD
from sandbox.models import CertificatePurpose, SigningRequest
from sandbox.services import fault_enable, fault_fix, sandbox_now, transition_apply, workspace_clock_set

PERSONAL, ORGANISATION = CertificatePurpose.PERSONAL, CertificatePurpose.ORGANISATION


@pytest.fixture
def document(workspace):
    doc = fake.outgoing_build(workspace, seed=3, status="signing")
    doc.save()
    return doc


def _usb(workspace, document, purpose=PERSONAL, pin=None, role=None):
    workspace.role = role or ("leader" if purpose == PERSONAL else "clerk")
    pin = pin if pin is not None else signing.certificate_for(workspace=workspace, purpose=purpose).pin
    return signing.usb_sign(workspace=workspace, document=document, pin=pin, purpose=purpose)


def _tampered(data: bytes) -> bytes:
    position = data.index(b"stream", 200) + 40
    return data[:position] + bytes([data[position] ^ 0x01]) + data[position + 1 :]


def test_a_training_certificate_is_issued_on_first_use(workspace, official):
    assert not workspace.certificates.exists()
    cert = signing.certificate_for(workspace=workspace, purpose=PERSONAL)
    assert signing.certificate_for(workspace=workspace, purpose=PERSONAL) == cert
    subject = x509.load_pem_x509_certificate(cert.cert_pem.encode()).subject.rfc4514_string()
    assert official.full_name in subject and "Chứng thư số thực hành" in subject
    assert 4 <= len(cert.pin) <= 16 and cert.pin not in cert.key_pem_encrypted


def test_a_signature_made_in_the_sandbox_validates_and_a_tampered_pdf_does_not(workspace, document):
    outcome = _usb(workspace, document)
    assert outcome.ok, outcome.message
    document.refresh_from_db()
    assert document.status == "signed" and document.leader_signed_at
    signed = bytes(document.pdf)
    result = signing.pdf_check(workspace=workspace, pdf_bytes=signed)
    assert result.valid and [s.signer_common_name for s in result.signatures] == [
        workspace.official.full_name
    ]
    broken = signing.pdf_check(workspace=workspace, pdf_bytes=_tampered(signed))
    assert not broken.valid and not broken.signatures[0].intact
    assert outcome.event.data["method"] == "usb"


def test_the_organisation_seal_after_the_leader_keeps_both_signatures_valid(workspace, document):
    assert _usb(workspace, document).ok
    document.refresh_from_db()
    workspace.role = "clerk"
    number = numbering.outgoing_number_next(
        workspace=workspace, year=document.leader_signed_at.year, secret=False
    )
    assert transition_apply(
        workspace=workspace,
        obj=document,
        transition="number",
        actor_role="clerk",
        data={"number": str(number)},
    ).ok
    document.refresh_from_db()
    assert _usb(workspace, document, ORGANISATION).ok
    document.refresh_from_db()
    assert document.status == "sealed"
    assert pdf.pdf_signature_fields(bytes(document.pdf)) == [SIGNATURE_FIELD, SEAL_FIELD]
    result = signing.document_validate(workspace=workspace, document=document)
    assert result.valid and len(result.signatures) == 2
    assert workspace.events.filter(machine="outgoing", action="validate", data__valid=True).exists()


def test_the_seal_is_refused_before_the_leader_signed_and_nothing_is_signed(workspace, document):
    outcome = _usb(workspace, document, ORGANISATION)
    assert not outcome.ok and "sau khi lãnh đạo đã ký" in outcome.message
    document.refresh_from_db()
    assert document.status == "signing" and not document.pdf
    assert workspace.events.filter(machine="outgoing", action="seal", ok=False).exists()


def test_three_wrong_pins_lock_the_token_and_the_puk_unblocks_it(workspace, document):
    first = _usb(workspace, document, pin="0000")
    assert not first.ok and "Còn 2 lần" in first.message
    assert "Còn 1 lần" in _usb(workspace, document, pin="0001").message
    third = _usb(workspace, document, pin="0002")
    assert "khóa" in third.message
    cert = signing.certificate_for(workspace=workspace, purpose=PERSONAL)
    assert cert.locked
    locked = _usb(workspace, document)
    assert not locked.ok and "PUK" in locked.message
    assert not signing.token_unblock(workspace=workspace, certificate=cert, puk="00000000", new_pin="2468").ok
    assert signing.token_unblock(workspace=workspace, certificate=cert, puk=cert.puk, new_pin="2468").ok
    assert _usb(workspace, document, pin="2468").ok


def test_a_malformed_pin_is_not_counted(workspace, document):
    outcome = _usb(workspace, document, pin="12")
    assert not outcome.ok and "4 đến 16" in outcome.message
    assert signing.certificate_for(workspace=workspace, purpose=PERSONAL).failed_pins == 0


def test_token_and_plug_in_faults_block_until_fixed(workspace, document):
    fault_enable(workspace=workspace, name="plugin_not_loaded")
    refused = _usb(workspace, document)
    assert not refused.ok and refused.event.fault and "plug-in" in refused.message
    assert fault_fix(workspace=workspace, name="plugin_not_loaded").ok
    assert _usb(workspace, document).ok


def test_the_expired_certificate_drill(workspace, document):
    fault_enable(workspace=workspace, name="cert_expired")
    refused = _usb(workspace, document)
    assert not refused.ok and "hết hạn" in refused.message and refused.event.fault
    assert fault_fix(workspace=workspace, name="cert_expired").ok
    assert _usb(workspace, document).ok


def test_the_revoked_certificate_drill_and_a_revoked_signature_does_not_validate(workspace, document):
    fault_enable(workspace=workspace, name="cert_revoked")
    drill = signing.certificate_for(workspace=workspace, purpose=PERSONAL)
    assert drill.drill == "revoked" and drill.revoked_at
    refused = _usb(workspace, document)
    assert not refused.ok and "thu hồi" in refused.message
    # Had it signed anyway, a recipient's check would reject it.
    from sandbox import pki

    key = pki.key_unlock(key_pem_encrypted=drill.key_pem_encrypted.encode(), pin=drill.pin)
    forged = signing._sign_pdf(workspace=workspace, document=document, cert=drill, key=key)
    result = signing.pdf_check(workspace=workspace, pdf_bytes=forged)
    assert not result.valid and result.signatures[0].revoked
    assert fault_fix(workspace=workspace, name="cert_revoked").ok
    assert signing.certificate_for(workspace=workspace, purpose=PERSONAL).drill == ""
    assert _usb(workspace, document).ok


def test_remote_signing_is_confirmed_on_the_phone(workspace, document, client, official):
    workspace.role = "leader"
    request = signing.remote_request(workspace=workspace, document=document).obj
    assert request.status == SigningRequest.Status.PENDING and request.transaction_id.startswith("SCA-")
    client.force_login(official)
    phone = client.get(reverse("sandbox:phone"))
    assert request.transaction_id in phone.content.decode()
    response = client.post(reverse("sandbox:phone_signing", args=[request.transaction_id, "confirm"]))
    assert response.status_code == 302
    request.refresh_from_db()
    document.refresh_from_db()
    assert request.status == SigningRequest.Status.CONFIRMED and document.status == "signed"
    assert signing.pdf_check(workspace=workspace, pdf_bytes=bytes(document.pdf)).valid
    status = client.get(reverse("sandbox:remote_status", args=[request.transaction_id])).json()
    assert status["status"] == "confirmed"


def test_an_unconfirmed_remote_request_expires(workspace, document, settings):
    settings.SANDBOX_REMOTE_SIGNING_TIMEOUT = 60
    workspace.role = "leader"
    request = signing.remote_request(workspace=workspace, document=document).obj
    assert request.expires_at - request.created_at == timedelta(seconds=60)
    workspace_clock_set(workspace=workspace, at=sandbox_now(workspace) + timedelta(seconds=61))
    request = signing.remote_refresh(request=request)
    assert request.status == SigningRequest.Status.EXPIRED
    expired = workspace.events.get(action="remote_expired")
    assert "không xác nhận" in expired.reason and not expired.fault
    assert not signing.remote_confirm(workspace=workspace, request=request).ok
    document.refresh_from_db()
    assert document.status == "signing"


def test_a_request_the_phone_never_receives(workspace, document, client, official):
    fault_enable(workspace=workspace, name="remote_unconfirmed")
    workspace.refresh_from_db()
    workspace.role = "leader"
    lost = signing.remote_request(workspace=workspace, document=document).obj
    assert not lost.delivered
    client.force_login(official)
    assert lost.transaction_id not in client.get(reverse("sandbox:phone")).content.decode()
    assert not signing.remote_confirm(workspace=workspace, request=lost).ok
    workspace.refresh_from_db()
    workspace.role = "leader"
    again = signing.remote_request(workspace=workspace, document=document).obj
    lost.refresh_from_db()
    assert again.delivered
    assert lost.status == SigningRequest.Status.CANCELLED


# --- Issue 16, item 9: F5 never acts twice -----------------------------------------------------------


def test_checking_a_signature_redirects_and_a_reload_checks_nothing_again(
    workspace, document, client, official
):
    _usb(workspace, document)
    client.force_login(official)
    response = client.post(reverse("sandbox:validate", args=[document.pk]))
    assert response.status_code == 302 and response.url == reverse(
        "sandbox:outgoing_detail", args=[document.pk]
    )
    shown = client.get(response.url).content.decode()
    assert "Kết quả kiểm tra chữ ký số" in shown and "Hợp lệ" in shown
    reloaded = client.get(response.url).content.decode()
    assert workspace.events.filter(machine="outgoing", action="validate").count() == 1
    assert "Kết quả kiểm tra chữ ký số" not in reloaded


def test_a_wrong_pin_redirects_so_a_reload_does_not_try_it_again(workspace, document, client, official):
    workspace.role = "leader"
    workspace.save(update_fields=["role"])
    client.force_login(official)
    url = reverse("sandbox:sign", args=[document.pk])
    response = client.post(f"{url}?purpose={PERSONAL}", {"pin": "0000"})
    assert response.status_code == 302 and response.url == f"{url}?purpose={PERSONAL}"
    assert "Sai mã PIN" in client.get(response.url).content.decode()
    assert signing.certificate_for(workspace=workspace, purpose=PERSONAL).failed_pins == 1
