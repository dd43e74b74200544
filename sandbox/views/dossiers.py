"""The one-stop replica: dossier search, detail with its actions, walk-in entry, printed forms and the
monthly report."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from people.uploads import UploadLimitHandler
from sandbox import paperwork, selectors
from sandbox.forms import WalkInDossierForm
from sandbox.interconnect import interconnect_answers_advance
from sandbox.machines import DOSSIER
from sandbox.models import ComponentFile
from sandbox.procedures import INTERCONNECT_AGENCIES, PROCEDURES
from sandbox.services import dossier_printed, dossier_walk_in_create, lookup_recorded, sandbox_now
from sandbox.views.common import actions_for, page, typed_take, workspace_of

PRINT_FORMS = {
    "receipt": ("sandbox/print/receipt.html", lambda d: d.received_at is not None),
    "request": ("sandbox/print/request.html", lambda d: bool(d.missing_papers)),
    "refusal": ("sandbox/print/refusal.html", lambda d: d.status == "3"),
    "apology": ("sandbox/print/apology.html", lambda d: d.apology_at is not None),
    "fee": ("sandbox/print/fee.html", lambda d: d.fee_paid_at is not None),
    "control": ("sandbox/print/control.html", lambda d: True),
    "stop": ("sandbox/print/stop.html", lambda d: d.status == "8"),
}


@login_required
def dossier_list(request):
    """Search by code, name or personal number, and filter by DVCQG status; each search is logged."""
    workspace = workspace_of(request)
    query, status = request.GET.get("q", "").strip(), request.GET.get("status", "")
    dossiers = list(selectors.dossier_search(workspace=workspace, query=query, status=status))
    if query:
        lookup_recorded(
            workspace=workspace,
            machine="dossier",
            action="search",
            data={"q": query, "found": len(dossiers)},
            obj=dossiers[0] if len(dossiers) == 1 else None,
        )
    now = sandbox_now(workspace)
    rows = [(d, selectors.dossier_overdue(d, now), PROCEDURES[d.procedure]) for d in dossiers]
    tabs = selectors.state_tabs(
        objects=selectors.dossier_search(workspace=workspace, query=query), machine=DOSSIER, current=status
    )
    context = {
        "rows": rows,
        "query": query,
        "status": status,
        "statuses": DOSSIER.states.items(),
        "tabs": tabs,
        "overdue_count": sum(1 for _dossier, overdue, _procedure in rows if overdue),
    }
    return page(request, workspace, "sandbox/dossier_list.html", context)


def dossier_page(
    request,
    workspace,
    dossier,
    *,
    typed=None,
    open_action="",
    error="",
    status=200,
    upload_error="",
    upload_component="",
):
    now = sandbox_now(workspace)
    context = {
        "here": reverse("sandbox:dossier_detail", args=[dossier.pk]),
        "dossier": dossier,
        "procedure": PROCEDURES[dossier.procedure],
        "machine": DOSSIER,
        "overdue": selectors.dossier_overdue(dossier, now),
        "agencies": [
            (key, label, dossier.interconnect.get(key))
            for key, label in INTERCONNECT_AGENCIES.items()
            if key in PROCEDURES[dossier.procedure].interconnect
        ],
        "results": dossier.results.defer("pdf"),
        "forms": [name for name, (_template, ready) in PRINT_FORMS.items() if ready(dossier)],
        "actions": actions_for(
            workspace=workspace, obj=dossier, typed=typed, open_action=open_action, error=error
        ),
        "history": workspace.events.filter(machine="dossier", object_id=dossier.pk).order_by("id"),
        "files": dossier.files.defer("data"),
        "processing": selectors.dossier_processing_steps(dossier),
        "upload_error": upload_error,
        "upload_component": upload_component,
        "upload_limit_mb": paperwork.COMPONENT_MAX_BYTES // 2**20,
    }
    return page(request, workspace, "sandbox/dossier_detail.html", context, status=status)


@csrf_exempt
@login_required
@require_POST
def dossier_attach(request, pk: int):
    """Attach the scan of a component. The size limit is in place before anything reads the body (CSRF
    checking included: hence this view is exempt and the inner one protected)."""
    request.upload_handlers.insert(0, UploadLimitHandler(request, paperwork.COMPONENT_MAX_BYTES))
    return _dossier_attach(request, pk)


@csrf_protect
def _dossier_attach(request, pk: int):
    workspace = workspace_of(request)
    dossier = get_object_or_404(workspace.dossiers, pk=pk)
    component = request.POST.get("component", "")
    upload = request.FILES.get("file")
    if getattr(request, "upload_too_large", False):
        error = _("Tệp quá lớn: tối đa %(limit)s MB.") % {"limit": paperwork.COMPONENT_MAX_BYTES // 2**20}
    elif upload is None:
        error = _("Hãy chọn tệp bản chụp hoặc bản scan.")
    else:
        outcome = paperwork.component_attach(
            workspace=workspace, dossier=dossier, component=component, name=upload.name, data=upload.read()
        )
        if outcome.ok:
            messages.success(request, _("Đã đính kèm %(name)s.") % {"name": outcome.obj.name})
            return redirect("sandbox:dossier_detail", pk=pk)
        error = outcome.message
    return dossier_page(
        request, workspace, dossier, upload_error=error, upload_component=component, status=400
    )


@login_required
def dossier_file(request, pk: int, file_id: int):
    """A component's scan, shown in the browser, to the workspace's official only."""
    workspace = workspace_of(request)
    attached = get_object_or_404(ComponentFile, pk=file_id, dossier_id=pk, dossier__workspace=workspace)
    response = HttpResponse(bytes(attached.data), content_type=attached.content_type)
    response["Content-Disposition"] = f'inline; filename="{attached.name}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def dossier_detail(request, pk: int):
    workspace = workspace_of(request)
    interconnect_answers_advance(workspace=workspace)
    typed, open_action, error = typed_take(request, machine="dossier", pk=pk)
    return dossier_page(
        request,
        workspace,
        get_object_or_404(workspace.dossiers, pk=pk),
        typed=typed,
        open_action=open_action,
        error=error,
    )


@login_required
def dossier_new(request):
    """A citizen at the counter: the one-stop officer enters the dossier (kept as typed on error)."""
    workspace = workspace_of(request)
    form = WalkInDossierForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        outcome = dossier_walk_in_create(
            workspace=workspace, actor_role=workspace.role, data=form.cleaned_data
        )
        if outcome.ok:
            messages.success(request, _("Đã nhập hồ sơ %(code)s.") % {"code": outcome.obj.code})
            return redirect("sandbox:dossier_detail", pk=outcome.obj.pk)
        messages.error(request, outcome.message)
    return page(request, workspace, "sandbox/dossier_new.html", {"form": form})


@login_required
def dossier_print(request, pk: int, form: str):
    """A printed form of Circular 03/2025 as a clean print page; printing is logged."""
    if form not in PRINT_FORMS:
        raise Http404
    workspace = workspace_of(request)
    dossier = get_object_or_404(workspace.dossiers, pk=pk)
    template, ready = PRINT_FORMS[form]
    if not ready(dossier):
        messages.error(request, _("Hồ sơ chưa đến bước có mẫu phiếu này."))
        return redirect("sandbox:dossier_detail", pk=pk)
    dossier_printed(workspace=workspace, dossier=dossier, form=form)
    context = {
        "dossier": dossier,
        "procedure": PROCEDURES[dossier.procedure],
        "workspace": workspace,
        "printed_at": timezone.localtime(sandbox_now(workspace)),
        "history": workspace.events.filter(machine="dossier", object_id=dossier.pk, ok=True).order_by("id"),
    }
    return render(request, template, context)


@login_required
def dossier_report(request):
    """Báo cáo tháng: received, finished on time or late, open and overdue."""
    workspace = workspace_of(request)
    now = sandbox_now(workspace)
    raw = request.GET.get("month", "")
    try:
        year, month = (int(part) for part in raw.split("-"))
        chosen = date(year, month, 1)
    except ValueError:
        local = timezone.localtime(now)
        chosen = date(local.year, local.month, 1)
    lookup_recorded(
        workspace=workspace, machine="dossier", action="report", data={"month": chosen.isoformat()[:7]}
    )
    report = selectors.dossier_monthly_report(workspace=workspace, month=chosen, now=now)
    statuses = [(label, report.by_status.get(code, 0)) for code, label in DOSSIER.states.items()]
    return page(request, workspace, "sandbox/dossier_report.html", {"report": report, "statuses": statuses})


@login_required
def dossier_register(request):
    """Sổ theo dõi hồ sơ: every dossier received, by receipt time, with its appointment and outcome."""
    workspace = workspace_of(request)
    now = sandbox_now(workspace)
    dossiers = selectors.dossier_register(workspace=workspace)
    rows = [(d, PROCEDURES[d.procedure], selectors.dossier_overdue(d, now)) for d in dossiers]
    lookup_recorded(workspace=workspace, machine="dossier", action="view_book", data={"rows": len(rows)})
    return page(request, workspace, "sandbox/dossier_register.html", {"rows": rows})
