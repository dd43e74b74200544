"""The sandbox CA: what it issues, the PIN rules a token applies, and the revocation list."""

import datetime as dt

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtensionOID, NameOID

from sandbox import pki

NOW = dt.datetime.now(dt.UTC).replace(microsecond=0)


def _attribute(name: x509.Name, oid) -> str:
    return name.get_attributes_for_oid(oid)[0].value


@pytest.fixture(scope="module")
def ca():
    return pki.ca_create()


@pytest.fixture(scope="module")
def ca_cert(ca):
    return x509.load_pem_x509_certificate(ca.cert_pem)


@pytest.fixture(scope="module")
def issued(ca):
    return pki.certificate_issue(
        ca=ca,
        common_name="Nguyễn Thị Lan",
        organization="UBND phường Kinh Bắc",
        email="lan@kinhbac.bacninh.gov.vn",
        pin="2468",
        not_before=NOW,
        not_after=NOW + dt.timedelta(days=365),
    )


@pytest.fixture(scope="module")
def cert(issued):
    return x509.load_pem_x509_certificate(issued.cert_pem)


def test_ca_is_a_self_signed_training_root_for_certificates_and_crls(ca, ca_cert):
    assert _attribute(ca_cert.subject, NameOID.COMMON_NAME) == "Sandbox CA - MÔI TRƯỜNG THỰC HÀNH"
    assert _attribute(ca_cert.subject, NameOID.ORGANIZATIONAL_UNIT_NAME) == pki.TRAINING_OU
    assert _attribute(ca_cert.subject, NameOID.COUNTRY_NAME) == "VN"
    assert ca_cert.issuer == ca_cert.subject
    ca_cert.verify_directly_issued_by(ca_cert)
    constraints = ca_cert.extensions.get_extension_for_class(x509.BasicConstraints)
    assert constraints.critical and constraints.value.ca and constraints.value.path_length == 0
    usage = ca_cert.extensions.get_extension_for_class(x509.KeyUsage).value
    assert usage.key_cert_sign and usage.crl_sign and not usage.digital_signature
    # Valid a year back too, for when the sandbox clock is moved back; ten years ahead.
    assert ca_cert.not_valid_before_utc <= dt.datetime.now(dt.UTC) - dt.timedelta(days=365)
    assert (ca_cert.not_valid_after_utc - dt.datetime.now(dt.UTC)).days in (3651, 3652)
    key = serialization.load_pem_private_key(ca.key_pem, password=None)
    assert key.public_key().public_numbers() == ca_cert.public_key().public_numbers()


def test_ca_name_and_lifetime_can_be_chosen():
    ca_cert = x509.load_pem_x509_certificate(pki.ca_create(name="CA thử nghiệm", valid_years=1).cert_pem)
    assert _attribute(ca_cert.subject, NameOID.COMMON_NAME) == "CA thử nghiệm"
    assert (ca_cert.not_valid_after_utc - dt.datetime.now(dt.UTC)).days in (364, 365)
    with pytest.raises(ValueError):
        pki.ca_create(valid_years=0)


def test_certificate_names_the_holder_and_is_marked_as_training(issued, cert, ca_cert):
    assert _attribute(cert.subject, NameOID.COMMON_NAME) == "Nguyễn Thị Lan"
    assert _attribute(cert.subject, NameOID.ORGANIZATION_NAME) == "UBND phường Kinh Bắc"
    assert _attribute(cert.subject, NameOID.ORGANIZATIONAL_UNIT_NAME) == "Chứng thư số thực hành"
    assert _attribute(cert.subject, NameOID.COUNTRY_NAME) == "VN"
    assert cert.issuer == ca_cert.subject
    cert.verify_directly_issued_by(ca_cert)
    san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert san.get_values_for_type(x509.RFC822Name) == ["lan@kinhbac.bacninh.gov.vn"]
    assert cert.serial_number == issued.serial
    assert cert.not_valid_before_utc == issued.not_before == NOW
    assert cert.not_valid_after_utc == issued.not_after == NOW + dt.timedelta(days=365)


def test_certificate_is_for_signing_only(cert):
    public_key = cert.public_key()
    assert isinstance(public_key, rsa.RSAPublicKey) and public_key.key_size == 2048
    usage = cert.extensions.get_extension_for_class(x509.KeyUsage)
    assert usage.critical
    assert usage.value.digital_signature and usage.value.content_commitment
    assert not (usage.value.key_cert_sign or usage.value.crl_sign or usage.value.key_encipherment)
    assert not cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    extended = cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    assert list(extended) == [pki.DOCUMENT_SIGNING]


def test_certificate_without_email_has_no_alternative_name(ca):
    issued = pki.certificate_issue(
        ca=ca,
        common_name="UBND phường Kinh Bắc",
        organization="UBND phường Kinh Bắc",
        email=None,
        pin="2468",
        not_before=NOW,
        not_after=NOW + dt.timedelta(days=30),
    )
    cert = x509.load_pem_x509_certificate(issued.cert_pem)
    with pytest.raises(x509.ExtensionNotFound):
        cert.extensions.get_extension_for_oid(ExtensionOID.SUBJECT_ALTERNATIVE_NAME)


@pytest.mark.parametrize(
    ("not_before", "not_after"),
    [
        (NOW.replace(tzinfo=None), NOW.replace(tzinfo=None) + dt.timedelta(days=1)),
        (NOW, NOW),
        (NOW, NOW - dt.timedelta(days=1)),
    ],
    ids=["naive", "empty", "inverted"],
)
def test_certificate_dates_must_be_aware_and_ordered(ca, not_before, not_after):
    with pytest.raises(ValueError):
        pki.certificate_issue(
            ca=ca,
            common_name="A",
            organization="B",
            email=None,
            pin="2468",
            not_before=not_before,
            not_after=not_after,
        )


@pytest.mark.parametrize("pin", ["1234", "0000", "a1B2c3", "1234567890123456"])
def test_pin_of_four_to_sixteen_characters_is_accepted(pin):
    pki.pin_validate(pin)


@pytest.mark.parametrize("pin", ["", "123", "12345678901234567", "12 34", " 1234", "1234\n"])
def test_pin_of_the_wrong_shape_is_refused(pin):
    with pytest.raises(pki.PinFormatError):
        pki.pin_validate(pin)


def test_pin_format_error_is_a_value_error_and_not_a_wrong_pin():
    assert issubclass(pki.PinFormatError, ValueError)
    assert not issubclass(pki.PinFormatError, pki.WrongPin)


def test_certificate_is_not_issued_with_a_malformed_pin(ca):
    with pytest.raises(pki.PinFormatError):
        pki.certificate_issue(
            ca=ca,
            common_name="A",
            organization="B",
            email=None,
            pin="12",
            not_before=NOW,
            not_after=NOW + dt.timedelta(days=1),
        )


def test_private_key_is_stored_encrypted(issued):
    assert issued.key_pem_encrypted.startswith(b"-----BEGIN ENCRYPTED PRIVATE KEY-----")
    with pytest.raises(TypeError):
        serialization.load_pem_private_key(issued.key_pem_encrypted, password=None)


def test_right_pin_unlocks_the_certificates_key(issued, cert):
    key = pki.key_unlock(key_pem_encrypted=issued.key_pem_encrypted, pin="2468")
    assert key.public_key().public_numbers() == cert.public_key().public_numbers()


@pytest.mark.parametrize("pin", ["2469", "24680", "abcd"])
def test_wrong_pin_is_refused(issued, pin):
    with pytest.raises(pki.WrongPin):
        pki.key_unlock(key_pem_encrypted=issued.key_pem_encrypted, pin=pin)


def test_malformed_pin_is_refused_before_it_is_tried(issued):
    with pytest.raises(pki.PinFormatError):
        pki.key_unlock(key_pem_encrypted=issued.key_pem_encrypted, pin="246")


def test_crl_lists_revoked_serials_and_is_signed_by_the_ca(ca, ca_cert, issued):
    revoked_at = NOW - dt.timedelta(hours=2)
    crl = x509.load_pem_x509_crl(pki.crl_build(ca=ca, revoked=[(issued.serial, revoked_at), (42, NOW)]))
    assert crl.issuer == ca_cert.subject
    assert crl.is_signature_valid(ca_cert.public_key())
    entry = crl.get_revoked_certificate_by_serial_number(issued.serial)
    assert entry is not None and entry.revocation_date_utc == revoked_at
    assert crl.get_revoked_certificate_by_serial_number(42) is not None
    assert crl.next_update_utc - crl.last_update_utc == pki.CRL_VALIDITY


def test_crl_number_follows_the_issuing_time_and_an_empty_crl_lists_nothing(ca):
    crl = x509.load_pem_x509_crl(pki.crl_build(ca=ca, revoked=[]))
    number = crl.extensions.get_extension_for_class(x509.CRLNumber).value.crl_number
    assert number // 1000 == int(crl.last_update_utc.timestamp())
    assert len(list(crl)) == 0


def test_crl_refuses_naive_revocation_times(ca):
    with pytest.raises(ValueError):
        pki.crl_build(ca=ca, revoked=[(1, NOW.replace(tzinfo=None))])
