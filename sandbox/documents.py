"""Document content: rendering an outgoing document as a Decree 30 PDF, and drafting a dossier's
result document into the outgoing workflow (the missing link: nothing is typed twice)."""

from datetime import datetime

from pyhanko.pdf_utils import misc

from sandbox import layout, numbering, pdf
from sandbox.fake import leader_name
from sandbox.models import DocumentKind, Dossier, OutgoingDocument, Workspace
from sandbox.procedures import procedure_get

KIND_TITLES = {
    "QĐ": "QUYẾT ĐỊNH",
    "TB": "THÔNG BÁO",
    "KH": "KẾ HOẠCH",
    "BC": "BÁO CÁO",
    "TTr": "TỜ TRÌNH",
    "GM": "GIẤY MỜI",
    "GGT": "GIẤY GIỚI THIỆU",
    "BB": "BIÊN BẢN",
    "HD": "HƯỚNG DẪN",
    "CTr": "CHƯƠNG TRÌNH",
    "GCN": "GIẤY CHỨNG NHẬN",
}
SIGNATURE_FIELD = "ChuKyLanhDao"
SEAL_FIELD = "ChuKyCoQuan"
RESULT_UNITS = {"birth": "TP", "marriage": "TP", "joint_birth": "TP", "copy": "TP"}


def place_name(workspace: Workspace) -> str:
    """The place on the date line: the commune's own name, without “Xã”/“Phường” (Decree 30)."""
    name = workspace.commune_name
    for prefix in ("Phường ", "Xã ", "Đặc khu "):
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def outgoing_pdf_render(*, document: OutgoingDocument, today) -> bytes:
    """The document as a PDF with two empty visible signature fields: the leader's and the seal.

    Until the clerk numbers it, its number and date lines are form fields left blank
    (``numbered_later``): :func:`outgoing_pdf_number` fills them on the signed PDF. A công văn
    carries its "V/v …" under the number, the other kinds their title in the middle (Appendix I).
    """
    workspace = document.workspace
    subject = ""
    if document.kind == DocumentKind.CONG_VAN:
        title, subject = "", document.summary
    else:
        title = f"{KIND_TITLES.get(document.kind, document.get_kind_display().upper())}\n{document.summary}"
    numbered = document.number is not None
    return pdf.document_render(
        title=title,
        subject=subject,
        number=document.number_display if numbered else f"      /{document.symbol}",
        issued_on=document.issued_on or today,
        issuer=f"ỦY BAN NHÂN DÂN\n{workspace.commune_name.upper()}",
        body=document.body,
        signer_lines=[
            *layout.signer_lines(authority=document.authority, title=document.signer_title),
            document.signer_name,
        ],
        place=place_name(workspace),
        recipients=layout.recipient_names(document.recipients),
        drafting_unit=document.unit or "VP",
        signature_fields=(SIGNATURE_FIELD, SEAL_FIELD),
        numbered_later=not numbered,
    )


def outgoing_pdf_number(*, document: OutgoingDocument) -> bool:
    """The clerk's "Cấp số" on the signed PDF: write the number and the issuing date into the fields
    the leader's signature left blank (an incremental update that keeps that signature valid).
    Returns whether the PDF was numbered (False: no PDF yet, or one without number fields)."""
    if not document.pdf or document.number is None:
        return False
    try:
        document.pdf = pdf.pdf_number_fill(
            pdf_bytes=bytes(document.pdf),
            number=document.number_display,
            issued_on=document.issued_on,
            place=place_name(document.workspace),
        )
    except (misc.PdfError, KeyError, ValueError):
        return False
    return True


def dossier_result_draft(*, dossier: Dossier, now: datetime) -> OutgoingDocument:
    """Draft the dossier's result document from the dossier's own data, linked to it."""
    procedure = procedure_get(dossier.procedure)
    kind, title = procedure.result
    unit = RESULT_UNITS.get(dossier.procedure, "VP")
    workspace = dossier.workspace
    lines = [
        f"Họ, chữ đệm, tên người được đăng ký: {dossier.subject_name or dossier.owner_name}.",
        f"Người yêu cầu: {dossier.owner_name}, số định danh cá nhân {dossier.owner_id_number}.",
        f"Nơi cư trú: {dossier.owner_address}.",
        f"Kết quả giải quyết hồ sơ {dossier.code}, thủ tục {procedure.code} “{procedure.name}”.",
    ]
    if dossier.details.get("child_birth_date"):
        lines.insert(1, f"Ngày sinh: {dossier.details['child_birth_date']}.")
    return OutgoingDocument.objects.create(
        workspace=workspace,
        kind=kind,
        unit=unit,
        symbol=numbering.symbol_expected(kind=kind, unit=unit),
        summary=f"{title}: {dossier.subject_name or dossier.owner_name}",
        body="\n".join(lines),
        recipients=f"- {dossier.owner_name};\n- Lưu: VT, {unit}.",
        signer_name=leader_name(workspace),
        signer_title="CHỦ TỊCH",
        authority="TM.",
        dossier=dossier,
        created_at=now,
    )
