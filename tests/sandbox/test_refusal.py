"""Issue 17, item 9: no refusal loophole. A refusal needs a lawful reason for the procedure ("not
within our competence" is no reason for a commune-level procedure, residence never is), and a mistaken
refusal is recovered, so scenario 15 can still be finished."""

import pytest

from sandbox import fake
from sandbox.models import Dossier, ScenarioRun
from sandbox.scenarios.engine import scenario_start
from sandbox.services import dossier_printed, transition_apply


def _dossier(workspace, procedure="birth"):
    dossier = fake.dossier_build(workspace, seed=11, procedure=procedure, status="1")
    dossier.code = f"G99.20-20261207-{workspace.dossiers.count() + 1:07d}"
    dossier.save()
    return dossier


@pytest.mark.parametrize("procedure", ["birth", "marriage", "copy", "joint_birth"])
@pytest.mark.parametrize(
    "kind, words", [("authority", "thẩm quyền cấp xã"), ("residence", "118/2025"), ("", "lý do từ chối")]
)
def test_a_refusal_without_a_lawful_reason_is_refused(workspace, procedure, kind, words):
    dossier = _dossier(workspace, procedure)
    outcome = transition_apply(
        workspace=workspace,
        obj=dossier,
        transition="refuse",
        actor_role="one_stop",
        data={"reason_kind": kind, "decision_reason": "Lý do ghi thêm"},
    )
    assert not outcome.ok and words in outcome.message
    dossier.refresh_from_db()
    assert dossier.status == "1"


@pytest.mark.parametrize("kind", ["incomplete", "forged"])
def test_a_lawful_refusal_goes_through(workspace, kind):
    outcome = transition_apply(
        workspace=workspace,
        obj=_dossier(workspace),
        transition="refuse",
        actor_role="one_stop",
        data={"reason_kind": kind, "decision_reason": "Bản chính bị tẩy xóa"},
    )
    assert outcome.ok and outcome.obj.status == "3"


def test_a_mistaken_refusal_is_withdrawn_with_a_reason(workspace):
    dossier = _dossier(workspace)
    transition_apply(
        workspace=workspace,
        obj=dossier,
        transition="refuse",
        actor_role="one_stop",
        data={"reason_kind": "incomplete", "decision_reason": "Thiếu tờ khai"},
    )
    dossier.refresh_from_db()
    assert not transition_apply(
        workspace=workspace, obj=dossier, transition="reconsider", actor_role="one_stop", data={}
    ).ok
    assert not transition_apply(
        workspace=workspace,
        obj=dossier,
        transition="reconsider",
        actor_role="handler",
        data={"reconsider_reason": "Từ chối nhầm"},
    ).ok
    outcome = transition_apply(
        workspace=workspace,
        obj=dossier,
        transition="reconsider",
        actor_role="one_stop",
        data={"reconsider_reason": "Từ chối nhầm: hồ sơ đủ thành phần"},
    )
    assert outcome.ok and outcome.obj.status == "1" and outcome.obj.decision_reason == ""
    assert transition_apply(
        workspace=workspace, obj=outcome.obj, transition="accept", actor_role="one_stop"
    ).ok


def test_scenario_15_stays_finishable_after_refusing_the_other_communes_dossier(workspace):
    run = scenario_start(workspace=workspace, slug="hs-bo-sung-tu-choi")
    thieu, sai, ngoai = (Dossier.objects.get(pk=run.refs[ref][1]) for ref in ("thieu", "sai", "ngoai"))
    transition_apply(
        workspace=workspace,
        obj=thieu,
        transition="request_papers",
        actor_role="handler",
        data={"missing_papers": "Giấy chứng sinh"},
    )
    dossier_printed(workspace=workspace, dossier=thieu, form="request")
    transition_apply(
        workspace=workspace,
        obj=sai,
        transition="refuse",
        actor_role="one_stop",
        data={"reason_kind": "forged", "decision_reason": "Bản chính bị tẩy xóa"},
    )
    loophole = transition_apply(
        workspace=workspace,
        obj=ngoai,
        transition="refuse",
        actor_role="one_stop",
        data={"reason_kind": "authority", "decision_reason": "Không thuộc địa bàn"},
    )
    assert not loophole.ok
    mistaken = transition_apply(
        workspace=workspace,
        obj=ngoai,
        transition="refuse",
        actor_role="one_stop",
        data={"reason_kind": "incomplete", "decision_reason": "Thiếu giấy tờ"},
    )
    assert mistaken.ok
    ngoai.refresh_from_db()
    assert transition_apply(
        workspace=workspace,
        obj=ngoai,
        transition="reconsider",
        actor_role="one_stop",
        data={"reconsider_reason": "Từ chối nhầm"},
    ).ok
    ngoai.refresh_from_db()
    assert transition_apply(workspace=workspace, obj=ngoai, transition="accept", actor_role="one_stop").ok
    run.refresh_from_db()
    assert run.status == ScenarioRun.Status.COMPLETED
    assert [m["kind"] for m in run.mistakes] == ["refused", "forbidden"]
