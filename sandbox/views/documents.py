"""The document management replica: incoming and outgoing documents, their register books, and the
one action endpoint every workflow button posts to."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sandbox import selectors
from sandbox.documents import outgoing_pdf_render
from sandbox.forms import DraftForm, PaperDocumentForm
from sandbox.machines import INCOMING, MACHINES, OUTGOING
from sandbox.services import (
    incoming_paper_receive,
    lookup_recorded,
    outgoing_draft_create,
    outgoing_receipts_advance,
    sandbox_now,
    transition_apply,
)
from sandbox.views.common import DETAIL_URLS, MODELS, actions_for, page, timing_warn, workspace_of


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
    return page(
        request,
        workspace,
        "sandbox/incoming_list.html",
        {"documents": documents, "machine": INCOMING, "tabs": tabs},
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
    }
    return page(request, workspace, "sandbox/incoming_detail.html", context, status=status)


@login_required
def incoming_detail(request, pk: int):
    workspace = workspace_of(request)
    return incoming_page(request, workspace, get_object_or_404(workspace.incoming, pk=pk))


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


@login_required
def outgoing_detail(request, pk: int):
    """The document with its tracking: the recipients' systems report their receipt as sandbox time passes."""
    workspace = workspace_of(request)
    outgoing_receipts_advance(workspace=workspace)
    return outgoing_page(request, workspace, get_object_or_404(workspace.outgoing, pk=pk))


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


PAGES = {"incoming": incoming_page, "outgoing": outgoing_page}


@login_required
@require_POST
def act(request, machine: str, pk: int, transition: str):
    """Every workflow button posts here: one call to ``transition_apply`` as the current desk. A
    refusal re-renders the object's page with the reason and what was typed."""
    from sandbox.views.dossiers import dossier_page

    spec = MACHINES.get(machine, None)
    if machine not in MODELS or spec is None or transition not in spec.transitions:
        raise Http404
    if spec.transitions[transition].internal:
        raise Http404
    workspace = workspace_of(request)
    obj = get_object_or_404(MODELS[machine].objects.filter(workspace=workspace), pk=pk)
    data = {name: request.POST.get(name, "") for name in spec.transitions[transition].fields}
    outcome = transition_apply(
        workspace=workspace, obj=obj, transition=transition, actor_role=workspace.role, data=data
    )
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
    render_page = {**PAGES, "dossier": dossier_page}[machine]
    return render_page(
        request,
        workspace,
        outcome.obj,
        typed=request.POST,
        open_action=transition,
        error=outcome.message,
        status=422,
    )
