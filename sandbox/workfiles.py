"""Hồ sơ công việc (Decree 30/2020, art. 28–29): the official opens a work file for a matter, puts the
incoming and outgoing documents and the dossiers of that matter in it, and closes it when the matter
is done (a closed file is no longer changed). Everything stays inside the official's own workspace."""

from django.db import transaction
from django.utils.translation import gettext as _

from sandbox.models import WorkFile, Workspace
from sandbox.services import Outcome, event_record, sandbox_now

# Thời hạn bảo quản: the periods a commune's file list uses most.
RETENTIONS = ("5 năm", "10 năm", "20 năm", "70 năm", "Vĩnh viễn")
ITEM_KINDS = ("incoming", "outgoing", "dossier")


def _refused(workspace: Workspace, action: str, reason: str, obj=None, data=None) -> Outcome:
    event = event_record(
        workspace=workspace,
        machine="workfile",
        action=action,
        actor=workspace.role,
        obj=obj,
        ok=False,
        reason=reason,
        data=data,
    )
    return Outcome(False, reason, event, obj)


@transaction.atomic
def workfile_open(*, workspace: Workspace, code: str, title: str, retention: str) -> Outcome:
    """Open a work file: its number and symbol (unique in the workspace), title and retention."""
    code, title = code.strip(), title.strip()
    if not code or not title:
        return _refused(workspace, "open", _("Hãy ghi số, ký hiệu và tiêu đề hồ sơ."))
    if retention not in RETENTIONS:
        return _refused(workspace, "open", _("Hãy chọn thời hạn bảo quản."))
    if workspace.work_files.filter(code__iexact=code).exists():
        return _refused(workspace, "open", _("Số, ký hiệu hồ sơ %(code)s đã có.") % {"code": code})
    work_file = WorkFile.objects.create(
        workspace=workspace, code=code, title=title, retention=retention, opened_at=sandbox_now(workspace)
    )
    event = event_record(
        workspace=workspace,
        machine="workfile",
        action="open",
        actor=workspace.role,
        obj=work_file,
        data={"code": code, "title": title, "retention": retention},
    )
    return Outcome(True, "", event, work_file)


def _items(workspace: Workspace, kind: str):
    return {"incoming": workspace.incoming, "outgoing": workspace.outgoing, "dossier": workspace.dossiers}[
        kind
    ]


def _relation(work_file: WorkFile, kind: str):
    return {"incoming": work_file.incoming, "outgoing": work_file.outgoing, "dossier": work_file.dossiers}[
        kind
    ]


@transaction.atomic
def workfile_item(*, workspace: Workspace, work_file: WorkFile, kind: str, pk: int, add: bool) -> Outcome:
    """Put a document or dossier of the workspace into the file, or take it out."""
    action = "add" if add else "remove"
    if work_file.workspace_id != workspace.pk:
        raise WorkFile.DoesNotExist
    if work_file.closed_at is not None:
        return _refused(workspace, action, _("Hồ sơ đã kết thúc: không thay đổi được nữa."), work_file)
    if kind not in ITEM_KINDS:
        return _refused(workspace, action, _("Hãy chọn văn bản hoặc hồ sơ."), work_file)
    item = _items(workspace, kind).filter(pk=pk).first()
    if item is None:
        return _refused(workspace, action, _("Hãy chọn văn bản hoặc hồ sơ."), work_file)
    relation = _relation(work_file, kind)
    present = relation.filter(pk=item.pk).exists()
    if add and present:
        return _refused(workspace, action, _("Văn bản này đã có trong hồ sơ."), work_file)
    if not add and not present:
        return _refused(workspace, action, _("Văn bản này không có trong hồ sơ."), work_file)
    (relation.add if add else relation.remove)(item)
    event = event_record(
        workspace=workspace,
        machine="workfile",
        action=action,
        actor=workspace.role,
        obj=work_file,
        data={"kind": kind, "item": str(getattr(item, "label", item))[:120]},
    )
    return Outcome(True, "", event, work_file)


@transaction.atomic
def workfile_close(*, workspace: Workspace, work_file: WorkFile) -> Outcome:
    """Kết thúc hồ sơ: the matter is done; an empty file is not closed."""
    if work_file.workspace_id != workspace.pk:
        raise WorkFile.DoesNotExist
    if work_file.closed_at is not None:
        return _refused(workspace, "close", _("Hồ sơ đã kết thúc."), work_file)
    if not (work_file.incoming.exists() or work_file.outgoing.exists() or work_file.dossiers.exists()):
        return _refused(workspace, "close", _("Hồ sơ chưa có văn bản nào: chưa kết thúc được."), work_file)
    work_file.closed_at = sandbox_now(workspace)
    work_file.save(update_fields=["closed_at"])
    event = event_record(
        workspace=workspace, machine="workfile", action="close", actor=workspace.role, obj=work_file
    )
    return Outcome(True, "", event, work_file)
