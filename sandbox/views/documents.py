"""The document management replica: incoming and outgoing documents, their register books, and the
one action endpoint every workflow button posts to."""

from dataclasses import asdict
from datetime import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sandbox import incoming_files, pdf, selectors
from sandbox.documents import outgoing_pdf_render
from sandbox.forms import DraftForm, PaperDocumentForm
from sandbox.machines import INCOMING, MACHINES, OUTGOING
from sandbox.services import (
    incoming_paper_receive,
    lookup_recorded,
    outgoing_draft_create,
    outgoing_receipts_advance,
    sandbox_now,
    transition_apply_to,
)
from sandbox.views.common import (
    DETAIL_URLS,
    MODELS,
    actions_for,
    page,
    timing_warn,
    typed_keep,
    typed_take,
    workspace_of,
)


def _year(request, workspace) -> int:
    raw = request.GET.get("year", "")
    return int(raw) if raw.isdigit() else timezone.localtime(sandbox_now(workspace)).year


@login_required
def incoming_list(request):
    workspace = workspace_of(request)
    documents = selectors.incoming_list(workspace=workspace)
    status = request.GET.get("status", "")
    tabs = selectors.state_tabs(objects=documents, machine=INCOMING, current=status)
    documents = documents.filter(status=status) if status else documents
    now = sandbox_now(workspace)
    overdue_ids = {d.pk for d in documents if selectors.incoming_overdue(d, now)}
    return page(
        request,
        workspace,
        "sandbox/incoming_list.html",
        {"documents": documents, "machine": INCOMING, "tabs": tabs, "overdue_ids": overdue_ids},
    )


def incoming_page(request, workspace, document, *, typed=None, open_action="", error="", status=200):
    context = {
        "here": reverse("sandbox:incoming_detail", args=[document.pk]),
        "document": document,
        "machine": INCOMING,
        "due": selectors.document_due(workspace=workspace, document=document, now=sandbox_now(workspace)),
        "actions": actions_for(
            workspace=workspace, obj=document, typed=typed, open_action=open_action, error=error
        ),
        "history": workspace.events.filter(machine="incoming", object_id=document.pk).order_by("id"),
        "has_file": incoming_files.has_file(document),
        "check": _check_words(selectors.incoming_signature_checked(workspace=workspace, document=document)),
    }
    return page(request, workspace, "sandbox/incoming_detail.html", context, status=status)


def _check_words(event) -> dict | None:
    return {**incoming_files.verdict_words(event.data), "at": event.at} if event else None


def _pdf_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def incoming_pdf_view(request, pk: int):
    """The document's file as it arrived, signed by its sender (the official's own documents only)."""
    workspace = workspace_of(request)
    document = get_object_or_404(workspace.incoming, pk=pk)
    if not incoming_files.has_file(document):
        raise Http404
    lookup_recorded(workspace=workspace, machine="incoming", action="open_file", data={}, obj=document)
    return _pdf_response(incoming_files.incoming_pdf(document=document), f"van-ban-den-{document.pk}.pdf")


@login_required
def incoming_attachment(request, pk: int, index: int):
    workspace = workspace_of(request)
    document = get_object_or_404(workspace.incoming, pk=pk)
    if index >= len(document.attachments):
        raise Http404
    content = incoming_files.attachment_pdf(document=document, index=index)
    return _pdf_response(content, f"van-ban-den-{document.pk}-dinh-kem-{index + 1}.pdf")


@login_required
@require_POST
def incoming_check(request, pk: int):
    """“Kiểm tra chữ ký”: the verdict is logged and shown on the document's page."""
    workspace = workspace_of(request)
    document = get_object_or_404(workspace.incoming, pk=pk)
    if not incoming_files.has_file(document):
        raise Http404
    verdict = incoming_files.incoming_signature_check(workspace=workspace, document=document)
    words = incoming_files.verdict_words(verdict.as_data())
    (messages.success if verdict.ok else messages.error)(request, words["headline"], extra_tags="focus")
    return redirect(f"{reverse('sandbox:incoming_detail', args=[pk])}#signature-check")


@login_required
def incoming_detail(request, pk: int):
    workspace = workspace_of(request)
    typed, open_action, error = typed_take(request, machine="incoming", pk=pk)
    return incoming_page(
        request,
        workspace,
        get_object_or_404(workspace.incoming, pk=pk),
        typed=typed,
        open_action=open_action,
        error=error,
    )


@login_required
def incoming_new(request):
    """Register a paper document: kept as typed when refused."""
    workspace = workspace_of(request)
    form = PaperDocumentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        outcome = incoming_paper_receive(
            workspace=workspace, actor_role=workspace.role, data=form.cleaned_data
        )
        if outcome.ok:
            messages.success(
                request, _("Đã vào sổ văn bản đến, số đến: %(number)s.") % {"number": outcome.obj.number}
            )
            timing_warn(request, outcome)
            return redirect("sandbox:incoming_detail", pk=outcome.obj.pk)
        messages.error(request, outcome.message)
    return page(request, workspace, "sandbox/incoming_new.html", {"form": form})


@login_required
def incoming_book(request):
    """Sổ văn bản đến of a year."""
    workspace = workspace_of(request)
    year = _year(request, workspace)
    lookup_recorded(workspace=workspace, machine="incoming", action="view_book", data={"year": year})
    documents = selectors.incoming_book(workspace=workspace, year=year)
    return page(request, workspace, "sandbox/incoming_book.html", {"documents": documents, "year": year})


@login_required
def outgoing_list(request):
    workspace = workspace_of(request)
    documents = selectors.outgoing_list(workspace=workspace)
    status = request.GET.get("status", "")
    tabs = selectors.state_tabs(objects=documents, machine=OUTGOING, current=status)
    documents = documents.filter(status=status) if status else documents
    return page(
        request,
        workspace,
        "sandbox/outgoing_list.html",
        {"documents": documents, "machine": OUTGOING, "tabs": tabs},
    )


def outgoing_page(
    request, workspace, document, *, typed=None, open_action="", error="", status=200, validation=None
):
    context = {
        "here": reverse("sandbox:outgoing_detail", args=[document.pk]),
        "document": document,
        "machine": OUTGOING,
        "due": selectors.document_due(workspace=workspace, document=document, now=sandbox_now(workspace)),
        "actions": actions_for(
            workspace=workspace, obj=document, typed=typed, open_action=open_action, error=error
        ),
        "history": workspace.events.filter(
            machine__in=("outgoing", "signing"), object_id=document.pk
        ).order_by("id"),
        "validation": validation,
    }
    return page(request, workspace, "sandbox/outgoing_detail.html", context, status=status)


_VALIDATION = "sandbox_validation"


def validation_keep(request, *, document_id: int, result: pdf.ValidationResult) -> None:
    """Keep a signature check's verdict for the page the check redirects to (post-redirect-get: a
    reload shows the verdict again without checking, and logging, a second time)."""
    data = asdict(result)
    for signature in data["signatures"]:
        for key in ("signing_time", "timestamp"):
            moment = signature[key]
            signature[key] = moment.isoformat() if moment else None
    request.session[_VALIDATION] = {"document_id": document_id, "result": data}


def _validation_shown(request, document_id: int) -> pdf.ValidationResult | None:
    kept = request.session.get(_VALIDATION)
    if not kept or kept.get("document_id") != document_id:
        return None
    del request.session[_VALIDATION]
    data = kept["result"]
    signatures = [
        pdf.SignatureInfo(
            **{
                **signature,
                **{
                    key: datetime.fromisoformat(signature[key]) if signature.get(key) else None
                    for key in ("signing_time", "timestamp")
                },
            }
        )
        for signature in data["signatures"]
    ]
    return pdf.ValidationResult(valid=data["valid"], signatures=signatures, error=data["error"])


@login_required
def outgoing_detail(request, pk: int):
    """The document with its tracking: the recipients' systems report their receipt as sandbox time
    passes; and the verdict of the signature check just made on it, if any."""
    workspace = workspace_of(request)
    outgoing_receipts_advance(workspace=workspace)
    document = get_object_or_404(workspace.outgoing, pk=pk)
    typed, open_action, error = typed_take(request, machine="outgoing", pk=pk)
    return outgoing_page(
        request,
        workspace,
        document,
        typed=typed,
        open_action=open_action,
        error=error,
        validation=_validation_shown(request, document.pk),
    )


@login_required
def outgoing_new(request):
    """A new draft by the handler; kept as typed when refused."""
    workspace = workspace_of(request)
    form = DraftForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        outcome = outgoing_draft_create(
            workspace=workspace, actor_role=workspace.role, data=form.cleaned_data
        )
        if outcome.ok:
            messages.success(request, _("Đã tạo dự thảo."))
            return redirect("sandbox:outgoing_detail", pk=outcome.obj.pk)
        messages.error(request, outcome.message)
    return page(request, workspace, "sandbox/outgoing_new.html", {"form": form})


@login_required
def outgoing_book(request):
    """Sổ văn bản đi of a year; secret documents in their own series."""
    workspace = workspace_of(request)
    year = _year(request, workspace)
    lookup_recorded(workspace=workspace, machine="outgoing", action="view_book", data={"year": year})
    context = {
        "documents": selectors.outgoing_book(workspace=workspace, year=year),
        "secret_documents": selectors.outgoing_book(workspace=workspace, year=year, secret=True),
        "year": year,
    }
    return page(request, workspace, "sandbox/outgoing_book.html", context)


@login_required
def outgoing_pdf(request, pk: int):
    """The document as PDF: the signed file once signed, else the draft rendered now."""
    workspace = workspace_of(request)
    document = get_object_or_404(workspace.outgoing, pk=pk)
    content = (
        bytes(document.pdf)
        if document.pdf
        else outgoing_pdf_render(document=document, today=timezone.localtime(sandbox_now(workspace)).date())
    )
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="van-ban-{document.pk}.pdf"'
    return response


@login_required
@require_POST
def act(request, machine: str, pk: int, transition: str):
    """Every workflow button posts here: one call to ``transition_apply_to`` as the current desk (the
    object is looked up in the workspace and locked in one read; another workspace's is 404); then back
    to the object's page, which after a refusal shows the reason and what was typed."""
    spec = MACHINES.get(machine, None)
    if machine not in MODELS or spec is None or transition not in spec.transitions:
        raise Http404
    if spec.transitions[transition].internal:
        raise Http404
    workspace = workspace_of(request)
    data = {name: request.POST.get(name, "") for name in spec.transitions[transition].fields}
    try:
        outcome = transition_apply_to(
            workspace=workspace,
            model=MODELS[machine],
            pk=pk,
            transition=transition,
            actor_role=workspace.role,
            data=data,
        )
    except MODELS[machine].DoesNotExist:
        raise Http404 from None
    if outcome.ok:
        # The confirmation takes the focus on the page the official lands on (includes/messages.html).
        messages.success(
            request,
            _("Đã thực hiện: %(action)s.") % {"action": spec.transitions[transition].label},
            extra_tags="focus",
        )
        timing_warn(request, outcome)
        created = outcome.event.data.get("draft_id")
        if created:
            return redirect("sandbox:outgoing_detail", pk=created)
        return redirect(DETAIL_URLS[machine], pk=pk)
    messages.error(request, outcome.message)
    typed_keep(request, machine=machine, pk=pk, transition=transition, typed=data, error=outcome.message)
    return redirect(DETAIL_URLS[machine], pk=pk)
