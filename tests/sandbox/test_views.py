"""The sandbox through its URLs: a workspace per official that nobody else can reach (404), the
trainer's read-only view within scope, refusals that keep what was typed, the hand-holding highlight,
the reset, and nothing leaving the sandbox."""

import re
from io import StringIO

import pytest
from django.core import mail
from django.urls import reverse

from people import permissions
from sandbox import fake, signing
from sandbox.models import CertificatePurpose, SigningRequest, Workspace
from sandbox.scenarios.engine import scenario_finish, scenario_start
from sandbox.services import transition_apply, workspace_get_or_create


@pytest.fixture
def signed_in(client, official):
    client.force_login(official)
    return client


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(reverse("sandbox:home"))
    assert response.status_code == 302 and reverse("people:login") in response.url


def test_the_workspace_is_created_on_first_visit_with_realistic_data(signed_in, official, commune, province):
    assert not Workspace.objects.filter(official=official).exists()
    response = signed_in.get(reverse("sandbox:home"))
    html = response.content.decode()
    assert "MÔI TRƯỜNG THỰC HÀNH — không phải hệ thống thật" in html and 'class="practice-banner"' in html
    workspace = Workspace.objects.get(official=official)
    dossier = workspace.dossiers.first()
    assert commune.name in dossier.owner_address and province.name in dossier.owner_address
    assert re.fullmatch(r"G\d+\.20-\d{8}-\d{7}", dossier.code)
    assert re.fullmatch(r"\d{12}", dossier.owner_id_number)
    assert workspace.incoming.exists() and workspace.outgoing.filter(status="issued").exists()
    assert all(re.fullmatch(r"\d+/[\wĐ]+-[\w]+", d.reference) for d in workspace.incoming.all())


def test_the_dossier_code_pattern_is_a_setting(settings, official):
    settings.SANDBOX_DOSSIER_CODE_PATTERN = "HS-{commune}-{date:%Y%m%d}-{seq:05d}"
    workspace = workspace_get_or_create(official=official)
    assert workspace.dossiers.first().code.startswith(f"HS-{official.commune.code}-")


def test_every_sandbox_screen_shows_the_practice_banner(signed_in, workspace):
    names = [
        "home",
        "events",
        "drills",
        "incoming_list",
        "incoming_new",
        "incoming_book",
        "outgoing_list",
        "outgoing_new",
        "outgoing_book",
        "phone",
        "dossier_list",
        "dossier_new",
        "dossier_report",
        "login",
        "certificates",
    ]
    urls = [reverse(f"sandbox:{name}") for name in names]
    urls += [reverse("sandbox:incoming_detail", args=[workspace.incoming.first().pk])]
    urls += [reverse("sandbox:outgoing_detail", args=[workspace.outgoing.first().pk])]
    dossier = workspace.dossiers.exclude(received_at=None).first()
    urls += [reverse("sandbox:dossier_detail", args=[dossier.pk])]
    urls += [reverse("sandbox:dossier_print", args=[dossier.pk, "receipt"])]
    for url in urls:
        response = signed_in.get(url)
        assert response.status_code == 200, url
        assert "MÔI TRƯỜNG THỰC HÀNH" in response.content.decode(), url


def _other_objects(other_workspace):
    incoming = other_workspace.incoming.first()
    outgoing = other_workspace.outgoing.first()
    dossier = other_workspace.dossiers.first()
    cert = signing.certificate_for(workspace=other_workspace, purpose=CertificatePurpose.PERSONAL)
    request = SigningRequest.objects.create(
        workspace=other_workspace,
        document=outgoing,
        certificate=cert,
        transaction_id="SCA-OTHER1",
        created_at=outgoing.created_at,
        expires_at=outgoing.created_at,
    )
    gets = [
        reverse("sandbox:incoming_detail", args=[incoming.pk]),
        reverse("sandbox:outgoing_detail", args=[outgoing.pk]),
        reverse("sandbox:outgoing_pdf", args=[outgoing.pk]),
        reverse("sandbox:sign", args=[outgoing.pk]),
        reverse("sandbox:dossier_detail", args=[dossier.pk]),
        reverse("sandbox:dossier_print", args=[dossier.pk, "control"]),
        reverse("sandbox:remote_wait", args=[request.transaction_id]),
        reverse("sandbox:remote_status", args=[request.transaction_id]),
    ]
    posts = [
        reverse("sandbox:act", args=["incoming", incoming.pk, "register"]),
        reverse("sandbox:act", args=["outgoing", outgoing.pk, "approve"]),
        reverse("sandbox:act", args=["dossier", dossier.pk, "accept"]),
        reverse("sandbox:sign", args=[outgoing.pk]),
        reverse("sandbox:remote_start", args=[outgoing.pk]),
        reverse("sandbox:validate", args=[outgoing.pk]),
        reverse("sandbox:remote_cancel", args=[request.transaction_id]),
        reverse("sandbox:phone_signing", args=[request.transaction_id, "confirm"]),
        reverse("sandbox:unblock", args=[cert.pk]),
    ]
    return gets, posts


def test_two_officials_never_see_each_others_workspace(signed_in, workspace, other_workspace):
    gets, posts = _other_objects(other_workspace)
    before = list(other_workspace.events.values_list("id", flat=True))
    for url in gets:
        assert signed_in.get(url).status_code == 404, url
    for url in posts:
        assert signed_in.post(url, {"pin": "123456", "puk": "1", "new_pin": "1234"}).status_code == 404, url
    assert list(other_workspace.events.values_list("id", flat=True)) == before
    html = signed_in.get(reverse("sandbox:dossier_list")).content.decode()
    assert other_workspace.dossiers.first().code not in html
    assert (
        signed_in.get(reverse("sandbox:dossier_list"), {"q": other_workspace.dossiers.first().code}).context[
            "rows"
        ]
        == []
    )


def test_a_refused_action_keeps_what_was_typed_and_is_logged(signed_in, workspace):
    document = workspace.incoming.filter(status="03").first()
    url = reverse("sandbox:act", args=["incoming", document.pk, "assign"])
    response = signed_in.post(
        url,
        {
            "lead": "",
            "coordinators": "Tổ công nghệ số",
            "deadline": "2020-01-01",
            "directive": "Khẩn trương thực hiện",
        },
    )
    html = response.content.decode()
    assert response.status_code == 422
    assert "Văn thư" in html and "Khẩn trương thực hiện" in html and "Tổ công nghệ số" in html
    event = workspace.events.get(action="assign")
    assert not event.ok and event.actor == "clerk"


def test_switching_desk_then_acting(signed_in, workspace):
    document = workspace.incoming.filter(status="03").first()
    signed_in.post(reverse("sandbox:role"), {"role": "leader"})
    response = signed_in.post(
        reverse("sandbox:act", args=["incoming", document.pk, "assign"]),
        {"lead": "Nguyễn Văn A", "deadline": "2099-01-06", "coordinators": "", "directive": ""},
    )
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.status == "04" and document.lead == "Nguyễn Văn A"
    assert signed_in.post(reverse("sandbox:role"), {"role": "president"}).status_code == 404


def test_internal_transitions_have_no_action_endpoint(signed_in, workspace):
    document = workspace.outgoing.first()
    assert signed_in.post(reverse("sandbox:act", args=["outgoing", document.pk, "sign"])).status_code == 404
    assert signed_in.post(reverse("sandbox:act", args=["outgoing", document.pk, "fly"])).status_code == 404


def test_reset_restores_the_starting_data_in_one_click(signed_in, workspace):
    seeded = workspace.dossiers.count()
    workspace.dossiers.all().delete()
    response = signed_in.post(reverse("sandbox:reset"))
    assert response.status_code == 302
    assert workspace.dossiers.count() == seeded
    assert not workspace.events.exclude(machine="workspace").exists()


def test_scenario_page_starts_resumes_and_highlights_the_next_step(signed_in, workspace):
    url = reverse("sandbox:scenario", args=["hs-rut-dung"])
    intro = signed_in.get(url)
    assert intro.status_code == 200 and "Bắt đầu" in intro.content.decode()
    started = signed_in.post(url, {"hand_holding": "1"})
    assert started.url == reverse("sandbox:dossier_list")
    resumed = signed_in.get(url)
    run = workspace.runs.get(status="active")
    assert resumed.url == reverse("sandbox:dossier_detail", args=[run.refs["rut"][1]])
    html = signed_in.get(resumed.url).content.decode()
    assert re.search(r'class="button secondary hh-next" data-action="dossier.withdraw"', html)
    assert "Rút hồ sơ theo đề nghị của công dân" in html
    assert signed_in.get(reverse("sandbox:scenario", args=["khong-co"])).status_code == 404


def test_a_wrong_step_is_a_mistake_and_the_hint_shows_the_right_one(signed_in, workspace):
    signed_in.post(reverse("sandbox:scenario", args=["hs-rut-dung"]))
    run = workspace.runs.get(status="active")
    dung = run.refs["dung"][1]
    response = signed_in.post(
        reverse("sandbox:act", args=["dossier", dung, "stop"]), {"decision_reason": "Tranh chấp"}
    )
    html = response.content.decode()
    assert "Chưa đúng" in html and '<details class="hint" open>' in html
    assert "Rút hồ sơ theo đề nghị của công dân" in html


def test_finishing_shows_done_or_not_done_with_the_mistakes(signed_in, workspace):
    run = scenario_start(workspace=workspace, slug="hs-tra-cuu-bao-cao")
    signed_in.post(
        reverse("sandbox:act", args=["dossier", run.refs["tim"][1], "withdraw"]), {"decision_reason": ""}
    )
    response = signed_in.post(reverse("sandbox:scenario_finish", args=["hs-tra-cuu-bao-cao"]))
    page = signed_in.get(response.url).content.decode()
    assert "Chưa hoàn thành" in page and "Hãy ghi nội dung đề nghị rút hồ sơ" in page


def test_nothing_leaves_the_sandbox(signed_in, workspace):
    scenario_start(workspace=workspace, slug="dang-nhap-co-ban")
    signed_in.post(reverse("sandbox:login_forgot"), {"username": workspace.account.username})
    assert Workspace.objects.get(pk=workspace.pk).account.reset_code
    assert mail.outbox == []


@pytest.fixture
def mistaken_run(workspace):
    run = scenario_start(workspace=workspace, slug="hs-rut-dung")
    dossier = workspace.dossiers.get(pk=run.refs["rut"][1])
    transition_apply(workspace=workspace, obj=dossier, transition="withdraw", actor_role="clerk")
    return scenario_finish(run=run)


def test_trainers_see_a_participants_workspace_read_only(
    client, trainer, official, mistaken_run, monkeypatch
):
    monkeypatch.setitem(permissions._SOURCES, "trainer_officials", lambda *, trainer: [official.pk])
    client.force_login(trainer)
    index = client.get(reverse("sandbox:trainer_index")).content.decode()
    assert official.full_name in index
    response = client.get(reverse("sandbox:trainer_workspace", args=[official.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Chưa đạt" in html and "không được thực hiện" in html
    assert "/sandbox/act/" not in html and "/sandbox/reset/" not in html and "/sandbox/role/" not in html


def test_trainer_scope_refusals(
    client, trainer, official, other_official, department_head, other_department_head, mistaken_run
):
    url = reverse("sandbox:trainer_workspace", args=[official.pk])
    client.force_login(trainer)
    assert client.get(url).status_code == 404  # not one of this trainer's participants
    client.force_login(department_head)
    assert client.get(url).status_code == 200  # same province
    assert client.get(reverse("sandbox:trainer_workspace", args=[other_official.pk])).status_code == 404
    client.force_login(other_department_head)
    assert client.get(url).status_code == 404
    client.force_login(other_official)
    assert client.get(url).status_code == 403
    assert client.get(reverse("sandbox:trainer_index")).status_code == 403


def test_seed_is_idempotent(db):
    from people.models import Role, User
    from sandbox.seed import seed
    from tests.factories import OfficialFactory

    OfficialFactory(username="canbo")
    seed(StringIO())
    counts = (Workspace.objects.count(), User.objects.filter(role=Role.OFFICIAL).count())
    dossiers = Workspace.objects.get().dossiers.count()
    seed(StringIO())
    assert (Workspace.objects.count(), User.objects.filter(role=Role.OFFICIAL).count()) == counts
    assert Workspace.objects.get().dossiers.count() == dossiers


def test_the_pdf_of_a_draft_is_rendered_on_demand(signed_in, workspace):
    draft = fake.outgoing_build(workspace, seed=1)
    draft.save()
    response = signed_in.get(reverse("sandbox:outgoing_pdf", args=[draft.pk]))
    assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")


def test_the_sandbox_speaks_english_too(signed_in, workspace, settings):
    signed_in.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    scenario_start(workspace=workspace, slug="hs-rut-dung")
    for name in ("home", "dossier_list", "login", "phone", "drills"):
        html = signed_in.get(reverse(f"sandbox:{name}")).content.decode()
        assert "PRACTICE ENVIRONMENT — not the real system" in html, name
    dossier = workspace.dossiers.first()
    html = signed_in.get(reverse("sandbox:dossier_detail", args=[dossier.pk])).content.decode()
    assert "Actions" in html and "Withdraw (at the citizen&#x27;s request)" in html


def test_a_refused_action_shows_its_error_at_the_field_and_focuses_it(signed_in, workspace):
    document = workspace.incoming.filter(status="01").first()
    url = reverse("sandbox:act", args=["incoming", document.pk, "return"])
    response = signed_in.post(url, {"return_reason": "  "})
    assert response.status_code == 422
    html = response.content.decode()
    assert re.search(r"<title>Lỗi: .*· Thực hành · Hỗ trợ chuyển đổi số cấp xã</title>", html)
    assert '<p class="error" id="return-return_reason-error">Hãy ghi lý do.</p>' in html
    textarea = re.search(r'<textarea id="return-return_reason"[^>]*>', html).group(0)
    assert 'aria-invalid="true"' in textarea and 'aria-describedby="return-return_reason-error"' in textarea
    assert "autofocus" in textarea
    assert html.count("autofocus") == 1

    done = signed_in.post(url, {"return_reason": "Gửi nhầm xã."}, follow=True).content.decode()
    assert re.search(r'<p class="message focus success" tabindex="-1" autofocus>Đã thực hiện: ', done)
    assert "<title>Lỗi" not in done


def test_an_action_refused_for_another_reason_shows_it_beside_its_button(signed_in, workspace):
    document = workspace.incoming.filter(status="01").first()
    workspace.role = "leader"
    workspace.save(update_fields=["role"])
    response = signed_in.post(reverse("sandbox:act", args=["incoming", document.pk, "register"]))
    assert response.status_code == 422
    html = response.content.decode()
    assert re.search(r'<p class="error" id="register-error" tabindex="-1" autofocus>Vai trò “', html)


def test_documents_are_titled_by_kind_and_summary_with_a_skip_link_to_their_actions(signed_in, workspace):
    document = workspace.incoming.first()
    html = signed_in.get(reverse("sandbox:incoming_detail", args=[document.pk])).content.decode()
    title = re.search(r"<title>(.*)</title>", html).group(1)
    assert title.startswith(f"{document.get_kind_display()}: {document.summary}")
    assert title.endswith(" · Thực hành · Hỗ trợ chuyển đổi số cấp xã")
    assert '<a class="skip-link" href="#actions">Bỏ qua, đến các thao tác</a>' in html
    assert 'id="actions"' in html
    listing = signed_in.get(reverse("sandbox:incoming_list")).content.decode()
    assert 'href="#actions"' not in listing
