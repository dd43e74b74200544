"""The desk's own screens beside the documents and the one-stop desk: Hồ sơ công việc (work files),
Tra cứu (look-up across documents and dossiers) and Báo cáo (counts per state and overdue)."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from sandbox import selectors, workfiles
from sandbox.services import lookup_recorded, sandbox_now
from sandbox.views.common import page, workspace_of

DETAIL = {
    "incoming": "sandbox:incoming_detail",
    "outgoing": "sandbox:outgoing_detail",
    "dossier": "sandbox:dossier_detail",
}
LIST = {
    "incoming": "sandbox:incoming_list",
    "outgoing": "sandbox:outgoing_list",
    "dossier": "sandbox:dossier_list",
}


def _date(raw: str) -> date | None:
    try:
        return date.fromisoformat(raw) if raw else None
    except ValueError:
        return None


@login_required
def workfile_list(request):
    """Hồ sơ công việc: the official's files, open ones first, with what each holds; a form opens one."""
    workspace = workspace_of(request)
    typed = {"code": "", "title": "", "retention": ""}
    error = ""
    if request.method == "POST":
        typed = {key: request.POST.get(key, "").strip() for key in typed}
        outcome = workfiles.workfile_open(workspace=workspace, **typed)
        if outcome.ok:
            messages.success(request, _("Đã lập hồ sơ %(code)s.") % {"code": outcome.obj.code})
            return redirect("sandbox:workfile_detail", pk=outcome.obj.pk)
        error = outcome.message
    files = [
        (f, f.incoming.count() + f.outgoing.count() + f.dossiers.count())
        for f in workspace.work_files.order_by("closed_at", "-opened_at", "-id")
    ]
    context = {
        "files": files,
        "typed": typed,
        "error": error,
        "retentions": workfiles.RETENTIONS,
        "open_count": sum(1 for f, _n in files if f.closed_at is None),
    }
    return page(request, workspace, "sandbox/workfile_list.html", context, status=400 if error else 200)


def _choices(workspace, work_file):
    """What can still go into the file: the workspace's documents and dossiers not in it yet."""
    return [
        (
            _("Văn bản đến"),
            "incoming",
            workspace.incoming.exclude(pk__in=work_file.incoming.values("pk")).order_by("-arrived_at"),
        ),
        (
            _("Văn bản đi"),
            "outgoing",
            workspace.outgoing.defer("pdf")
            .exclude(pk__in=work_file.outgoing.values("pk"))
            .order_by("-created_at"),
        ),
        (
            _("Hồ sơ một cửa"),
            "dossier",
            workspace.dossiers.exclude(pk__in=work_file.dossiers.values("pk")).order_by("-submitted_at"),
        ),
    ]


@login_required
def workfile_detail(request, pk: int):
    workspace = workspace_of(request)
    work_file = get_object_or_404(workspace.work_files, pk=pk)
    error = ""
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action == "close":
            outcome = workfiles.workfile_close(workspace=workspace, work_file=work_file)
        else:
            kind, _sep, item = request.POST.get("item", "").partition(":")
            outcome = workfiles.workfile_item(
                workspace=workspace,
                work_file=work_file,
                kind=kind,
                pk=int(item) if item.isdigit() else 0,
                add=action != "remove",
            )
        if outcome.ok:
            messages.success(request, _("Đã cập nhật hồ sơ."))
            return redirect("sandbox:workfile_detail", pk=pk)
        error = outcome.message
    now = sandbox_now(workspace)
    context = {
        "here": reverse("sandbox:workfile_detail", args=[pk]),
        "work_file": work_file,
        "incoming": work_file.incoming.order_by("arrived_at"),
        "outgoing": work_file.outgoing.defer("pdf").order_by("created_at"),
        "dossiers": [
            (d, selectors.dossier_overdue(d, now)) for d in work_file.dossiers.order_by("submitted_at")
        ],
        "choices": _choices(workspace, work_file) if work_file.closed_at is None else [],
        "error": error,
        "history": workspace.events.filter(machine="workfile", object_id=work_file.pk).order_by("id"),
    }
    return page(request, workspace, "sandbox/workfile_detail.html", context, status=400 if error else 200)


@login_required
def lookup(request):
    """Tra cứu: one search over the incoming and outgoing documents and the dossiers, with filters."""
    workspace = workspace_of(request)
    query = request.GET.get("q", "").strip()
    kind = request.GET.get("kind", "")
    kind = kind if kind in selectors.LOOKUP_KINDS else ""
    since, until = _date(request.GET.get("since", "")), _date(request.GET.get("until", ""))
    overdue_only = request.GET.get("overdue") == "1"
    searched = any(key in request.GET for key in ("q", "kind", "since", "until", "overdue"))
    rows = []
    if searched:
        found = selectors.lookup_search(
            workspace=workspace,
            query=query,
            kind=kind,
            since=since,
            until=until,
            overdue_only=overdue_only,
            now=sandbox_now(workspace),
        )
        rows = [(f, reverse(DETAIL[f.kind], args=[f.pk])) for f in found]
        dossiers = [f for f in found if f.kind == "dossier"]
        if kind == "dossier" and query:
            # The one-stop system's own dossier look-up (scenario 22 counts it as such).
            lookup_recorded(
                workspace=workspace,
                machine="dossier",
                action="search",
                data={"q": query, "found": len(dossiers)},
                obj=workspace.dossiers.get(pk=dossiers[0].pk) if len(dossiers) == 1 else None,
            )
        else:
            lookup_recorded(
                workspace=workspace,
                machine="lookup",
                action="search",
                data={"q": query, "kind": kind, "overdue": overdue_only, "found": len(rows)},
            )
    context = {
        "query": query,
        "kind": kind,
        "since": since.isoformat() if since else "",
        "until": until.isoformat() if until else "",
        "overdue_only": overdue_only,
        "searched": searched,
        "rows": rows,
        "overdue_count": sum(1 for f, _url in rows if f.overdue),
        "kinds": [
            ("incoming", _("Văn bản đến")),
            ("outgoing", _("Văn bản đi")),
            ("dossier", _("Hồ sơ một cửa")),
        ],
    }
    return page(request, workspace, "sandbox/lookup.html", context)


@login_required
def report(request):
    """Báo cáo: the official's own sandbox in figures, each count a link to its filtered grid."""
    workspace = workspace_of(request)
    reports = selectors.workspace_report(workspace=workspace, now=sandbox_now(workspace))
    lookup_recorded(workspace=workspace, machine="lookup", action="report", data={})
    rows = [(r, reverse(LIST[r.kind])) for r in reports]
    return page(request, workspace, "sandbox/report.html", {"rows": rows})
