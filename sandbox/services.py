"""Writes of the sandbox: workspaces, the one transition service, the event log, fault drills and the
creation of new replica objects (a paper document, a draft, a walk-in dossier)."""

import re
from collections.abc import Callable
from copy import deepcopy
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import workflow
from sandbox import faults as fault_registry
from sandbox.machines import MACHINES, SECRET_BLOCKED, Context, parse_date
from sandbox.models import (
    Actor,
    Channel,
    DeskRole,
    DocumentKind,
    Dossier,
    DossierChannel,
    Event,
    IncomingDocument,
    OutgoingDocument,
    ScenarioRun,
    Urgency,
    Workspace,
)
from sandbox.selectors import run_active

# The organisation's identifier on the document exchange axis (mã định danh điện tử): the commune's
# code inside the national pattern; the "bad sender code" drill breaks it.
SENDER_CODE_PATTERN = "H{province}.{commune}"


def sandbox_now(workspace: Workspace) -> datetime:
    """The sandbox clock: real time moved by the workspace's offset (scenarios and drills move it)."""
    return timezone.now() + workspace.clock_offset


def sender_code_for(workspace: Workspace) -> str:
    return SENDER_CODE_PATTERN.format(province=workspace.province_code, commune=workspace.commune_code)


def workspace_get_or_create(*, official) -> Workspace:
    """The official's workspace, created and seeded with fake data on first use.

    Every sandbox request calls this: the read of an existing workspace runs outside a transaction
    (one query, not BEGIN, SELECT, COMMIT); only the creation opens one."""
    workspace = (
        Workspace.objects.select_related("official__commune__province").filter(official=official).first()
    )
    if workspace is not None:
        return workspace
    return _workspace_create(official=official)


@transaction.atomic
def _workspace_create(*, official) -> Workspace:
    try:
        # Two tabs opening the sandbox at once: the second one finds the first one's workspace.
        with transaction.atomic():
            workspace = Workspace.objects.create(official=official, role=DeskRole.CLERK)
    except IntegrityError:
        return Workspace.objects.select_related("official__commune__province").get(official=official)
    workspace.official = official
    workspace.sender_code = sender_code_for(workspace)
    workspace.save(update_fields=["sender_code"])
    from sandbox.fake import workspace_seed

    workspace_seed(workspace=workspace)
    return workspace


@transaction.atomic
def workspace_reset(*, workspace: Workspace, seed: bool = True) -> Workspace:
    """“Làm lại từ đầu”: wipe every replica object and the log, then seed the starting data again.

    Finished scenario runs stay (they hold the results the trainer reads); an unfinished one is
    abandoned. The training certificates stay too (issuing keys is slow), unlocked and renewed.
    """
    workspace.runs.filter(status=ScenarioRun.Status.ACTIVE).update(
        status=ScenarioRun.Status.ABANDONED, finished_at=timezone.now()
    )
    workspace.events.all().delete()
    workspace.signing_requests.all().delete()
    workspace.incoming.all().delete()
    workspace.outgoing.all().delete()
    workspace.dossiers.all().delete()
    workspace.work_files.all().delete()
    workspace.certificates.exclude(drill="").delete()
    workspace.certificates.update(failed_pins=0, locked=False, active=True, revoked_at=None)
    if hasattr(workspace, "account"):
        workspace.account.delete()
    workspace.faults, workspace.clock_offset = {}, timedelta(0)
    workspace.role, workspace.sender_code = DeskRole.CLERK, sender_code_for(workspace)
    workspace.reset_at = timezone.now()
    workspace.save()
    if seed:
        from sandbox.fake import workspace_seed

        workspace_seed(workspace=workspace)
    return workspace


def workspace_role_set(*, workspace: Workspace, role: str) -> None:
    """The role switcher: the desk the official plays now."""
    if role not in DeskRole.values:
        raise ValueError(role)
    workspace.role = role
    workspace.save(update_fields=["role"])
    event_record(workspace=workspace, machine="workspace", action="role", actor=role, data={"role": role})


def workspace_clock_set(*, workspace: Workspace, at: datetime | None) -> None:
    """Move the sandbox clock to ``at`` (``None``: back to real time)."""
    workspace.clock_offset = (at - timezone.now()) if at else timedelta(0)
    workspace.save(update_fields=["clock_offset"])


def _json_safe(value):
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_json_safe(v) for v in value]
    if value is None or isinstance(value, bool | int | float):
        return value
    return str(value)


# Who checks each event logged during a scenario run: the scenario engine (``sandbox.scenarios``).
# It starts its scenarios through these services, so it plugs itself in at start-up
# (``SandboxConfig.ready``) rather than being imported here.
_RUN_WATCHERS: list[Callable[..., None]] = []


def run_event_watch(watcher: Callable[..., None]) -> None:
    """Call ``watcher(*, event, run)`` for every event logged while a scenario run is active."""
    if watcher not in _RUN_WATCHERS:
        _RUN_WATCHERS.append(watcher)


def event_record(
    *,
    workspace: Workspace,
    machine: str,
    action: str,
    actor: str,
    obj=None,
    ok: bool = True,
    fault: bool = False,
    reason: str = "",
    data: dict | None = None,
    from_state: str = "",
    to_state: str = "",
) -> Event:
    """Append one line to the workspace's event log, and let the active scenario check it.

    Keys starting with ``_`` (passwords, PDF bytes) never reach the log.
    """
    logged = {k: _json_safe(v) for k, v in (data or {}).items() if not k.startswith("_")}
    state = getattr(obj, "status", "") if obj is not None else ""
    run = run_active(workspace)
    event = Event.objects.create(
        workspace=workspace,
        run=run,
        at=sandbox_now(workspace),
        actor=actor,
        machine=machine,
        action=action,
        object_id=getattr(obj, "pk", None),
        object_label=str(getattr(obj, "label", ""))[:120] if obj is not None else "",
        from_state=from_state or state,
        to_state=to_state or state,
        ok=ok,
        fault=fault,
        reason=reason,
        data=logged,
    )
    if run is not None:
        for watcher in _RUN_WATCHERS:
            watcher(event=event, run=run)
    return event


@dataclass
class Outcome:
    ok: bool
    message: str
    event: Event
    obj: object


def _context(workspace: Workspace, obj, actor_role: str, data: dict | None) -> Context:
    return Context(
        workspace=workspace, obj=obj, actor=actor_role, data=dict(data or {}), now=sandbox_now(workspace)
    )


def _fault_check(machine, transition: str, struck: list):
    """The drills' check, run by the core after the state and the role and before the guards: a fault
    drill switched on for this action refuses it with its own message."""

    def check(ctx: Context) -> str | None:
        fault = fault_registry.fault_blocking(
            workspace=ctx.workspace, machine=machine.name, action=transition, obj=ctx.obj
        )
        if fault is None:
            return None
        struck.append(fault)
        return str(fault.message)

    return check


def transition_check(
    *, workspace: Workspace, obj, transition: str, actor_role: str, data: dict | None = None
):
    """Dry run of ``transition_apply``: the refusal message, or ``None`` when it would be applied."""
    machine = MACHINES[obj.machine]
    ctx = _context(workspace, obj, actor_role, data)
    refusal = workflow.check(machine, transition, ctx, checks=(_fault_check(machine, transition, []),))
    return refusal[1] if refusal else None


@transaction.atomic
def transition_apply(
    *, workspace: Workspace, obj, transition: str, actor_role: str, data: dict | None = None
) -> Outcome:
    """The one service every workflow step goes through: ``core.workflow.fire`` checks the machine's
    rule for ``obj`` in its current state and applies the transition; every attempt (applied or
    refused, with the reason) is appended to the event log."""
    if transition not in MACHINES[obj.machine].transitions:
        raise KeyError(transition)
    locked = type(obj).objects.select_for_update().get(pk=obj.pk)
    return _transition_fire(workspace, locked, transition, actor_role, data)


@transaction.atomic
def transition_apply_to(
    *, workspace: Workspace, model, pk: int, transition: str, actor_role: str, data: dict | None = None
) -> Outcome:
    """``transition_apply`` for an object known by its id (a workflow button): looked up in the
    workspace and locked in one read. ``model.DoesNotExist`` when the workspace has no such object."""
    if transition not in MACHINES[model.machine].transitions:
        raise KeyError(transition)
    locked = model.objects.select_for_update().get(workspace=workspace, pk=pk)
    return _transition_fire(workspace, locked, transition, actor_role, data)


def _stored_values(obj) -> dict:
    """The object's column values, copied (an effect may change a JSON field in place)."""
    return {
        field.attname: deepcopy(getattr(obj, field.attname))
        for field in obj._meta.concrete_fields
        if not field.primary_key
    }


def _store_changed(obj, before: dict) -> None:
    """Write the columns the transition changed, and no query when none did."""
    changed = [name for name, value in before.items() if getattr(obj, name) != value]
    if changed:
        obj.save(update_fields=changed)


def _transition_fire(workspace: Workspace, obj, transition: str, actor_role: str, data) -> Outcome:
    machine = MACHINES[obj.machine]
    before = _stored_values(obj)
    ctx = _context(workspace, obj, actor_role, data)
    struck: list = []
    events: list[Event] = []

    def record(step: workflow.Step) -> None:
        logged = {**ctx.data, **ctx.facts}
        logged_as = {
            "workspace": workspace,
            "machine": machine.name,
            "action": transition,
            "actor": actor_role,
            "obj": obj,
        }
        if not step.ok:
            by_fault = step.refused == workflow.CHECK
            if by_fault:
                fault_registry.fault_struck(workspace=workspace, fault=struck[0])
                logged["fault_name"] = struck[0].name
            events.append(
                event_record(**logged_as, data=logged, ok=False, fault=by_fault, reason=step.message)
            )
            return
        events.append(
            event_record(**logged_as, data=logged, from_state=step.from_state, to_state=step.to_state)
        )

    step = workflow.fire(
        machine,
        transition,
        ctx,
        checks=(_fault_check(machine, transition, struck),),
        store=lambda step: _store_changed(obj, before),
        record=record,
    )
    return Outcome(step.ok, step.message, events[0], obj)


# --- fault drills -------------------------------------------------------------------------------------


def _call(path: str, workspace: Workspace) -> None:
    from django.utils.module_loading import import_string

    import_string(path)(workspace=workspace)


@transaction.atomic
def fault_enable(*, workspace: Workspace, name: str, strikes: int | None = None) -> None:
    """Switch a fault drill on (from a scenario, or the drills page)."""
    fault = fault_registry.FAULTS[name]
    workspace.faults = {**workspace.faults, name: fault.strikes if strikes is None else strikes}
    workspace.save(update_fields=["faults"])
    if fault.on_enable:
        _call(fault.on_enable, workspace)
    event_record(
        workspace=workspace, machine="fault", action="enable", actor=Actor.SYSTEM, data={"fault": name}
    )


@transaction.atomic
def fault_fix(*, workspace: Workspace, name: str, confirmed: bool = False) -> Outcome:
    """The official's fix for a fault drill (plug the token in, sync again, renew the certificate…).

    ``confirmed``: the fix was made the drill's own way (the OTP typed on the new phone), so its
    guard against a bare click does not apply."""
    fault = fault_registry.FAULTS[name]
    reason = ""
    if name not in workspace.faults:
        reason = _("Lỗi này hiện không xảy ra.")
    elif fault.fix_guard is not None and not confirmed:
        reason = fault.fix_guard(workspace) or ""
    if not reason:
        workspace.faults = {k: v for k, v in workspace.faults.items() if k != name}
        workspace.save(update_fields=["faults"])
        if fault.on_fix:
            _call(fault.on_fix, workspace)
    event = event_record(
        workspace=workspace,
        machine="fault",
        action="fix",
        actor=workspace.role,
        ok=not reason,
        reason=reason,
        data={"fault": name},
    )
    return Outcome(not reason, reason, event, None)


@transaction.atomic
def fault_disable(*, workspace: Workspace, name: str) -> bool:
    """Switch a fault drill off from the drills page, undoing what it changed (no practice of the
    fix: that is ``fault_fix``). Returns whether it was on."""
    if name not in workspace.faults:
        return False
    fault = fault_registry.FAULTS[name]
    workspace.faults = {k: v for k, v in workspace.faults.items() if k != name}
    workspace.save(update_fields=["faults"])
    if fault.on_fix:
        _call(fault.on_fix, workspace)
    event_record(
        workspace=workspace, machine="fault", action="disable", actor=Actor.SYSTEM, data={"fault": name}
    )
    return True


def workspace_sender_code_break(*, workspace: Workspace) -> None:
    """The “bad sender code” drill: the identifier still carries the abolished district's code."""
    workspace.sender_code = (
        f"H{workspace.province_code}.{workspace.commune_code[:3]}.{workspace.commune_code}"
    )
    workspace.save(update_fields=["sender_code"])


def workspace_sender_code_fix(*, workspace: Workspace) -> None:
    workspace.sender_code = sender_code_for(workspace)
    workspace.save(update_fields=["sender_code"])


def dossier_portal_fields_drop(*, workspace: Workspace) -> None:
    """The “missing fields” drill: the latest dossier to be received lost the owner's personal number
    and phone on its way from the portal; its declaration form (tờ khai) still shows them."""
    for dossier in workspace.dossiers.filter(status="1").order_by("-submitted_at", "-id")[:1]:
        declared = {"owner_id_number": dossier.owner_id_number, "owner_phone": dossier.owner_phone}
        dossier.details = {**dossier.details, "declared": declared}
        dossier.owner_id_number, dossier.owner_phone = "", ""
        dossier.save(update_fields=["details", "owner_id_number", "owner_phone"])


def outgoing_attachments_compress(*, workspace: Workspace) -> None:
    """The fix for “attachment too large”: the clerk converts the scans to a compressed PDF."""
    for doc in workspace.outgoing.filter(attachment_kb__gt=10 * 1024):
        doc.attachment_kb = max(1, doc.attachment_kb // 6)
        doc.save(update_fields=["attachment_kb"])


# --- the receiving bodies (simulated) -------------------------------------------------------------------

# What each recipient's system reports back, one step per sandbox hour: the first answer an hour after
# the issue (registered, 03, or returned, 02), then assigned (04), being handled (05), done (06). Asked
# to give a revoked document back (13), it answers an hour later: accepted (15, its copy deleted), or
# refused (16) by a recipient that had already finished handling it.
RECEIPT_STEPS = ("01", "03", "04", "05", "06")
RECEIPT_MOVES = {"01": "register", "03": "assign", "04": "start", "05": "finish"}
ANSWER_DELAY = timedelta(hours=1)
# A recipient at the abolished district level has no system to receive on: it comes back (02).
ABOLISHED_LEVEL = re.compile(r"(?i)\b(huyện|quận|thị xã)\b")
ABOLISHED_REASON = (
    "Nơi nhận là đơn vị hành chính cấp huyện, đã kết thúc hoạt động từ ngày 01/7/2025: "
    "không có đơn vị tiếp nhận văn bản trên trục liên thông."
)
RECALL_REFUSED_REASON = (
    "Văn bản đã được xử lý xong và đã thực hiện; đề nghị cơ quan gửi ban hành văn bản thay thế."
)


def _receipt_next(delivery, *, issued_at: datetime, now: datetime) -> tuple[str, str] | None:
    """The next step a recipient's system reports by ``now``: (transition, reason), or ``None``."""
    status = delivery.status
    if status == "13":
        since = delivery.status_at or issued_at
        if now - since < ANSWER_DELAY:
            return None
        if delivery.before_recall == "06":
            return "recall_refuse", RECALL_REFUSED_REASON
        return "recall_accept", ""
    if status not in RECEIPT_MOVES:
        return None
    hours = int((now - issued_at).total_seconds() // 3600)
    if hours <= RECEIPT_STEPS.index(status):
        return None
    if status == "01" and ABOLISHED_LEVEL.search(delivery.name):
        return "return", ABOLISHED_REASON
    return RECEIPT_MOVES[status], ""


@transaction.atomic
def outgoing_receipts_advance(*, workspace: Workspace) -> int:
    """Move each recipient of the workspace's issued and revoked documents as far as its system has
    answered by now on the sandbox clock (``sandbox.machines.DELIVERY``: one step per elapsed hour,
    never backwards). Returns how many steps were taken; each document that moved gets one log line."""
    from sandbox.machines import delivery_move

    now = sandbox_now(workspace)
    moved = 0
    documents = workspace.outgoing.filter(
        status__in=("issued", "revoked", "replaced"), issued_at__isnull=False
    ).prefetch_related("deliveries")
    for doc in documents:
        steps: list[dict] = []
        for delivery in doc.deliveries.all():
            while (step := _receipt_next(delivery, issued_at=doc.issued_at, now=now)) is not None:
                transition, reason = step
                if not delivery_move(delivery, transition, now=now, reason=reason):
                    break
                steps.append({"recipient": delivery.name, "status": delivery.status})
                if delivery.status in ("02", "15", "16"):
                    break
        if not steps:
            continue
        moved += len(steps)
        event_record(
            workspace=workspace,
            machine="outgoing",
            action="receipts",
            actor=Actor.SYSTEM,
            obj=doc,
            data={
                "status": steps[-1]["status"],
                "recipients": len({s["recipient"] for s in steps}),
                "steps": steps,
            },
        )
    return moved


# --- creating replica objects -------------------------------------------------------------------------


def _refused(workspace, machine, action, actor, reason, data) -> Outcome:
    event = event_record(
        workspace=workspace, machine=machine, action=action, actor=actor, ok=False, reason=reason, data=data
    )
    return Outcome(False, reason, event, None)


@transaction.atomic
def incoming_paper_receive(*, workspace: Workspace, actor_role: str, data: dict) -> Outcome:
    """A paper document handed in at the desk: entered as arrived (01), then registered by the clerk
    (Decree 30: paper and electronic documents share one consecutive incoming number)."""
    if actor_role != DeskRole.CLERK:
        return _refused(
            workspace, "incoming", "receive_paper", actor_role, _("Chỉ văn thư tiếp nhận văn bản giấy."), data
        )
    if data.get("secrecy"):
        return _refused(workspace, "incoming", "receive_paper", actor_role, str(SECRET_BLOCKED), data)
    doc_date = parse_date(data.get("doc_date"))
    missing = [k for k in ("issuer", "reference", "summary", "kind") if not str(data.get(k) or "").strip()]
    if missing or doc_date is None:
        return _refused(
            workspace,
            "incoming",
            "receive_paper",
            actor_role,
            _("Hãy nhập đủ cơ quan ban hành, số ký hiệu, ngày văn bản, loại và trích yếu."),
            data,
        )
    now = sandbox_now(workspace)
    doc = IncomingDocument.objects.create(
        workspace=workspace,
        channel=Channel.PAPER,
        arrived_at=now,
        issuer=data["issuer"].strip(),
        reference=data["reference"].strip(),
        doc_date=doc_date,
        kind=data["kind"],
        summary=data["summary"].strip(),
        urgency=data.get("urgency") or Urgency.NORMAL,
        pages=int(data.get("pages") or 1),
        signer=str(data.get("signer") or "").strip(),
        addressed_to=f"UBND {workspace.commune_name}",
    )
    # How many days before its arrival the document is dated: the check of "ngày văn bản".
    arrived_on = timezone.localtime(now).date()
    data = {**data, "doc_days_before": (arrived_on - doc_date).days}
    event_record(
        workspace=workspace, machine="incoming", action="receive_paper", actor=actor_role, obj=doc, data=data
    )
    return transition_apply(workspace=workspace, obj=doc, transition="register", actor_role=actor_role)


@transaction.atomic
def outgoing_draft_create(*, workspace: Workspace, actor_role: str, data: dict) -> Outcome:
    """A new draft by the handler (chuyên viên), with the signer's post and authority (TM., KT., TL.,
    TUQ.) chosen in the draft and checked against each other (a vice-chairman signs KT.)."""
    if actor_role != DeskRole.HANDLER:
        return _refused(workspace, "outgoing", "create", actor_role, _("Chỉ chuyên viên soạn dự thảo."), data)
    if data.get("secret"):
        return _refused(workspace, "outgoing", "create", actor_role, str(SECRET_BLOCKED), data)
    if data.get("kind") not in DocumentKind.values or not str(data.get("summary") or "").strip():
        return _refused(
            workspace, "outgoing", "create", actor_role, _("Hãy chọn loại văn bản và nhập trích yếu."), data
        )
    from sandbox.fake import leader_name
    from sandbox.layout import POSITIONS, authority_problem

    # The signer's post and authority, chosen when drafting (the chairman, TM., unless chosen).
    position = POSITIONS.get(str(data.get("signer_position") or "chairman"))
    authority = str(data.get("authority") or (position.authority if position else ""))
    problem = (
        authority_problem(authority=authority, title=position.title)
        if position
        else _("Hãy chọn chức vụ của người ký.")
    )
    if problem:
        return _refused(workspace, "outgoing", "create", actor_role, str(problem), data)
    doc = OutgoingDocument.objects.create(
        workspace=workspace,
        kind=data["kind"],
        unit=str(data.get("unit") or "").strip().upper(),
        symbol=str(data.get("symbol") or "").strip(),
        summary=data["summary"].strip(),
        body=str(data.get("body") or "").strip(),
        recipients=str(data.get("recipients") or "").strip(),
        urgency=data.get("urgency") or Urgency.NORMAL,
        signer_name=leader_name(workspace),
        signer_title=position.title,
        authority=authority,
        created_at=sandbox_now(workspace),
    )
    event = event_record(
        workspace=workspace, machine="outgoing", action="create", actor=actor_role, obj=doc, data=data
    )
    return Outcome(True, "", event, doc)


@transaction.atomic
def dossier_walk_in_create(*, workspace: Workspace, actor_role: str, data: dict) -> Outcome:
    """A citizen at the counter: the one-stop officer enters the dossier (status 1, channel direct)."""
    from sandbox.fake import dossier_code_next
    from sandbox.procedures import PROCEDURES

    if actor_role != DeskRole.ONE_STOP:
        return _refused(workspace, "dossier", "create", actor_role, _("Chỉ cán bộ một cửa nhập hồ sơ."), data)
    procedure = PROCEDURES.get(str(data.get("procedure")))
    id_number = str(data.get("owner_id_number") or "").strip()
    if procedure is None or not str(data.get("owner_name") or "").strip():
        return _refused(
            workspace, "dossier", "create", actor_role, _("Hãy chọn thủ tục và nhập họ tên chủ hồ sơ."), data
        )
    if not (id_number.isdigit() and len(id_number) == 12):
        return _refused(
            workspace, "dossier", "create", actor_role, _("Số định danh cá nhân gồm 12 chữ số."), data
        )
    submitter = {
        key: str(data.get(key) or "").strip()
        for key in ("submitter_name", "submitter_id_number", "authorisation")
    }
    if submitter["submitter_id_number"] and not (
        submitter["submitter_id_number"].isdigit() and len(submitter["submitter_id_number"]) == 12
    ):
        return _refused(
            workspace, "dossier", "create", actor_role, _("Số định danh người nộp gồm 12 chữ số."), data
        )
    if bool(submitter["submitter_name"]) != bool(submitter["submitter_id_number"]):
        return _refused(
            workspace,
            "dossier",
            "create",
            actor_role,
            _("Người nộp không phải chủ hồ sơ: hãy nhập cả họ tên và số định danh của người nộp."),
            data,
        )
    if submitter["submitter_id_number"] not in ("", id_number) and not submitter["authorisation"]:
        return _refused(
            workspace,
            "dossier",
            "create",
            actor_role,
            _("Người nộp không phải chủ hồ sơ: cần văn bản ủy quyền (ghi số, ngày của văn bản)."),
            data,
        )
    now = sandbox_now(workspace)
    details = {"pages": int(data.get("pages") or 1), "copies": int(data.get("copies") or 1)}
    dossier = Dossier.objects.create(
        workspace=workspace,
        code=dossier_code_next(workspace=workspace, at=now),
        procedure=procedure.key,
        channel=DossierChannel.DIRECT,
        owner_name=data["owner_name"].strip(),
        owner_id_number=id_number,
        owner_phone=str(data.get("owner_phone") or "").strip(),
        owner_address=str(data.get("owner_address") or "").strip() or workspace.commune_name,
        owner_commune_code=workspace.commune_code,
        owner_commune_name=workspace.commune_name,
        owner_province_code=workspace.province_code,
        **submitter,
        subject_name=str(data.get("subject_name") or "").strip(),
        needs_verification=bool(data.get("needs_verification")),
        details=details,
        components=[{"name": name, "count": 1, "form": "original"} for name in procedure.components],
        submitted_at=now,
    )
    event = event_record(
        workspace=workspace, machine="dossier", action="create", actor=actor_role, obj=dossier, data=data
    )
    return Outcome(True, "", event, dossier)


def dossier_printed(*, workspace: Workspace, dossier: Dossier, form: str) -> Event:
    """Printing a form (receipt, request for papers, apology letter…) is part of the work: logged."""
    return event_record(
        workspace=workspace, machine="dossier", action=f"print_{form}", actor=workspace.role, obj=dossier
    )


def lookup_recorded(*, workspace: Workspace, machine: str, action: str, data: dict, obj=None) -> Event:
    """A search, a register book or a report opened (practice tasks 1 and 22 check them); ``obj`` is
    the one object a search found, if it found exactly one."""
    return event_record(
        workspace=workspace, machine=machine, action=action, actor=workspace.role, obj=obj, data=data
    )
