"""Issue 17, items 5 and 6 (scenario 3): the timing rules of Decree 30 are shown on the screen and
counted in scenarios 1, 3, 4 and 12; scenario 3 checks the paper document's date, pages and signer."""

from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from sandbox import numbering, workdays
from sandbox.incoming_files import incoming_signature_check
from sandbox.models import IncomingDocument, OutgoingDocument
from sandbox.scenarios.engine import run_evaluate, scenario_start
from sandbox.services import (
    fault_fix,
    incoming_paper_receive,
    sandbox_now,
    transition_apply,
    workspace_clock_set,
    workspace_role_set,
)
from tests.sandbox.test_scenarios import _sign


@pytest.fixture
def signed_in(client, official):
    client.force_login(official)
    return client


def _later(workspace, working_days: int) -> datetime:
    now = timezone.localtime(sandbox_now(workspace))
    day = workdays.add_working_days(now.date(), working_days, province=workspace.province_code)
    return timezone.make_aware(datetime.combine(day, now.time()))


def _obj(run, ref):
    kind, pk = run.refs[ref]
    return {"incoming": IncomingDocument, "outgoing": OutgoingDocument}[kind].objects.get(pk=pk)


def test_registering_late_in_scenario_1_is_shown_and_counted(signed_in, workspace):
    run = scenario_start(workspace=workspace, slug="vb-den-tiep-nhan")
    document = _obj(run, "vb")
    page = signed_in.get(reverse("sandbox:incoming_detail", args=[document.pk])).content.decode()
    assert "Hạn vào sổ" in page and "Đã quá hạn" not in page
    workspace_clock_set(workspace=workspace, at=_later(workspace, 2))
    page = signed_in.get(reverse("sandbox:incoming_detail", args=[document.pk])).content.decode()
    assert "Hạn vào sổ" in page and "Đã quá hạn" in page
    signed_in.post(reverse("sandbox:incoming_check", args=[document.pk]))  # scenario 1's first step
    response = signed_in.post(reverse("sandbox:act", args=["incoming", document.pk, "register"]), follow=True)
    assert "Vào sổ muộn" in response.content.decode()
    evaluation = run_evaluate(run)
    assert [m.kind for m in evaluation.mistakes] == ["forbidden"]
    assert "Vào sổ muộn" in evaluation.mistakes[0].message


def test_registering_on_time_in_scenario_1_is_no_mistake(workspace):
    run = scenario_start(workspace=workspace, slug="vb-den-tiep-nhan")
    workspace_clock_set(workspace=workspace, at=_later(workspace, 1))  # the next working day
    assert incoming_signature_check(workspace=workspace, document=_obj(run, "vb")).ok
    outcome = transition_apply(
        workspace=workspace, obj=_obj(run, "vb"), transition="register", actor_role="clerk"
    )
    assert outcome.ok and outcome.event.data["late"] is False
    assert run_evaluate(run).mistakes == []


def test_a_flash_document_registered_the_next_day_in_scenario_4_is_counted(workspace):
    run = scenario_start(workspace=workspace, slug="vb-den-hoa-toc")
    workspace_clock_set(workspace=workspace, at=_later(workspace, 1))
    outcome = transition_apply(
        workspace=workspace, obj=_obj(run, "hoatoc"), transition="register", actor_role="clerk"
    )
    assert outcome.ok and outcome.event.data["late"] is True
    assert [m.kind for m in run_evaluate(run).mistakes] == ["forbidden"]


def test_issuing_late_in_scenario_12_is_shown_and_counted(signed_in, workspace):
    run = scenario_start(workspace=workspace, slug="vb-di-phat-hanh")
    document = _obj(run, "vb")
    year = timezone.localtime(sandbox_now(workspace)).year
    number = numbering.outgoing_number_next(workspace=workspace, year=year, secret=False)
    workspace_role_set(workspace=workspace, role="clerk")
    assert transition_apply(
        workspace=workspace,
        obj=document,
        transition="number",
        actor_role="clerk",
        data={"number": str(number)},
    ).ok
    assert _sign(workspace, _obj(run, "vb"), purpose="organisation").ok
    assert fault_fix(workspace=workspace, name="attachment_too_large").ok
    page = signed_in.get(reverse("sandbox:outgoing_detail", args=[document.pk])).content.decode()
    assert "Hạn phát hành" in page and "Đã quá hạn" not in page
    workspace_clock_set(workspace=workspace, at=_later(workspace, 2))
    page = signed_in.get(reverse("sandbox:outgoing_detail", args=[document.pk])).content.decode()
    assert "Đã quá hạn" in page
    response = signed_in.post(reverse("sandbox:act", args=["outgoing", document.pk, "issue"]), follow=True)
    assert "Phát hành muộn" in response.content.decode()
    assert [m.kind for m in run_evaluate(run).mistakes] == ["forbidden"]


@pytest.mark.parametrize(
    "change, expected",
    [
        ({}, []),
        ({"pages": 1}, ["value"]),
        ({"signer": ""}, ["value"]),
        ({"days_before": 0}, ["value"]),
        ({"summary": "Phối hợp làm sạch dữ liệu dân cư"}, ["value"]),
    ],
)
def test_scenario_3_checks_the_paper_documents_date_pages_and_signer(workspace, change, expected):
    run = scenario_start(workspace=workspace, slug="vb-den-giay")
    today = timezone.localtime(sandbox_now(workspace)).date()
    data = {
        "issuer": "Công an xã",
        "reference": "215/CAX-HC",
        "doc_date": (today - timedelta(days=change.pop("days_before", 1))).isoformat(),
        "kind": "CV",
        "summary": "V/v phối hợp làm sạch dữ liệu dân cư",
        "pages": 2,
        "signer": "Trưởng Công an xã",
        **change,
    }
    assert incoming_paper_receive(workspace=workspace, actor_role="clerk", data=data).ok
    evaluation = run_evaluate(run)
    assert evaluation.done
    assert [m.kind for m in evaluation.mistakes] == expected
