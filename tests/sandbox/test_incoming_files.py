"""Incoming documents are files (issue 17, item 2): each electronic one opens as the PDF its sending
body signed with a certificate of the sandbox CA, only for the official whose workspace holds it; the
signature check says in words what it found; the drills (broken signature, wrong sender code) are
returned with a reason; the register book's “Ký nhận” is filled when the recipient takes the document."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from sandbox import fake, incoming_files, pdf, pki, signing
from sandbox.models import Channel, IncomingDocument, SenderBody
from sandbox.scenarios.engine import run_evaluate, scenario_start
from sandbox.services import sandbox_now, transition_apply, workspace_role_set


@pytest.fixture
def signed_in(client, official):
    client.force_login(official)
    return client


def _arrived(workspace, **fields) -> IncomingDocument:
    doc = fake.incoming_build(workspace, seed=7, **fields)
    doc.sender_code = fake.sender_code_of(issuer=doc.issuer, province_code=workspace.province_code)
    if doc.drill == "wrong_sender_code":
        doc.sender_code = fake.sender_code_wrong(doc.sender_code)
    doc.save()
    return doc


def test_an_arriving_document_opens_as_the_pdf_its_sender_signed(signed_in, workspace):
    doc = _arrived(workspace)
    response = signed_in.get(reverse("sandbox:incoming_pdf", args=[doc.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    content = response.content
    result = pdf.pdf_validate(
        pdf_bytes=content, ca_cert_pem=signing.authority().cert_pem, crl_pem=signing.crl_pem(workspace)
    )
    assert result.valid
    (signature,) = result.signatures
    # Signed by the sending body's certificate, at the time it sent the document.
    assert signature.signer_common_name == doc.issuer
    assert signature.signing_time == (doc.arrived_at - incoming_files.SIGNED_BEFORE_ARRIVAL).replace(
        microsecond=0
    )
    assert SenderBody.objects.get(name=doc.issuer).code == doc.sender_code
    # Made once and kept: the second opening serves the same bytes without signing again.
    doc.refresh_from_db()
    assert bytes(doc.pdf) == content
    assert signed_in.get(reverse("sandbox:incoming_pdf", args=[doc.pk])).content == content


def test_the_text_is_written_from_the_documents_fields(workspace):
    doc = IncomingDocument(
        issuer="Sở Tư pháp tỉnh Bắc Ninh",
        summary="V/v hướng dẫn đăng ký hộ tịch trực tuyến",
        doc_date=datetime.date(2026, 12, 1),
        attachments=[{"name": "Phụ lục", "pages": 1}],
    )
    doc.workspace = workspace
    text = incoming_files.body_text(doc)
    assert "Sở Tư pháp tỉnh Bắc Ninh" in text and "hướng dẫn đăng ký hộ tịch trực tuyến" in text
    assert workspace.commune_name in text and "16/12/2026" in text and "Kèm theo: Phụ lục" in text
    assert incoming_files.body_text(doc) == text
    doc.body = "Nội dung riêng."
    assert incoming_files.body_text(doc) == "Nội dung riêng."


def test_another_official_cannot_open_check_or_read_the_attachments(client, workspace, other_official):
    doc = _arrived(workspace, kind="KH", attachments=fake.incoming_attachments("KH"))
    client.force_login(other_official)
    assert client.get(reverse("sandbox:incoming_pdf", args=[doc.pk])).status_code == 404
    assert client.get(reverse("sandbox:incoming_attachment", args=[doc.pk, 0])).status_code == 404
    assert client.post(reverse("sandbox:incoming_check", args=[doc.pk])).status_code == 404
    doc.refresh_from_db()
    assert doc.pdf is None and not workspace.events.filter(action="check_signature").exists()


def test_attachments_open_and_a_missing_one_is_404(signed_in, workspace):
    doc = _arrived(workspace, kind="GM", attachments=fake.incoming_attachments("GM"))
    page = signed_in.get(reverse("sandbox:incoming_detail", args=[doc.pk])).content.decode()
    assert "Chương trình hội nghị" in page
    response = signed_in.get(reverse("sandbox:incoming_attachment", args=[doc.pk, 0]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert signed_in.get(reverse("sandbox:incoming_attachment", args=[doc.pk, 1])).status_code == 404


def test_a_paper_document_has_no_file(signed_in, workspace):
    doc = _arrived(workspace, channel=Channel.PAPER)
    assert signed_in.get(reverse("sandbox:incoming_pdf", args=[doc.pk])).status_code == 404
    assert signed_in.post(reverse("sandbox:incoming_check", args=[doc.pk])).status_code == 404
    page = signed_in.get(reverse("sandbox:incoming_detail", args=[doc.pk])).content.decode()
    assert "Kiểm tra chữ ký" not in page


def test_the_check_says_in_words_that_a_good_signature_is_valid(signed_in, workspace):
    doc = _arrived(workspace)
    response = signed_in.post(reverse("sandbox:incoming_check", args=[doc.pk]), follow=True)
    html = response.content.decode()
    assert "Chữ ký số hợp lệ" in html and 'data-verdict="valid"' in html
    assert f"Người ký: {doc.issuer}." in html and "Thời điểm ký:" in html
    event = workspace.events.get(action="check_signature")
    assert event.object_id == doc.pk and event.data["verdict"] == "valid" and event.data["valid"] is True


def test_a_broken_signature_is_said_broken_and_the_document_returned(signed_in, workspace):
    doc = _arrived(workspace, drill="broken_signature")
    html = signed_in.post(reverse("sandbox:incoming_check", args=[doc.pk]), follow=True).content.decode()
    assert "Chữ ký số KHÔNG hợp lệ" in html and 'data-verdict="invalid"' in html
    # The file still opens (the clerk reads it); only its signature fails.
    assert signed_in.get(reverse("sandbox:incoming_pdf", args=[doc.pk])).content.startswith(b"%PDF")
    workspace_role_set(workspace=workspace, role="clerk")
    refused = transition_apply(workspace=workspace, obj=doc, transition="return", actor_role="clerk")
    assert not refused.ok and refused.message == "Hãy ghi lý do."
    outcome = transition_apply(
        workspace=workspace,
        obj=doc,
        transition="return",
        actor_role="clerk",
        data={"return_reason": "Chữ ký số không hợp lệ"},
    )
    assert outcome.ok and outcome.obj.status == "02"


def test_a_wrong_sender_code_is_named_with_the_right_one(workspace):
    doc = _arrived(workspace, drill="wrong_sender_code")
    verdict = incoming_files.incoming_signature_check(workspace=workspace, document=doc)
    right = fake.sender_code_of(issuer=doc.issuer, province_code=workspace.province_code)
    assert verdict.kind == "sender_code" and verdict.expected_code == right != doc.sender_code
    words = incoming_files.verdict_words(verdict.as_data())
    assert not words["ok"] and f"mã đúng: {right}" in words["headline"]


def test_a_signature_by_a_certificate_of_another_ca_is_an_unknown_sender(workspace):
    doc = _arrived(workspace)
    stranger_ca = pki.ca_create(name="CA lạ")
    issued = pki.certificate_issue(
        ca=stranger_ca,
        common_name=doc.issuer,
        organization=doc.issuer,
        email=None,
        pin="1234",
        not_before=doc.arrived_at.replace(year=doc.arrived_at.year - 1),
        not_after=doc.arrived_at.replace(year=doc.arrived_at.year + 1),
    )
    doc.pdf = pdf.pdf_sign(
        pdf_bytes=incoming_files._render(doc),
        cert_pem=issued.cert_pem,
        private_key=pki.key_unlock(key_pem_encrypted=issued.key_pem_encrypted, pin="1234"),
        ca_cert_pem=stranger_ca.cert_pem,
        field_name=incoming_files.SENDER_FIELD,
        reason="",
        location="",
    )
    doc.save()
    verdict = incoming_files.incoming_signature_check(workspace=workspace, document=doc)
    assert verdict.kind == "untrusted"


def test_ky_nhan_is_filled_when_the_recipient_takes_the_document(signed_in, workspace):
    doc = _arrived(workspace)
    lead = "Lê Văn Tư (Tư pháp - Hộ tịch)"
    today = timezone.localtime(sandbox_now(workspace)).date().isoformat()
    assert transition_apply(workspace=workspace, obj=doc, transition="register", actor_role="clerk").ok
    assert transition_apply(
        workspace=workspace,
        obj=doc,
        transition="assign",
        actor_role="leader",
        data={"lead": lead, "deadline": today},
    ).ok
    doc.refresh_from_db()
    assert (
        doc.received_by == ""
        and f"{lead}, " not in signed_in.get(reverse("sandbox:incoming_book")).content.decode()
    )
    assert transition_apply(workspace=workspace, obj=doc, transition="start", actor_role="handler").ok
    doc.refresh_from_db()
    assert doc.received_by == lead and doc.received_at is not None
    taken = timezone.localtime(doc.received_at).strftime("%H:%M %d/%m/%Y")
    assert f"{lead}, {taken}" in signed_in.get(reverse("sandbox:incoming_book")).content.decode()


def test_registering_before_checking_the_signature_is_out_of_order(workspace):
    run = scenario_start(workspace=workspace, slug="vb-den-tiep-nhan")
    doc = IncomingDocument.objects.get(pk=run.refs["vb"][1])
    assert transition_apply(workspace=workspace, obj=doc, transition="register", actor_role="clerk").ok
    assert [m.kind for m in run_evaluate(run).mistakes] == ["order"]


def test_registering_the_broken_signature_drill_is_forbidden(workspace):
    run = scenario_start(workspace=workspace, slug="vb-den-chu-ky-loi")
    doc = IncomingDocument.objects.get(pk=run.refs["hong"][1])
    incoming_files.incoming_signature_check(workspace=workspace, document=doc)
    assert transition_apply(workspace=workspace, obj=doc, transition="register", actor_role="clerk").ok
    evaluation = run_evaluate(run)
    assert [m.kind for m in evaluation.mistakes] == ["forbidden"] and not evaluation.done


def test_a_recall_accepted_deletes_the_communes_copy(signed_in, workspace):
    doc = _arrived(workspace, kind="GM", attachments=fake.incoming_attachments("GM"))
    assert signed_in.get(reverse("sandbox:incoming_pdf", args=[doc.pk])).status_code == 200
    IncomingDocument.objects.filter(pk=doc.pk).update(status="13", recall_reason="Ban hành nhầm")
    doc.refresh_from_db()
    assert transition_apply(workspace=workspace, obj=doc, transition="recall_accept", actor_role="clerk").ok
    doc.refresh_from_db()
    assert doc.status == "15" and doc.pdf is None and doc.attachments == []
    assert signed_in.get(reverse("sandbox:incoming_pdf", args=[doc.pk])).status_code == 404
    page = signed_in.get(reverse("sandbox:incoming_detail", args=[doc.pk])).content.decode()
    assert "data-copy-deleted" in page and "Mở văn bản (PDF)" not in page
