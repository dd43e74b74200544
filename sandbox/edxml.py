"""edXML packages (QCVN 102:2016), the format the national document exchange axis carries: build one
for a document sent or received, and read one back, checked field by field.

Pure functions over bytes and plain values: nothing here touches the database (the messages of a
refused package are translated, in the user's language). Building uses the
standard library's ElementTree (it only writes); reading uses ``defusedxml`` (no DTD, no entity
expansion, no external references), since a package comes from outside.

The shape (element names checked against public implementations, see docs/sandbox-replica.md)::

    edXML
      edXMLEnvelope
        edXMLHeader
          MessageHeader      From, To…, DocumentId, Code, PromulgationInfo, DocumentType, Subject,
                             Content, SignerInfo, DueDate, ToPlaces, OtherInfo, SteeringType,
                             ResponseFor
          TraceHeaderList
            Bussiness        BussinessDocType (0 new, 1 revocation, 2 update, 3 replacement),
                             BussinessDocReason, ReplacementInfoList
        edXMLBody
          edXMLManifest      Reference… (ContentId, ContentType, Description, AttachmentName)
      AttachmentEncoded      Attachment… (ContentId, AttachmentName, Description, ContentType,
                             ContentTransferEncoded: the file in base64)

Dates are written year/month/day (``2026/12/03``). The sandbox writes no ``TraceHeader`` and no
``Signature`` (XML-DSig): the practice packages are not signed.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError
from defusedxml.ElementTree import fromstring as safe_fromstring
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

NS = "http://www.mic.gov.vn/TBT/QCVN_102_2016"
# The sandbox's names of the four kinds of package, and their TraceHeaderList/Bussiness/BussinessDocType.
MESSAGE_TYPES = ("edoc", "replacement", "revocation", "update")
BUSINESS_DOC_TYPES = {"edoc": 0, "revocation": 1, "update": 2, "replacement": 3}
MESSAGE_TYPE_OF = {number: name for name, number in BUSINESS_DOC_TYPES.items()}
# Error keys of the two checks that are not MessageHeader fields.
BUSINESS_DOC_TYPE = "Bussiness/BussinessDocType"
REPLACED = "Bussiness/ReplacementInfoList"
# OtherInfo/Priority: 0 Thường, 1 Khẩn, 2 Thượng khẩn, 3 Hỏa tốc.
PRIORITIES = ("thuong", "khan", "thuong_khan", "hoa_toc")

ET.register_namespace("edXML", NS)


def _q(name: str) -> str:
    return f"{{{NS}}}{name}"


@dataclass
class Attachment:
    name: str
    content: bytes
    content_type: str = "application/pdf"
    description: str = ""


@dataclass
class Package:
    """The fields of one package (what the header and the body carry)."""

    message_type: str
    from_code: str
    from_name: str
    to: list[tuple[str, str]]
    code_number: str
    code_notation: str
    place: str
    promulgation_date: dt.date
    type_code: str
    type_name: str
    subject: str
    content: str = ""
    signer_competence: str = ""
    signer_position: str = ""
    signer_name: str = ""
    due_date: dt.date | None = None
    priority: int = 0
    page_amount: int = 1
    # The DocumentId of the document this one replaces (replacement) or corrects (update).
    response_for: str = ""
    # Bussiness/BussinessDocReason: why the document is revoked, replaced or updated.
    reason: str = ""
    attachments: list[Attachment] = field(default_factory=list)

    @property
    def document_id(self) -> str:
        """``‹sender code›,‹date›,‹number›/‹notation›``: how the axis names a document."""
        return f"{self.from_code},{_date_text(self.promulgation_date)},{self.reference}"

    @property
    def reference(self) -> str:
        return f"{self.code_number}/{self.code_notation}" if self.code_notation else self.code_number

    @property
    def business_doc_type(self) -> int:
        return BUSINESS_DOC_TYPES[self.message_type]


def _date_text(value: dt.date | None) -> str:
    return f"{value:%Y/%m/%d}" if value else ""


def _sub(parent: ET.Element, name: str, text: str | None = None) -> ET.Element:
    element = ET.SubElement(parent, _q(name))
    if text is not None:
        element.text = text
    return element


def _organisation(parent: ET.Element, name: str, code: str, organ_name: str) -> None:
    organisation = _sub(parent, name)
    _sub(organisation, "OrganId", code)
    _sub(organisation, "OrganName", organ_name)


def _response_for(parent: ET.Element, document_id: str) -> None:
    """``ResponseFor`` as the implementations write it: OrganId, Code, PromulgationDate, DocumentId
    (the first three read from the DocumentId ``‹sender›,‹date›,‹number›/‹notation›``)."""
    element = _sub(parent, "ResponseFor")
    parts = document_id.split(",", 2)
    if len(parts) == 3:
        _sub(element, "OrganId", parts[0].strip())
        _sub(element, "Code", parts[2].strip())
        _sub(element, "PromulgationDate", parts[1].strip())
    _sub(element, "DocumentId", document_id)


def build(package: Package) -> bytes:
    """The package as XML bytes (UTF-8, with the declaration)."""
    root = ET.Element(_q("edXML"))
    envelope = _sub(root, "edXMLEnvelope")
    head = _sub(envelope, "edXMLHeader")
    header = _sub(head, "MessageHeader")
    _organisation(header, "From", package.from_code, package.from_name)
    for code, name in package.to:
        _organisation(header, "To", code, name)
    _sub(header, "DocumentId", package.document_id)
    code = _sub(header, "Code")
    _sub(code, "CodeNumber", package.code_number)
    _sub(code, "CodeNotation", package.code_notation)
    info = _sub(header, "PromulgationInfo")
    _sub(info, "Place", package.place)
    _sub(info, "PromulgationDate", _date_text(package.promulgation_date))
    kind = _sub(header, "DocumentType")
    _sub(kind, "Type", package.type_code)
    _sub(kind, "TypeName", package.type_name)
    _sub(header, "Subject", package.subject)
    _sub(header, "Content", package.content)
    signer = _sub(header, "SignerInfo")
    _sub(signer, "Competence", package.signer_competence)
    _sub(signer, "Position", package.signer_position)
    _sub(signer, "FullName", package.signer_name)
    _sub(header, "DueDate", _date_text(package.due_date))
    places = _sub(header, "ToPlaces")
    for _code, name in package.to:
        _sub(places, "Place", name)
    other = _sub(header, "OtherInfo")
    _sub(other, "Priority", str(package.priority))
    _sub(other, "PageAmount", str(package.page_amount))
    _sub(header, "SteeringType", "0")
    if package.response_for and package.message_type == "update":
        _response_for(header, package.response_for)
    business = _sub(_sub(head, "TraceHeaderList"), "Bussiness")
    _sub(business, "BussinessDocType", str(package.business_doc_type))
    if package.reason:
        _sub(business, "BussinessDocReason", package.reason)
    if package.response_for and package.message_type == "replacement":
        replaced = _sub(_sub(business, "ReplacementInfoList"), "ReplacementInfo")
        _sub(replaced, "DocumentId", package.response_for)
        organs = _sub(replaced, "OrganIdList")
        for organ_code, _name in package.to:
            _sub(organs, "OrganId", organ_code)
    manifest = _sub(_sub(envelope, "edXMLBody"), "edXMLManifest")
    manifest.set("version", "1.0")
    encoded = _sub(root, "AttachmentEncoded") if package.attachments else None
    for number, attachment in enumerate(package.attachments, start=1):
        content_id = f"cid:{number}"
        reference = _sub(manifest, "Reference")
        _sub(reference, "ContentId", content_id)
        _sub(reference, "ContentType", attachment.content_type)
        _sub(reference, "Description", attachment.description)
        _sub(reference, "AttachmentName", attachment.name)
        part = _sub(encoded, "Attachment")
        _sub(part, "ContentId", content_id)
        _sub(part, "AttachmentName", attachment.name)
        _sub(part, "Description", attachment.description)
        _sub(part, "ContentType", attachment.content_type)
        _sub(part, "ContentTransferEncoded", base64.b64encode(attachment.content).decode("ascii"))
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


# --- reading -------------------------------------------------------------------------------------------


class PackageInvalid(ValueError):
    """The package cannot be read: ``errors`` maps each header field (its path) to what is wrong."""

    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


# Field path (under MessageHeader, or the two keys above) → its name in Vietnamese (for the messages)
# and whether it is required.
FIELDS = {
    BUSINESS_DOC_TYPE: (gettext_lazy("Loại gói tin"), False),
    "From/OrganId": (gettext_lazy("Mã định danh nơi gửi"), True),
    "From/OrganName": (gettext_lazy("Tên cơ quan gửi"), True),
    "To": (gettext_lazy("Nơi nhận"), True),
    "Code/CodeNumber": (gettext_lazy("Số văn bản"), True),
    "Code/CodeNotation": (gettext_lazy("Ký hiệu văn bản"), True),
    "PromulgationInfo/PromulgationDate": (gettext_lazy("Ngày ban hành"), True),
    "DocumentType/TypeName": (gettext_lazy("Tên loại văn bản"), True),
    "Subject": (gettext_lazy("Trích yếu"), True),
    "SignerInfo/FullName": (gettext_lazy("Người ký"), False),
    "OtherInfo/PageAmount": (gettext_lazy("Số trang"), False),
    "OtherInfo/Priority": (gettext_lazy("Độ khẩn"), False),
    "DueDate": (gettext_lazy("Hạn xử lý"), False),
    REPLACED: (gettext_lazy("Văn bản được thay thế"), False),
    "Attachment": (gettext_lazy("Tệp đính kèm"), False),
}
_NOT_IN_HEADER = (BUSINESS_DOC_TYPE, REPLACED, "To", "Attachment")
_DATE = re.compile(r"(\d{4})[/-](\d{2})[/-](\d{2})")


def _text(parent: ET.Element | None, path: str) -> str:
    if parent is None:
        return ""
    element = parent.find("/".join(_q(part) for part in path.split("/")))
    return (element.text or "").strip() if element is not None else ""


def _children(parent: ET.Element | None, name: str) -> list[ET.Element]:
    """``name`` in the edXML namespace, or without one (as some senders write AttachmentEncoded)."""
    if parent is None:
        return []
    return parent.findall(_q(name)) or parent.findall(name)


def _child_text(parent: ET.Element, name: str) -> str:
    found = _children(parent, name)
    return (found[0].text or "").strip() if found else ""


def _envelope(data: bytes) -> tuple[ET.Element, ET.Element]:
    """(root, edXMLEnvelope): the root is ``edXML`` holding the envelope and AttachmentEncoded; an
    envelope sent alone is read too."""
    try:
        root = safe_fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise PackageInvalid({"": _("Tệp có khai báo DTD hoặc thực thể XML: không được phép.")}) from None
    except ParseError as error:
        line = getattr(error, "position", (0, 0))[0]
        raise PackageInvalid(
            {"": _("Tệp không phải XML hợp lệ (lỗi ở dòng %(line)s).") % {"line": line}}
        ) from None
    envelope = root if root.tag == _q("edXMLEnvelope") else None
    if root.tag == _q("edXML"):
        envelope = root.find(_q("edXMLEnvelope"))
    if envelope is None:
        raise PackageInvalid(
            {"": _("Không phải gói tin edXML: thiếu phần tử edXMLEnvelope theo QCVN 102:2016.")}
        )
    return root, envelope


def _business(envelope: ET.Element) -> ET.Element | None:
    """TraceHeaderList/Bussiness (spelt so by the implementations; ``Business`` is read too)."""
    trace = envelope.find(f"{_q('edXMLHeader')}/{_q('TraceHeaderList')}")
    if trace is None:
        return None
    found = trace.find(_q("Bussiness"))
    return found if found is not None else trace.find(_q("Business"))


def parse(data: bytes) -> Package:
    """Read a package; raise :class:`PackageInvalid` with every problem found (messages in
    Vietnamese: they are shown to the clerk as they are)."""
    root, envelope = _envelope(data)
    header = envelope.find(f"{_q('edXMLHeader')}/{_q('MessageHeader')}")
    if header is None:
        raise PackageInvalid({"": _("Gói tin thiếu phần đầu (edXMLHeader/MessageHeader).")})
    errors: dict[str, str] = {}
    values = {path: _text(header, path) for path in FIELDS if path not in _NOT_IN_HEADER}
    for path, (label, required) in FIELDS.items():
        if required and path != "To" and not values.get(path):
            errors[path] = _("Thiếu trường bắt buộc: %(field)s.") % {"field": label}
    business = _business(envelope)
    raw_type = ""
    if business is not None:
        raw_type = _child_text(business, "BussinessDocType") or _child_text(business, "BusinessDocType")
    message_type = MESSAGE_TYPE_OF.get(int(raw_type)) if raw_type.isdigit() else None
    if not raw_type:
        message_type = "edoc"
    if message_type is None:
        errors[BUSINESS_DOC_TYPE] = _(
            "Loại nghiệp vụ “%(type)s” không hợp lệ: chỉ nhận 0 (văn bản mới), 1 (thu hồi), "
            "2 (cập nhật), 3 (thay thế)."
        ) % {"type": raw_type[:20]}
    receivers = [(_child_text(r, "OrganId"), _child_text(r, "OrganName")) for r in header.findall(_q("To"))]
    if not receivers or not all(code and name for code, name in receivers):
        errors["To"] = _("Thiếu nơi nhận (mã định danh và tên cơ quan nhận).")
    promulgation = _date(
        values["PromulgationInfo/PromulgationDate"], "PromulgationInfo/PromulgationDate", errors
    )
    due = _date(values["DueDate"], "DueDate", errors) if values["DueDate"] else None
    pages = _number(values["OtherInfo/PageAmount"] or "1", "OtherInfo/PageAmount", errors, low=1, high=999)
    priority = _number(values["OtherInfo/Priority"] or "0", "OtherInfo/Priority", errors, low=0, high=3)
    attachments = _attachments(root, envelope, errors)
    if message_type != "revocation" and not any(a.content_type == "application/pdf" for a in attachments):
        errors.setdefault("Attachment", _("Gói tin văn bản phải kèm tệp PDF của văn bản."))
    if errors:
        raise PackageInvalid(errors)
    reason = ""
    if business is not None:
        reason = _child_text(business, "BussinessDocReason") or _child_text(business, "BusinessDocReason")
    return Package(
        message_type=message_type,
        from_code=values["From/OrganId"],
        from_name=values["From/OrganName"],
        to=receivers,
        code_number=values["Code/CodeNumber"],
        code_notation=values["Code/CodeNotation"],
        place=_text(header, "PromulgationInfo/Place"),
        promulgation_date=promulgation,
        type_code=_text(header, "DocumentType/Type"),
        type_name=values["DocumentType/TypeName"],
        subject=values["Subject"],
        content=_text(header, "Content"),
        signer_competence=_text(header, "SignerInfo/Competence"),
        signer_position=_text(header, "SignerInfo/Position"),
        signer_name=values["SignerInfo/FullName"],
        due_date=due,
        priority=priority,
        page_amount=pages,
        response_for=_response_for_read(header, business),
        reason=reason,
        attachments=attachments,
    )


def _response_for_read(header: ET.Element, business: ET.Element | None) -> str:
    """The document replaced (Bussiness/ReplacementInfoList/ReplacementInfo/DocumentId) or answered
    (ResponseFor/DocumentId; a ResponseFor holding only the DocumentId as text is read too)."""
    replaced = _text(business, "ReplacementInfoList/ReplacementInfo/DocumentId")
    if replaced:
        return replaced
    answered = header.find(_q("ResponseFor"))
    if answered is None:
        return ""
    return _text(answered, "DocumentId") or (answered.text or "").strip()


def _date(raw: str, path: str, errors: dict) -> dt.date | None:
    match = _DATE.fullmatch(raw)
    if match:
        try:
            return dt.date(*(int(part) for part in match.groups()))
        except ValueError:
            pass
    if raw:
        errors[path] = _("%(field)s “%(value)s” không đúng dạng năm/tháng/ngày (ví dụ 2026/12/07).") % {
            "field": FIELDS[path][0],
            "value": raw[:40],
        }
    return None


def _number(raw: str, path: str, errors: dict, *, low: int, high: int) -> int:
    if raw.isdigit() and low <= int(raw) <= high:
        return int(raw)
    errors[path] = _("%(field)s phải là số từ %(low)s đến %(high)s.") % {
        "field": FIELDS[path][0],
        "low": low,
        "high": high,
    }
    return low


def _content_id(raw: str) -> str:
    return raw.strip().removeprefix("cid:")


def _attachments(root: ET.Element, envelope: ET.Element, errors: dict) -> list[Attachment]:
    """Each ``AttachmentEncoded/Attachment`` (the file, base64); what it leaves out (name, type,
    description) is taken from its ``edXMLManifest/Reference`` of the same ContentId. A Reference
    without its file is refused."""
    manifest = {
        _content_id(_child_text(ref, "ContentId")): ref
        for ref in envelope.findall(f"{_q('edXMLBody')}/{_q('edXMLManifest')}/{_q('Reference')}")
    }
    found, seen = [], set()
    parts = [p for encoded in _children(root, "AttachmentEncoded") for p in _children(encoded, "Attachment")]
    for index, part in enumerate(parts, start=1):
        content_id = _content_id(_child_text(part, "ContentId"))
        seen.add(content_id)
        reference = manifest.get(content_id)

        def text(name: str, part=part, reference=reference) -> str:
            return _child_text(part, name) or (_child_text(reference, name) if reference is not None else "")

        name, content_type = text("AttachmentName"), text("ContentType")
        raw = "".join(_child_text(part, "ContentTransferEncoded").split())
        try:
            content = base64.b64decode(raw, validate=True)
        except (binascii.Error, ValueError):
            errors["Attachment"] = _("Tệp đính kèm thứ %(n)s không giải mã được (base64).") % {"n": index}
            continue
        if not name or not content:
            errors["Attachment"] = _("Tệp đính kèm thứ %(n)s thiếu tên hoặc nội dung.") % {"n": index}
            continue
        if content_type == "application/pdf" and not content.startswith(b"%PDF"):
            errors["Attachment"] = _("Tệp đính kèm “%(name)s” không phải tệp PDF.") % {"name": name[:80]}
            continue
        found.append(Attachment(name, content, content_type, text("Description")))
    for content_id, reference in manifest.items():
        if content_id not in seen:
            errors["Attachment"] = _(
                "Tệp đính kèm “%(name)s” có trong danh mục (edXMLManifest) nhưng không có nội dung "
                "(AttachmentEncoded)."
            ) % {"name": (_child_text(reference, "AttachmentName") or content_id)[:80]}
    return found
