"""Issue 17, item 13: VNeID on a new phone. The old phone shows a 6-digit OTP that is typed on the new
one (a code, not a button); a wrong or expired code is refused; the old phone's code is another
official's business only in their own sandbox."""

from datetime import timedelta

from django.urls import reverse

from sandbox import logindrill
from sandbox.services import fault_enable, fault_fix, sandbox_now, workspace_clock_set


def _mismatch(workspace):
    fault_enable(workspace=workspace, name="vneid_device_mismatch")
    workspace.refresh_from_db()
    refused = logindrill.vneid_request(workspace=workspace, method="qr")
    assert not refused.ok and refused.event.fault
    workspace.refresh_from_db()
    return logindrill.device_otp_pending(workspace)


def test_the_old_phone_shows_an_otp_that_must_be_typed(workspace):
    otp = _mismatch(workspace)
    assert len(otp) == 6 and otp.isdigit()
    assert not fault_fix(workspace=workspace, name="vneid_device_mismatch").ok  # a click does nothing
    workspace.refresh_from_db()
    wrong = "000000" if otp != "000000" else "111111"
    refused = logindrill.vneid_device_confirm(workspace=workspace, code=wrong)
    assert not refused.ok and "không đúng" in refused.message
    workspace.refresh_from_db()
    assert "vneid_device_mismatch" in workspace.faults
    assert logindrill.vneid_device_confirm(workspace=workspace, code=otp).ok
    workspace.refresh_from_db()
    assert "vneid_device_mismatch" not in workspace.faults
    assert workspace.events.filter(
        machine="fault", action="fix", ok=True, data__fault="vneid_device_mismatch"
    )
    assert logindrill.vneid_request(workspace=workspace, method="qr").ok


def test_an_expired_otp_is_refused_and_asking_again_gives_a_new_one(workspace):
    otp = _mismatch(workspace)
    workspace_clock_set(workspace=workspace, at=sandbox_now(workspace) + timedelta(minutes=6))
    workspace.refresh_from_db()
    refused = logindrill.vneid_device_confirm(workspace=workspace, code=otp)
    assert not refused.ok and "hết hạn" in refused.message
    logindrill.vneid_request(workspace=workspace, method="qr")
    workspace.refresh_from_db()
    fresh = logindrill.device_otp_pending(workspace)
    assert fresh
    assert logindrill.vneid_device_confirm(workspace=workspace, code=fresh).ok


def test_the_login_screen_asks_for_the_code_and_keeps_a_wrong_one(client, official, workspace):
    client.force_login(official)
    otp = _mismatch(workspace)
    html = client.get(reverse("sandbox:login")).content.decode()
    assert "Mã OTP từ thiết bị cũ" in html and otp not in html  # the code is on the old phone only
    assert otp in client.get(reverse("sandbox:phone")).content.decode()
    wrong = "000000" if otp != "000000" else "111111"
    response = client.post(reverse("sandbox:login_device_otp"), {"otp": wrong})
    html = response.content.decode()
    assert 'id="device-otp-error"' in html and f'value="{wrong}"' in html
    assert client.post(reverse("sandbox:login_device_otp"), {"otp": otp}).status_code == 302


def test_another_officials_otp_does_not_work_in_ones_own_sandbox(workspace, other_workspace):
    theirs = _mismatch(other_workspace)
    mine = _mismatch(workspace)
    if theirs != mine:
        assert not logindrill.vneid_device_confirm(workspace=workspace, code=theirs).ok
    assert logindrill.vneid_device_confirm(workspace=workspace, code=mine).ok
