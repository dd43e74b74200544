"""The login drill: a practice account on a replica sign-in screen, separate from the platform's real
sign-in. Wrong passwords are counted and five lock the account for 15 minutes; the one-time codes of
the password reset and the VNeID confirmation appear on the simulated phone, never sent anywhere."""

from django.db import transaction
from django.utils.translation import gettext as _

from sandbox.machines import FAILURE_LIMIT, Context, locked_message
from sandbox.models import Actor, PracticeAccount, Workspace
from sandbox.services import Outcome, event_record, sandbox_now, transition_apply


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


def vneid_request(*, workspace: Workspace, method: str) -> Outcome:
    return _apply(workspace, "vneid_request", {"method": method if method in ("qr", "code") else "qr"})


def vneid_confirm(*, workspace: Workspace, code: str = "") -> Outcome:
    return _apply(workspace, "vneid_confirm", {"code": code})
