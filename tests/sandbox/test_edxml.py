"""edXML packages (issue 17, item 7): each document sent or received can be viewed and downloaded as
the package the exchange axis carries (the official's own only), and importing a package creates the
incoming document, or replaces, updates or recalls one as its type says; a package with a problem is
refused field by field and nothing is written."""

import base64
import datetime
from xml.etree import ElementTree

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sandbox import edxml, exchange, fake, incoming_files
from sandbox.models import IncomingDocument, OutgoingDocument
from sandbox.services import workspace_role_set


@pytest.fixture
def signed_in(client, official):
    client.force_login(official)
    return client


def _arrived(workspace) -> IncomingDocument:
    doc = fake.incoming_build(workspace, seed=3, kind="GM", attachments=fake.incoming_attachments("GM"))
    doc.sender_code = fake.sender_code_of(issuer=doc.issuer, province_code=workspace.province_code)
    doc.save()
    return doc


def _package(workspace, **changes) -> edxml.Package:
    values = dict(
        message_type="edoc",
        from_code="000.00.21.H27",
        from_name="Sở Nội vụ tỉnh Bắc Ninh",
        to=[(workspace.sender_code, f"UBND {workspace.commune_name}")],
        code_number="412",
        code_notation="SNV-CCVC",
        place="Bắc Ninh",
        promulgation_date=datetime.date(2026, 12, 3),
        type_code="CV",
        type_name="Công văn",
        subject="V/v cử cán bộ dự lớp bồi dưỡng",
        content="Đề nghị UBND xã cử cán bộ.",
        signer_name="Nguyễn Văn Hải",
        page_amount=2,
        priority=1,
        attachments=[edxml.Attachment("412-SNV-CCVC.pdf", b"%PDF-1.7 practice")],
    )
    values.update(changes)
    return edxml.Package(**values)


def _upload(client, data: bytes, name="goi-tin.edxml"):
    return client.post(reverse("sandbox:edxml_import"), {"file": SimpleUploadedFile(name, data)})


def test_a_received_document_reads_as_its_package_with_its_signed_pdf(signed_in, workspace):
    doc = _arrived(workspace)
    response = signed_in.get(reverse("sandbox:edxml_download", args=["incoming", doc.pk]))
    assert response.status_code == 200 and response["Content-Type"].startswith("application/xml")
    package = edxml.parse(response.content)
    assert (package.from_code, package.from_name) == (doc.sender_code, doc.issuer)
    assert package.reference == doc.reference and package.subject == doc.summary
    assert package.to == [(workspace.sender_code, doc.addressed_to)]
    main, annex = package.attachments
    doc.refresh_from_db()  # the PDF made for the package is kept: the same bytes from now on
    assert (
        main.content == incoming_files.incoming_pdf(document=doc)
        and annex.description == "Chương trình hội nghị"
    )
    page = signed_in.get(reverse("sandbox:edxml", args=["incoming", doc.pk])).content.decode()
    assert "edXMLEnvelope" in page and "văn bản mới" in page and doc.sender_code in page


def test_a_sent_document_reads_as_its_package_and_a_revoked_one_as_a_revocation(signed_in, workspace):
    doc = workspace.outgoing.filter(status="issued").first()
    package = exchange.outgoing_package(document=doc)
    assert package.message_type == "edoc" and package.from_code == workspace.sender_code
    assert [name for _code, name in package.to] == [d.name for d in doc.deliveries.all()]
    OutgoingDocument.objects.filter(pk=doc.pk).update(status="revoked", revoke_reason="Ban hành nhầm")
    doc.refresh_from_db()
    package = edxml.parse(signed_in.get(reverse("sandbox:edxml_download", args=["outgoing", doc.pk])).content)
    assert package.message_type == "revocation" and package.content == "Ban hành nhầm"


def test_a_draft_has_no_package_and_another_official_gets_404(client, workspace, other_official):
    draft = workspace.outgoing.filter(status="draft").first()
    client.force_login(workspace.official)
    assert client.get(reverse("sandbox:edxml", args=["outgoing", draft.pk])).status_code == 404
    assert client.get(reverse("sandbox:edxml", args=["dossier", draft.pk])).status_code == 404
    doc = _arrived(workspace)
    client.force_login(other_official)
    for name in ("sandbox:edxml", "sandbox:edxml_download"):
        assert client.get(reverse(name, args=["incoming", doc.pk])).status_code == 404


def test_importing_a_package_creates_the_incoming_document(signed_in, workspace):
    response = _upload(signed_in, edxml.build(_package(workspace)))
    doc = workspace.incoming.get(reference="412/SNV-CCVC")
    assert response.status_code == 302 and response.url == reverse("sandbox:incoming_detail", args=[doc.pk])
    assert (doc.status, doc.channel, doc.issuer, doc.sender_code) == (
        "01",
        "axis",
        "Sở Nội vụ tỉnh Bắc Ninh",
        "000.00.21.H27",
    )
    assert (doc.kind, doc.pages, doc.urgency, doc.signer) == ("CV", 2, "khan", "Nguyễn Văn Hải")
    assert bytes(doc.pdf) == b"%PDF-1.7 practice" and doc.doc_date == datetime.date(2026, 12, 3)
    assert workspace.events.get(action="import_edxml", ok=True).object_id == doc.pk
    # The same package twice: refused, nothing more is created.
    again = _upload(signed_in, edxml.build(_package(workspace)))
    assert again.status_code == 200 and "đã được nhận trước đây" in again.content.decode()
    assert workspace.incoming.filter(reference="412/SNV-CCVC").count() == 1


def test_a_package_missing_fields_is_refused_field_by_field_and_nothing_is_written(signed_in, workspace):
    xml = edxml.build(_package(workspace, subject="", code_notation="", to=[]))
    xml = xml.replace(b"2026/12/03", b"03/12/2026")
    before = workspace.incoming.count()
    html = _upload(signed_in, xml).content.decode()
    assert "Lỗi:" in html and "không có gì được nhận" in html
    for label in ("Trích yếu", "Ký hiệu văn bản", "Nơi nhận", "Ngày ban hành"):
        assert f"<strong>{label}</strong>:" in html, label
    assert "“03/12/2026” không đúng dạng năm/tháng/ngày" in html
    assert workspace.incoming.count() == before
    assert workspace.events.get(action="import_edxml").ok is False


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"<edXML:edXMLEnvelope", "a.edxml", "Tệp không phải XML hợp lệ"),
        (b"<?xml version='1.0'?><root/>", "a.xml", "Không phải gói tin edXML"),
        (
            b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa">]><r>&a;</r>',
            "a.xml",
            "DTD hoặc thực thể XML",
        ),
        (b"%PDF-1.7", "a.pdf", "Chỉ nhận tệp .edxml hoặc .xml."),
    ],
)
def test_unsafe_malformed_or_wrong_files_are_refused(signed_in, workspace, data, name, message):
    before = workspace.incoming.count()
    html = _upload(signed_in, data, name).content.decode()
    assert message in html and workspace.incoming.count() == before


def test_a_package_too_large_is_refused(signed_in, workspace, settings):
    html = _upload(signed_in, b" " * (5 * 1024 * 1024 + 1)).content.decode()
    assert "Tệp quá lớn: tối đa 5 MB." in html


def test_a_package_for_another_commune_is_refused(signed_in, workspace):
    html = _upload(
        signed_in, edxml.build(_package(workspace, to=[("000.00.00.H99", "UBND xã khác")]))
    ).content.decode()
    assert (
        "Gói tin không gửi cho xã" in html
        and not workspace.incoming.filter(reference="412/SNV-CCVC").exists()
    )


def test_only_the_clerk_imports(signed_in, workspace):
    workspace_role_set(workspace=workspace, role="leader")
    html = _upload(signed_in, edxml.build(_package(workspace))).content.decode()
    assert "Chỉ văn thư nhận gói tin" in html


def test_replacement_update_and_revocation_behave_as_their_types_say(workspace):
    def send(**changes):
        return exchange.package_import(
            workspace=workspace, actor_role="clerk", data=edxml.build(_package(workspace, **changes))
        )

    first = send()
    assert first.ok
    # Update: new content for a document not yet registered.
    updated = send(message_type="update", subject="V/v cử 02 cán bộ dự lớp bồi dưỡng")
    assert updated.ok and updated.document.pk == first.document.pk
    assert IncomingDocument.objects.get(pk=first.document.pk).summary == "V/v cử 02 cán bộ dự lớp bồi dưỡng"
    # Once registered it cannot be updated: the sender replaces it.
    IncomingDocument.objects.filter(pk=first.document.pk).update(status="03", number=90, year=2026)
    refused = send(message_type="update")
    assert not refused.ok and "Văn bản đã vào sổ" in refused.errors[edxml.BUSINESS_DOC_TYPE]
    replacement = send(
        message_type="replacement", code_number="415", response_for="000.00.21.H27,2026/12/03,412/SNV-CCVC"
    )
    assert replacement.ok and replacement.document.note == "Thay thế văn bản số 412/SNV-CCVC."
    assert (
        IncomingDocument.objects.get(pk=first.document.pk).note
        == "Đã bị thay thế bởi văn bản số 415/SNV-CCVC."
    )
    missing = send(message_type="replacement", code_number="416", response_for="x,2026/01/01,1/XX")
    assert not missing.ok and "ReplacementInfo" in missing.errors[edxml.REPLACED]
    # Revocation: the sender asks for it back (13); no PDF needed.
    recalled = send(message_type="revocation", attachments=[], content="Ban hành nhầm đối tượng")
    assert recalled.ok
    doc = IncomingDocument.objects.get(pk=first.document.pk)
    assert doc.status == "13" and doc.recall_reason == "Ban hành nhầm đối tượng"


E = "{http://www.mic.gov.vn/TBT/QCVN_102_2016}"


def test_the_package_has_the_layout_of_the_axis_implementations(workspace):
    """edXML root → edXMLEnvelope (edXMLHeader: MessageHeader, TraceHeaderList/Bussiness; edXMLBody:
    edXMLManifest) and, beside the envelope, AttachmentEncoded with the file in base64."""
    package = _package(
        workspace,
        message_type="replacement",
        response_for="000.00.21.H27,2026/12/01,400/SNV-CCVC",
        reason="Sai đối tượng",
        due_date=datetime.date(2026, 12, 10),
    )
    root = ElementTree.fromstring(edxml.build(package))
    assert root.tag == f"{E}edXML" and [c.tag for c in root] == [f"{E}edXMLEnvelope", f"{E}AttachmentEncoded"]
    header = root.find(f"{E}edXMLEnvelope/{E}edXMLHeader")
    message = header.find(f"{E}MessageHeader")
    assert message.findtext(f"{E}From/{E}OrganId") == "000.00.21.H27"
    assert message.findtext(f"{E}To/{E}OrganId") == workspace.sender_code
    assert message.findtext(f"{E}DocumentId") == "000.00.21.H27,2026/12/03,412/SNV-CCVC"
    assert message.findtext(f"{E}Code/{E}CodeNotation") == "SNV-CCVC"
    assert message.findtext(f"{E}PromulgationInfo/{E}PromulgationDate") == "2026/12/03"
    assert message.findtext(f"{E}DueDate") == "2026/12/10"
    assert message.findtext(f"{E}SignerInfo/{E}FullName") == "Nguyễn Văn Hải"
    assert message.findtext(f"{E}OtherInfo/{E}Priority") == "1"
    assert message.find(f"{E}MessageType") is None and root.find(f".//{E}AttachmentText") is None
    business = header.find(f"{E}TraceHeaderList/{E}Bussiness")
    assert business.findtext(f"{E}BussinessDocType") == "3"
    assert business.findtext(f"{E}BussinessDocReason") == "Sai đối tượng"
    replaced = business.find(f"{E}ReplacementInfoList/{E}ReplacementInfo")
    assert replaced.findtext(f"{E}DocumentId") == "000.00.21.H27,2026/12/01,400/SNV-CCVC"
    assert replaced.findtext(f"{E}OrganIdList/{E}OrganId") == workspace.sender_code
    reference = root.find(f"{E}edXMLEnvelope/{E}edXMLBody/{E}edXMLManifest/{E}Reference")
    part = root.find(f"{E}AttachmentEncoded/{E}Attachment")
    assert reference.findtext(f"{E}ContentId") == part.findtext(f"{E}ContentId")
    assert reference.findtext(f"{E}AttachmentName") == "412-SNV-CCVC.pdf"
    assert base64.b64decode(part.findtext(f"{E}ContentTransferEncoded")) == b"%PDF-1.7 practice"
    # Each kind has its number; read back, the package is the same.
    for kind, number in (("edoc", "0"), ("revocation", "1"), ("update", "2")):
        built = ElementTree.fromstring(edxml.build(_package(workspace, message_type=kind)))
        assert built.findtext(f".//{E}Bussiness/{E}BussinessDocType") == number
    again = edxml.parse(edxml.build(package))
    assert (again.message_type, again.response_for, again.reason) == (
        "replacement",
        "000.00.21.H27,2026/12/01,400/SNV-CCVC",
        "Sai đối tượng",
    )
    assert again.due_date == datetime.date(2026, 12, 10) and again.attachments == package.attachments


# Written as the public sample packages are: the edXML namespace as the root's default, the
# envelope's elements prefixed, AttachmentEncoded unprefixed, ContentId with "cid:" in both places.
SAMPLE = """<?xml version="1.0" encoding="UTF-8"?>
<edXML xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016">
 <edXML:edXMLEnvelope xmlns:edXML="http://www.mic.gov.vn/TBT/QCVN_102_2016">
  <edXML:edXMLHeader>
   <edXML:MessageHeader>
    <edXML:From><edXML:OrganId>000.00.21.H27</edXML:OrganId>
     <edXML:OrganizationInCharge>UBND tỉnh Bắc Ninh</edXML:OrganizationInCharge>
     <edXML:OrganName>Sở Nội vụ tỉnh Bắc Ninh</edXML:OrganName></edXML:From>
    <edXML:To><edXML:OrganId>{to}</edXML:OrganId><edXML:OrganName>UBND xã</edXML:OrganName></edXML:To>
    <edXML:DocumentId>000.00.21.H27,2026/12/03,77/SNV-VP</edXML:DocumentId>
    <edXML:Code><edXML:CodeNumber>77</edXML:CodeNumber><edXML:CodeNotation>SNV-VP</edXML:CodeNotation></edXML:Code>
    <edXML:PromulgationInfo><edXML:Place>Bắc Ninh</edXML:Place>
     <edXML:PromulgationDate>2026/12/03</edXML:PromulgationDate></edXML:PromulgationInfo>
    <edXML:DocumentType><edXML:Type>1</edXML:Type><edXML:TypeDetail>0</edXML:TypeDetail>
     <edXML:TypeName>Công văn</edXML:TypeName></edXML:DocumentType>
    <edXML:Subject>V/v báo cáo số liệu cán bộ</edXML:Subject>
    <edXML:SignerInfo><edXML:Competence>KT. GIÁM ĐỐC</edXML:Competence>
     <edXML:Position>Phó Giám đốc</edXML:Position>
     <edXML:FullName>Trần Thị Mai</edXML:FullName></edXML:SignerInfo>
    <edXML:DueDate>2026/12/15</edXML:DueDate>
    <edXML:OtherInfo><edXML:Priority>2</edXML:Priority><edXML:PageAmount>3</edXML:PageAmount></edXML:OtherInfo>
    <edXML:SteeringType>0</edXML:SteeringType>
   </edXML:MessageHeader>
   <edXML:TraceHeaderList>
    <edXML:TraceHeader><edXML:OrganId>000.00.21.H27</edXML:OrganId>
     <edXML:Timestamp>2026/12/03 08:00:00</edXML:Timestamp></edXML:TraceHeader>
    <edXML:{business}><edXML:{business}DocType>{doc_type}</edXML:{business}DocType></edXML:{business}>
   </edXML:TraceHeaderList>
  </edXML:edXMLHeader>
  <edXML:edXMLBody><edXML:edXMLManifest version="1.0">{references}</edXML:edXMLManifest></edXML:edXMLBody>
 </edXML:edXMLEnvelope>
 <AttachmentEncoded>
  <Attachment><ContentId>cid:7</ContentId><AttachmentName>77-SNV-VP.pdf</AttachmentName>
   <ContentType>application/pdf</ContentType>
   <edXML:ContentTransferEncoded xmlns:edXML="http://www.mic.gov.vn/TBT/QCVN_102_2016">{pdf}</edXML:ContentTransferEncoded>
  </Attachment>
 </AttachmentEncoded>
</edXML>"""
REFERENCE = (
    "<edXML:Reference><edXML:ContentId>cid:{n}</edXML:ContentId>"
    "<edXML:ContentType>application/pdf</edXML:ContentType>"
    "<edXML:AttachmentName>{name}</edXML:AttachmentName></edXML:Reference>"
)


def _sample(workspace, business="Bussiness", doc_type="0", extra_reference=False) -> bytes:
    references = REFERENCE.format(n=7, name="77-SNV-VP.pdf")
    if extra_reference:
        references += REFERENCE.format(n=8, name="phu-luc.pdf")
    return SAMPLE.format(
        to=workspace.sender_code,
        business=business,
        doc_type=doc_type,
        references=references,
        pdf=base64.b64encode(b"%PDF-1.7 sample").decode(),
    ).encode()


def test_a_package_laid_out_as_the_public_samples_is_imported(signed_in, workspace):
    package = edxml.parse(_sample(workspace))
    assert (package.message_type, package.reference, package.signer_name) == (
        "edoc",
        "77/SNV-VP",
        "Trần Thị Mai",
    )
    assert (package.priority, package.page_amount, package.due_date) == (2, 3, datetime.date(2026, 12, 15))
    assert [(a.name, a.content) for a in package.attachments] == [("77-SNV-VP.pdf", b"%PDF-1.7 sample")]
    # "Business" (one implementation's spelling) is read as "Bussiness".
    assert edxml.parse(_sample(workspace, business="Business", doc_type="1")).message_type == "revocation"
    response = _upload(signed_in, _sample(workspace))
    doc = workspace.incoming.get(reference="77/SNV-VP")
    assert response.status_code == 302 and (doc.urgency, doc.pages) == ("thuong_khan", 3)


def test_an_unknown_business_type_or_a_listed_file_without_content_is_refused(signed_in, workspace):
    with pytest.raises(edxml.PackageInvalid) as refused:
        edxml.parse(_sample(workspace, doc_type="7"))
    assert "Loại nghiệp vụ “7” không hợp lệ" in refused.value.errors[edxml.BUSINESS_DOC_TYPE]
    with pytest.raises(edxml.PackageInvalid) as refused:
        edxml.parse(_sample(workspace, extra_reference=True))
    assert "“phu-luc.pdf” có trong danh mục" in refused.value.errors["Attachment"]
    before = workspace.incoming.count()
    html = _upload(signed_in, _sample(workspace, doc_type="7")).content.decode()
    assert "<strong>Loại gói tin</strong>:" in html and workspace.incoming.count() == before
