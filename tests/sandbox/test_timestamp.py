"""Issue 17, item 13: signatures carry a timestamp from the sandbox's own timestamp server (PAdES
B-T), and the "timestamp server unreachable" drill makes signing fail until the connection is back."""

from datetime import timedelta

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization

from sandbox import fake, pdf, signing
from sandbox.models import CertificatePurpose
from sandbox.services import fault_enable, fault_fix, sandbox_now, workspace_clock_set, workspace_role_set


def _signing_document(workspace):
    document = fake.outgoing_build(workspace, seed=3, status="signing")
    document.save()
    workspace_role_set(workspace=workspace, role="leader")
    return document


def _sign(workspace, document):
    pin = signing.certificate_for(workspace=workspace, purpose=CertificatePurpose.PERSONAL).pin
    return signing.usb_sign(
        workspace=workspace, document=document, pin=pin, purpose=CertificatePurpose.PERSONAL
    )


def test_the_timestamp_server_certificate_is_for_time_stamping_only_and_chains_to_the_sandbox_ca(db):
    server = signing.tsa()
    cert = _der(server.cert_pem)
    assert cert.extended_key_usage_value.native == ["time_stamping"]
    assert "extended_key_usage" in cert.critical_extensions
    assert cert.issuer == _der(signing.authority().cert_pem).subject


def _der(pem: bytes) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(
        x509.load_pem_x509_certificate(pem).public_bytes(serialization.Encoding.DER)
    )


def test_a_signature_carries_the_sandbox_tsa_timestamp_at_the_sandbox_clock(workspace):
    workspace_clock_set(workspace=workspace, at=sandbox_now(workspace) + timedelta(days=2, hours=3))
    workspace.refresh_from_db()
    document = _signing_document(workspace)
    assert _sign(workspace, document).ok
    document.refresh_from_db()
    result = signing.pdf_check(workspace=workspace, pdf_bytes=bytes(document.pdf))
    assert result.valid
    (signature,) = result.signatures
    assert signature.timestamp is not None
    assert abs(signature.timestamp - sandbox_now(workspace)) < timedelta(minutes=5)


def test_a_timestamp_from_a_foreign_tsa_is_not_trusted(workspace):
    """The token is checked against the sandbox CA: one from another authority gives no timestamp."""
    from sandbox import pki

    foreign = pki.ca_create(name="Foreign CA")
    server = pki.tsa_issue(ca=foreign)
    document = _signing_document(workspace)
    cert = signing.certificate_for(workspace=workspace, purpose=CertificatePurpose.PERSONAL)
    key = pki.key_unlock(key_pem_encrypted=cert.key_pem_encrypted.encode(), pin=cert.pin)
    signed = pdf.pdf_sign(
        pdf_bytes=_base(workspace, document),
        cert_pem=cert.cert_pem.encode(),
        private_key=key,
        ca_cert_pem=signing.authority().cert_pem,
        field_name="Signature1",
        reason="test",
        location="test",
        timestamper=pdf.timestamper_build(
            tsa_cert_pem=server.cert_pem, tsa_key_pem=server.key_pem, ca_cert_pem=foreign.cert_pem
        ),
    )
    (signature,) = signing.pdf_check(workspace=workspace, pdf_bytes=signed).signatures
    assert signature.timestamp is None


def _base(workspace, document):
    from django.utils import timezone

    from sandbox.documents import outgoing_pdf_render

    return outgoing_pdf_render(document=document, today=timezone.localtime(sandbox_now(workspace)).date())


def test_the_tsa_drill_refuses_signing_with_the_real_message_until_the_connection_is_back(workspace):
    document = _signing_document(workspace)
    fault_enable(workspace=workspace, name="tsa_unreachable")
    workspace.refresh_from_db()
    refused = _sign(workspace, document)
    assert not refused.ok and refused.event.fault
    assert "máy chủ cấp dấu thời gian" in refused.message and "chưa được ký" in refused.message
    assert refused.event.data["fault_name"] == "tsa_unreachable"
    document.refresh_from_db()
    assert document.status == "signing" and not document.pdf
    workspace.refresh_from_db()
    assert "tsa_unreachable" in workspace.faults
    assert fault_fix(workspace=workspace, name="tsa_unreachable").ok
    workspace.refresh_from_db()
    assert _sign(workspace, document).ok
    document.refresh_from_db()
    assert signing.pdf_check(workspace=workspace, pdf_bytes=bytes(document.pdf)).signatures[0].timestamp


def test_the_tsa_drill_also_stops_a_remote_signature_confirmed_on_the_phone(workspace):
    document = _signing_document(workspace)
    request = signing.remote_request(workspace=workspace, document=document).obj
    fault_enable(workspace=workspace, name="tsa_unreachable")
    workspace.refresh_from_db()
    refused = signing.remote_confirm(workspace=workspace, request=request)
    assert not refused.ok and refused.event.fault
    document.refresh_from_db()
    assert document.status == "signing"
