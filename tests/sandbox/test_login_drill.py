"""The login drill: its own practice account, wrong-password feedback, the lockout with its unlock time,
the password reset through the simulated phone, the first-login change and VNeID with its failures."""

from datetime import timedelta

from django.urls import reverse

from sandbox import logindrill
from sandbox.machines import INITIAL_PASSWORD
from sandbox.services import fault_enable, fault_fix, sandbox_now, workspace_clock_set


def _username(workspace):
    return logindrill.account_of(workspace).username


def test_the_practice_account_is_not_the_real_account(workspace, official):
    account = logindrill.account_of(workspace)
    assert account.username == f"{official.username}.thuchanh"
    assert not logindrill.login_attempt(
        workspace=workspace, username=official.username, password=INITIAL_PASSWORD
    ).ok


def test_wrong_passwords_say_how_many_tries_are_left_then_lock_with_the_unlock_time(workspace):
    username = _username(workspace)
    messages = [
        logindrill.login_attempt(workspace=workspace, username=username, password="sai-mat-khau").message
        for _ in range(5)
    ]
    assert "Còn 4 lần thử" in messages[0] and "Còn 1 lần thử" in messages[3]
    assert "Mở khóa lúc" in messages[4]
    account = logindrill.account_of(workspace)
    assert account.status == "locked" and account.locked_until > sandbox_now(workspace)
    refused = logindrill.login_attempt(workspace=workspace, username=username, password=INITIAL_PASSWORD)
    assert not refused.ok and "Mở khóa lúc" in refused.message
    workspace_clock_set(workspace=workspace, at=sandbox_now(workspace) + timedelta(minutes=16))
    assert logindrill.login_attempt(workspace=workspace, username=username, password=INITIAL_PASSWORD).ok
    assert workspace.events.filter(machine="login", action="lock").exists()
    assert workspace.events.filter(machine="login", action="unlock").exists()


def test_the_first_login_asks_for_a_new_password(workspace):
    username = _username(workspace)
    assert logindrill.login_attempt(workspace=workspace, username=username, password=INITIAL_PASSWORD).ok
    assert logindrill.account_of(workspace).status == "must_change"
    short = logindrill.password_change(workspace=workspace, new="ngan", confirm="ngan")
    assert not short.ok and "8 ký tự" in short.message
    same = logindrill.password_change(workspace=workspace, new=INITIAL_PASSWORD, confirm=INITIAL_PASSWORD)
    assert not same.ok and "khác" in same.message
    mismatch = logindrill.password_change(workspace=workspace, new="MatKhau@2026", confirm="MatKhau@2025")
    assert not mismatch.ok and "không khớp" in mismatch.message
    assert logindrill.password_change(workspace=workspace, new="MatKhau@2026", confirm="MatKhau@2026").ok
    account = logindrill.account_of(workspace)
    assert account.status == "active" and account.password_hash.startswith(("md5$", "pbkdf2"))
    assert not logindrill.login_attempt(workspace=workspace, username=username, password=INITIAL_PASSWORD).ok
    assert logindrill.login_attempt(workspace=workspace, username=username, password="MatKhau@2026").ok


def test_the_password_reset_code_arrives_on_the_simulated_phone(workspace, client, official):
    assert not logindrill.reset_request(workspace=workspace, username="ai.do").ok
    assert logindrill.reset_request(workspace=workspace, username=_username(workspace)).ok
    code = logindrill.account_of(workspace).reset_code
    client.force_login(official)
    assert code in client.get(reverse("sandbox:phone")).content.decode()
    wrong = logindrill.reset_password(
        workspace=workspace, code="000000", new="MatKhau@2026", confirm="MatKhau@2026"
    )
    assert not wrong.ok
    assert logindrill.reset_password(
        workspace=workspace, code=code, new="MatKhau@2026", confirm="MatKhau@2026"
    ).ok
    workspace_clock_set(workspace=workspace, at=sandbox_now(workspace) + timedelta(minutes=11))
    assert logindrill.reset_request(workspace=workspace, username=_username(workspace)).ok
    stale = logindrill.account_of(workspace).reset_code
    workspace_clock_set(workspace=workspace, at=sandbox_now(workspace) + timedelta(minutes=11))
    expired = logindrill.reset_password(
        workspace=workspace, code=stale, new="MatKhau@2030", confirm="MatKhau@2030"
    )
    assert not expired.ok and "hết hạn" in expired.message


def test_a_reset_unlocks_a_locked_account(workspace):
    for _ in range(5):
        logindrill.login_attempt(workspace=workspace, username=_username(workspace), password="sai")
    assert logindrill.account_of(workspace).status == "locked"
    logindrill.reset_request(workspace=workspace, username=_username(workspace))
    code = logindrill.account_of(workspace).reset_code
    assert logindrill.reset_password(
        workspace=workspace, code=code, new="MatKhau@2026", confirm="MatKhau@2026"
    ).ok
    assert logindrill.login_attempt(
        workspace=workspace, username=_username(workspace), password="MatKhau@2026"
    ).ok


def test_vneid_sign_in_with_maintenance_device_mismatch_and_an_inactive_account(workspace):
    for name in ("vneid_maintenance", "vneid_device_mismatch", "vneid_not_activated"):
        fault_enable(workspace=workspace, name=name)
    workspace.refresh_from_db()
    first = logindrill.vneid_request(workspace=workspace, method="qr")
    assert not first.ok and "bảo trì" in first.message and first.event.fault
    second = logindrill.vneid_request(workspace=workspace, method="qr")
    assert "điện thoại khác" in second.message
    assert not fault_fix(workspace=workspace, name="vneid_device_mismatch").ok  # a click is not enough
    workspace.refresh_from_db()
    otp = logindrill.device_otp_pending(workspace)
    assert logindrill.vneid_device_confirm(workspace=workspace, code=otp).ok
    workspace.refresh_from_db()
    assert "chưa được kích hoạt" in logindrill.vneid_request(workspace=workspace, method="qr").message
    assert fault_fix(workspace=workspace, name="vneid_not_activated").ok
    workspace.refresh_from_db()
    assert logindrill.vneid_request(workspace=workspace, method="code").ok
    assert not logindrill.vneid_confirm(workspace=workspace, code="000000").ok
    code = logindrill.account_of(workspace).vneid_request
    assert logindrill.vneid_confirm(workspace=workspace, code=code).ok
    assert logindrill.account_of(workspace).signed_in_with == "vneid"


def test_the_login_screen_keeps_the_username_and_never_echoes_the_password(client, official, workspace):
    client.force_login(official)
    response = client.post(
        reverse("sandbox:login_submit"), {"username": "ten-go-sai", "password": "bi-mat-123"}
    )
    # Post-redirect-get (issue 16, item 9): a reload of the screen does not try the password again.
    assert response.status_code == 302 and response.url == reverse("sandbox:login")
    html = client.get(response.url).content.decode()
    assert 'value="ten-go-sai"' in html and "bi-mat-123" not in html
    client.get(response.url)
    assert workspace.events.filter(machine="login", action="sign_in", ok=False).count() == 1


def test_a_wrong_password_says_how_many_tries_are_left_after_the_redirect(client, official, workspace):
    client.force_login(official)
    response = client.post(
        reverse("sandbox:login_submit"),
        {"username": _username(workspace), "password": "bi-mat-123"},
        follow=True,
    )
    html = response.content.decode()
    assert "Còn 4 lần thử" in html and _username(workspace) in html and "bi-mat-123" not in html
