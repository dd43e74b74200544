"""Documents rendered to Decree 30's layout, signed (personal signature, then the seal) and checked."""

import datetime as dt
import io
import re
from typing import NamedTuple

import pytest
from pyhanko.pdf_utils import form_tools, generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import FormFillingError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.fields import enumerate_sig_fields
from pyhanko.sign.general import SigningError

from sandbox import pdf, pki

NOW = dt.datetime.now(dt.UTC).replace(microsecond=0)
LEADER_SIGNED_AT = NOW - dt.timedelta(minutes=2)
SEALED_AT = NOW - dt.timedelta(minutes=1)
DOCUMENT = {
    "title": "QUYẾT ĐỊNH\nVề việc kiện toàn Tổ công nghệ số cộng đồng",
    "number": "05/QĐ-UBND",
    "issued_on": dt.date(2026, 3, 5),
    "issuer": "Ủy ban nhân dân\nPhường Kinh Bắc",
    "body": "Căn cứ Luật Tổ chức chính quyền địa phương;\nĐiều 1. Kiện toàn Tổ công nghệ số.",
    "signer_lines": ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nguyễn Văn An"],
    "place": "Bắc Ninh",
    "recipients": ["Như Điều 3", "UBND tỉnh (để b/c)"],
    "drafting_unit": "VHXH",
}


class Holder(NamedTuple):
    """A certificate with its unlocked key and the certificate of the CA that issued it."""

    issued: pki.IssuedCert
    key: pki.SigningKey
    ca_cert_pem: bytes


def _holder(
    ca: pki.CA, name: str, *, not_before=NOW - dt.timedelta(days=1), not_after=NOW + dt.timedelta(days=365)
):
    issued = pki.certificate_issue(
        ca=ca,
        common_name=name,
        organization="UBND phường Kinh Bắc",
        email=None,
        pin="135790",
        not_before=not_before,
        not_after=not_after,
    )
    return Holder(
        issued, pki.key_unlock(key_pem_encrypted=issued.key_pem_encrypted, pin="135790"), ca.cert_pem
    )


def _sign(pdf_bytes: bytes, holder: Holder, field_name: str, **options) -> bytes:
    return pdf.pdf_sign(
        pdf_bytes=pdf_bytes,
        cert_pem=holder.issued.cert_pem,
        private_key=holder.key,
        ca_cert_pem=holder.ca_cert_pem,
        field_name=field_name,
        reason="Phê duyệt",
        location="Bắc Ninh",
        **options,
    )


@pytest.fixture(scope="module")
def ca():
    return pki.ca_create()


@pytest.fixture(scope="module")
def leader(ca):
    return _holder(ca, "Nguyễn Văn An")


@pytest.fixture(scope="module")
def seal(ca):
    return _holder(ca, "UBND phường Kinh Bắc")


@pytest.fixture(scope="module")
def expired(ca):
    return _holder(
        ca, "Trần Văn Bình", not_before=NOW - dt.timedelta(days=30), not_after=NOW - dt.timedelta(days=1)
    )


@pytest.fixture(scope="module")
def document():
    return pdf.document_render(**DOCUMENT, signature_fields=["lanh-dao", "con-dau"])


@pytest.fixture(scope="module")
def signed_by_leader(document, leader):
    return _sign(document, leader, "lanh-dao", signing_time=LEADER_SIGNED_AT)


@pytest.fixture(scope="module")
def sealed(signed_by_leader, seal):
    return _sign(signed_by_leader, seal, "con-dau", signing_time=SEALED_AT, seal=True)


def _validate(pdf_bytes: bytes, ca: pki.CA, revoked=(), **options) -> pdf.ValidationResult:
    crl = pki.crl_build(ca=ca, revoked=list(revoked))
    return pdf.pdf_validate(pdf_bytes=pdf_bytes, ca_cert_pem=ca.cert_pem, crl_pem=crl, **options)


# --- A small text extractor: reportlab writes one subset font per 256 glyphs, with a ToUnicode map. ----

_TEXT_OPERATIONS = re.compile(rb"/(?P<font>[^\s/()]+) [\d.]+ Tf|\((?P<text>(?:\\.|[^\\)])*)\) Tj", re.S)
_ESCAPE = re.compile(rb"\\([0-7]{1,3}|.)", re.S)
_SIMPLE_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}


def _unescape(literal: bytes) -> bytes:
    def one(match: re.Match) -> bytes:
        escaped = match.group(1)
        return bytes([int(escaped, 8)]) if escaped[:1].isdigit() else _SIMPLE_ESCAPES.get(escaped, escaped)

    return _ESCAPE.sub(one, literal)


def _pages(node) -> list:
    node = node.get_object()
    return [page for kid in node["/Kids"] for page in _pages(kid)] if "/Kids" in node else [node]


def _page_texts(pdf_bytes: bytes) -> list[list[str]]:
    """The strings shown on each page, in drawing order."""
    reader = PdfFileReader(io.BytesIO(pdf_bytes))
    texts = []
    for page in _pages(reader.root["/Pages"]):
        maps = {}
        for name, font in page["/Resources"]["/Font"].items():
            font = font.get_object()
            if "/ToUnicode" in font:
                pairs = re.findall(rb"<([0-9A-F]{2})> <([0-9A-F]{4})>", font["/ToUnicode"].data)
                maps[name[1:]] = {int(code, 16): chr(int(char, 16)) for code, char in pairs}
        strings, current = [], {}
        for match in _TEXT_OPERATIONS.finditer(page["/Contents"].data):
            if match["font"]:
                current = maps.get(match["font"].decode(), {})
            else:
                strings.append("".join(current.get(byte, chr(byte)) for byte in _unescape(match["text"])))
        texts.append(strings)
    return texts


def _unsigned_fields(pdf_bytes: bytes) -> dict[str, generic.DictionaryObject]:
    reader = PdfFileReader(io.BytesIO(pdf_bytes))
    return {name: ref.get_object() for name, _, ref in enumerate_sig_fields(reader, filled_status=False)}


# --- Rendering ------------------------------------------------------------------------------------------


def test_document_has_the_decree_30_parts_in_vietnamese(document):
    lines = [line for page in _page_texts(document) for line in page]
    for expected in [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "ỦY BAN NHÂN DÂN",
        "PHƯỜNG KINH BẮC",
        "Số: 05/QĐ-UBND",
        "Bắc Ninh, ngày 05 tháng 3 năm 2026",
        "QUYẾT ĐỊNH",
        "Về việc kiện toàn Tổ công nghệ số cộng đồng",
        "Nơi nhận:",
        "- Như Điều 3;",
        "TM. ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
        "Nguyễn Văn An",
        "TÀI LIỆU THỰC HÀNH — KHÔNG CÓ GIÁ TRỊ PHÁP LÝ",
    ]:
        assert expected in lines
    assert "Kiện toàn Tổ công nghệ số." in " ".join(lines)
    recipients = lines[lines.index("Nơi nhận:") + 1 : lines.index("Nơi nhận:") + 4]
    assert recipients == ["- Như Điều 3;", "- UBND tỉnh (để b/c);", "- Lưu: VT, VHXH."]


def test_document_embeds_a_font_with_vietnamese_glyphs(document):
    reader = PdfFileReader(io.BytesIO(document))
    page = _pages(reader.root["/Pages"])[0]
    embedded = [
        font.get_object()
        for font in page["/Resources"]["/Font"].values()
        if "/FontDescriptor" in font.get_object()
    ]
    assert embedded
    for font in embedded:
        assert "/FontFile2" in font["/FontDescriptor"]
        assert "DejaVuSerif" in font["/BaseFont"]


@pytest.mark.parametrize(
    ("place", "issued_on", "expected"),
    [
        ("Ninh Bình", dt.date(2026, 1, 9), "Ninh Bình, ngày 09 tháng 01 năm 2026"),
        ("Thanh Hóa", dt.date(2025, 12, 25), "Thanh Hóa, ngày 25 tháng 12 năm 2025"),
        ("", dt.date(2026, 2, 10), "Ngày 10 tháng 02 năm 2026"),
    ],
)
def test_date_line_pads_days_below_ten_and_the_first_two_months(place, issued_on, expected):
    rendered = pdf.document_render(**{**DOCUMENT, "place": place, "issued_on": issued_on})
    assert expected in _page_texts(rendered)[0]


def test_long_document_continues_on_numbered_pages():
    body = "\n".join(
        f"Điều {number}. Nội dung điều khoản thứ {number} của quyết định." for number in range(1, 60)
    )
    pages = _page_texts(pdf.document_render(**{**DOCUMENT, "body": body}))
    assert len(pages) >= 2
    assert "1" not in pages[0] and "2" in pages[1]
    assert all("TÀI LIỆU THỰC HÀNH — KHÔNG CÓ GIÁ TRỊ PHÁP LÝ" in page for page in pages)
    assert "Nguyễn Văn An" in pages[-1]


def test_signature_fields_wait_in_the_signer_block_with_the_seal_over_the_left_third(document):
    fields = _unsigned_fields(document)
    assert list(fields) == ["lanh-dao", "con-dau"]
    signature = [float(value) for value in fields["lanh-dao"]["/Rect"]]
    seal = [float(value) for value in fields["con-dau"]["/Rect"]]
    width = signature[2] - signature[0]
    assert width > 0 and signature[3] > signature[1]
    assert seal[2] == pytest.approx(signature[0] + width / 3, abs=1)
    assert (seal[1] + seal[3]) / 2 == pytest.approx((signature[1] + signature[3]) / 2, abs=1)
    assert pdf.pdf_signature_fields(document) == []


@pytest.mark.parametrize(
    "change",
    [{"signer_lines": []}, {"signature_fields": ["a", "b", "c"]}, {"signature_fields": ["a", "a"]}],
    ids=["no signer", "three fields", "same field twice"],
)
def test_render_refuses_a_signer_block_it_cannot_lay_out(change):
    with pytest.raises(ValueError):
        pdf.document_render(**{**DOCUMENT, **change})


# --- Signing and validation -------------------------------------------------------------------------------


def test_signed_document_is_valid(signed_by_leader, ca):
    result = _validate(signed_by_leader, ca)
    assert result.valid and result.error is None
    assert result.signatures == [
        pdf.SignatureInfo(
            field_name="lanh-dao",
            signer_common_name="Nguyễn Văn An",
            signing_time=LEADER_SIGNED_AT,
            intact=True,
            valid=True,
            trusted=True,
            revoked=False,
            expired=False,
        )
    ]
    assert pdf.pdf_signature_fields(signed_by_leader) == ["lanh-dao"]


def test_seal_after_the_leaders_signature_keeps_both_valid(sealed, ca):
    result = _validate(sealed, ca)
    assert result.valid
    assert [(s.field_name, s.signer_common_name, s.ok) for s in result.signatures] == [
        ("lanh-dao", "Nguyễn Văn An", True),
        ("con-dau", "UBND phường Kinh Bắc", True),
    ]
    assert pdf.pdf_signature_fields(sealed) == ["lanh-dao", "con-dau"]


def test_signatures_are_incremental_updates(document, signed_by_leader, sealed):
    assert signed_by_leader.startswith(document)
    assert sealed.startswith(signed_by_leader)


def test_prepared_fields_show_the_signature_and_the_seal(sealed):
    reader = PdfFileReader(io.BytesIO(sealed))
    filled = {name: ref.get_object() for name, _, ref in enumerate_sig_fields(reader, filled_status=True)}
    assert set(filled) == {"lanh-dao", "con-dau"}
    for field in filled.values():
        assert "/N" in field["/AP"]
        left, bottom, right, top = (float(value) for value in field["/Rect"])
        assert right > left and top > bottom


def test_signature_without_a_prepared_field_is_invisible(ca, leader):
    plain = pdf.document_render(**DOCUMENT)
    signed = _sign(plain, leader, "ky-so")
    reader = PdfFileReader(io.BytesIO(signed))
    [(name, _, ref)] = list(enumerate_sig_fields(reader, filled_status=True))
    assert name == "ky-so"
    assert [float(value) for value in ref.get_object()["/Rect"]] == [0, 0, 0, 0]
    assert _validate(signed, ca).valid


def test_signing_time_must_be_timezone_aware(document, leader):
    with pytest.raises(ValueError):
        _sign(document, leader, "lanh-dao", signing_time=NOW.replace(tzinfo=None))


def test_a_signed_field_cannot_be_signed_again(signed_by_leader, leader):
    with pytest.raises(SigningError):
        _sign(signed_by_leader, leader, "lanh-dao")


def test_changed_byte_inside_the_signed_range_breaks_integrity(signed_by_leader, ca):
    [signature] = PdfFileReader(io.BytesIO(signed_by_leader)).embedded_regular_signatures
    signed_until = signature.sig_object["/ByteRange"][1]
    inside_a_stream = re.search(rb"stream\r?\n", signed_by_leader).end() + 10
    assert inside_a_stream < signed_until
    tampered = bytearray(signed_by_leader)
    tampered[inside_a_stream] ^= 0xFF
    result = _validate(bytes(tampered), ca)
    assert not result.valid
    assert not result.signatures[0].intact


def test_page_changed_by_a_later_update_breaks_integrity(signed_by_leader, ca):
    writer = IncrementalPdfFileWriter(io.BytesIO(signed_by_leader))
    addition = writer.add_object(generic.StreamObject(stream_data=b"BT /F1 24 Tf 100 400 Td (DA SUA) Tj ET"))
    writer.add_stream_to_page(0, addition)
    output = io.BytesIO()
    writer.write(output)
    result = _validate(output.getvalue(), ca)
    assert not result.valid
    [signature] = result.signatures
    assert not signature.intact and signature.valid and signature.trusted


def test_certificate_from_another_ca_is_untrusted(document, ca):
    outsider = _holder(pki.ca_create(name="CA không được tin cậy"), "Người lạ")
    result = _validate(_sign(document, outsider, "lanh-dao"), ca)
    assert not result.valid
    [signature] = result.signatures
    assert signature.intact and signature.valid and not signature.trusted


def test_certificate_expired_when_signing_is_flagged(document, expired, ca):
    result = _validate(_sign(document, expired, "lanh-dao"), ca)
    assert not result.valid
    [signature] = result.signatures
    assert signature.expired and signature.trusted and not signature.revoked


def test_signature_made_before_the_certificate_expired_stays_valid(document, expired, ca):
    signed = _sign(document, expired, "lanh-dao", signing_time=NOW - dt.timedelta(days=2))
    assert _validate(signed, ca).valid
    later = _validate(signed, ca, at=NOW)
    assert not later.valid and later.signatures[0].expired


def test_certificate_revoked_before_signing_is_flagged(sealed, leader, ca):
    result = _validate(
        sealed, ca, revoked=[(leader.issued.serial, LEADER_SIGNED_AT - dt.timedelta(minutes=5))]
    )
    assert not result.valid
    leader_signature, seal_signature = result.signatures
    assert leader_signature.revoked and leader_signature.trusted and not leader_signature.ok
    assert seal_signature.ok


def test_revocation_after_signing_leaves_the_signature_valid(signed_by_leader, leader, ca):
    result = _validate(
        signed_by_leader, ca, revoked=[(leader.issued.serial, LEADER_SIGNED_AT + dt.timedelta(seconds=30))]
    )
    assert result.valid and not result.signatures[0].revoked


def test_without_a_crl_revocation_is_not_checked(signed_by_leader, ca):
    result = pdf.pdf_validate(pdf_bytes=signed_by_leader, ca_cert_pem=ca.cert_pem)
    assert result.valid


def test_unsigned_or_unreadable_documents_are_not_valid(document, ca):
    assert _validate(document, ca) == pdf.ValidationResult(
        valid=False, signatures=[], error=pdf.ERROR_UNSIGNED
    )
    assert _validate(b"not a pdf", ca) == pdf.ValidationResult(
        valid=False, signatures=[], error=pdf.ERROR_UNREADABLE
    )


# --- Numbering after the leader's signature ----------------------------------------------------------


@pytest.fixture(scope="module")
def awaiting_number(leader):
    document = pdf.document_render(
        **{**DOCUMENT, "number": "      /QĐ-UBND"},
        signature_fields=["lanh-dao", "con-dau"],
        numbered_later=True,
    )
    return _sign(document, leader, "lanh-dao", signing_time=LEADER_SIGNED_AT)


def _text_fields(pdf_bytes: bytes) -> dict[str, str | None]:
    reader = PdfFileReader(io.BytesIO(pdf_bytes))
    return {
        name: value
        for name, value, _ in form_tools.enumerate_fields_in(
            reader.root["/AcroForm"]["/Fields"], target_field_type="/Tx", refs_seen=set()
        )
    }


def test_document_numbered_later_leaves_number_and_date_blank(awaiting_number):
    assert _text_fields(awaiting_number) == {pdf.NUMBER_FIELD: None, pdf.DATE_FIELD: None}
    page_lines = _page_texts(awaiting_number)[0]
    assert not any(line.startswith("Số:") or "ngày" in line for line in page_lines)


def test_clerk_numbers_the_signed_document_then_seals_it(awaiting_number, seal, ca):
    numbered = pdf.pdf_number_fill(
        pdf_bytes=awaiting_number, number="05/QĐ-UBND", issued_on=dt.date(2026, 3, 6), place="Bắc Ninh"
    )
    assert numbered.startswith(awaiting_number)
    assert _text_fields(numbered) == {
        pdf.NUMBER_FIELD: "Số: 05/QĐ-UBND",
        pdf.DATE_FIELD: "Bắc Ninh, ngày 06 tháng 3 năm 2026",
    }
    assert _validate(numbered, ca).valid
    sealed = _sign(numbered, seal, "con-dau", seal=True)
    result = _validate(sealed, ca)
    assert result.valid and [s.field_name for s in result.signatures] == ["lanh-dao", "con-dau"]


def test_a_number_is_given_once_and_only_where_it_was_left_blank(awaiting_number, document):
    numbered = pdf.pdf_number_fill(
        pdf_bytes=awaiting_number, number="05/QĐ-UBND", issued_on=dt.date(2026, 3, 6)
    )
    with pytest.raises(FormFillingError):
        pdf.pdf_number_fill(pdf_bytes=numbered, number="06/QĐ-UBND", issued_on=dt.date(2026, 3, 6))
    with pytest.raises(FormFillingError):
        pdf.pdf_number_fill(pdf_bytes=document, number="05/QĐ-UBND", issued_on=dt.date(2026, 3, 6))
