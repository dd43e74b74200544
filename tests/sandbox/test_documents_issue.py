"""Issue 17, items 1, 3 and 4: the issued document carries its number, its date line and both
signatures on the sandbox's clock; the signer's authority (TM., KT., TL., TUQ.) prints the right title
lines and is checked against the signer's post; Appendix I's layout (a công văn's "V/v" under its
number, "Nơi nhận" one a line ending "- Lưu: VT, ‹unit›.", proper names with their capitals)."""

from datetime import datetime

import pytest
from django.utils import timezone

from sandbox import fake, layout, numbering, signing
from sandbox.documents import outgoing_pdf_render
from sandbox.models import CertificatePurpose
from sandbox.services import outgoing_draft_create, transition_apply, workspace_clock_set, workspace_role_set
from tests.sandbox.test_pdf import _page_texts, _text_fields

VIETNAM = timezone.get_fixed_timezone(7 * 60)


def local(*args) -> datetime:
    return timezone.make_aware(datetime(*args))


def _usb(workspace, document, purpose):
    workspace_role_set(
        workspace=workspace, role="leader" if purpose == CertificatePurpose.PERSONAL else "clerk"
    )
    pin = signing.certificate_for(workspace=workspace, purpose=purpose).pin
    return signing.usb_sign(workspace=workspace, document=document, pin=pin, purpose=purpose)


def _issue_through(workspace, document, *, number: int):
    assert _usb(workspace, document, CertificatePurpose.PERSONAL).ok
    document.refresh_from_db()
    numbered = transition_apply(
        workspace=workspace,
        obj=document,
        transition="number",
        actor_role="clerk",
        data={"number": str(number)},
    )
    assert numbered.ok and numbered.event.data["pdf_numbered"] is True
    document.refresh_from_db()
    assert _usb(workspace, document, CertificatePurpose.ORGANISATION).ok
    document.refresh_from_db()
    issued = transition_apply(workspace=workspace, obj=document, transition="issue", actor_role="clerk")
    assert issued.ok
    document.refresh_from_db()
    return document


def test_the_issued_pdf_carries_its_number_date_and_signatures_on_the_sandbox_clock(workspace):
    # The sandbox clock is a month ahead of the real one: Monday 4 January 2027.
    workspace_clock_set(workspace=workspace, at=local(2027, 1, 4, 8, 30))
    doc = fake.outgoing_build(workspace, seed=0, status="signing")  # a công văn of VHXH
    doc.save()
    doc = _issue_through(workspace, doc, number=1)
    pdf_bytes = bytes(doc.pdf)

    fields = _text_fields(pdf_bytes)
    assert fields["SoVanBan"] == "Số: 01/UBND-VHXH"
    assert fields["NgayBanHanh"].endswith("ngày 04 tháng 01 năm 2027")
    result = signing.pdf_check(workspace=workspace, pdf_bytes=pdf_bytes)
    assert result.valid and [s.field_name for s in result.signatures] == ["ChuKyLanhDao", "ChuKyCoQuan"]
    for signature in result.signatures:
        assert signature.signing_time.astimezone(VIETNAM).date().isoformat() == "2027-01-04"
    lines = [line for page in _page_texts(pdf_bytes) for line in page]
    assert not any(
        line.startswith("Số:") and "/UBND-VHXH" in line and line != "Số: 01/UBND-VHXH" for line in lines
    )


def test_a_document_signed_before_numbering_stays_valid_after_the_number_is_written(workspace):
    doc = fake.outgoing_build(workspace, seed=3, status="signing")  # a quyết định
    doc.save()
    assert _usb(workspace, doc, CertificatePurpose.PERSONAL).ok
    doc.refresh_from_db()
    assert _text_fields(bytes(doc.pdf)) == {"SoVanBan": None, "NgayBanHanh": None}
    number = numbering.outgoing_number_next(workspace=workspace, year=doc.leader_signed_at.year, secret=False)
    assert transition_apply(
        workspace=workspace, obj=doc, transition="number", actor_role="clerk", data={"number": str(number)}
    ).ok
    doc.refresh_from_db()
    assert _text_fields(bytes(doc.pdf))["SoVanBan"] == f"Số: {number:02d}/QĐ-UBND"
    assert signing.pdf_check(workspace=workspace, pdf_bytes=bytes(doc.pdf)).valid


@pytest.mark.parametrize(
    "authority, title, expected",
    [
        ("TM.", "CHỦ TỊCH", ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]),
        ("KT.", "PHÓ CHỦ TỊCH", ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]),
        ("TL.", "CHÁNH VĂN PHÒNG", ["TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"]),
        ("TUQ.", "TRƯỞNG PHÒNG VĂN HÓA - XÃ HỘI", ["TUQ. CHỦ TỊCH", "TRƯỞNG PHÒNG VĂN HÓA - XÃ HỘI"]),
    ],
)
def test_each_authority_prints_its_title_lines(workspace, authority, title, expected):
    doc = fake.outgoing_build(workspace, seed=3, authority=authority, signer_title=title)
    doc.save()
    lines = [
        line
        for page in _page_texts(outgoing_pdf_render(document=doc, today=doc.created_at.date()))
        for line in page
    ]
    # A long title may wrap onto a second line in the 90 mm signer column.
    start = lines.index(expected[0])
    assert " ".join(lines[start : start + len(expected) + 1]).startswith(" ".join(expected))
    assert layout.authority_problem(authority=authority, title=title) is None


def _draft(workspace, **data):
    base = {
        "kind": "CV",
        "unit": "VHXH",
        "symbol": "UBND-VHXH",
        "summary": "V/v tuyên truyền dịch vụ công trực tuyến",
        "body": "Đề nghị các thôn, tổ dân phố tuyên truyền.",
        "recipients": "- Các thôn, tổ dân phố;",
    }
    return outgoing_draft_create(workspace=workspace, actor_role="handler", data={**base, **data})


def test_the_authority_is_chosen_when_drafting_and_checked_against_the_signers_post(workspace):
    refused = _draft(workspace, signer_position="vice_chairman", authority="TM.")
    assert not refused.ok and "Phó Chủ tịch" in refused.message and "KT." in refused.message
    created = _draft(workspace, signer_position="vice_chairman", authority="KT.")
    assert created.ok
    assert (created.obj.authority, created.obj.signer_title) == ("KT.", "PHÓ CHỦ TỊCH")
    assert _draft(workspace).obj.authority == "TM."  # the chairman by default
    # Changed behind the form's back, the signer's post is checked again at review and at signing.
    doc = created.obj
    doc.authority = "TM."
    doc.save()
    outcome = transition_apply(workspace=workspace, obj=doc, transition="submit_review", actor_role="handler")
    assert not outcome.ok and "KT." in outcome.message
    doc.status = "signing"
    doc.save()
    signed = _usb(workspace, doc, CertificatePurpose.PERSONAL)
    assert not signed.ok and "KT." in signed.message


def test_a_cong_van_carries_v_v_under_its_number_and_no_centred_title(workspace):
    doc = fake.outgoing_build(workspace, seed=0)
    doc.save()
    lines = [
        line
        for page in _page_texts(outgoing_pdf_render(document=doc, today=doc.created_at.date()))
        for line in page
    ]
    # Drawn in the left header column, under the issuing body (and the number), before the motto.
    subject = next(i for i, line in enumerate(lines) if line.startswith("V/v"))
    assert lines.index("ỦY BAN NHÂN DÂN") < subject < lines.index("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    assert "CÔNG VĂN" not in lines and not any(line.startswith("V/v") for line in lines[subject + 1 :])


def test_the_recipients_block_is_one_a_line_ending_with_the_archive_and_no_double_semicolons(workspace):
    doc = fake.outgoing_build(
        workspace,
        seed=3,
        recipients="- UBND tỉnh Bắc Ninh;\n- Sở Tư pháp tỉnh Bắc Ninh;;\nCác thôn.\n- Lưu: VT, VP.",
    )
    doc.save()
    lines = [
        line
        for page in _page_texts(outgoing_pdf_render(document=doc, today=doc.created_at.date()))
        for line in page
    ]
    start = lines.index("Nơi nhận:")
    assert lines[start + 1 : start + 5] == [
        "- UBND tỉnh Bắc Ninh;",
        "- Sở Tư pháp tỉnh Bắc Ninh;",
        "- Các thôn;",
        "- Lưu: VT, VP.",
    ]
    assert not any(";;" in line for line in lines)


def test_proper_names_keep_their_capitals():
    assert layout.division_phrase("Tỉnh Bắc Ninh") == "tỉnh Bắc Ninh"
    assert layout.division_phrase("Bắc Ninh") == "Bắc Ninh"
    assert layout.division_phrase("Thành phố Hà Nội") == "thành phố Hà Nội"


def test_seeded_documents_never_lower_a_proper_name(official, province):
    from sandbox.services import workspace_get_or_create

    province.name = "Bắc Ninh"
    province.save()
    workspace = workspace_get_or_create(official=official)
    texts = " ".join(d.recipients + d.body for d in workspace.outgoing.all())
    assert "Bắc Ninh" in texts and "bắc Ninh" not in texts


@pytest.mark.parametrize(
    "data, message",
    [
        ({"summary": "Tuyên truyền dịch vụ công"}, "V/v"),
        ({"recipients": ""}, "nơi nhận"),
        ({"recipients": "- Như trên;"}, "Kính gửi"),
        ({"recipients": "- Các thôn;\n- các thôn"}, "trùng"),
    ],
)
def test_a_draft_with_a_layout_fault_is_not_sent_for_review(workspace, data, message):
    created = _draft(workspace, **data)
    assert created.ok
    outcome = transition_apply(
        workspace=workspace, obj=created.obj, transition="submit_review", actor_role="handler"
    )
    assert not outcome.ok and message in outcome.message


def test_as_above_is_allowed_when_the_text_names_the_addressees(workspace):
    created = _draft(
        workspace, recipients="- Như trên;", body="Kính gửi: Các thôn, tổ dân phố.\nĐề nghị tuyên truyền."
    )
    outcome = transition_apply(
        workspace=workspace, obj=created.obj, transition="submit_review", actor_role="handler"
    )
    assert outcome.ok


def test_editing_a_draft_needs_a_real_change(workspace):
    created = _draft(workspace)
    doc = created.obj
    same = transition_apply(
        workspace=workspace,
        obj=doc,
        transition="edit",
        actor_role="handler",
        data={"recipients": doc.recipients},
    )
    assert not same.ok and "chưa có gì thay đổi" in same.message
    changed = transition_apply(
        workspace=workspace,
        obj=doc,
        transition="edit",
        actor_role="handler",
        data={"recipients": doc.recipients + "\n- Công an xã;"},
    )
    assert changed.ok and changed.event.data["changed"] == ["recipients"]
