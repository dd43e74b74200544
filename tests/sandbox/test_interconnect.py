"""Issue 17, item 11: the joint procedure waits. The police (residence) and social insurance (health
card) answer after a delay on the sandbox clock, sometimes asking for more or refusing; the handler
follows up; the dossier is completed only with both results."""

from datetime import timedelta

from django.urls import reverse

from sandbox import fake
from sandbox.interconnect import interconnect_answers_advance
from sandbox.services import sandbox_now, transition_apply, workspace_clock_set


def _joint(workspace, script=None):
    dossier = fake.dossier_build(workspace, seed=21, procedure="joint_birth", status="4")
    dossier.code = f"G99.20-20261207-{workspace.dossiers.count() + 1:07d}"
    if script:
        dossier.details = {**dossier.details, "interconnect_script": script}
    dossier.save()
    return dossier


def _send(workspace, dossier, agency):
    return transition_apply(
        workspace=workspace,
        obj=dossier,
        transition="interconnect_send",
        actor_role="handler",
        data={"agency": agency},
    )


def _later(workspace, hours):
    workspace_clock_set(workspace=workspace, at=sandbox_now(workspace) + timedelta(hours=hours))
    return interconnect_answers_advance(workspace=workspace)


def test_the_agencies_answer_after_their_delay_not_at_once(workspace):
    dossier = _joint(workspace)
    assert _send(workspace, dossier, "residence").ok
    dossier.refresh_from_db()
    assert _send(workspace, dossier, "insurance").ok
    dossier.refresh_from_db()
    assert dossier.interconnect["residence"] == dossier.interconnect["insurance"] == "sent"
    refused = transition_apply(workspace=workspace, obj=dossier, transition="complete", actor_role="handler")
    assert not refused.ok and "liên thông" in refused.message
    again = _send(workspace, dossier, "residence")
    assert not again.ok and "đang chờ trả lời" in again.message
    assert _later(workspace, 1) == 0
    assert _later(workspace, 4) == 1  # the police after 4 hours
    assert _later(workspace, 2) == 1  # social insurance after 6
    dossier.refresh_from_db()
    assert dossier.interconnect["residence"] == dossier.interconnect["insurance"] == "done"
    answers = workspace.events.filter(action="interconnect_answer", object_id=dossier.pk)
    assert [e.data for e in answers] == [
        {"agency": "residence", "answer": "done"},
        {"agency": "insurance", "answer": "done"},
    ]


def test_an_agency_asking_for_more_is_followed_up(workspace, client, official):
    dossier = _joint(workspace, {"residence": ["more", "done"]})
    _send(workspace, dossier, "residence")
    _later(workspace, 5)
    dossier.refresh_from_db()
    assert dossier.interconnect["residence"] == "more"
    client.force_login(official)
    page = client.get(reverse("sandbox:dossier_detail", args=[dossier.pk])).content.decode()
    assert "yêu cầu bổ sung" in page
    follow_up = _send(workspace, dossier, "residence")
    assert follow_up.ok and follow_up.event.data["follow_up"] is True
    page = client.get(reverse("sandbox:dossier_detail", args=[dossier.pk])).content.decode()
    assert "đang chờ trả lời" in page
    _later(workspace, 5)
    dossier.refresh_from_db()
    assert dossier.interconnect["residence"] == "done"


def test_a_refusing_agency_blocks_completion(workspace):
    dossier = _joint(workspace, {"insurance": ["refused"]})
    _send(workspace, dossier, "residence")
    dossier.refresh_from_db()
    _send(workspace, dossier, "insurance")
    _later(workspace, 7)
    dossier.refresh_from_db()
    outcome = transition_apply(workspace=workspace, obj=dossier, transition="complete", actor_role="handler")
    assert not outcome.ok and "từ chối" in outcome.message
    assert not _send(workspace, dossier, "insurance").ok
