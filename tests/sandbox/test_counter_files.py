"""Issue 17, item 10: the scanned papers of a dossier's components are attached at the counter and
viewed from its page (a PDF, JPEG or PNG by content, within the size limit, no decompression bomb),
by the workspace's official only; inside status 4 the leader assigns the handler before the result is
drafted, and the dossier's page shows the processing steps (assign, draft, submit, sign, number)."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from sandbox import fake, paperwork
from sandbox.models import ComponentFile
from sandbox.selectors import dossier_processing_steps
from sandbox.services import transition_apply, workspace_role_set

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _png(width=20, height=20) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "white").save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def signed_in(client, official):
    client.force_login(official)
    return client


@pytest.fixture
def dossier(workspace):
    dossier = fake.dossier_build(workspace, seed=7, procedure="birth", status="2")
    dossier.code = "G09.TEST-0001"
    dossier.save()
    return dossier


def _component(dossier):
    return dossier.components[0]["name"]


def test_a_pdf_scan_is_attached_and_shown_to_its_official(signed_in, workspace, dossier):
    upload = SimpleUploadedFile("giay chung sinh.pdf", PDF, "application/pdf")
    response = signed_in.post(
        reverse("sandbox:dossier_attach", args=[dossier.pk]),
        {"component": _component(dossier), "file": upload},
    )
    assert response.status_code == 302
    attached = ComponentFile.objects.get(dossier=dossier)
    assert attached.content_type == "application/pdf" and attached.component == _component(dossier)
    page = signed_in.get(reverse("sandbox:dossier_detail", args=[dossier.pk])).content.decode()
    url = reverse("sandbox:dossier_file", args=[dossier.pk, attached.pk])
    assert url in page and "Xem bản chụp" in page
    shown = signed_in.get(url)
    assert shown.status_code == 200 and shown["Content-Type"] == "application/pdf"
    assert shown["X-Content-Type-Options"] == "nosniff" and shown.content == PDF
    assert workspace.events.filter(machine="dossier", action="attach_file", ok=True).exists()


def test_a_scan_is_not_shown_to_another_official(client, other_official, workspace, dossier):
    attached = paperwork.component_attach(
        workspace=workspace, dossier=dossier, component=_component(dossier), name="a.png", data=_png()
    ).obj
    client.force_login(other_official)
    assert client.get(reverse("sandbox:dossier_file", args=[dossier.pk, attached.pk])).status_code == 404
    refused = client.post(
        reverse("sandbox:dossier_attach", args=[dossier.pk]),
        {"component": _component(dossier), "file": SimpleUploadedFile("b.pdf", PDF, "application/pdf")},
    )
    assert refused.status_code == 404
    assert ComponentFile.objects.count() == 1


def test_a_file_that_is_not_pdf_jpeg_or_png_is_refused_whatever_its_name(signed_in, workspace, dossier):
    upload = SimpleUploadedFile("scan.pdf", b"MZ\x90\x00 not a pdf at all", "application/pdf")
    response = signed_in.post(
        reverse("sandbox:dossier_attach", args=[dossier.pk]),
        {"component": _component(dossier), "file": upload},
    )
    assert response.status_code == 400
    assert "Chỉ nhận tệp PDF, JPEG hoặc PNG" in response.content.decode()
    assert not ComponentFile.objects.exists()


def test_an_oversized_upload_is_refused_at_the_field(signed_in, workspace, dossier):
    big = SimpleUploadedFile("big.pdf", PDF + b"0" * paperwork.COMPONENT_MAX_BYTES, "application/pdf")
    response = signed_in.post(
        reverse("sandbox:dossier_attach", args=[dossier.pk]), {"component": _component(dossier), "file": big}
    )
    assert response.status_code == 400
    assert 'id="attach-error"' in response.content.decode() and "Tệp quá lớn" in response.content.decode()
    assert not ComponentFile.objects.exists()


def test_a_decompression_bomb_is_refused(workspace, dossier, monkeypatch):
    # A small PNG that claims more pixels than the limit (the limit lowered so the test stays small).
    monkeypatch.setattr(paperwork, "COMPONENT_MAX_PIXELS", 100 * 100)
    outcome = paperwork.component_attach(
        workspace=workspace,
        dossier=dossier,
        component=_component(dossier),
        name="bom.png",
        data=_png(200, 200),
    )
    assert not outcome.ok and "quá nhiều điểm ảnh" in outcome.message
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 50 * 50)
    monkeypatch.setattr(paperwork, "COMPONENT_MAX_PIXELS", 10**9)
    outcome = paperwork.component_attach(
        workspace=workspace, dossier=dossier, component=_component(dossier), name="bom.png", data=_png(80, 80)
    )
    assert not outcome.ok and "quá nhiều điểm ảnh" in outcome.message
    assert not ComponentFile.objects.exists()


def test_a_broken_image_and_a_closed_dossier_are_refused(workspace, dossier):
    broken = paperwork.component_attach(
        workspace=workspace,
        dossier=dossier,
        component=_component(dossier),
        name="x.jpg",
        data=b"\xff\xd8\xff\xe0" + b"\x00" * 50,
    )
    assert not broken.ok and "Không đọc được ảnh" in broken.message
    dossier.status = "10"
    dossier.save()
    closed = paperwork.component_attach(
        workspace=workspace, dossier=dossier, component=_component(dossier), name="a.png", data=_png()
    )
    assert not closed.ok and "đã kết thúc" in closed.message


def test_the_result_is_drafted_only_after_the_leader_assigned_a_handler(workspace):
    dossier = fake.dossier_build(workspace, seed=8, procedure="birth", status="4")
    dossier.code = "G09.TEST-0002"
    dossier.save()
    assert dossier.handler_name == ""
    workspace_role_set(workspace=workspace, role="handler")
    refused = transition_apply(
        workspace=workspace, obj=dossier, transition="draft_result", actor_role="handler"
    )
    assert not refused.ok and "phân công" in refused.message
    not_leader = transition_apply(
        workspace=workspace,
        obj=dossier,
        transition="assign_handler",
        actor_role="handler",
        data={"handler_name": "A"},
    )
    assert not not_leader.ok
    steps = dossier_processing_steps(dossier)
    assert [s.done for s in steps] == [False, False, False, False, False]
    name = fake.staff_directory(workspace)[1]
    assert transition_apply(
        workspace=workspace,
        obj=dossier,
        transition="assign_handler",
        actor_role="leader",
        data={"handler_name": name},
    ).ok
    dossier.refresh_from_db()
    assert dossier.handler_name == name and dossier.assigned_at is not None
    assert transition_apply(
        workspace=workspace, obj=dossier, transition="draft_result", actor_role="handler"
    ).ok
    steps = dossier_processing_steps(dossier)
    assert [s.done for s in steps] == [True, True, False, False, False]
    assert steps[0].detail == name


def test_the_dossier_page_shows_the_processing_steps_and_the_assign_action(signed_in, workspace):
    dossier = fake.dossier_build(workspace, seed=9, procedure="birth", status="4")
    dossier.code = "G09.TEST-0003"
    dossier.save()
    workspace_role_set(workspace=workspace, role="leader")
    html = signed_in.get(reverse("sandbox:dossier_detail", args=[dossier.pk])).content.decode()
    assert "Các bước xử lý" in html and "Phân công chuyên viên thụ lý" in html
