"""The exchange axis in edXML: each document sent or received as the package the axis carries, and
the import of a package, which creates (or, by its type, replaces, updates or recalls) an incoming
document, all or nothing.

Message types (DOMAIN.md §2): ``edoc`` a new document; ``replacement`` a document that replaces one
received before (``ResponseFor`` names it: the old one is marked replaced); ``update`` new content for
a document not yet registered (once registered, the sender must replace or correct it instead);
``revocation`` the sender asks for a document back (13, the clerk accepts or refuses).
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sandbox import edxml, fake, incoming_files, layout
from sandbox.models import (
    Actor,
    Channel,
    DocumentKind,
    IncomingDocument,
    OutgoingDocument,
    Urgency,
    Workspace,
)
from sandbox.services import event_record, sandbox_now, transition_apply

SENT = ("issued", "revoked", "replaced")
PRIORITY_OF = {value: index for index, value in enumerate(edxml.PRIORITIES)}


def _commune_body(workspace: Workspace) -> tuple[str, str]:
    return workspace.sender_code, f"UBND {workspace.commune_name}"


def incoming_package(*, document: IncomingDocument) -> edxml.Package:
    """The package the commune received (its PDF, signed by the sender, and its attachments)."""
    workspace = document.workspace
    number, _slash, notation = document.reference.partition("/")
    attachments = []
    if incoming_files.has_file(document):
        attachments.append(
            edxml.Attachment(f"{document.reference}.pdf", incoming_files.incoming_pdf(document=document))
        )
        for index, item in enumerate(document.attachments):
            attachments.append(
                edxml.Attachment(
                    f"{item['name']}.pdf",
                    incoming_files.attachment_pdf(document=document, index=index),
                    description=str(item["name"]),
                )
            )
    return edxml.Package(
        message_type="edoc",
        from_code=document.sender_code,
        from_name=document.issuer,
        to=[(workspace.sender_code, document.addressed_to)],
        code_number=number,
        code_notation=notation,
        place=workspace.province_name,
        promulgation_date=document.doc_date,
        type_code=document.kind,
        type_name=str(document.get_kind_display()),
        subject=document.summary,
        content=incoming_files.body_text(document),
        signer_name=document.signer,
        due_date=document.deadline,
        priority=PRIORITY_OF.get(document.urgency, 0),
        page_amount=document.pages,
        attachments=attachments,
    )


def _message_type(document: OutgoingDocument) -> tuple[str, str]:
    """(type, ResponseFor) of an outgoing document: a revocation, a replacement, a correction
    (sent as an update of the corrected one) or a new document."""
    if document.status == "revoked":
        return "revocation", ""
    if document.replaces_id and document.replaces.number is not None:
        return "replacement", _document_id(document.replaces)
    if document.corrects_id and document.corrects.number is not None:
        return "update", _document_id(document.corrects)
    return "edoc", ""


def _document_id(document: OutgoingDocument) -> str:
    return (
        f"{document.workspace.sender_code},{document.issued_on:%Y/%m/%d},{document.number_display}"
        if document.issued_on
        else document.number_display
    )


def outgoing_package(*, document: OutgoingDocument) -> edxml.Package:
    """The package the commune sent: one ``To`` per recipient, the signed PDF attached."""
    workspace = document.workspace
    code, name = _commune_body(workspace)
    message_type, response_for = _message_type(document)
    names = [d.name for d in document.deliveries.all()] or layout.recipient_names(document.recipients)
    attachments = []
    if document.pdf and message_type != "revocation":
        attachments.append(
            edxml.Attachment(f"{document.number_display.replace('/', '-')}.pdf", bytes(document.pdf))
        )
    number, _slash, notation = document.number_display.partition("/")
    return edxml.Package(
        message_type=message_type,
        from_code=code,
        from_name=name,
        to=[(fake.sender_code_of(issuer=n, province_code=workspace.province_code), n) for n in names],
        code_number=number,
        code_notation=notation,
        place=workspace.commune_name,
        promulgation_date=document.issued_on or timezone.localtime(document.created_at).date(),
        type_code=document.kind,
        type_name=str(document.get_kind_display()),
        subject=document.summary,
        content=document.revoke_reason if message_type == "revocation" else document.body,
        signer_competence=document.authority,
        signer_position=document.signer_title,
        signer_name=document.signer_name,
        priority=PRIORITY_OF.get(document.urgency, 0),
        response_for=response_for,
        reason=document.revoke_reason if message_type == "revocation" else "",
        attachments=attachments,
    )


# --- import ----------------------------------------------------------------------------------------------


@dataclass
class Imported:
    ok: bool
    errors: dict[str, str]
    document: IncomingDocument | None = None
    message_type: str = ""


def _kind_of(package: edxml.Package) -> str | None:
    if package.type_code in DocumentKind.values:
        return package.type_code
    for value, label in DocumentKind.choices:
        if str(label).lower() == package.type_name.lower():
            return value
    return None


def _referenced(workspace: Workspace, package: edxml.Package, reference: str):
    return (
        workspace.incoming.defer("pdf")
        .filter(sender_code=package.from_code, reference=reference)
        .order_by("-arrived_at")
        .first()
    )


def _fields(package: edxml.Package) -> dict:
    pdfs = [a for a in package.attachments if a.content_type == "application/pdf"]
    return {
        "issuer": package.from_name[:200],
        "sender_code": package.from_code[:40],
        "reference": package.reference[:60],
        "doc_date": package.promulgation_date,
        "kind": _kind_of(package),
        "summary": package.subject[:300],
        "body": package.content,
        "urgency": edxml.PRIORITIES[package.priority]
        if package.priority < len(edxml.PRIORITIES)
        else Urgency.NORMAL,
        "pages": package.page_amount,
        "signer": package.signer_name[:120],
        "addressed_to": package.to[0][1][:200],
        "pdf": pdfs[0].content if pdfs else None,
        "attachments": [{"name": a.description or a.name, "pages": 1} for a in package.attachments[1:]],
    }


@transaction.atomic
def package_import(*, workspace: Workspace, actor_role: str, data: bytes) -> Imported:
    """Read an edXML package and apply it as its type says; nothing is written unless every check
    passes. The import is logged (applied or refused, with the errors)."""

    def refused(errors: dict[str, str], message_type: str = "") -> Imported:
        event_record(
            workspace=workspace,
            machine="incoming",
            action="import_edxml",
            actor=actor_role,
            ok=False,
            reason="; ".join(errors.values()),
            data={"errors": errors, "type": message_type},
        )
        return Imported(False, errors, None, message_type)

    if actor_role != Actor.CLERK:
        return refused({"": _("Chỉ văn thư nhận gói tin từ trục liên thông.")})
    try:
        package = edxml.parse(data)
    except edxml.PackageInvalid as invalid:
        return refused(invalid.errors)
    fields = _fields(package)
    if fields["kind"] is None:
        return refused(
            {
                "DocumentType/TypeName": _("Loại văn bản “%(name)s” không có trong danh mục.")
                % {"name": package.type_name}
            },
            package.message_type,
        )
    ours = {code for code, _name in package.to}
    if workspace.sender_code not in ours:
        return refused(
            {
                "To": _(
                    "Gói tin không gửi cho xã (mã định danh của xã là %(code)s): không nhận vào hệ thống."
                )
                % {"code": workspace.sender_code}
            },
            package.message_type,
        )
    handler = {"edoc": _new, "replacement": _replacement, "update": _update, "revocation": _revocation}
    outcome = handler[package.message_type](workspace, actor_role, package, fields)
    if isinstance(outcome, dict):
        # Every handler checks before it writes: a refusal has written nothing.
        return refused(outcome, package.message_type)
    event_record(
        workspace=workspace,
        machine="incoming",
        action="import_edxml",
        actor=actor_role,
        obj=outcome,
        data={"type": package.message_type, "reference": package.reference, "sender_code": package.from_code},
    )
    return Imported(True, {}, outcome, package.message_type)


def _create(workspace: Workspace, fields: dict) -> IncomingDocument | dict:
    existing = _referenced(workspace, edxml_stub(fields), fields["reference"])
    if existing is not None and existing.doc_date == fields["doc_date"]:
        return {
            "Code/CodeNumber": _("Văn bản số %(reference)s của %(issuer)s đã được nhận trước đây.")
            % {"reference": fields["reference"], "issuer": fields["issuer"]}
        }
    return IncomingDocument.objects.create(
        workspace=workspace, channel=Channel.AXIS, arrived_at=sandbox_now(workspace), **fields
    )


def edxml_stub(fields: dict) -> edxml.Package:
    """What ``_referenced`` reads of a package (its sender), from the fields already taken."""
    return edxml.Package(
        message_type="edoc",
        from_code=fields["sender_code"],
        from_name=fields["issuer"],
        to=[],
        code_number="",
        code_notation="",
        place="",
        promulgation_date=fields["doc_date"],
        type_code="",
        type_name="",
        subject="",
    )


def _new(workspace, actor_role, package, fields):
    return _create(workspace, fields)


def _response_reference(package: edxml.Package) -> str:
    return package.response_for.rsplit(",", 1)[-1].strip()


def _replacement(workspace, actor_role, package, fields):
    old = _referenced(workspace, package, _response_reference(package)) if package.response_for else None
    if old is None:
        return {
            edxml.REPLACED: _(
                "Không tìm thấy văn bản được thay thế (ReplacementInfo) trong văn bản đến của xã."
            )
        }
    new = _create(workspace, fields)
    if isinstance(new, dict):
        return new
    new.note = _("Thay thế văn bản số %(reference)s.") % {"reference": old.reference}
    new.save(update_fields=["note"])
    old.note = _("Đã bị thay thế bởi văn bản số %(reference)s.") % {"reference": new.reference}
    old.save(update_fields=["note"])
    return new


def _update(workspace, actor_role, package, fields):
    target = _referenced(workspace, package, package.reference)
    if target is None:
        return {"Code/CodeNumber": _("Không tìm thấy văn bản cần cập nhật trong văn bản đến của xã.")}
    if target.status != "01":
        return {
            edxml.BUSINESS_DOC_TYPE: _(
                "Văn bản đã vào sổ: không cập nhật được. "
                "Đề nghị nơi gửi ban hành văn bản thay thế hoặc đính chính."
            )
        }
    for key in ("summary", "body", "pages", "signer", "urgency", "pdf", "attachments"):
        setattr(target, key, fields[key])
    target.save()
    return target


def _revocation(workspace, actor_role, package, fields):
    target = _referenced(workspace, package, package.reference)
    if target is None:
        return {"Code/CodeNumber": _("Không tìm thấy văn bản bị thu hồi trong văn bản đến của xã.")}
    outcome = transition_apply(
        workspace=workspace,
        obj=target,
        transition="recall_request",
        actor_role=Actor.SYSTEM,
        data={"recall_reason": package.reason or package.content or package.subject},
    )
    if not outcome.ok:
        return {edxml.BUSINESS_DOC_TYPE: outcome.message}
    return outcome.obj
