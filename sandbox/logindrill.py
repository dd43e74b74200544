"""The login drill: a practice account on a replica sign-in screen, separate from the platform's real
sign-in. Wrong passwords are counted and five lock the account for 15 minutes; the one-time codes of
the password reset and the VNeID confirmation appear on the simulated phone, never sent anywhere."""

import secrets
from datetime import timedelta

from django.db import transaction
from django.utils.translation import gettext as _

from sandbox.machines import FAILURE_LIMIT, Context, locked_message
from sandbox.models import Actor, PracticeAccount, Workspace
from sandbox.services import Outcome, event_record, fault_fix, sandbox_now, transition_apply

DEVICE_OTP_MINUTES = 5


def account_of(workspace: Workspace) -> PracticeAccount:
    account = PracticeAccount.objects.filter(workspace=workspace).first()
    if account is None:
        account = PracticeAccount.objects.create(
            workspace=workspace, username=f"{workspace.official.username}.thuchanh", password_hash=""
        )
    return account


def _unlock_if_due(workspace: Workspace, account: PracticeAccount) -> PracticeAccount:
    if account.status == "locked" and account.locked_until and account.locked_until <= sandbox_now(workspace):
        return transition_apply(
            workspace=workspace, obj=account, transition="unlock", actor_role=Actor.SYSTEM
        ).obj
    return account


def _apply(workspace: Workspace, transition: str, data: dict) -> Outcome:
    account = _unlock_if_due(workspace, account_of(workspace))
    return transition_apply(
        workspace=workspace, obj=account, transition=transition, actor_role=workspace.role, data=data
    )


@transaction.atomic
def login_attempt(*, workspace: Workspace, username: str, password: str) -> Outcome:
    """Sign in to the replica. A wrong password counts towards the lock; the fifth locks it."""
    account = _unlock_if_due(workspace, account_of(workspace))
    if username.strip().lower() != account.username.lower():
        reason = _("Sai tên đăng nhập hoặc mật khẩu.")
        event = event_record(
            workspace=workspace,
            machine="login",
            action="sign_in",
            actor=workspace.role,
            obj=account,
            ok=False,
            reason=reason,
            data={"username": username},
        )
        return Outcome(False, reason, event, account)
    was_open = account.status != "locked"
    outcome = transition_apply(
        workspace=workspace,
        obj=account,
        transition="sign_in",
        actor_role=workspace.role,
        data={"username": username, "_password": password},
    )
    if outcome.ok or not was_open or outcome.event.fault:
        return outcome
    account = outcome.obj
    account.failed_attempts += 1
    account.save(update_fields=["failed_attempts"])
    if account.failed_attempts >= FAILURE_LIMIT:
        locked = transition_apply(
            workspace=workspace, obj=account, transition="lock", actor_role=Actor.SYSTEM
        )
        message = locked_message(
            Context(workspace=workspace, obj=locked.obj, actor=Actor.SYSTEM, now=sandbox_now(workspace))
        )
        return Outcome(False, message, outcome.event, locked.obj)
    return outcome


def password_change(*, workspace: Workspace, new: str, confirm: str) -> Outcome:
    return _apply(workspace, "change_password", {"_new_password": new, "_confirm": confirm})


def sign_out(*, workspace: Workspace) -> Outcome:
    return _apply(workspace, "sign_out", {})


def reset_request(*, workspace: Workspace, username: str) -> Outcome:
    account = account_of(workspace)
    if username.strip().lower() != account.username.lower():
        reason = _("Không tìm thấy tài khoản có tên đăng nhập này.")
        event = event_record(
            workspace=workspace,
            machine="login",
            action="request_reset",
            actor=workspace.role,
            obj=account,
            ok=False,
            reason=reason,
            data={"username": username},
        )
        return Outcome(False, reason, event, account)
    return _apply(workspace, "request_reset", {"username": username})


def reset_password(*, workspace: Workspace, code: str, new: str, confirm: str) -> Outcome:
    return _apply(workspace, "reset_password", {"code": code, "_new_password": new, "_confirm": confirm})


@transaction.atomic
def vneid_request(*, workspace: Workspace, method: str) -> Outcome:
    outcome = _apply(workspace, "vneid_request", {"method": method if method in ("qr", "code") else "qr"})
    if not outcome.ok and outcome.event.data.get("fault_name") == "vneid_device_mismatch":
        device_otp_send(workspace=workspace)
    return outcome


def device_otp_send(*, workspace: Workspace) -> PracticeAccount:
    """The new phone asks: the old phone shows a 6-digit OTP, valid a few minutes (a fresh one each
    time the new phone asks again after the last one expired)."""
    account = account_of(workspace)
    now = sandbox_now(workspace)
    if not account.device_otp or not account.device_otp_expires or account.device_otp_expires <= now:
        account.device_otp = f"{secrets.randbelow(10**6):06d}"
    account.device_otp_expires = now + timedelta(minutes=DEVICE_OTP_MINUTES)
    account.save(update_fields=["device_otp", "device_otp_expires"])
    return account


def device_otp_pending(workspace: Workspace) -> str:
    """The OTP the old phone shows now, if any."""
    account = account_of(workspace)
    if (
        account.device_otp
        and account.device_otp_expires
        and account.device_otp_expires > sandbox_now(workspace)
    ):
        return account.device_otp
    return ""


@transaction.atomic
def vneid_device_confirm(*, workspace: Workspace, code: str) -> Outcome:
    """Type on the new phone the OTP the old phone shows: the account moves to the new phone (the
    device-mismatch drill is fixed). A wrong or expired code is refused, and logged."""
    account = account_of(workspace)
    code = (code or "").strip()
    reason = ""
    if "vneid_device_mismatch" not in workspace.faults:
        reason = _("Tài khoản VNeID không cần xác nhận thiết bị mới.")
    elif not code.isdigit() or len(code) != 6:
        reason = _("Mã OTP gồm 6 chữ số, xem trên điện thoại cũ.")
    elif not device_otp_pending(workspace):
        reason = _(
            "Mã OTP đã hết hạn. Hãy chọn “Đăng nhập bằng VNeID” lại để nhận mã mới trên điện thoại cũ."
        )
    elif not secrets.compare_digest(code, account.device_otp):
        reason = _("Mã OTP không đúng. Hãy gõ đúng mã hiển thị trên điện thoại cũ.")
    if reason:
        event = event_record(
            workspace=workspace,
            machine="login",
            action="vneid_device_otp",
            actor=workspace.role,
            obj=account,
            ok=False,
            reason=reason,
        )
        return Outcome(False, reason, event, account)
    account.device_otp, account.device_otp_expires = "", None
    account.save(update_fields=["device_otp", "device_otp_expires"])
    event_record(
        workspace=workspace, machine="login", action="vneid_device_otp", actor=workspace.role, obj=account
    )
    return fault_fix(workspace=workspace, name="vneid_device_mismatch", confirmed=True)


def vneid_confirm(*, workspace: Workspace, code: str = "") -> Outcome:
    return _apply(workspace, "vneid_confirm", {"code": code})
