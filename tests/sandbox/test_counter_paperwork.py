"""Issue 17, item 10 (in part): the paperwork of the counter. A submitter (người nộp) separate from the
owner (chủ hồ sơ) needs an authorisation; the owner's province code is kept; the stop notice and the
tracking register are among the printed forms; the process control sheet reads in words."""

import pytest
from django.urls import reverse

from sandbox.services import dossier_walk_in_create, transition_apply

OWNER = {
    "procedure": "copy",
    "owner_name": "Lê Văn Hải",
    "owner_id_number": "027090001234",
    "pages": 1,
    "copies": 1,
}


@pytest.fixture
def signed_in(client, official):
    client.force_login(official)
    return client


def _walk_in(workspace, **data):
    return dossier_walk_in_create(workspace=workspace, actor_role="one_stop", data={**OWNER, **data})


def test_a_submitter_other_than_the_owner_needs_an_authorisation(workspace):
    refused = _walk_in(workspace, submitter_name="Lê Thị Hoa", submitter_id_number="027190004321")
    assert not refused.ok and "ủy quyền" in refused.message
    half = _walk_in(workspace, submitter_name="Lê Thị Hoa")
    assert not half.ok and "số định danh" in half.message
    created = _walk_in(
        workspace,
        submitter_name="Lê Thị Hoa",
        submitter_id_number="027190004321",
        authorisation="Giấy ủy quyền số 12/2026 ngày 01/12/2026",
    )
    assert created.ok
    dossier = created.obj
    assert (dossier.submitter_name, dossier.authorisation) == (
        "Lê Thị Hoa",
        "Giấy ủy quyền số 12/2026 ngày 01/12/2026",
    )
    assert dossier.owner_province_code == workspace.province_code
    # The owner handing in their own dossier needs nothing more.
    assert _walk_in(workspace, submitter_name="Lê Văn Hải", submitter_id_number="027090001234").ok
    assert _walk_in(workspace).obj.submitter_name == ""


def test_the_receipt_names_the_submitter_and_the_register_lists_the_dossier(signed_in, workspace):
    dossier = _walk_in(
        workspace,
        submitter_name="Lê Thị Hoa",
        submitter_id_number="027190004321",
        authorisation="Giấy ủy quyền số 12/2026",
    ).obj
    assert transition_apply(workspace=workspace, obj=dossier, transition="accept", actor_role="one_stop").ok
    receipt = signed_in.get(reverse("sandbox:dossier_print", args=[dossier.pk, "receipt"])).content.decode()
    assert "Người nộp hồ sơ: Lê Thị Hoa" in receipt and "Giấy ủy quyền số 12/2026" in receipt
    register = signed_in.get(reverse("sandbox:dossier_register")).content.decode()
    assert dossier.code in register and "Lê Thị Hoa" in register
    assert workspace.events.filter(machine="dossier", action="view_book").exists()


def test_the_stop_notice_is_printed_once_the_dossier_is_stopped(signed_in, workspace):
    dossier = _walk_in(workspace).obj
    url = reverse("sandbox:dossier_print", args=[dossier.pk, "stop"])
    assert signed_in.get(url).status_code == 302  # not yet
    for transition, role, data in (
        ("accept", "one_stop", {}),
        ("transfer", "one_stop", {}),
        ("stop", "handler", {"decision_reason": "Công dân không bổ sung giấy tờ theo yêu cầu"}),
    ):
        dossier.refresh_from_db()
        assert transition_apply(
            workspace=workspace, obj=dossier, transition=transition, actor_role=role, data=data
        ).ok
    notice = signed_in.get(url).content.decode()
    assert "DỪNG XỬ LÝ HỒ SƠ" in notice and "không bổ sung giấy tờ" in notice
    control = signed_in.get(reverse("sandbox:dossier_print", args=[dossier.pk, "control"])).content.decode()
    assert "Dừng xử lý" in control and "dossier.stop" not in control and ">stop<" not in control
