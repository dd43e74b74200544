"""The exchange axis's packages: each document sent or received as its edXML package (a readable view
and the XML itself), and the import of a package received."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from people.uploads import UploadLimitHandler
from sandbox import edxml, exchange
from sandbox.edxml import FIELDS
from sandbox.forms import EDXML_MAX_BYTES, EdxmlImportForm
from sandbox.views.common import page, workspace_of

# The readable view shows the base64 of an attachment up to here (the download holds all of it).
PREVIEW_CHARS = 2000


def _package_of(request, direction: str, pk: int):
    if direction not in ("incoming", "outgoing"):
        raise Http404
    workspace = workspace_of(request)
    if direction == "incoming":
        document = get_object_or_404(workspace.incoming, pk=pk)
        return workspace, document, exchange.incoming_package(document=document)
    document = get_object_or_404(workspace.outgoing, pk=pk)
    if document.status not in exchange.SENT:
        raise Http404
    return workspace, document, exchange.outgoing_package(document=document)


@login_required
def package_view(request, direction: str, pk: int):
    """The package in words (header fields, attachments) and as the XML the axis carries."""
    workspace, document, package = _package_of(request, direction, pk)
    xml = edxml.build(package).decode()
    shown = (
        xml if len(xml) <= PREVIEW_CHARS * 4 else xml[: PREVIEW_CHARS * 2] + "\n…\n" + xml[-PREVIEW_CHARS:]
    )
    context = {
        "document": document,
        "direction": direction,
        "package": package,
        "xml": shown,
        "attachments": [(a.name, a.content_type, len(a.content)) for a in package.attachments],
    }
    return page(request, workspace, "sandbox/edxml_view.html", context)


@login_required
def package_download(request, direction: str, pk: int):
    _workspace, document, package = _package_of(request, direction, pk)
    response = HttpResponse(edxml.build(package), content_type="application/xml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{direction}-{document.pk}.edxml"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@csrf_exempt
@login_required
def package_import(request):
    """Upload a package: the size limit is in place before the body is read (as for the PDF check),
    CSRF is checked by the inner view."""
    if request.method == "POST":
        request.upload_handlers.insert(0, UploadLimitHandler(request, EDXML_MAX_BYTES))
    return _package_import(request)


@csrf_protect
def _package_import(request):
    workspace = workspace_of(request)
    form = EdxmlImportForm(request.POST or None, request.FILES or None)
    package_errors: list[tuple[str, str]] = []
    if request.method == "POST":
        if getattr(request, "upload_too_large", False):
            form.is_valid()
            form.errors["file"] = form.error_class(
                [_("Tệp quá lớn: tối đa %(limit)s MB.") % {"limit": EDXML_MAX_BYTES // 2**20}]
            )
        elif form.is_valid():
            imported = exchange.package_import(
                workspace=workspace, actor_role=workspace.role, data=form.cleaned_data["file"].read()
            )
            if imported.ok:
                messages.success(
                    request,
                    _("Đã nhận gói tin từ trục liên thông: văn bản %(reference)s.")
                    % {"reference": imported.document.reference},
                    extra_tags="focus",
                )
                return redirect("sandbox:incoming_detail", pk=imported.document.pk)
            package_errors = [
                (str(FIELDS[path][0]) if path in FIELDS else _("Tệp"), message)
                for path, message in imported.errors.items()
            ]
            form.add_error("file", _("Gói tin không hợp lệ: không có gì được nhận. Xem các lỗi bên dưới."))
    context = {"form": form, "package_errors": package_errors, "page_has_errors": bool(form.errors)}
    return page(request, workspace, "sandbox/edxml_import.html", context)
