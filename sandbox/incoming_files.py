"""The files of incoming documents: the PDF each sending body signed, its attachments, and the check
of that signature the clerk runs before registering.

An electronic incoming document's PDF is written from its own fields (sender, number, date, trích
yếu, body, signer) and signed, PAdES, by the sending body's organisation certificate from the sandbox
CA, at the time the body sent it (a few minutes before it arrived). It is made the first time someone
opens or checks it and kept on the document (``IncomingDocument.pdf``): signing costs CPU, a reset
drops it with the document. The drills: ``broken_signature`` alters one signed byte after signing (the
file still opens, its signature no longer verifies); ``wrong_sender_code`` carries a sender code that
is not the signing body's. The correct handling of both is to return the document with a reason.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from sandbox import fake, pdf, pki
from sandbox.documents import KIND_TITLES
from sandbox.models import Channel, DocumentKind, IncomingDocument, IncomingDrill, SenderBody, Workspace
from sandbox.services import event_record
from sandbox.signing import authority, crl_pem

SENDER_FIELD = "ChuKyCoQuanGui"
# The sending body's key is a simulated outside party's: kept encrypted with a fixed PIN.
SENDER_PIN = "sender-2026"
SIGNED_BEFORE_ARRIVAL = timedelta(minutes=10)
ELECTRONIC = (Channel.AXIS, Channel.EMAIL)


def sender_body(*, code: str, name: str) -> SenderBody:
    """The sending body with its certificate, issued by the sandbox CA on first use."""
    body = SenderBody.objects.filter(code=code).first()
    if body is not None:
        return body
    now = timezone.now()
    issued = pki.certificate_issue(
        ca=authority(),
        common_name=name,
        organization=name,
        email=None,
        pin=SENDER_PIN,
        not_before=now - timedelta(days=365),
        not_after=now + timedelta(days=365 * 3),
    )
    try:
        with transaction.atomic():
            return SenderBody.objects.create(
                code=code,
                name=name,
                cert_pem=issued.cert_pem.decode(),
                key_pem=issued.key_pem_encrypted.decode(),
            )
    except IntegrityError:
        return SenderBody.objects.get(code=code)


def true_sender_code(document: IncomingDocument) -> str:
    """The code of the body that issued (and signed) the document."""
    return fake.sender_code_of(issuer=document.issuer, province_code=document.workspace.province_code)


def _signer_lines(issuer: str) -> list[str]:
    lowered = issuer.lower()
    if lowered.startswith("ubnd") or lowered.startswith("ủy ban"):
        return ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    if lowered.startswith("văn phòng"):
        return ["CHÁNH VĂN PHÒNG"]
    return ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]


def body_text(document: IncomingDocument) -> str:
    """The text of the document: its own body, else one written from its fields (always the same)."""
    if document.body.strip():
        return document.body
    topic = document.summary.removeprefix("V/v").strip()
    workspace = document.workspace
    deadline = document.doc_date + timedelta(days=15)
    lines = [
        f"Căn cứ chức năng, nhiệm vụ được giao, {document.issuer} thông báo và đề nghị Ủy ban nhân dân "
        f"{workspace.commune_name} thực hiện nội dung: {topic[:1].lower() + topic[1:]}.",
        "1. Chỉ đạo các bộ phận chuyên môn liên quan tổ chức triển khai, bảo đảm đúng quy định và thời gian.",
        f"2. Báo cáo kết quả thực hiện về {document.issuer} trước ngày {deadline:%d/%m/%Y}.",
        "Trong quá trình thực hiện, nếu có vướng mắc, đề nghị phản ánh về cơ quan ban hành để được "
        "hướng dẫn.",
    ]
    if document.attachments:
        names = "; ".join(item["name"] for item in document.attachments)
        lines.append(f"(Kèm theo: {names}.)")
    return "\n".join(lines)


def _place(document: IncomingDocument) -> str:
    name = document.workspace.province_name
    for prefix in ("Tỉnh ", "Thành phố "):
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def _render(document: IncomingDocument) -> bytes:
    if document.kind == DocumentKind.CONG_VAN:
        title, subject = "", document.summary
    else:
        title = f"{KIND_TITLES.get(document.kind, document.get_kind_display().upper())}\n{document.summary}"
        subject = ""
    return pdf.document_render(
        title=title,
        subject=subject,
        number=document.reference,
        issued_on=document.doc_date,
        issuer=document.issuer.upper(),
        body=body_text(document),
        signer_lines=[*_signer_lines(document.issuer), document.signer or "Thủ trưởng cơ quan"],
        place=_place(document),
        recipients=[document.addressed_to],
        drafting_unit=document.reference.rsplit("-", 1)[-1],
        signature_fields=(SENDER_FIELD,),
    )


def _break(signed: bytes) -> bytes:
    """Alter one byte inside the signed range without making the file unreadable: the comment on
    the PDF's second line (what a damaged transfer does, invisibly)."""
    start = signed.index(b"\n") + 1
    position = start + 1
    return signed[:position] + bytes([signed[position] ^ 0x01]) + signed[position + 1 :]


def signed_pdf_make(document: IncomingDocument) -> bytes:
    """Render the document and sign it as its sending body did (no database write)."""
    body = sender_body(code=true_sender_code(document), name=document.issuer)
    key = pki.key_unlock(key_pem_encrypted=body.key_pem.encode(), pin=SENDER_PIN)
    signed = pdf.pdf_sign(
        pdf_bytes=_render(document),
        cert_pem=body.cert_pem.encode(),
        private_key=key,
        ca_cert_pem=authority().cert_pem,
        field_name=SENDER_FIELD,
        reason="Ký số của cơ quan, tổ chức",
        location=_place(document),
        signing_time=(document.arrived_at - SIGNED_BEFORE_ARRIVAL).replace(microsecond=0),
    )
    if document.drill == IncomingDrill.BROKEN_SIGNATURE:
        signed = _break(signed)
    return signed


def has_file(document: IncomingDocument) -> bool:
    """Electronic documents arrive as files; a paper one was typed in at the desk; a recalled one
    whose recall was accepted (15) has had its copy deleted."""
    if document.status == "15":
        return False
    return document.channel in ELECTRONIC or bool(document.pdf)


def incoming_pdf(*, document: IncomingDocument) -> bytes:
    """The document's PDF as it arrived: made once, then kept on the document."""
    if document.pdf:
        return bytes(document.pdf)
    content = signed_pdf_make(document)
    IncomingDocument.objects.filter(pk=document.pk, pdf__isnull=True).update(pdf=content)
    document.pdf = content
    return content


def attachment_pdf(*, document: IncomingDocument, index: int) -> bytes:
    """An attachment of the document (an annex: not signed separately, it travels with the signed
    document). Small and rarely opened: rendered when asked."""
    item = document.attachments[index]
    pages = max(1, int(item.get("pages") or 1))
    lines = [
        f"Kèm theo văn bản số {document.reference} ngày {document.doc_date:%d/%m/%Y} của {document.issuer}.",
        *(f"Trang {n}/{pages}: nội dung phụ lục (tài liệu thực hành)." for n in range(1, pages + 1)),
    ]
    return pdf.document_render(
        title=str(item["name"]).upper(),
        number=document.reference,
        issued_on=document.doc_date,
        issuer=document.issuer.upper(),
        body="\n".join(lines),
        signer_lines=[document.issuer],
        place=_place(document),
    )


# --- the check ---------------------------------------------------------------------------------------

VALID, BROKEN, UNTRUSTED, REVOKED, UNSIGNED, UNREADABLE, SENDER_CODE = (
    "valid",
    "broken",
    "untrusted",
    "revoked",
    "unsigned",
    "unreadable",
    "sender_code",
)


@dataclass(frozen=True)
class Verdict:
    """What the check found: ``kind`` (one of the constants above), the signer and the time it
    claims, and the sender codes compared."""

    kind: str
    signer: str = ""
    signed_at: datetime | None = None
    sender_code: str = ""
    expected_code: str = ""

    @property
    def ok(self) -> bool:
        return self.kind == VALID

    def as_data(self) -> dict:
        return {
            "verdict": self.kind,
            "valid": self.ok,
            "signer": self.signer,
            "signed_at": self.signed_at.isoformat() if self.signed_at else "",
            "sender_code": self.sender_code,
            "expected_code": self.expected_code,
        }


def _verdict(workspace: Workspace, document: IncomingDocument) -> Verdict:
    result = pdf.pdf_validate(
        pdf_bytes=incoming_pdf(document=document),
        ca_cert_pem=authority().cert_pem,
        crl_pem=crl_pem(workspace),
    )
    codes = {"sender_code": document.sender_code, "expected_code": ""}
    if result.error == pdf.ERROR_UNREADABLE:
        return Verdict(UNREADABLE, **codes)
    if result.error == pdf.ERROR_UNSIGNED:
        return Verdict(UNSIGNED, **codes)
    signature = result.signatures[0]
    found = {"signer": signature.signer_common_name, "signed_at": signature.signing_time}
    if not (signature.intact and signature.valid):
        return Verdict(BROKEN, **found, **codes)
    if not signature.trusted:
        return Verdict(UNTRUSTED, **found, **codes)
    if signature.revoked or signature.expired:
        return Verdict(REVOKED, **found, **codes)
    body = SenderBody.objects.filter(name=signature.signer_common_name).values_list("code", flat=True).first()
    codes["expected_code"] = body or ""
    if document.sender_code and body and document.sender_code != body:
        return Verdict(SENDER_CODE, **found, **codes)
    return Verdict(VALID, **found, **codes)


def incoming_signature_check(*, workspace: Workspace, document: IncomingDocument) -> Verdict:
    """“Kiểm tra chữ ký”: check the document's signature and its sender code; the check is logged
    (scenarios ask for it before registering, and for the verdict when returning)."""
    verdict = _verdict(workspace, document)
    event_record(
        workspace=workspace,
        machine="incoming",
        action="check_signature",
        actor=workspace.role,
        obj=document,
        data=verdict.as_data(),
    )
    return verdict


def verdict_words(data: dict) -> dict:
    """The logged verdict in words: a headline and the lines under it (the check's page)."""
    kind = data.get("verdict", "")
    signed_at = data.get("signed_at") or ""
    when = ""
    if signed_at:
        when = date_format(timezone.localtime(datetime.fromisoformat(signed_at)), "H:i d/m/Y")
    signer = data.get("signer") or _("không rõ")
    lines = []
    if kind in (VALID, SENDER_CODE, REVOKED, UNTRUSTED, BROKEN):
        lines.append(_("Người ký: %(signer)s.") % {"signer": signer})
        if when:
            lines.append(_("Thời điểm ký: %(when)s.") % {"when": when})
    if data.get("sender_code"):
        lines.append(_("Mã định danh nơi gửi trên trục: %(code)s.") % {"code": data["sender_code"]})
    headline = {
        VALID: _(
            "Chữ ký số hợp lệ: văn bản còn nguyên vẹn từ khi ký, chứng thư số của nơi gửi do CA cấp, "
            "còn hiệu lực và khớp với mã định danh nơi gửi."
        ),
        BROKEN: _(
            "Chữ ký số KHÔNG hợp lệ: nội dung tệp đã bị thay đổi sau khi ký hoặc tệp bị hỏng. "
            "Không vào sổ: trả lại nơi gửi, ghi rõ lý do."
        ),
        UNTRUSTED: _(
            "Không xác định được nơi gửi: chứng thư số ký văn bản không do CA được công nhận cấp. "
            "Không vào sổ: trả lại, ghi rõ lý do."
        ),
        REVOKED: _(
            "Chứng thư số của nơi gửi đã hết hạn hoặc bị thu hồi tại thời điểm ký. "
            "Không vào sổ: trả lại, ghi rõ lý do."
        ),
        SENDER_CODE: _(
            "Sai mã định danh nơi gửi: mã trên trục liên thông không phải mã của cơ quan đã ký "
            "văn bản (mã đúng: %(expected)s). Không vào sổ: trả lại, ghi rõ lý do."
        )
        % {"expected": data.get("expected_code") or "—"},
        UNSIGNED: _("Văn bản không có chữ ký số. Không vào sổ văn bản điện tử: trả lại, ghi rõ lý do."),
        UNREADABLE: _("Không đọc được tệp văn bản (tệp hỏng). Trả lại, ghi rõ lý do."),
    }.get(kind, _("Chưa kiểm tra chữ ký."))
    return {"ok": kind == VALID, "headline": headline, "lines": lines}
