"""The login drill's replica sign-in screen (separate from the platform's real sign-in)."""

import io

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sandbox import logindrill
from sandbox.forms import PracticeLoginForm, PracticePasswordForm, PracticeResetForm
from sandbox.machines import INITIAL_PASSWORD
from sandbox.services import sandbox_now
from sandbox.views.common import outcome_message, page, workspace_of


def _qr_svg(text: str) -> str:
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = io.BytesIO()
    image.save(buffer)
    return buffer.getvalue().decode()


def _vneid_pending(account, now) -> bool:
    return bool(
        account.vneid_request and account.vneid_request_expires and account.vneid_request_expires > now
    )


_TYPED = "sandbox_login_typed"


@login_required
def login_screen(
    request, *, login_form=None, reset_form=None, mode: str = "", device_otp_error="", device_otp_typed=""
):
    """Signed out: the sign-in form, “forgot password” and VNeID; signed in: the system's home, with
    the first-login password change when it is due."""
    workspace = workspace_of(request)
    account = logindrill.account_of(workspace)
    now = sandbox_now(workspace)
    mode = mode or request.GET.get("mode", "")
    # What a refused sign-in or reset left typed (post-redirect-get), shown once.
    typed = request.session.pop(_TYPED, None) or {}
    if login_form is None and typed.get("username"):
        login_form = PracticeLoginForm(initial={"username": typed["username"]})
    if reset_form is None and typed.get("code"):
        reset_form = PracticeResetForm(initial={"code": typed["code"]})
    vneid = _vneid_pending(account, now) and not account.signed_in_at
    context = {
        "here": reverse("sandbox:login"),
        "account": account,
        "initial_password": INITIAL_PASSWORD,
        "login_form": login_form or PracticeLoginForm(initial={"username": account.username}),
        "password_form": PracticePasswordForm(),
        "reset_form": reset_form or PracticeResetForm(),
        "mode": mode,
        "vneid_pending": vneid,
        "vneid_method": request.GET.get("method", "qr"),
        "vneid_qr": mark_safe(_qr_svg(f"VNEID-LOGIN:{account.vneid_request}")) if vneid else "",
        # The new phone asks for the OTP the old phone shows (the device-mismatch drill, once it struck).
        "device_otp_asked": "vneid_device_mismatch" in workspace.faults and bool(account.device_otp),
        "device_otp_error": device_otp_error or "",
        "device_otp_typed": device_otp_typed or "",
    }
    return page(request, workspace, "sandbox/login.html", context)


@login_required
@require_POST
def login_device_otp(request):
    """The OTP from the old phone, typed on the new one: the VNeID account moves to the new phone."""
    workspace = workspace_of(request)
    code = request.POST.get("otp", "")
    outcome = logindrill.vneid_device_confirm(workspace=workspace, code=code)
    if not outcome.ok:
        return login_screen(request, device_otp_error=outcome.message, device_otp_typed=code[:6])
    messages.success(request, _("Đã xác nhận thiết bị mới. Hãy đăng nhập bằng VNeID lại."))
    return redirect("sandbox:login")


@login_required
@require_POST
def login_submit(request):
    workspace = workspace_of(request)
    form = PracticeLoginForm(request.POST)
    if not form.is_valid():
        return login_screen(request, login_form=form)
    outcome = logindrill.login_attempt(
        workspace=workspace, username=form.cleaned_data["username"], password=form.cleaned_data["password"]
    )
    if outcome.ok:
        return redirect("sandbox:login")
    messages.error(request, outcome.message)
    # Post-redirect-get: a reload must not try the password again (five wrong ones lock the
    # account). The username stays typed; a password is never sent back.
    request.session[_TYPED] = {"username": form.cleaned_data["username"]}
    return redirect("sandbox:login")


@login_required
@require_POST
def login_change(request):
    workspace = workspace_of(request)
    form = PracticePasswordForm(request.POST)
    if form.is_valid():
        outcome = logindrill.password_change(
            workspace=workspace, new=form.cleaned_data["new"], confirm=form.cleaned_data["confirm"]
        )
        outcome_message(request, outcome, _("Đã đổi mật khẩu."))
    else:
        messages.error(request, _("Hãy nhập mật khẩu mới hai lần."))
    return redirect("sandbox:login")


@login_required
@require_POST
def login_logout(request):
    outcome = logindrill.sign_out(workspace=workspace_of(request))
    outcome_message(request, outcome, _("Đã đăng xuất."))
    return redirect("sandbox:login")


@login_required
@require_POST
def login_forgot(request):
    workspace = workspace_of(request)
    outcome = logindrill.reset_request(workspace=workspace, username=request.POST.get("username", ""))
    outcome_message(
        request, outcome, _("Đã gửi mã xác nhận tới điện thoại của bạn (xem “Điện thoại của bạn”).")
    )
    return redirect(f"{reverse('sandbox:login')}?mode={'reset' if outcome.ok else 'forgot'}")


@login_required
@require_POST
def login_reset(request):
    workspace = workspace_of(request)
    form = PracticeResetForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Hãy nhập mã xác nhận và mật khẩu mới hai lần."))
        return login_screen(request, reset_form=form, mode="reset")
    outcome = logindrill.reset_password(
        workspace=workspace,
        code=form.cleaned_data["code"],
        new=form.cleaned_data["new"],
        confirm=form.cleaned_data["confirm"],
    )
    outcome_message(request, outcome, _("Đã đặt lại mật khẩu. Hãy đăng nhập bằng mật khẩu mới."))
    if outcome.ok:
        return redirect("sandbox:login")
    request.session[_TYPED] = {"code": form.cleaned_data["code"]}
    return redirect(f"{reverse('sandbox:login')}?mode=reset")


@login_required
@require_POST
def login_vneid(request):
    workspace = workspace_of(request)
    method = request.POST.get("method", "qr")
    outcome = logindrill.vneid_request(workspace=workspace, method=method)
    if not outcome.ok:
        messages.error(request, outcome.message)
    return redirect(f"{reverse('sandbox:login')}?method={method}")


@login_required
def login_status(request):
    """Polled while a VNeID request waits for the phone."""
    account = logindrill.account_of(workspace_of(request))
    return JsonResponse({"signed_in": bool(account.signed_in_at)})
