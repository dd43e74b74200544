"""edXML packages (issue 17, item 7): each document sent or received can be viewed and downloaded as
the package the exchange axis carries (the official's own only), and importing a package creates the
incoming document, or replaces, updates or recalls one as its type says; a package with a problem is
refused field by field and nothing is written."""

import datetime

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
    xml = xml.replace(b"2026-12-03", b"03/12/2026")
    before = workspace.incoming.count()
    html = _upload(signed_in, xml).content.decode()
    assert "Lỗi:" in html and "không có gì được nhận" in html
    for label in ("Trích yếu", "Ký hiệu văn bản", "Nơi nhận", "Ngày ban hành"):
        assert f"<strong>{label}</strong>:" in html, label
    assert "“03/12/2026” không đúng dạng năm-tháng-ngày" in html
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
    assert not refused.ok and "Văn bản đã vào sổ" in refused.errors["MessageType"]
    replacement = send(
        message_type="replacement", code_number="415", response_for="000.00.21.H27,2026/12/03,412/SNV-CCVC"
    )
    assert replacement.ok and replacement.document.note == "Thay thế văn bản số 412/SNV-CCVC."
    assert (
        IncomingDocument.objects.get(pk=first.document.pk).note
        == "Đã bị thay thế bởi văn bản số 415/SNV-CCVC."
    )
    missing = send(message_type="replacement", code_number="416", response_for="x,2026/01/01,1/XX")
    assert not missing.ok and "ResponseFor" in missing.errors
    # Revocation: the sender asks for it back (13); no PDF needed.
    recalled = send(message_type="revocation", attachments=[], content="Ban hành nhầm đối tượng")
    assert recalled.ok
    doc = IncomingDocument.objects.get(pk=first.document.pk)
    assert doc.status == "13" and doc.recall_reason == "Ban hành nhầm đối tượng"
