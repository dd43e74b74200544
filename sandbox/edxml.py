"""edXML packages (QCVN 102:2016), the format the national document exchange axis carries: build one
for a document sent or received, and read one back, checked field by field.

Pure functions over bytes and plain values: nothing here touches the database (the messages of a
refused package are translated, in the user's language). Building uses the
standard library's ElementTree (it only writes); reading uses ``defusedxml`` (no DTD, no entity
expansion, no external references), since a package comes from outside.

The envelope: ``edXMLEnvelope`` / ``edXMLHeader`` / ``MessageHeader`` with the header fields of the
standard (From, To, DocumentId, Code, PromulgationInfo, DocumentType, Subject, Content, SignerInfo,
DueDate, ToPlaces, OtherInfo, ResponseFor) and ``edXMLBody`` with the attachments. Two points are the
sandbox's own (unverified against the published schema): the message type (edoc, replacement,
revocation, update) is carried in ``MessageHeader/MessageType``, and each attachment is inlined,
base64, in ``edXMLBody/Attachment`` instead of a separate MIME part.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError
from defusedxml.ElementTree import fromstring as safe_fromstring
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

NS = "http://www.mic.gov.vn/TBT/QCVN_102_2016"
MESSAGE_TYPES = ("edoc", "replacement", "revocation", "update")
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
    response_for: str = ""
    attachments: list[Attachment] = field(default_factory=list)

    @property
    def document_id(self) -> str:
        """``‹sender code›,‹date›,‹number›/‹notation›``: how the axis names a document."""
        return f"{self.from_code},{self.promulgation_date:%Y/%m/%d},{self.code_number}/{self.code_notation}"

    @property
    def reference(self) -> str:
        return f"{self.code_number}/{self.code_notation}" if self.code_notation else self.code_number


def _sub(parent: ET.Element, name: str, text: str | None = None) -> ET.Element:
    element = ET.SubElement(parent, _q(name))
    if text is not None:
        element.text = text
    return element


def build(package: Package) -> bytes:
    """The package as XML bytes (UTF-8, with the declaration)."""
    envelope = ET.Element(_q("edXMLEnvelope"))
    header = _sub(_sub(envelope, "edXMLHeader"), "MessageHeader")
    _sub(header, "MessageType", package.message_type)
    sender = _sub(header, "From")
    _sub(sender, "OrganId", package.from_code)
    _sub(sender, "OrganName", package.from_name)
    for code, name in package.to:
        receiver = _sub(header, "To")
        _sub(receiver, "OrganId", code)
        _sub(receiver, "OrganName", name)
    _sub(header, "DocumentId", package.document_id)
    code = _sub(header, "Code")
    _sub(code, "CodeNumber", package.code_number)
    _sub(code, "CodeNotation", package.code_notation)
    info = _sub(header, "PromulgationInfo")
    _sub(info, "Place", package.place)
    _sub(info, "PromulgationDate", package.promulgation_date.isoformat())
    kind = _sub(header, "DocumentType")
    _sub(kind, "Type", package.type_code)
    _sub(kind, "TypeName", package.type_name)
    _sub(header, "Subject", package.subject)
    _sub(header, "Content", package.content)
    signer = _sub(header, "SignerInfo")
    _sub(signer, "Competence", package.signer_competence)
    _sub(signer, "Position", package.signer_position)
    _sub(signer, "FullName", package.signer_name)
    _sub(header, "DueDate", package.due_date.isoformat() if package.due_date else "")
    places = _sub(header, "ToPlaces")
    for _code, name in package.to:
        _sub(places, "Place", name)
    other = _sub(header, "OtherInfo")
    _sub(other, "Priority", str(package.priority))
    _sub(other, "PageAmount", str(package.page_amount))
    if package.response_for:
        _sub(header, "ResponseFor", package.response_for)
    body = _sub(envelope, "edXMLBody")
    for attachment in package.attachments:
        part = _sub(body, "Attachment")
        _sub(part, "AttachmentName", attachment.name)
        _sub(part, "ContentType", attachment.content_type)
        _sub(part, "Description", attachment.description)
        _sub(part, "ContentTransferEncoded", "base64")
        _sub(part, "AttachmentText", base64.b64encode(attachment.content).decode("ascii"))
    ET.indent(envelope)
    return ET.tostring(envelope, encoding="utf-8", xml_declaration=True)


# --- reading -------------------------------------------------------------------------------------------


class PackageInvalid(ValueError):
    """The package cannot be read: ``errors`` maps each header field (its path) to what is wrong."""

    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


# Field path → its name in Vietnamese (for the messages) and whether it is required.
FIELDS = {
    "MessageType": (gettext_lazy("Loại gói tin"), False),
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
    "Attachment": (gettext_lazy("Tệp đính kèm"), False),
}


def _text(header: ET.Element, path: str) -> str:
    element = header.find("/".join(_q(part) for part in path.split("/")))
    return (element.text or "").strip() if element is not None else ""


def parse(data: bytes) -> Package:
    """Read a package; raise :class:`PackageInvalid` with every problem found (messages in
    Vietnamese: they are shown to the clerk as they are)."""
    try:
        root = safe_fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise PackageInvalid({"": _("Tệp có khai báo DTD hoặc thực thể XML: không được phép.")}) from None
    except ParseError as error:
        line = getattr(error, "position", (0, 0))[0]
        raise PackageInvalid(
            {"": _("Tệp không phải XML hợp lệ (lỗi ở dòng %(line)s).") % {"line": line}}
        ) from None
    if root.tag != _q("edXMLEnvelope"):
        raise PackageInvalid(
            {"": _("Không phải gói tin edXML: thiếu phần tử edXMLEnvelope theo QCVN 102:2016.")}
        )
    header = root.find(f"{_q('edXMLHeader')}/{_q('MessageHeader')}")
    if header is None:
        raise PackageInvalid({"": _("Gói tin thiếu phần đầu (edXMLHeader/MessageHeader).")})
    errors: dict[str, str] = {}
    values = {path: _text(header, path) for path in FIELDS if path not in ("To", "Attachment")}
    for path, (label, required) in FIELDS.items():
        if required and path not in ("To",) and not values.get(path):
            errors[path] = _("Thiếu trường bắt buộc: %(field)s.") % {"field": label}
    message_type = values["MessageType"] or "edoc"
    if message_type not in MESSAGE_TYPES:
        errors["MessageType"] = _(
            "Loại gói tin “%(type)s” không hợp lệ: chỉ nhận edoc, replacement, revocation, update."
        ) % {"type": message_type}
    receivers = [
        ((r.findtext(_q("OrganId")) or "").strip(), (r.findtext(_q("OrganName")) or "").strip())
        for r in header.findall(_q("To"))
    ]
    if not receivers or not all(code and name for code, name in receivers):
        errors["To"] = _("Thiếu nơi nhận (mã định danh và tên cơ quan nhận).")
    promulgation = _date(
        values["PromulgationInfo/PromulgationDate"], "PromulgationInfo/PromulgationDate", errors
    )
    due = _date(values["DueDate"], "DueDate", errors) if values["DueDate"] else None
    pages = _number(values["OtherInfo/PageAmount"] or "1", "OtherInfo/PageAmount", errors, low=1, high=999)
    priority = _number(values["OtherInfo/Priority"] or "0", "OtherInfo/Priority", errors, low=0, high=3)
    attachments = _attachments(root, errors)
    if message_type != "revocation" and not any(a.content_type == "application/pdf" for a in attachments):
        errors.setdefault("Attachment", _("Gói tin văn bản phải kèm tệp PDF của văn bản."))
    if errors:
        raise PackageInvalid(errors)
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
        response_for=_text(header, "ResponseFor"),
        attachments=attachments,
    )


def _date(raw: str, path: str, errors: dict) -> dt.date | None:
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        if raw:
            errors[path] = _("%(field)s “%(value)s” không đúng dạng năm-tháng-ngày (ví dụ 2026-12-07).") % {
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


def _attachments(root: ET.Element, errors: dict) -> list[Attachment]:
    found = []
    for index, part in enumerate(root.findall(f"{_q('edXMLBody')}/{_q('Attachment')}"), start=1):
        name = (part.findtext(_q("AttachmentName")) or "").strip()
        raw = "".join((part.findtext(_q("AttachmentText")) or "").split())
        try:
            content = base64.b64decode(raw, validate=True)
        except (binascii.Error, ValueError):
            errors["Attachment"] = _("Tệp đính kèm thứ %(n)s không giải mã được (base64).") % {"n": index}
            continue
        content_type = (part.findtext(_q("ContentType")) or "").strip()
        if not name or not content:
            errors["Attachment"] = _("Tệp đính kèm thứ %(n)s thiếu tên hoặc nội dung.") % {"n": index}
            continue
        if content_type == "application/pdf" and not content.startswith(b"%PDF"):
            errors["Attachment"] = _("Tệp đính kèm “%(name)s” không phải tệp PDF.") % {"name": name[:80]}
            continue
        found.append(
            Attachment(name, content, content_type, (part.findtext(_q("Description")) or "").strip())
        )
    return found
