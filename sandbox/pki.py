"""The sandbox's certificate authority: training certificates, PIN-protected keys and the CRL.

Pure functions over PEM bytes: nothing here touches the database, the network or Django settings, so
the sandbox's services decide where a CA, a certificate or a key is stored.

Everything issued here is marked as a training certificate (its subject's OU says so, and the CA's
name does too); none of it has legal value. Keys are RSA-2048, the size the government CA (VGCA) and
the remote-signing services issue, and what pyHanko signs with out of the box.

A certificate's private key is kept as PKCS#8 encrypted with the official's PIN, the way a USB token
keeps its key behind the PIN. A 4-digit PIN protects nothing against an offline guess: the point is to
make officials practise typing the PIN and meet the wrong-PIN error, not to protect the key.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID, ObjectIdentifier

KEY_SIZE = 2048
PIN_MIN_LENGTH = 4
PIN_MAX_LENGTH = 16
TRAINING_OU = "Chứng thư số thực hành"
"""Organisational unit written into every subject: marks the certificate as a training one."""
DOCUMENT_SIGNING = ObjectIdentifier("1.3.6.1.5.5.7.3.36")
"""id-kp-documentSigning (RFC 9336), the extended key usage of a document-signing certificate."""
CRL_VALIDITY = dt.timedelta(days=7)
"""A CRL's ``next_update`` is this long after its ``this_update``; build a fresh one to validate."""
# What a signer's and the timestamp server's certificates may do: sign (and commit to content).
SIGNING_KEY_USAGE = x509.KeyUsage(
    digital_signature=True,
    content_commitment=True,
    key_encipherment=False,
    data_encipherment=False,
    key_agreement=False,
    key_cert_sign=False,
    crl_sign=False,
    encipher_only=False,
    decipher_only=False,
)
CA_BACKDATE = dt.timedelta(days=366)
"""How far before its creation the CA is valid. The sandbox clock can be moved back (a drill on the
1 January number reset); pyHanko does not check a trust root's dates, but other validators do, and a
signature made at such a time should pass them too."""

SigningKey = rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey
"""The private keys :func:`key_unlock` returns and :func:`sandbox.pdf.pdf_sign` accepts."""


class WrongPin(Exception):
    """The PIN has the right shape but does not unlock the key (the token counts these)."""


class PinFormatError(ValueError):
    """The PIN is not 4–16 characters without spaces; a token refuses it before trying it."""


@dataclass(frozen=True)
class CA:
    """The sandbox's root certificate authority: its certificate and its (unencrypted) key, in PEM."""

    cert_pem: bytes
    key_pem: bytes


@dataclass(frozen=True)
class IssuedCert:
    """A training certificate with its private key encrypted under the holder's PIN.

    ``serial`` is what a CRL lists; ``not_before``/``not_after`` are aware UTC datetimes.
    """

    cert_pem: bytes
    key_pem_encrypted: bytes
    serial: int
    not_before: dt.datetime
    not_after: dt.datetime


def _utc(moment: dt.datetime, name: str) -> dt.datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware")
    return moment.astimezone(dt.UTC)


def _name(*, common_name: str, organization: str | None = None) -> x509.Name:
    attributes = [x509.NameAttribute(NameOID.COUNTRY_NAME, "VN")]
    if organization:
        attributes.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, organization))
    attributes += [
        x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, TRAINING_OU),
        x509.NameAttribute(NameOID.COMMON_NAME, common_name),
    ]
    return x509.Name(attributes)


def _load_ca(ca: CA) -> tuple[x509.Certificate, SigningKey]:
    cert = x509.load_pem_x509_certificate(ca.cert_pem)
    key = serialization.load_pem_private_key(ca.key_pem, password=None)
    if not isinstance(key, SigningKey):
        raise ValueError("the CA key must be an RSA or EC private key")
    return cert, key


def ca_create(*, name: str = "Sandbox CA - MÔI TRƯỜNG THỰC HÀNH", valid_years: int = 10) -> CA:
    """Create a self-signed root CA (RSA-2048, SHA-256) that may sign certificates and CRLs.

    It is valid for ``valid_years`` from now and :data:`CA_BACKDATE` before, and may only issue
    end-entity certificates (path length 0). Its key is returned unencrypted:
    whoever stores the CA keeps it out of reach of officials.
    """
    if valid_years < 1:
        raise ValueError("valid_years must be at least 1")
    key = rsa.generate_private_key(public_exponent=65537, key_size=KEY_SIZE)
    subject = _name(common_name=name)
    now = dt.datetime.now(dt.UTC)
    public_key = key.public_key()
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - CA_BACKDATE)
        .not_valid_after(now + dt.timedelta(days=round(365.25 * valid_years)))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)
        .sign(key, hashes.SHA256())
    )
    return CA(
        cert_pem=cert.public_bytes(serialization.Encoding.PEM),
        key_pem=key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        ),
    )


@dataclass(frozen=True)
class TSA:
    """The sandbox's timestamp server (TSA): a certificate the sandbox CA issued for time-stamping and
    its (unencrypted) key, in PEM."""

    cert_pem: bytes
    key_pem: bytes


def tsa_issue(*, ca: CA, name: str = "Sandbox TSA - MÔI TRƯỜNG THỰC HÀNH") -> TSA:
    """Issue the certificate of the sandbox's timestamp server under ``ca`` (RSA-2048, SHA-256).

    Its only extended key usage is timeStamping, marked critical as RFC 3161 requires; it is valid
    from :data:`CA_BACKDATE` before now to ten years ahead, so a timestamp at the sandbox clock's time
    (which a scenario moves) falls inside it.
    """
    ca_cert, ca_key = _load_ca(ca)
    key = rsa.generate_private_key(public_exponent=65537, key_size=KEY_SIZE)
    public_key = key.public_key()
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name(common_name=name))
        .issuer_name(ca_cert.subject)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - CA_BACKDATE)
        .not_valid_after(now + dt.timedelta(days=3652))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(SIGNING_KEY_USAGE, critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_cert.public_key()), critical=False
        )
        .sign(ca_key, hashes.SHA256())
    )
    return TSA(
        cert_pem=cert.public_bytes(serialization.Encoding.PEM),
        key_pem=key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        ),
    )


def pin_validate(pin: str) -> None:
    """Check a PIN's shape as a token does: 4–16 characters, no whitespace.

    Raises :class:`PinFormatError`; a malformed PIN is not a wrong PIN and must not count as one.
    """
    if not isinstance(pin, str) or not PIN_MIN_LENGTH <= len(pin) <= PIN_MAX_LENGTH:
        raise PinFormatError(f"a PIN has {PIN_MIN_LENGTH} to {PIN_MAX_LENGTH} characters")
    if any(character.isspace() for character in pin):
        raise PinFormatError("a PIN has no spaces")


def certificate_issue(
    *,
    ca: CA,
    common_name: str,
    organization: str,
    email: str | None,
    pin: str,
    not_before: dt.datetime,
    not_after: dt.datetime,
) -> IssuedCert:
    """Issue a signing certificate under ``ca`` and encrypt its new key with ``pin``.

    The subject is ``CN=common_name, OU=Chứng thư số thực hành, O=organization, C=VN``; the e-mail,
    when given, goes into the subject alternative name. Key usage is digitalSignature and
    nonRepudiation (what PAdES validators ask of a signer), extended key usage documentSigning
    (RFC 9336). A personal certificate has the official's name as ``common_name``; an organisation's
    seal certificate has the organisation's name in both ``common_name`` and ``organization``.

    The dates are taken as given, so a drill can issue a certificate that has already expired.
    Raises :class:`PinFormatError` for a malformed PIN and ``ValueError`` for naive or inverted dates.
    """
    pin_validate(pin)
    start, end = _utc(not_before, "not_before"), _utc(not_after, "not_after")
    if end <= start:
        raise ValueError("not_after must be later than not_before")
    ca_cert, ca_key = _load_ca(ca)
    key = rsa.generate_private_key(public_exponent=65537, key_size=KEY_SIZE)
    public_key = key.public_key()
    serial = x509.random_serial_number()
    builder = (
        x509.CertificateBuilder()
        .subject_name(_name(common_name=common_name, organization=organization))
        .issuer_name(ca_cert.subject)
        .public_key(public_key)
        .serial_number(serial)
        .not_valid_before(start)
        .not_valid_after(end)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(SIGNING_KEY_USAGE, critical=True)
        .add_extension(x509.ExtendedKeyUsage([DOCUMENT_SIGNING]), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_cert.public_key()), critical=False
        )
    )
    if email:
        builder = builder.add_extension(x509.SubjectAlternativeName([x509.RFC822Name(email)]), critical=False)
    cert = builder.sign(ca_key, hashes.SHA256())
    return IssuedCert(
        cert_pem=cert.public_bytes(serialization.Encoding.PEM),
        key_pem_encrypted=key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.BestAvailableEncryption(pin.encode()),
        ),
        serial=serial,
        not_before=start,
        not_after=end,
    )


def key_unlock(*, key_pem_encrypted: bytes, pin: str) -> SigningKey:
    """Decrypt a certificate's private key with the holder's PIN.

    Raises :class:`PinFormatError` when the PIN is malformed (nothing was tried) and
    :class:`WrongPin` when it does not decrypt the key; counting wrong PINs and locking the token
    after three is the caller's job.
    """
    pin_validate(pin)
    try:
        key = serialization.load_pem_private_key(key_pem_encrypted, password=pin.encode())
    except ValueError as error:
        raise WrongPin from error
    if not isinstance(key, SigningKey):
        raise ValueError("the key is not an RSA or EC private key")
    return key


def crl_build(*, ca: CA, revoked: list[tuple[int, dt.datetime]], at: dt.datetime | None = None) -> bytes:
    """Build the CA's certificate revocation list, in PEM.

    ``revoked`` lists ``(serial, revocation time)`` pairs with aware times. The CRL is issued now and
    is fresh for :data:`CRL_VALIDITY`; its CRL number grows with the issuing time, so a later list
    supersedes an earlier one. It is cheap: build one whenever a signature is validated. ``at``
    (aware) issues it at another moment than now: the sandbox clock's, when it runs ahead.
    """
    ca_cert, ca_key = _load_ca(ca)
    now = _utc(at, "at") if at else dt.datetime.now(dt.UTC)
    builder = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(ca_cert.subject)
        .last_update(now)
        .next_update(now + CRL_VALIDITY)
        .add_extension(x509.CRLNumber(int(now.timestamp() * 1000)), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_cert.public_key()), critical=False
        )
    )
    for serial, revoked_at in revoked:
        builder = builder.add_revoked_certificate(
            x509.RevokedCertificateBuilder()
            .serial_number(serial)
            .revocation_date(_utc(revoked_at, "revocation time"))
            .build()
        )
    return builder.sign(ca_key, hashes.SHA256()).public_bytes(serialization.Encoding.PEM)
