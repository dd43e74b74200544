"""Scenarios: every shipped scenario can be completed by doing its steps, the checks report done or not
done with the mistakes made (refused, wrong order, wrong value, forbidden), and the result reaches the
progress ledger and the live board."""

from datetime import timedelta

import pytest
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from progress.models import ProgressEntry
from sandbox import logindrill, numbering, signing, workdays
from sandbox.incoming_files import incoming_signature_check
from sandbox.interconnect import interconnect_answers_advance
from sandbox.machines import INITIAL_PASSWORD
from sandbox.models import CertificatePurpose, Dossier, IncomingDocument, OutgoingDocument, ScenarioRun
from sandbox.scenarios.catalogue import SCENARIOS
from sandbox.scenarios.engine import run_evaluate, scenario_finish, scenario_start
from sandbox.selectors import run_active
from sandbox.services import (
    dossier_printed,
    dossier_walk_in_create,
    fault_fix,
    incoming_paper_receive,
    lookup_recorded,
    outgoing_draft_create,
    sandbox_now,
    transition_apply,
    workspace_clock_set,
    workspace_role_set,
)

ARCHITECTURE_SLUGS = {
    "dang-nhap-co-ban", "dang-nhap-vneid", "vb-den-tiep-nhan", "vb-den-tra-lai", "vb-den-giay",
    "vb-den-hoa-toc", "vb-den-phan-cong", "vb-den-chuyen-thu-hoi", "vb-den-hoan-thanh", "vb-di-du-thao",
    "vb-di-trinh-ky", "ky-so-usb", "ky-so-tu-xa", "vb-di-phat-hanh", "vb-di-thu-hoi-thay-the",
    "hs-khai-sinh-tiep-nhan", "hs-bo-sung-tu-choi", "hs-lien-thong-khai-sinh", "hs-chung-thuc", "hs-thu-phi",
    "hs-qua-han", "hs-tra-ket-qua", "hs-rut-dung", "hs-tra-cuu-bao-cao", "hs-ket-hon-treo-may",
    "vb-den-chu-ky-loi",
}  # fmt: skip
MODELS = {"incoming": IncomingDocument, "outgoing": OutgoingDocument, "dossier": Dossier}


def test_the_catalogue_ships_exactly_the_shared_slugs_with_the_22_tasks():
    assert set(SCENARIOS) == ARCHITECTURE_SLUGS
    assert sorted(s.task for s in SCENARIOS.values() if s.task) == list(range(1, 23))


@pytest.mark.parametrize("slug", sorted(SCENARIOS))
def test_scenario_definitions_are_consistent(slug):
    scenario = SCENARIOS[slug]
    refs = {seed.ref for seed in scenario.seeds}
    reverse(scenario.start)
    for step in scenario.steps:
        assert step.title and step.hint
        assert not step.check.ref or step.check.ref in refs, step.title
        if step.screen and ":" in step.screen:
            reverse(step.screen)
        elif step.screen:
            assert step.screen in refs, step.title
    for forbidden in scenario.forbidden:
        assert not forbidden.check.ref or forbidden.check.ref in refs


def _obj(run, ref):
    kind, pk = run.refs[ref]
    return MODELS[kind].objects.get(pk=pk)


def _do(workspace, obj, transition, role, **data):
    workspace_role_set(workspace=workspace, role=role)
    outcome = transition_apply(
        workspace=workspace, obj=obj, transition=transition, actor_role=role, data=data
    )
    return outcome


def _future(workspace, days=3):
    """``days`` working days after the sandbox's today (deadlines and appointments are working days)."""
    today = timezone.localtime(sandbox_now(workspace)).date()
    return workdays.add_working_days(today, days, province=workspace.province_code).isoformat()


def _pin(workspace, purpose=CertificatePurpose.PERSONAL):
    return signing.certificate_for(workspace=workspace, purpose=purpose).pin


def _sign(workspace, document, purpose=CertificatePurpose.PERSONAL):
    workspace_role_set(
        workspace=workspace, role="leader" if purpose == CertificatePurpose.PERSONAL else "clerk"
    )
    return signing.usb_sign(
        workspace=workspace, document=document, pin=_pin(workspace, purpose), purpose=purpose
    )


def solve_login_basics(ws, run):
    username = logindrill.account_of(ws).username
    assert logindrill.login_attempt(workspace=ws, username=username, password=INITIAL_PASSWORD).ok
    assert logindrill.password_change(workspace=ws, new="MatKhau@2026", confirm="MatKhau@2026").ok
    assert logindrill.sign_out(workspace=ws).ok
    assert logindrill.reset_request(workspace=ws, username=username).ok
    code = logindrill.account_of(ws).reset_code
    assert logindrill.reset_password(workspace=ws, code=code, new="MatKhau@2027", confirm="MatKhau@2027").ok
    assert logindrill.login_attempt(workspace=ws, username=username, password="MatKhau@2027").ok


def solve_vneid(ws, run):
    assert logindrill.vneid_request(workspace=ws, method="qr").event.data["fault_name"] == "vneid_maintenance"
    assert (
        logindrill.vneid_request(workspace=ws, method="qr").event.data["fault_name"]
        == "vneid_device_mismatch"
    )
    otp = logindrill.device_otp_pending(ws)
    assert logindrill.vneid_device_confirm(workspace=ws, code=otp).ok
    assert logindrill.vneid_request(workspace=ws, method="code").ok
    code = logindrill.account_of(ws).vneid_request
    assert logindrill.vneid_confirm(workspace=ws, code=code).ok


def _check(ws, doc):
    workspace_role_set(workspace=ws, role="clerk")
    return incoming_signature_check(workspace=ws, document=doc)


def solve_incoming_receive(ws, run):
    assert _check(ws, _obj(run, "vb")).ok
    assert _do(ws, _obj(run, "vb"), "register", "clerk").ok
    lookup_recorded(workspace=ws, machine="incoming", action="view_book", data={})


def solve_incoming_return(ws, run):
    assert _do(ws, _obj(run, "nham"), "return", "clerk", return_reason="Gửi nhầm nơi nhận").ok


def solve_incoming_bad_signature(ws, run):
    assert _check(ws, _obj(run, "hong")).kind == "broken"
    assert _do(ws, _obj(run, "hong"), "return", "clerk", return_reason="Chữ ký số không hợp lệ").ok
    assert _check(ws, _obj(run, "sai_ma")).kind == "sender_code"
    assert _do(ws, _obj(run, "sai_ma"), "return", "clerk", return_reason="Sai mã định danh nơi gửi").ok


def solve_incoming_paper(ws, run):
    data = {
        "issuer": "Công an xã",
        "reference": "215/CAX-HC",
        "doc_date": (timezone.localtime(sandbox_now(ws)).date() - timedelta(days=1)).isoformat(),
        "kind": "CV",
        "summary": "V/v phối hợp làm sạch dữ liệu dân cư",
        "pages": 2,
        "signer": "Trưởng Công an xã Nguyễn Văn Bình",
    }
    assert incoming_paper_receive(workspace=ws, actor_role="clerk", data=data).ok


def solve_incoming_flash(ws, run):
    assert _do(ws, _obj(run, "hoatoc"), "register", "clerk").ok
    assert _do(ws, _obj(run, "hoatoc"), "assign", "leader", lead="A", deadline=_future(ws, 0)).ok
    assert _do(ws, _obj(run, "thuong"), "register", "clerk").ok


def solve_incoming_assign(ws, run):
    data = {"lead": "A", "coordinators": "B", "deadline": _future(ws), "directive": "Báo cáo trước hạn"}
    assert _do(ws, _obj(run, "vb"), "assign", "leader", **data).ok


def solve_incoming_forward(ws, run):
    assert _do(ws, _obj(run, "vb"), "forward", "handler", forwarded_to="B").ok
    assert _do(ws, _obj(run, "vb"), "pull_back", "handler").ok
    assert _do(ws, _obj(run, "vb"), "reassign", "leader", lead="C", deadline=_future(ws)).ok


def solve_incoming_finish(ws, run):
    reply = _obj(run, "traloi")
    assert _do(ws, _obj(run, "vb"), "finish", "handler", reply=str(reply.pk)).ok


def solve_draft(ws, run):
    data = {
        "kind": "CV",
        "unit": "VHXH",
        "symbol": "UBND-VHXH",
        "summary": "V/v tuyên truyền dịch vụ công",
        "body": "Đề nghị các thôn tuyên truyền.",
        "recipients": "- Các thôn",
    }
    created = outgoing_draft_create(workspace=ws, actor_role="handler", data=data)
    assert created.ok
    assert _do(ws, created.obj, "submit_review", "handler").ok


def solve_review_sign(ws, run):
    doc = _obj(run, "dt")
    assert _do(ws, doc, "send_back_review", "leader", send_back_reason="Thiếu nơi nhận").ok
    assert _do(ws, doc, "edit", "handler", recipients="- Các thôn\n- Lưu: VT, VP.").ok
    assert _do(ws, doc, "submit_review", "handler").ok
    assert _do(ws, doc, "approve", "leader").ok
    assert _sign(ws, _obj(run, "dt")).ok


def solve_usb(ws, run):
    doc = _obj(run, "vb")
    refused = _sign(ws, doc)
    assert not refused.ok and refused.event.fault
    assert fault_fix(workspace=ws, name="token_not_detected").ok
    assert _sign(ws, doc).ok
    assert signing.document_validate(workspace=ws, document=_obj(run, "vb")).valid


def solve_remote(ws, run):
    doc = _obj(run, "vb")
    workspace_role_set(workspace=ws, role="leader")
    first = signing.remote_request(workspace=ws, document=doc)
    assert first.ok and not first.obj.delivered
    signing.remote_close(workspace=ws, request=first.obj, action="cancel")
    second = signing.remote_request(workspace=ws, document=doc)
    assert second.obj.delivered
    assert signing.remote_confirm(workspace=ws, request=second.obj).ok


def solve_issue(ws, run):
    doc = _obj(run, "vb")
    year = timezone.localtime(sandbox_now(ws)).year
    expected = numbering.outgoing_number_next(workspace=ws, year=year, secret=False)
    assert _do(ws, doc, "number", "clerk", number=str(expected)).ok
    assert _sign(ws, _obj(run, "vb"), CertificatePurpose.ORGANISATION).ok
    assert _do(ws, _obj(run, "vb"), "issue", "clerk").event.fault
    assert fault_fix(workspace=ws, name="attachment_too_large").ok
    assert _do(ws, _obj(run, "vb"), "issue", "clerk").ok


def _draft_to_issue(ws, draft_id):
    """A draft through review, the leader's signature, the number, the seal and the issue."""
    assert _do(ws, OutgoingDocument.objects.get(pk=draft_id), "submit_review", "handler").ok
    assert _do(ws, OutgoingDocument.objects.get(pk=draft_id), "approve", "leader").ok
    assert _sign(ws, OutgoingDocument.objects.get(pk=draft_id)).ok
    year = timezone.localtime(sandbox_now(ws)).year
    number = numbering.outgoing_number_next(workspace=ws, year=year, secret=False)
    assert _do(ws, OutgoingDocument.objects.get(pk=draft_id), "number", "clerk", number=str(number)).ok
    assert _sign(ws, OutgoingDocument.objects.get(pk=draft_id), CertificatePurpose.ORGANISATION).ok
    return _do(ws, OutgoingDocument.objects.get(pk=draft_id), "issue", "clerk")


def solve_replace_correct(ws, run):
    replaced = _do(ws, _obj(run, "sai_nd"), "replace", "handler", revoke_reason="Sai danh sách thành viên")
    corrected = _do(ws, _obj(run, "sai_tt"), "correct", "handler", revoke_reason="Sai ngày ở địa danh")
    assert _draft_to_issue(ws, replaced.event.data["draft_id"]).ok
    assert _draft_to_issue(ws, corrected.event.data["draft_id"]).ok
    assert _obj(run, "sai_nd").status == "replaced"


def solve_birth_receipt(ws, run):
    dossier = _obj(run, "hs")
    assert _do(ws, dossier, "update", "one_stop", owner_address="Số 5, Phường Kinh Bắc, Tỉnh Bắc Ninh").ok
    assert _do(ws, dossier, "accept", "one_stop").ok
    dossier_printed(workspace=ws, dossier=_obj(run, "hs"), form="receipt")


def solve_papers_refuse(ws, run):
    assert _do(ws, _obj(run, "thieu"), "request_papers", "handler", missing_papers="Giấy chứng sinh").ok
    dossier_printed(workspace=ws, dossier=_obj(run, "thieu"), form="request")
    refusal = {"reason_kind": "forged", "decision_reason": "Bản chính bị tẩy xóa"}
    assert _do(ws, _obj(run, "sai"), "refuse", "one_stop", **refusal).ok
    assert _do(ws, _obj(run, "ngoai"), "accept", "one_stop").ok


def _result_through_signing(ws, dossier):
    draft_id = _do(ws, dossier, "draft_result", "handler").event.data["draft_id"]
    draft = OutgoingDocument.objects.get(pk=draft_id)
    assert _do(ws, draft, "submit_review", "handler").ok
    assert _do(ws, draft, "approve", "leader").ok
    assert _sign(ws, OutgoingDocument.objects.get(pk=draft_id)).ok
    year = timezone.localtime(sandbox_now(ws)).year
    number = numbering.outgoing_number_next(workspace=ws, year=year, secret=False)
    assert _do(ws, OutgoingDocument.objects.get(pk=draft_id), "number", "clerk", number=str(number)).ok


def _return(ws, dossier):
    return _do(
        ws,
        dossier,
        "return_result",
        "one_stop",
        returned_to=dossier.owner_name,
        receiver_id=dossier.owner_id_number,
    )


def _wait_for_answers(ws, *, hours):
    workspace_clock_set(workspace=ws, at=sandbox_now(ws) + timedelta(hours=hours))
    interconnect_answers_advance(workspace=ws)


def solve_joint(ws, run):
    assert _do(ws, _obj(run, "lt"), "accept", "one_stop").event.fault
    assert _do(ws, _obj(run, "lt"), "accept", "one_stop").ok
    assert _do(ws, _obj(run, "lt"), "transfer", "one_stop").ok
    assert _do(
        ws, _obj(run, "lt"), "assign_handler", "leader", handler_name="Lê Văn An (Tư pháp - Hộ tịch)"
    ).ok
    assert _do(ws, _obj(run, "lt"), "interconnect_send", "handler", agency="residence").ok
    assert _do(ws, _obj(run, "lt"), "interconnect_send", "handler", agency="insurance").ok
    # The agencies answer hours later: the police first ask for more papers, then give the result.
    _wait_for_answers(ws, hours=7)
    assert _obj(run, "lt").interconnect["residence"] == "more"
    assert _do(ws, _obj(run, "lt"), "interconnect_send", "handler", agency="residence").ok
    _wait_for_answers(ws, hours=5)
    assert {k: v for k, v in _obj(run, "lt").interconnect.items() if k != "_sent"} == {
        "residence": "done",
        "insurance": "done",
    }
    _result_through_signing(ws, _obj(run, "lt"))
    assert _do(ws, _obj(run, "lt"), "complete", "handler").ok
    assert _return(ws, _obj(run, "lt")).ok


def solve_copy(ws, run):
    data = {
        "procedure": "copy",
        "owner_name": "Lê Văn Hải",
        "owner_id_number": "027090001234",
        "pages": 1,
        "copies": 3,
    }
    dossier = dossier_walk_in_create(workspace=ws, actor_role="one_stop", data=data).obj
    assert _do(ws, dossier, "accept", "one_stop").ok
    assert _do(ws, dossier, "transfer", "one_stop").ok
    assert _do(ws, dossier, "request_fee", "handler", fee_amount="6000").ok
    assert _do(ws, dossier, "fee_paid", "one_stop", paid_amount="6000", fee_receipt="BL-0001").ok
    assert _do(ws, dossier, "complete", "handler").ok
    assert _return(ws, Dossier.objects.get(pk=dossier.pk)).ok


def solve_fee(ws, run):
    dossier = _obj(run, "phi")
    assert _do(
        ws, dossier, "fee_paid", "one_stop", paid_amount=str(dossier.fee_amount), fee_receipt="BL-02"
    ).ok
    dossier_printed(workspace=ws, dossier=_obj(run, "phi"), form="fee")


def solve_overdue(ws, run):
    data = {"apology_reason": "Chờ xác minh", "appointment": _future(ws, 5)}
    assert _do(ws, _obj(run, "qh"), "extend", "handler", **data).ok
    dossier_printed(workspace=ws, dossier=_obj(run, "qh"), form="apology")
    assert _do(ws, _obj(run, "qh"), "request_papers", "handler", missing_papers="Giấy chứng sinh").ok


def solve_result(ws, run):
    assert _do(ws, _obj(run, "kq"), "complete", "handler").ok
    assert _return(ws, _obj(run, "kq")).ok


def solve_withdraw_stop(ws, run):
    assert _do(ws, _obj(run, "rut"), "withdraw", "one_stop", decision_reason="Công dân xin rút").ok
    assert _do(ws, _obj(run, "dung"), "stop", "handler", decision_reason="Hồ sơ có tranh chấp").ok


def solve_lookup(ws, run):
    found = _obj(run, "tim")
    lookup_recorded(workspace=ws, machine="dossier", action="search", data={"q": found.code}, obj=found)
    lookup_recorded(workspace=ws, machine="dossier", action="report", data={})


def solve_marriage_freeze(ws, run):
    assert _do(ws, _obj(run, "kh"), "complete", "handler").event.fault
    assert _do(ws, _obj(run, "kh"), "paper_fallback", "handler", paper_certificate="12/2026, quyển 01").ok
    assert fault_fix(workspace=ws, name="portal_freeze").ok
    assert _do(ws, _obj(run, "kh"), "complete", "handler").ok
    assert _return(ws, _obj(run, "kh")).ok


SOLUTIONS = {
    "dang-nhap-co-ban": solve_login_basics,
    "dang-nhap-vneid": solve_vneid,
    "vb-den-tiep-nhan": solve_incoming_receive,
    "vb-den-tra-lai": solve_incoming_return,
    "vb-den-chu-ky-loi": solve_incoming_bad_signature,
    "vb-den-giay": solve_incoming_paper,
    "vb-den-hoa-toc": solve_incoming_flash,
    "vb-den-phan-cong": solve_incoming_assign,
    "vb-den-chuyen-thu-hoi": solve_incoming_forward,
    "vb-den-hoan-thanh": solve_incoming_finish,
    "vb-di-du-thao": solve_draft,
    "vb-di-trinh-ky": solve_review_sign,
    "ky-so-usb": solve_usb,
    "ky-so-tu-xa": solve_remote,
    "vb-di-phat-hanh": solve_issue,
    "vb-di-thu-hoi-thay-the": solve_replace_correct,
    "hs-khai-sinh-tiep-nhan": solve_birth_receipt,
    "hs-bo-sung-tu-choi": solve_papers_refuse,
    "hs-lien-thong-khai-sinh": solve_joint,
    "hs-chung-thuc": solve_copy,
    "hs-thu-phi": solve_fee,
    "hs-qua-han": solve_overdue,
    "hs-tra-ket-qua": solve_result,
    "hs-rut-dung": solve_withdraw_stop,
    "hs-tra-cuu-bao-cao": solve_lookup,
    "hs-ket-hon-treo-may": solve_marriage_freeze,
}


@pytest.fixture
def reports(monkeypatch):
    """The live board's reports, captured."""
    calls = []
    monkeypatch.setattr(
        "sandbox.scenarios.engine.activity_report", lambda **kwargs: calls.append(kwargs), raising=True
    )
    return calls


@pytest.mark.parametrize("slug", sorted(SOLUTIONS))
def test_each_scenario_is_completed_by_doing_its_steps(
    slug, workspace, official, reports, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        run = scenario_start(workspace=workspace, slug=slug)
        SOLUTIONS[slug](workspace, run)
    run.refresh_from_db()
    evaluation = run_evaluate(run)
    assert [m.message for m in evaluation.mistakes] == []
    assert run.status == ScenarioRun.Status.COMPLETED, [s.step.title for s in evaluation.steps if not s.done]
    entry = ProgressEntry.objects.get(official=official, kind="scenario", key=slug)
    assert entry.status == "completed" and entry.detail == {"mistakes": 0}
    assert reports and reports[-1]["key"] == slug and reports[-1]["kind"] == "scenario"


def test_refused_attempts_and_wrong_order_are_mistakes(
    workspace, official, reports, django_capture_on_commit_callbacks
):
    run = scenario_start(workspace=workspace, slug="vb-den-hoa-toc")
    thuong, hoatoc = _obj(run, "thuong"), _obj(run, "hoatoc")
    with django_capture_on_commit_callbacks(execute=True):
        assert not _do(workspace, hoatoc, "register", "leader").ok  # wrong desk: refused
        assert _do(workspace, thuong, "register", "clerk").ok  # the ordinary one first: wrong order
    evaluation = run_evaluate(run)
    assert [m.kind for m in evaluation.mistakes] == ["refused", "order"]
    # Issue 16, item 4: the step done out of order is not ticked, and the message says what was
    # done, what comes first and how to recover.
    assert [state.done for state in evaluation.steps] == [False, False, False]
    assert evaluation.mistakes[-1].message == (
        "Bạn vừa làm “Vào sổ văn bản thường” khi chưa làm “Vào sổ văn bản hỏa tốc trước”, nên bước này "
        "chưa được tính. Hãy làm “Vào sổ văn bản hỏa tốc trước” trước, rồi làm lại “Vào sổ văn bản "
        "thường”. Nếu không làm lại được nữa, bấm “Kết thúc bài” rồi “Làm lại bài”."
    )
    assert evaluation.next.step.title == "Vào sổ văn bản hỏa tốc trước"
    assert reports[-1]["failed"] is True and reports[-1]["step"] == "Vào sổ văn bản hỏa tốc trước"
    # Registered after an ordinary document, the Hỏa tốc one is late: the timing rule counts too.
    assert _do(workspace, _obj(run, "hoatoc"), "register", "clerk").event.data["late"] is True
    assert _do(workspace, _obj(run, "hoatoc"), "assign", "leader", lead="A", deadline=_future(workspace)).ok
    run.refresh_from_db()
    assert run.status == ScenarioRun.Status.ACTIVE
    assert run_evaluate(run).next.step.title == "Vào sổ văn bản thường"
    run = scenario_finish(run=run)
    assert run.status == ScenarioRun.Status.FAILED
    assert [m["kind"] for m in run.mistakes] == ["refused", "order", "forbidden"]
    assert ProgressEntry.objects.get(official=official, key="vb-den-hoa-toc").detail == {"mistakes": 3}


def test_a_step_done_out_of_order_counts_once_it_is_done_again_in_order(workspace):
    run = scenario_start(workspace=workspace, slug="dang-nhap-co-ban")
    account = logindrill.account_of(workspace)
    assert logindrill.login_attempt(
        workspace=workspace, username=account.username, password=INITIAL_PASSWORD
    ).ok
    assert logindrill.sign_out(workspace=workspace).ok  # before changing the password: out of order
    evaluation = run_evaluate(run)
    assert [state.done for state in evaluation.steps[:3]] == [True, False, False]
    assert evaluation.mistakes[-1].kind == "order"


def test_the_wrong_password_the_lesson_asks_for_is_not_a_mistake_but_a_second_one_is(workspace):
    """Issue 16, item 6: lesson 1 asks to "thử nhập sai một lần để xem thông báo"."""
    run = scenario_start(workspace=workspace, slug="dang-nhap-co-ban")
    account = logindrill.account_of(workspace)
    assert not logindrill.login_attempt(workspace=workspace, username=account.username, password="sai-1").ok
    assert run_evaluate(run).mistakes == []
    assert not logindrill.login_attempt(workspace=workspace, username=account.username, password="sai-2").ok
    assert [m.kind for m in run_evaluate(run).mistakes] == ["refused"]


def test_a_wrong_value_is_reported_and_the_step_still_counts(workspace):
    run = scenario_start(workspace=workspace, slug="vb-den-phan-cong")
    assert _do(workspace, _obj(run, "vb"), "assign", "leader", lead="A", deadline=_future(workspace)).ok
    run.refresh_from_db()
    assert run.status == ScenarioRun.Status.COMPLETED
    assert [m["kind"] for m in run.mistakes] == ["value"]
    assert "chủ trì, phối hợp" in run.mistakes[0]["message"]


def test_a_forbidden_move_is_a_mistake(workspace):
    run = scenario_start(workspace=workspace, slug="vb-den-tra-lai")
    assert _do(workspace, _obj(run, "nham"), "register", "clerk").ok
    evaluation = run_evaluate(run)
    assert [m.kind for m in evaluation.mistakes] == ["forbidden"]
    assert not evaluation.done


def test_ending_a_scenario_not_done_records_a_failure(workspace, official):
    run = scenario_start(workspace=workspace, slug="hs-rut-dung")
    _do(workspace, _obj(run, "rut"), "withdraw", "one_stop", decision_reason="")
    run = scenario_finish(run=run)
    assert run.status == ScenarioRun.Status.FAILED
    assert run.mistakes[0]["kind"] == "refused"
    entry = ProgressEntry.objects.get(official=official, kind="scenario", key="hs-rut-dung")
    assert entry.status == "failed" and entry.detail == {"mistakes": 1}


def test_fault_refusals_are_not_the_officials_mistakes(workspace):
    run = scenario_start(workspace=workspace, slug="hs-ket-hon-treo-may")
    outcome = _do(workspace, _obj(run, "kh"), "complete", "handler")
    assert not outcome.ok and outcome.event.fault
    evaluation = run_evaluate(run)
    assert evaluation.mistakes == [] and evaluation.steps[0].done


def test_starting_a_scenario_resets_the_workspace_and_abandons_the_previous_run(workspace):
    first = scenario_start(workspace=workspace, slug="hs-thu-phi")
    _do(workspace, _obj(first, "phi"), "withdraw", "one_stop", decision_reason="Xin rút")
    second = scenario_start(workspace=workspace, slug="hs-rut-dung")
    first.refresh_from_db()
    assert first.status == ScenarioRun.Status.ABANDONED
    assert run_active(workspace) == second
    assert not workspace.dossiers.filter(pk=first.refs["phi"][1]).exists()
    assert workspace.events.filter(run=second).count() == 0


def test_clock_scenarios_start_at_their_moment(workspace):
    scenario_start(workspace=workspace, slug="hs-khai-sinh-tiep-nhan")
    workspace.refresh_from_db()
    local = timezone.localtime(sandbox_now(workspace))
    assert (local.weekday(), local.hour, local.minute) == (4, 15, 20)
    assert workdays.is_working_day(local.date(), province=workspace.province_code)
    scenario_start(workspace=workspace, slug="vb-di-phat-hanh")
    workspace.refresh_from_db()
    local = timezone.localtime(sandbox_now(workspace))
    # “The first working day of the year”: a working day, with no working day before it that year.
    calendar = workdays.calendar_for(workspace.province_code)
    assert local.month == 1 and calendar.is_working_day(local.date())
    assert calendar.working_days_between(local.date().replace(day=1) - timedelta(days=1), local.date()) == 1


def test_step_screens_resolve_to_the_seeded_objects(workspace):
    from sandbox.views.common import screen_url

    run = scenario_start(workspace=workspace, slug="hs-rut-dung")
    assert screen_url("rut", run.refs) == reverse("sandbox:dossier_detail", args=[run.refs["rut"][1]])
    with pytest.raises(NoReverseMatch):
        screen_url("sandbox:nowhere", run.refs)
