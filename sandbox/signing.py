"""Signing in the replica workflows: the sandbox CA, each official's training certificates (issued on
first use), USB-token signing with a PIN, remote signing confirmed on the simulated phone, the expired
and revoked certificate drills, and checking a signed PDF.

The cryptography lives in ``sandbox.pki`` and ``sandbox.pdf`` (pure functions over bytes); this module
decides where keys are kept and runs the token's rules: three wrong PINs lock it, the PUK unblocks it.
Signatures claim the sandbox clock's time, as the number and the date line written at "Cấp số" do;
training certificates are valid from a year back and the CRL is issued at the later of now and the
sandbox clock, so a signature verifies at the time it claims. Whether a certificate may sign is judged
against real time (the expired and revoked drills); remote-signing transactions expire on the sandbox
clock, so a drill or a test can move past them.
"""

import functools
import secrets
from datetime import timedelta

from cryptography.hazmat.primitives import serialization
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from pyhanko.sign.timestamps.api import TimeStamper
from pyhanko.sign.timestamps.common_utils import TimestampRequestError

from sandbox import pdf, pki
from sandbox.documents import SEAL_FIELD, SIGNATURE_FIELD, outgoing_pdf_render, place_name
from sandbox.faults import FAULTS, fault_blocking, fault_struck
from sandbox.models import (
    Actor,
    CertificatePurpose,
    OutgoingDocument,
    SandboxAuthority,
    SigningRequest,
    TrainingCertificate,
    Workspace,
)
from sandbox.services import Outcome, event_record, sandbox_now, transition_apply, transition_check

PIN_ATTEMPTS = 3
CERTIFICATE_YEARS = 2
REMOTE_TIMEOUT_SECONDS = 300
CERTIFICATE_BACKDATE = timedelta(days=365)


def remote_timeout() -> timedelta:
    return timedelta(seconds=getattr(settings, "SANDBOX_REMOTE_SIGNING_TIMEOUT", REMOTE_TIMEOUT_SECONDS))


def authority() -> pki.CA:
    """The sandbox CA, created once (the first signing anywhere) and kept in the database."""
    row = SandboxAuthority.objects.filter(pk=1).first()
    if row is None:
        ca = pki.ca_create()
        try:
            with transaction.atomic():
                row = SandboxAuthority.objects.create(
                    pk=1, cert_pem=ca.cert_pem.decode(), key_pem=ca.key_pem.decode()
                )
        except IntegrityError:
            row = SandboxAuthority.objects.get(pk=1)
    return pki.CA(cert_pem=row.cert_pem.encode(), key_pem=row.key_pem.encode())


@functools.lru_cache(maxsize=4)
def _tsa_for(ca_cert_pem: bytes, ca_key_pem: bytes) -> pki.TSA:
    return pki.tsa_issue(ca=pki.CA(cert_pem=ca_cert_pem, key_pem=ca_key_pem))


def tsa() -> pki.TSA:
    """The sandbox's timestamp server: in-process, with a certificate from the sandbox CA (one per
    process; a recipient checks the chain to the CA, which every timestamp token carries)."""
    ca = authority()
    return _tsa_for(ca.cert_pem, ca.key_pem)


class _UnreachableTimeStamper(TimeStamper):
    """The "timestamp server unreachable" drill: every request fails as a dropped connection does."""

    async def async_request_tsa_response(self, req):
        raise TimestampRequestError("connection to the timestamp server timed out")


class TimestampUnavailable(Exception):
    """The signature could not get its timestamp: nothing was signed."""


def timestamper_for(workspace: Workspace, *, drill: bool = True) -> TimeStamper:
    """The timestamp server signatures get their time from: the sandbox's TSA at the sandbox clock's
    time, or, while the drill is on (and ``drill``), one that cannot be reached."""
    if drill and "tsa_unreachable" in workspace.faults:
        return _UnreachableTimeStamper()
    server = tsa()
    return pdf.timestamper_build(
        tsa_cert_pem=server.cert_pem,
        tsa_key_pem=server.key_pem,
        ca_cert_pem=authority().cert_pem,
        at=sandbox_now(workspace),
    )


def _issue(
    *, workspace: Workspace, purpose: str, not_before, not_after, drill: str = ""
) -> TrainingCertificate:
    if purpose == CertificatePurpose.PERSONAL:
        common_name = workspace.official.get_full_name()
    else:
        common_name = f"ỦY BAN NHÂN DÂN {workspace.commune_name.upper()}"
    pin = f"{secrets.randbelow(10**6):06d}"
    issued = pki.certificate_issue(
        ca=authority(),
        common_name=common_name,
        organization=f"UBND {workspace.commune_name}",
        email=None,
        pin=pin,
        not_before=not_before,
        not_after=not_after,
    )
    return TrainingCertificate.objects.create(
        workspace=workspace,
        purpose=purpose,
        common_name=common_name,
        cert_pem=issued.cert_pem.decode(),
        key_pem_encrypted=issued.key_pem_encrypted.decode(),
        pin=pin,
        puk=f"{secrets.randbelow(10**8):08d}",
        serial=str(issued.serial),
        not_before=issued.not_before,
        not_after=issued.not_after,
        drill=drill,
    )


def certificate_for(*, workspace: Workspace, purpose: str) -> TrainingCertificate:
    """The token in use for ``purpose``; a training certificate is issued on first use."""
    cert = workspace.certificates.filter(purpose=purpose, active=True).order_by("-id").first()
    if cert is None:
        now = timezone.now()
        cert = _issue(
            workspace=workspace,
            purpose=purpose,
            # Valid back as far as the CA, so a signature at a sandbox time moved back still verifies.
            not_before=now - CERTIFICATE_BACKDATE,
            not_after=now + timedelta(days=365 * CERTIFICATE_YEARS),
        )
    return cert


def _swap_personal(workspace: Workspace, *, drill: str) -> TrainingCertificate:
    certificate_for(workspace=workspace, purpose=CertificatePurpose.PERSONAL)
    workspace.certificates.filter(purpose=CertificatePurpose.PERSONAL, active=True).update(active=False)
    now = timezone.now()
    if drill == "expired":
        return _issue(
            workspace=workspace,
            purpose=CertificatePurpose.PERSONAL,
            not_before=now - timedelta(days=365 * CERTIFICATE_YEARS),
            not_after=now - timedelta(days=1),
            drill=drill,
        )
    cert = _issue(
        workspace=workspace,
        purpose=CertificatePurpose.PERSONAL,
        not_before=now - timedelta(days=30),
        not_after=now + timedelta(days=365),
        drill=drill,
    )
    cert.revoked_at = now - timedelta(hours=1)
    cert.save(update_fields=["revoked_at"])
    return cert


def certificate_drill_expired(*, workspace: Workspace) -> None:
    """Fault drill: the leader's token now holds a certificate that expired yesterday."""
    _swap_personal(workspace, drill="expired")


def certificate_drill_revoked(*, workspace: Workspace) -> None:
    """Fault drill: the leader's token holds a certificate the CA has revoked."""
    _swap_personal(workspace, drill="revoked")


def certificate_renew(*, workspace: Workspace) -> None:
    """The fix of both drills: the CA renews the certificate (the previous good one comes back)."""
    workspace.certificates.filter(purpose=CertificatePurpose.PERSONAL).exclude(drill="").update(active=False)
    good = (
        workspace.certificates.filter(purpose=CertificatePurpose.PERSONAL, drill="", revoked_at__isnull=True)
        .order_by("-id")
        .first()
    )
    if good is not None:
        TrainingCertificate.objects.filter(pk=good.pk).update(active=True)


def crl_pem(workspace: Workspace) -> bytes:
    """The CA's revocation list as of now, or of the sandbox clock when it runs ahead (so it is fresh
    at the times the workspace's signatures claim)."""
    revoked = workspace.certificates.filter(revoked_at__isnull=False).values_list("serial", "revoked_at")
    issued = max(timezone.now(), sandbox_now(workspace))
    return pki.crl_build(ca=authority(), revoked=[(int(serial), at) for serial, at in revoked], at=issued)


def certificate_problem(cert: TrainingCertificate) -> str | None:
    now = timezone.now()
    if cert.revoked_at is not None:
        return _("Chứng thư số đã bị thu hồi: không được dùng để ký. Hãy đề nghị cấp lại chứng thư số.")
    if cert.not_after < now:
        return _("Chứng thư số đã hết hạn ngày %(date)s: không thể ký. Hãy đề nghị gia hạn chứng thư số.") % {
            "date": timezone.localtime(cert.not_after).strftime("%d/%m/%Y")
        }
    if cert.not_before > now:
        return _("Chứng thư số chưa có hiệu lực.")
    return None


def _sign_pdf(*, workspace: Workspace, document: OutgoingDocument, cert: TrainingCertificate, key) -> bytes:
    """The document's PDF with this certificate's signature and the sandbox TSA's timestamp.

    Raises :class:`TimestampUnavailable` when the timestamp server cannot be reached."""
    try:
        return _sign_pdf_stamped(workspace=workspace, document=document, cert=cert, key=key)
    except TimestampRequestError as error:
        raise TimestampUnavailable from error


def _sign_pdf_stamped(*, workspace, document, cert, key, drill: bool = True) -> bytes:
    base = document.pdf or outgoing_pdf_render(
        document=document, today=timezone.localtime(sandbox_now(workspace)).date()
    )
    personal = cert.purpose == CertificatePurpose.PERSONAL
    return pdf.pdf_sign(
        pdf_bytes=bytes(base),
        cert_pem=cert.cert_pem.encode(),
        private_key=key,
        ca_cert_pem=authority().cert_pem,
        field_name=SIGNATURE_FIELD if personal else SEAL_FIELD,
        reason="Ký duyệt văn bản" if personal else "Ký số của cơ quan, tổ chức",
        location=place_name(workspace),
        seal=not personal,
        # The signature claims the sandbox's time: the same clock as the number and the date line,
        # and the sandbox's timestamp server certifies that time (PAdES B-T).
        signing_time=sandbox_now(workspace),
        timestamper=timestamper_for(workspace, drill=drill),
    )


def _refused(workspace, document, action, reason, *, fault=False, data=None) -> Outcome:
    event = event_record(
        workspace=workspace,
        machine="signing",
        action=action,
        actor=workspace.role,
        obj=document,
        ok=False,
        fault=fault,
        reason=reason,
        data=data,
    )
    return Outcome(False, reason, event, document)


def _certificate_drill(workspace: Workspace) -> dict | None:
    """The event data naming the certificate drill on, if one is (its refusals are the drill's)."""
    for name in ("cert_expired", "cert_revoked"):
        if name in workspace.faults:
            return {"fault_name": name}
    return None


@transaction.atomic
def usb_sign(*, workspace: Workspace, document: OutgoingDocument, pin: str, purpose: str) -> Outcome:
    """Sign with the USB token: the leader's personal signature, or the clerk's organisation seal."""
    transition = "sign" if purpose == CertificatePurpose.PERSONAL else "seal"
    if transition_check(workspace=workspace, obj=document, transition=transition, actor_role=workspace.role):
        return transition_apply(
            workspace=workspace,
            obj=document,
            transition=transition,
            actor_role=workspace.role,
            data={"method": "usb"},
        )
    fault = fault_blocking(workspace=workspace, machine="signing", action="usb_sign")
    if fault is not None:
        fault_struck(workspace=workspace, fault=fault)
        return _refused(
            workspace, document, "usb_sign", str(fault.message), fault=True, data={"fault_name": fault.name}
        )
    cert = certificate_for(workspace=workspace, purpose=purpose)
    if cert.locked:
        return _refused(
            workspace,
            document,
            "usb_sign",
            _("Token đã bị khóa do nhập sai mã PIN %(n)s lần. Dùng mã PUK để mở khóa (trang Chứng thư số).")
            % {"n": PIN_ATTEMPTS},
        )
    try:
        key = pki.key_unlock(key_pem_encrypted=cert.key_pem_encrypted.encode(), pin=pin)
    except pki.PinFormatError:
        return _refused(workspace, document, "usb_sign", _("Mã PIN gồm 4 đến 16 ký tự, không có dấu cách."))
    except pki.WrongPin:
        cert.failed_pins += 1
        cert.locked = cert.failed_pins >= PIN_ATTEMPTS
        cert.save(update_fields=["failed_pins", "locked"])
        if cert.locked:
            message = _("Sai mã PIN lần thứ %(n)s: token đã bị khóa.") % {"n": PIN_ATTEMPTS}
        else:
            message = _("Sai mã PIN. Còn %(left)s lần thử trước khi token bị khóa.") % {
                "left": PIN_ATTEMPTS - cert.failed_pins
            }
        return _refused(workspace, document, "usb_sign", message, data={"failed_pins": cert.failed_pins})
    if cert.failed_pins:
        cert.failed_pins = 0
        cert.save(update_fields=["failed_pins"])
    problem = certificate_problem(cert)
    if problem:
        drill = _certificate_drill(workspace)
        return _refused(workspace, document, "usb_sign", problem, fault=bool(drill), data=drill)
    try:
        signed = _sign_pdf(workspace=workspace, document=document, cert=cert, key=key)
    except TimestampUnavailable:
        fault = FAULTS["tsa_unreachable"]
        return _refused(
            workspace, document, "usb_sign", str(fault.message), fault=True, data={"fault_name": fault.name}
        )
    return transition_apply(
        workspace=workspace,
        obj=document,
        transition=transition,
        actor_role=workspace.role,
        data={"_pdf": signed, "method": "usb", "serial": cert.serial},
    )


@transaction.atomic
def token_unblock(
    *, workspace: Workspace, certificate: TrainingCertificate, puk: str, new_pin: str
) -> Outcome:
    """The “reset token” drill: the PUK unblocks a locked token and sets a new PIN (the key stays)."""
    if puk.strip() != certificate.puk:
        return _refused(workspace, None, "token_unblock", _("Mã PUK không đúng."))
    try:
        pki.pin_validate(new_pin)
    except pki.PinFormatError:
        return _refused(
            workspace, None, "token_unblock", _("Mã PIN mới gồm 4 đến 16 ký tự, không có dấu cách.")
        )
    key = pki.key_unlock(key_pem_encrypted=certificate.key_pem_encrypted.encode(), pin=certificate.pin)
    certificate.key_pem_encrypted = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(new_pin.encode()),
    ).decode()
    certificate.pin, certificate.failed_pins, certificate.locked = new_pin, 0, False
    certificate.save(update_fields=["key_pem_encrypted", "pin", "failed_pins", "locked"])
    event = event_record(
        workspace=workspace,
        machine="signing",
        action="token_unblock",
        actor=workspace.role,
        data={"purpose": certificate.purpose},
    )
    return Outcome(True, "", event, certificate)


# --- remote signing (SmartCA-style) --------------------------------------------------------------------


@transaction.atomic
def remote_request(*, workspace: Workspace, document: OutgoingDocument) -> Outcome:
    """Send a signing request to the signer's phone: a transaction id that expires."""
    if transition_check(workspace=workspace, obj=document, transition="sign", actor_role=workspace.role):
        return transition_apply(
            workspace=workspace,
            obj=document,
            transition="sign",
            actor_role=workspace.role,
            data={"method": "remote"},
        )
    cert = certificate_for(workspace=workspace, purpose=CertificatePurpose.PERSONAL)
    problem = certificate_problem(cert)
    if problem:
        drill = _certificate_drill(workspace)
        return _refused(workspace, document, "remote_request", problem, fault=bool(drill), data=drill)
    workspace.signing_requests.filter(document=document, status=SigningRequest.Status.PENDING).update(
        status=SigningRequest.Status.CANCELLED, finished_at=timezone.now()
    )
    delivered = "remote_unconfirmed" not in workspace.faults
    if not delivered:
        fault_struck(workspace=workspace, fault=FAULTS["remote_unconfirmed"])
    now = sandbox_now(workspace)
    request = SigningRequest.objects.create(
        workspace=workspace,
        document=document,
        certificate=cert,
        transaction_id=f"SCA-{secrets.token_hex(5).upper()}",
        delivered=delivered,
        created_at=now,
        expires_at=now + remote_timeout(),
    )
    event = event_record(
        workspace=workspace,
        machine="signing",
        action="remote_request",
        actor=workspace.role,
        obj=document,
        data={"transaction": request.transaction_id, "delivered": delivered},
    )
    return Outcome(True, "", event, request)


def remote_refresh(*, request: SigningRequest) -> SigningRequest:
    """Expire a pending request whose time is up: “the signer did not confirm”."""
    workspace = request.workspace
    if request.status == SigningRequest.Status.PENDING and sandbox_now(workspace) >= request.expires_at:
        request.status, request.finished_at = SigningRequest.Status.EXPIRED, timezone.now()
        request.save(update_fields=["status", "finished_at"])
        event_record(
            workspace=workspace,
            machine="signing",
            action="remote_expired",
            actor=workspace.role,
            obj=request.document,
            ok=False,
            fault=not request.delivered,
            reason=_("Người ký không xác nhận: giao dịch %(id)s đã hết hạn.")
            % {"id": request.transaction_id},
            data={"transaction": request.transaction_id},
        )
    return request


@transaction.atomic
def remote_confirm(*, workspace: Workspace, request: SigningRequest) -> Outcome:
    """The signer confirms on the phone: the provider signs with the key it holds."""
    request = SigningRequest.objects.select_for_update().get(pk=request.pk)
    remote_refresh(request=request)
    if request.status != SigningRequest.Status.PENDING or not request.delivered:
        return _refused(
            workspace,
            request.document,
            "remote_confirm",
            _("Giao dịch %(id)s không còn hiệu lực (%(status)s).")
            % {"id": request.transaction_id, "status": request.get_status_display()},
        )
    cert = request.certificate
    key = pki.key_unlock(key_pem_encrypted=cert.key_pem_encrypted.encode(), pin=cert.pin)
    try:
        signed = _sign_pdf(workspace=workspace, document=request.document, cert=cert, key=key)
    except TimestampUnavailable:
        fault = FAULTS["tsa_unreachable"]
        return _refused(
            workspace,
            request.document,
            "remote_confirm",
            str(fault.message),
            fault=True,
            data={"fault_name": fault.name},
        )
    # The phone is the signer's: the leader confirms, whatever desk the browser is playing.
    outcome = transition_apply(
        workspace=workspace,
        obj=request.document,
        transition="sign",
        actor_role=Actor.LEADER,
        data={
            "_pdf": signed,
            "method": "remote",
            "serial": cert.serial,
            "transaction": request.transaction_id,
        },
    )
    request.status = SigningRequest.Status.CONFIRMED if outcome.ok else SigningRequest.Status.REJECTED
    request.finished_at = timezone.now()
    request.save(update_fields=["status", "finished_at"])
    return outcome


@transaction.atomic
def remote_close(*, workspace: Workspace, request: SigningRequest, action: str) -> Outcome:
    """The signer rejects on the phone (``reject``), or the sender cancels the request (``cancel``)."""
    status = SigningRequest.Status.REJECTED if action == "reject" else SigningRequest.Status.CANCELLED
    if request.status == SigningRequest.Status.PENDING:
        request.status, request.finished_at = status, timezone.now()
        request.save(update_fields=["status", "finished_at"])
    event = event_record(
        workspace=workspace,
        machine="signing",
        action=f"remote_{action}",
        actor=workspace.role,
        obj=request.document,
        data={"transaction": request.transaction_id},
    )
    return Outcome(True, "", event, request)


# --- checking signatures ---------------------------------------------------------------------------------


def pdf_check(*, workspace: Workspace, pdf_bytes: bytes) -> pdf.ValidationResult:
    return pdf.pdf_validate(pdf_bytes=pdf_bytes, ca_cert_pem=authority().cert_pem, crl_pem=crl_pem(workspace))


def document_validate(*, workspace: Workspace, document: OutgoingDocument) -> pdf.ValidationResult:
    """Check the document's signatures as a recipient's software would; the check is logged."""
    result = pdf_check(workspace=workspace, pdf_bytes=bytes(document.pdf or b""))
    event_record(
        workspace=workspace,
        machine="outgoing",
        action="validate",
        actor=workspace.role,
        obj=document,
        data={"valid": result.valid, "signatures": len(result.signatures)},
    )
    return result


def seed_leader_signature(*, workspace: Workspace, document: OutgoingDocument) -> None:
    """Starting data of a scenario: a document the leader has already signed, for real."""
    cert = certificate_for(workspace=workspace, purpose=CertificatePurpose.PERSONAL)
    key = pki.key_unlock(key_pem_encrypted=cert.key_pem_encrypted.encode(), pin=cert.pin)
    # Starting data, not the official's act: no drill stands in its way.
    document.pdf = _sign_pdf_stamped(workspace=workspace, document=document, cert=cert, key=key, drill=False)
    document.save(update_fields=["pdf"])
