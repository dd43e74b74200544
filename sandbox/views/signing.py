"""Signing screens: the USB token panel, remote signing with its waiting page, the simulated phone,
the certificates page (PIN envelope, PUK unblock) and signature checks."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from people.uploads import UploadLimitHandler
from sandbox import signing
from sandbox.forms import PinForm, UnblockForm, ValidateUploadForm
from sandbox.logindrill import account_of, device_otp_pending, vneid_confirm
from sandbox.models import CertificatePurpose, SigningRequest
from sandbox.services import sandbox_now
from sandbox.views.common import outcome_message, page, workspace_of
from sandbox.views.documents import validation_keep


def _purpose(request) -> str:
    purpose = request.GET.get("purpose") or request.POST.get("purpose") or CertificatePurpose.PERSONAL
    if purpose not in CertificatePurpose.values:
        raise Http404
    return purpose


@login_required
def sign(request, pk: int):
    """The signing panel of a document: USB token with PIN (personal signature or organisation seal),
    or remote signing for the personal signature."""
    workspace = workspace_of(request)
    document = get_object_or_404(workspace.outgoing.defer("pdf"), pk=pk)
    purpose = _purpose(request)
    form = PinForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        outcome = signing.usb_sign(
            workspace=workspace, document=document, pin=form.cleaned_data["pin"], purpose=purpose
        )
        if outcome.ok:
            messages.success(request, _("Đã ký số thành công."))
            return redirect("sandbox:outgoing_detail", pk=pk)
        messages.error(request, outcome.message)
        # Post-redirect-get: a reload must not try the PIN again (three wrong ones lock the token).
        return redirect(f"{reverse('sandbox:sign', args=[pk])}?purpose={purpose}")
    certificate = workspace.certificates.filter(purpose=purpose, active=True).first()
    context = {
        "here": request.get_full_path(),
        "document": document,
        "purpose": purpose,
        "form": form,
        "certificate": certificate,
        "personal": purpose == CertificatePurpose.PERSONAL,
    }
    return page(request, workspace, "sandbox/sign.html", context)


@login_required
@require_POST
def remote_start(request, pk: int):
    workspace = workspace_of(request)
    document = get_object_or_404(workspace.outgoing.defer("pdf"), pk=pk)
    outcome = signing.remote_request(workspace=workspace, document=document)
    if not outcome.ok:
        messages.error(request, outcome.message)
        return redirect(f"{reverse('sandbox:sign', args=[pk])}?purpose=personal")
    return redirect("sandbox:remote_wait", transaction_id=outcome.obj.transaction_id)


def _request_of(workspace, transaction_id: str) -> SigningRequest:
    return get_object_or_404(
        workspace.signing_requests.select_related("document"), transaction_id=transaction_id
    )


@login_required
def remote_wait(request, transaction_id: str):
    """The browser waits for the phone: a countdown, polled by a few lines of JavaScript."""
    workspace = workspace_of(request)
    signing_request = signing.remote_refresh(request=_request_of(workspace, transaction_id))
    left = max(0, int((signing_request.expires_at - sandbox_now(workspace)).total_seconds()))
    return page(
        request, workspace, "sandbox/remote_wait.html", {"signing_request": signing_request, "left": left}
    )


@login_required
def remote_status(request, transaction_id: str):
    workspace = workspace_of(request)
    signing_request = signing.remote_refresh(request=_request_of(workspace, transaction_id))
    left = max(0, int((signing_request.expires_at - sandbox_now(workspace)).total_seconds()))
    return JsonResponse(
        {"status": signing_request.status, "label": str(signing_request.get_status_display()), "left": left}
    )


@login_required
@require_POST
def remote_cancel(request, transaction_id: str):
    """Cancel a request; with ``resend`` a new one goes to the phone at once."""
    workspace = workspace_of(request)
    signing_request = _request_of(workspace, transaction_id)
    signing.remote_close(workspace=workspace, request=signing_request, action="cancel")
    if request.POST.get("resend"):
        return remote_start(request, signing_request.document_id)
    return redirect("sandbox:outgoing_detail", pk=signing_request.document_id)


@login_required
def phone(request):
    """“Điện thoại của bạn”: the simulated phone with the SmartCA requests, the VNeID confirmation and
    the one-time codes (nothing is ever sent to a real phone)."""
    workspace = workspace_of(request)
    pending = [
        signing.remote_refresh(request=r)
        for r in workspace.signing_requests.select_related("document").filter(
            status=SigningRequest.Status.PENDING, delivered=True
        )
    ]
    pending = [r for r in pending if r.status == SigningRequest.Status.PENDING]
    account = account_of(workspace)
    now = sandbox_now(workspace)
    context = {
        "pending": pending,
        "account": account,
        "reset_code": account.reset_code
        if account.reset_code_expires and account.reset_code_expires > now
        else "",
        "device_otp": device_otp_pending(workspace),
        "vneid_code": account.vneid_request
        if account.vneid_request and account.vneid_request_expires and account.vneid_request_expires > now
        else "",
    }
    return page(request, workspace, "sandbox/phone.html", context)


@login_required
@require_POST
def phone_signing(request, transaction_id: str, decision: str):
    workspace = workspace_of(request)
    signing_request = _request_of(workspace, transaction_id)
    if decision == "confirm":
        outcome = signing.remote_confirm(workspace=workspace, request=signing_request)
        outcome_message(request, outcome, _("Đã xác nhận: văn bản đã được ký số từ xa."))
    elif decision == "reject":
        signing.remote_close(workspace=workspace, request=signing_request, action="reject")
        messages.info(request, _("Đã từ chối yêu cầu ký."))
    else:
        raise Http404
    return redirect("sandbox:phone")


@login_required
@require_POST
def phone_vneid(request):
    workspace = workspace_of(request)
    outcome = vneid_confirm(workspace=workspace, code=request.POST.get("code", ""))
    outcome_message(request, outcome, _("Đã xác nhận đăng nhập trên ứng dụng VNeID."))
    return redirect("sandbox:phone")


def _certificates_page(request, workspace, *, upload_form=None, validation=None):
    for purpose in CertificatePurpose.values:
        signing.certificate_for(workspace=workspace, purpose=purpose)
    rows = [(cert, signing.certificate_problem(cert)) for cert in workspace.certificates.filter(active=True)]
    context = {
        "here": reverse("sandbox:certificates"),
        "rows": rows,
        "unblock_form": UnblockForm(),
        "upload_form": upload_form or ValidateUploadForm(),
        "validation": validation,
    }
    return page(request, workspace, "sandbox/certificates.html", context)


@login_required
def certificates(request):
    """The training certificates on the simulated tokens (issued on first use), their PIN envelopes,
    the unblock drill and a signature check of any PDF."""
    return _certificates_page(request, workspace_of(request))


@login_required
@require_POST
def unblock(request, pk: int):
    workspace = workspace_of(request)
    certificate = get_object_or_404(workspace.certificates, pk=pk)
    form = UnblockForm(request.POST)
    if form.is_valid():
        outcome = signing.token_unblock(
            workspace=workspace,
            certificate=certificate,
            puk=form.cleaned_data["puk"],
            new_pin=form.cleaned_data["new_pin"],
        )
        outcome_message(request, outcome, _("Đã mở khóa token và đặt mã PIN mới."))
    else:
        messages.error(request, _("Hãy nhập mã PUK và mã PIN mới."))
    return redirect("sandbox:certificates")


@login_required
@require_POST
def validate_document(request, pk: int):
    workspace = workspace_of(request)
    document = get_object_or_404(workspace.outgoing, pk=pk)
    result = signing.document_validate(workspace=workspace, document=document)
    validation_keep(request, document_id=document.pk, result=result)
    return redirect("sandbox:outgoing_detail", pk=document.pk)


# A signed practice document is a page or two; anything past this is refused while it is read.
SIGNED_PDF_MAX_BYTES = 10 * 1024 * 1024


@csrf_exempt
@login_required
@require_POST
def validate_upload(request):
    """Check any PDF file: a signed document validates, a tampered one does not. The size limit is
    in place before anything reads the body (CSRF checking included: hence this view is exempt and
    the inner one protected, as Django's documentation shows); Django's handlers keep a file past
    ``FILE_UPLOAD_MAX_MEMORY_SIZE`` on disk, not in memory."""
    request.upload_handlers.insert(0, UploadLimitHandler(request, SIGNED_PDF_MAX_BYTES))
    return _validate_upload(request)


@csrf_protect
def _validate_upload(request):
    workspace = workspace_of(request)
    form = ValidateUploadForm(request.POST, request.FILES)
    result = None
    if getattr(request, "upload_too_large", False):
        form.is_valid()
        form.errors["file"] = form.error_class(
            [_("Tệp quá lớn: tối đa %(limit)s MB.") % {"limit": SIGNED_PDF_MAX_BYTES // (1024 * 1024)}]
        )
    elif form.is_valid():
        result = signing.pdf_check(workspace=workspace, pdf_bytes=form.cleaned_data["file"].read())
    else:
        messages.error(request, _("Hãy chọn một tệp PDF."))
    return _certificates_page(request, workspace, upload_form=form, validation=result)
