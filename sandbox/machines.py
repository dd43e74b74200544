"""The replica workflows as state machines, written as data.

Each machine is a ``core.workflow.Workflow``: its states and its transitions, where each may start
(``sources``), where it leads (``target``; ``None`` stays put), which desk roles may fire it (``actors``),
the guards that must pass (each returns a refusal message or ``None``) and the effects that apply it.
``sandbox.services.transition_apply`` is the one service that fires them (through
``core.workflow.fire``): it checks, applies and logs every attempt.

Domain terms: văn bản đến = incoming document, văn bản đi = outgoing document, hồ sơ = dossier,
số đến = incoming number, cấp số = numbering, ký số cơ quan = the organisation's seal signature.
"""

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.contrib.auth.hashers import check_password, make_password
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from core import workflow
from core.workflow import Transition, Workflow
from sandbox import layout, numbering, workdays
from sandbox.models import Actor, DocumentKind, OutgoingDocument, OutgoingRecipient, Workspace
from sandbox.procedures import procedure_get

Guard = workflow.Guard
Effect = workflow.Effect


@dataclass(kw_only=True)
class Context(workflow.Context):
    """What the replica's guards and effects see: the core's context, in a practice workspace."""

    workspace: Workspace
    _calendar: workdays.WorkCalendar | None = field(default=None, repr=False)

    @property
    def calendar(self) -> workdays.WorkCalendar:
        """The working calendar of the workspace's province (read once per transition)."""
        if self._calendar is None:
            self._calendar = workdays.calendar_for(self.workspace.province_code)
        return self._calendar


def _state_refused(machine: Workflow, transition: Transition, ctx: workflow.Context) -> str:
    return _("Không thể “%(action)s” khi hồ sơ/văn bản đang ở trạng thái “%(state)s”.") % {
        "action": transition.label,
        "state": machine.state_label(machine.state_of(ctx.obj)),
    }


def _actor_refused(machine: Workflow, transition: Transition, ctx: workflow.Context) -> str:
    roles = ", ".join(str(Actor(r).label) for r in transition.actors)
    return _("Vai trò “%(role)s” không được thực hiện “%(action)s”: việc này của %(roles)s.") % {
        "role": Actor(ctx.actor).label,
        "action": transition.label,
        "roles": roles,
    }


def _machine(name, label, states, transitions) -> Workflow:
    return Workflow.of(
        name=name,
        label=label,
        states=states,
        transitions=transitions,
        state_field="status",
        state_refused=_state_refused,
        actor_refused=_actor_refused,
    )


# --- guards and effects shared by several machines ------------------------------------------------


def requires(key: str, message) -> Guard:
    def guard(ctx: Context) -> str | None:
        return None if ctx.text(key) else str(message)

    return guard


def store(*keys: str) -> Effect:
    """Copy the given inputs onto the object (same names)."""

    def effect(ctx: Context) -> None:
        for key in keys:
            if key in ctx.data:
                setattr(ctx.obj, key, ctx.text(key))

    return effect


def stamp(attribute: str) -> Effect:
    def effect(ctx: Context) -> None:
        setattr(ctx.obj, attribute, ctx.now)

    return effect


def parse_date(value) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        return None


CLERK, LEADER, HANDLER, ONE_STOP, SYSTEM = (
    Actor.CLERK,
    Actor.LEADER,
    Actor.HANDLER,
    Actor.ONE_STOP,
    Actor.SYSTEM,
)
DESKS = (CLERK, LEADER, HANDLER, ONE_STOP)

# --- incoming documents (Decree 30, art. 20–24; exchange status codes) ----------------------------

SECRET_BLOCKED = _(
    "Văn bản mật không được đưa lên hệ thống có kết nối Internet. "
    "Hãy chuyển văn thư mật, xử lý bằng bản giấy."
)


def _not_secret(ctx: Context) -> str | None:
    return str(SECRET_BLOCKED) if ctx.obj.secrecy else None


def _register_number(ctx: Context) -> None:
    doc = ctx.obj
    doc.year = ctx.today.year
    doc.number = numbering.incoming_number_next(workspace=ctx.workspace, year=doc.year)
    doc.registered_at = ctx.now
    ctx.facts.update(number=doc.number, urgency=doc.urgency, addressed_to=doc.addressed_to)
    _registration_timing(ctx)


REGISTERED_LATE = _(
    "Vào sổ muộn: văn bản đến phải được vào sổ trong ngày đến hoặc chậm nhất ngày làm việc tiếp theo."
)
FLASH_REGISTERED_LATE = _(
    "Vào sổ muộn: văn bản Hỏa tốc, Thượng khẩn phải được vào sổ ngay khi đến, trước các việc khác."
)


def _registration_timing(ctx: Context) -> None:
    """Decree 30: register on the day of arrival or the next working day; Hỏa tốc / Thượng khẩn at
    once. A late registration still goes through; the event carries ``late`` and a ``warning`` that
    scenario checks count as a mistake."""
    doc = ctx.obj
    arrived = timezone.localtime(doc.arrived_at).date()
    late = ctx.today > ctx.calendar.next_working_day(arrived)
    warning = REGISTERED_LATE
    if doc.is_flash:
        others_first = (
            ctx.workspace.incoming.exclude(pk=doc.pk).filter(registered_at__gte=doc.arrived_at).exists()
        )
        if late or ctx.today > arrived or others_first:
            late, warning = True, FLASH_REGISTERED_LATE
    ctx.facts["late"] = late
    if late:
        ctx.facts["warning"] = str(warning)


def _deadline_valid(ctx: Context) -> str | None:
    deadline = parse_date(ctx.data.get("deadline"))
    if deadline is None:
        return str(_("Hãy nhập hạn xử lý (ngày/tháng/năm)."))
    if deadline < ctx.today:
        return str(_("Hạn xử lý không được trước ngày hôm nay."))
    # Today stays possible whatever the day (a Hỏa tốc document is handled at once).
    return None if deadline == ctx.today else _working_day_required(ctx, deadline)


def _assign(ctx: Context) -> None:
    doc = ctx.obj
    doc.lead, doc.coordinators, doc.directive = (
        ctx.text("lead"),
        ctx.text("coordinators"),
        ctx.text("directive"),
    )
    doc.deadline = parse_date(ctx.data["deadline"])
    doc.assigned_at = ctx.now
    doc.forwarded_to = ""


def _take(ctx: Context) -> None:
    """The recipient takes the document: the register book's “Ký nhận” (who, when)."""
    doc = ctx.obj
    doc.received_by, doc.received_at = doc.lead or str(_("Chuyên viên")), ctx.now
    ctx.facts["received_by"] = doc.received_by


def _has_forward(ctx: Context) -> str | None:
    return (
        None
        if ctx.obj.forwarded_to
        else str(_("Văn bản chưa được chuyển cho ai nên không có gì để thu hồi."))
    )


def _pull_back(ctx: Context) -> None:
    ctx.facts["pulled_back_from"] = ctx.obj.forwarded_to
    ctx.obj.forwarded_to = ""


def _reply_or_note(ctx: Context) -> str | None:
    reply_id = ctx.text("reply")
    if reply_id:
        reply = ctx.workspace.outgoing.filter(pk=reply_id if reply_id.isdigit() else 0).first()
        if reply is None:
            return str(_("Không tìm thấy văn bản trả lời đã chọn."))
        if reply.status != "issued":
            return str(_("Văn bản trả lời chưa được phát hành: chỉ liên kết văn bản đã phát hành."))
        return None
    if ctx.text("finish_note"):
        return None
    return str(_("Hãy liên kết văn bản trả lời, hoặc ghi rõ lý do kết thúc (lưu hồ sơ, để biết)."))


def _finish(ctx: Context) -> None:
    reply_id = ctx.text("reply")
    ctx.obj.reply = ctx.workspace.outgoing.get(pk=reply_id) if reply_id else None
    ctx.obj.finish_note = ctx.text("finish_note")
    ctx.facts["linked_reply"] = bool(reply_id)


REASON_REQUIRED = _("Hãy ghi lý do.")


def _copy_delete(ctx: Context) -> None:
    """A recall accepted: the receiver deletes its copy of the document (the file and its
    attachments); the register keeps the line and the history says why."""
    doc = ctx.obj
    doc.pdf, doc.attachments, doc.body = None, [], ""
    ctx.facts["copy_deleted"] = True


INCOMING = _machine(
    "incoming",
    _("Văn bản đến"),
    {
        "01": _("01 Đã đến"),
        "02": _("02 Từ chối tiếp nhận"),
        "03": _("03 Đã vào sổ"),
        "04": _("04 Lãnh đạo đã phân công"),
        "05": _("05 Đang giải quyết"),
        "06": _("06 Hoàn thành"),
        "13": _("13 Yêu cầu thu hồi"),
        "15": _("15 Đồng ý thu hồi"),
        "16": _("16 Từ chối thu hồi"),
    },
    [
        Transition(
            "register",
            _("Vào sổ văn bản đến"),
            ("01",),
            "03",
            (CLERK,),
            guards=(_not_secret,),
            effects=(_register_number,),
        ),
        Transition(
            "return",
            _("Từ chối tiếp nhận (trả lại)"),
            ("01",),
            "02",
            (CLERK,),
            guards=(requires("return_reason", REASON_REQUIRED),),
            effects=(store("return_reason"),),
            fields=("return_reason",),
        ),
        Transition(
            "assign",
            _("Phân công xử lý"),
            ("03",),
            "04",
            (LEADER,),
            guards=(requires("lead", _("Hãy chọn người/đơn vị chủ trì.")), _deadline_valid),
            effects=(_assign,),
            fields=("lead", "coordinators", "deadline", "directive"),
        ),
        Transition(
            "reassign",
            _("Phân công lại"),
            ("04", "05"),
            "04",
            (LEADER,),
            guards=(requires("lead", _("Hãy chọn người/đơn vị chủ trì.")), _deadline_valid),
            effects=(_assign,),
            fields=("lead", "coordinators", "deadline", "directive"),
        ),
        Transition("start", _("Nhận xử lý"), ("04",), "05", (HANDLER,), effects=(_take,)),
        Transition(
            "forward",
            _("Chuyển xử lý"),
            ("05",),
            None,
            (HANDLER,),
            guards=(requires("forwarded_to", _("Hãy chọn người nhận.")),),
            effects=(store("forwarded_to"),),
            fields=("forwarded_to",),
        ),
        Transition(
            "pull_back", _("Thu hồi lượt chuyển"), ("05",), None, (HANDLER,), (_has_forward,), (_pull_back,)
        ),
        Transition(
            "return_to_leader",
            _("Trả lại lãnh đạo"),
            ("04", "05"),
            "03",
            (HANDLER,),
            guards=(requires("return_reason", REASON_REQUIRED),),
            effects=(store("return_reason"),),
            fields=("return_reason",),
        ),
        Transition(
            "finish",
            _("Hoàn thành"),
            ("05",),
            "06",
            (HANDLER,),
            guards=(_reply_or_note,),
            effects=(_finish,),
            fields=("reply", "finish_note"),
        ),
        Transition("reopen", _("Mở lại"), ("06",), "05", (HANDLER, LEADER)),
        Transition(
            "recall_request",
            _("Nơi gửi đề nghị thu hồi"),
            ("03", "04", "05", "06"),
            "13",
            (SYSTEM,),
            effects=(store("recall_reason"),),
            internal=True,
        ),
        Transition("recall_accept", _("Đồng ý thu hồi"), ("13",), "15", (CLERK,), effects=(_copy_delete,)),
        Transition(
            "recall_refuse",
            _("Từ chối thu hồi"),
            ("13",),
            "16",
            (CLERK,),
            guards=(requires("recall_reason", REASON_REQUIRED),),
            effects=(store("recall_reason"),),
            fields=("recall_reason",),
        ),
    ],
)

# --- outgoing documents -----------------------------------------------------------------------------


def _draft_complete(ctx: Context) -> str | None:
    doc = ctx.obj
    if not doc.summary.strip() or not doc.body.strip():
        return str(_("Dự thảo còn thiếu trích yếu hoặc nội dung."))
    expected = numbering.symbol_expected(kind=doc.kind, unit=doc.unit)
    ctx.facts.update(symbol=doc.symbol, symbol_expected=expected)
    if doc.symbol != expected:
        if doc.kind == DocumentKind.CONG_VAN:
            return str(
                _("Ký hiệu công văn không có tên loại: phải là “%(expected)s” (số sẽ do văn thư cấp).")
                % {"expected": expected}
            )
        return str(_("Ký hiệu chưa đúng: phải là “%(expected)s”.") % {"expected": expected})
    return _layout_problem(doc)


def _layout_problem(doc: OutgoingDocument) -> str | None:
    """Appendix I on the draft: a công văn's “V/v”, the recipients, the signer's authority."""
    problem = (
        layout.summary_problem(kind=doc.kind, summary=doc.summary)
        or layout.recipients_problem(recipients=doc.recipients, body=doc.body)
        or layout.authority_problem(authority=doc.authority, title=doc.signer_title)
    )
    return str(problem) if problem else None


def _authority_fits(ctx: Context) -> str | None:
    """Checked again when the leader signs: the post of the signer fits the authority printed."""
    problem = layout.authority_problem(authority=ctx.obj.authority, title=ctx.obj.signer_title)
    return str(problem) if problem else None


def _edit_draft(ctx: Context) -> None:
    doc = ctx.obj
    for key in EDITABLE:
        if key in ctx.data:
            setattr(doc, key, ctx.text(key))
    if ctx.text("kind") in DocumentKind.values:
        doc.kind = ctx.text("kind")


EDITABLE = ("summary", "body", "recipients", "symbol", "unit", "signer_name", "signer_title", "authority")


def _edit_valid(ctx: Context) -> str | None:
    if "summary" in ctx.data and not ctx.text("summary"):
        return str(_("Trích yếu không được để trống."))
    if "body" in ctx.data and not ctx.text("body"):
        return str(_("Nội dung không được để trống."))
    changed = [
        key
        for key in EDITABLE
        if key in ctx.data and ctx.text(key) != str(getattr(ctx.obj, key) or "").strip()
    ]
    if ctx.text("kind") in DocumentKind.values and ctx.text("kind") != ctx.obj.kind:
        changed.append("kind")
    if not changed:
        return str(_("Dự thảo chưa có gì thay đổi: hãy sửa nội dung cần sửa rồi mới lưu."))
    ctx.facts["changed"] = changed
    return None


def _number_valid(ctx: Context) -> str | None:
    doc: OutgoingDocument = ctx.obj
    year = ctx.today.year
    expected = numbering.outgoing_number_next(workspace=ctx.workspace, year=year, secret=doc.secret)
    raw = ctx.text("number")
    ctx.facts.update(expected_number=expected, year=year)
    if not raw.isdigit() or int(raw) < 1:
        return str(_("Hãy nhập số văn bản (số nguyên dương)."))
    number = int(raw)
    if number == expected:
        return None
    if ctx.workspace.outgoing.filter(year=year, secret=doc.secret, number=number).exists():
        return str(
            _("Số %(number)02d đã cấp cho văn bản khác trong năm: số không được trùng.") % {"number": number}
        )
    if expected == 1:
        return str(_("Số văn bản bắt đầu lại từ 01 vào ngày 1 tháng 1 hằng năm: số tiếp theo là 01."))
    return str(
        _("Số văn bản phải liên tục, không được bỏ số: số tiếp theo là %(expected)02d.")
        % {"expected": expected}
    )


def _number(ctx: Context) -> None:
    from sandbox.documents import outgoing_pdf_number

    doc = ctx.obj
    doc.number, doc.year, doc.issued_on = int(ctx.text("number")), ctx.today.year, ctx.today
    ctx.facts["number_display"] = doc.number_display
    # The number and date reach the signed PDF, as the government CA's plug-in writes them.
    ctx.facts["pdf_numbered"] = outgoing_pdf_number(document=doc)


def _leader_signed(ctx: Context) -> str | None:
    return None if ctx.obj.leader_signed_at else str(SEAL_BEFORE_LEADER)


SEAL_BEFORE_LEADER = _(
    "Chưa có chữ ký số của người có thẩm quyền: chỉ ký số cơ quan (đóng dấu) sau khi lãnh đạo đã ký."
)


def _seal_wrong_state(ctx: Context) -> str:
    if not ctx.obj.leader_signed_at:
        return str(SEAL_BEFORE_LEADER)
    return str(_("Văn bản chưa được cấp số: văn thư cấp số trước khi ký số cơ quan."))


def _signed_pdf(attribute: str) -> Effect:
    def effect(ctx: Context) -> None:
        ctx.obj.pdf = ctx.data["_pdf"]
        setattr(ctx.obj, attribute, ctx.now)
        ctx.facts.update({k: ctx.data[k] for k in ("method", "serial") if k in ctx.data})

    return effect


ISSUED_LATE = _(
    "Phát hành muộn: văn bản đi phải được phát hành trong ngày ký hoặc chậm nhất ngày làm việc tiếp theo."
)


def _issue_timing(ctx: Context) -> None:
    """Decree 30: issue on the signing day or the next working day. A late issue still goes through;
    the event carries ``late`` and a ``warning`` that scenario checks count as a mistake."""
    signed_at = ctx.obj.leader_signed_at
    late = bool(signed_at) and ctx.today > ctx.calendar.next_working_day(timezone.localtime(signed_at).date())
    ctx.facts["late"] = late
    if late:
        ctx.facts["warning"] = str(ISSUED_LATE)


def _issue(ctx: Context) -> None:
    doc = ctx.obj
    doc.issued_at = ctx.now
    _issue_timing(ctx)
    names = layout.recipient_names(doc.recipients)
    OutgoingRecipient.objects.bulk_create([OutgoingRecipient(document=doc, name=n) for n in names])
    if doc.replaces_id:
        doc.replaces.status = "replaced"
        doc.replaces.save(update_fields=["status"])
    ctx.facts.update(recipients=len(names), number_display=doc.number_display)
    # Scenario 13 checks that the replacement / the correction letter of a given document was issued.
    if doc.replaces_id:
        ctx.facts["replaces"] = doc.replaces_id
    if doc.corrects_id:
        ctx.facts["corrects"] = doc.corrects_id


def _revoke(ctx: Context) -> None:
    """Revocation (edXML “revocation”): each recipient is asked to give the document back (13)."""
    ctx.obj.revoke_reason = ctx.text("revoke_reason")
    asked = 0
    for delivery in ctx.obj.deliveries.all():
        asked += delivery_move(delivery, "recall_request", now=ctx.now)
    ctx.facts["recall_requested"] = asked


def _derived_draft(ctx: Context, *, corrects: bool) -> None:
    source: OutgoingDocument = ctx.obj
    if corrects:
        draft = OutgoingDocument(
            kind=DocumentKind.CONG_VAN,
            unit=source.unit or "VP",
            summary=f"V/v đính chính văn bản số {source.number_display}",
            body=(
                f"Ủy ban nhân dân đính chính văn bản số {source.number_display} ngày "
                f"{source.issued_on:%d/%m/%Y} về {source.summary}: {ctx.text('revoke_reason')}"
            ),
            corrects=source,
        )
    else:
        draft = OutgoingDocument(
            kind=source.kind,
            unit=source.unit,
            summary=source.summary,
            body=source.body,
            replaces=source,
            dossier=source.dossier,
        )
    draft.workspace = ctx.workspace
    draft.recipients = source.recipients
    draft.signer_name, draft.signer_title, draft.authority = (
        source.signer_name,
        source.signer_title,
        source.authority,
    )
    draft.symbol = numbering.symbol_expected(kind=draft.kind, unit=draft.unit)
    draft.created_at = ctx.now
    draft.save()
    source.revoke_reason = ctx.text("revoke_reason")
    ctx.facts["draft_id"] = draft.pk


OUTGOING = _machine(
    "outgoing",
    _("Văn bản đi"),
    {
        "draft": _("Dự thảo"),
        "review": _("Chờ duyệt"),
        "signing": _("Trình ký"),
        "signed": _("Đã ký"),
        "numbered": _("Đã cấp số"),
        "sealed": _("Đã ký số cơ quan"),
        "issued": _("Đã phát hành"),
        "revoked": _("Đã thu hồi"),
        "replaced": _("Đã bị thay thế"),
    },
    [
        Transition(
            "edit",
            _("Sửa dự thảo"),
            ("draft",),
            None,
            (HANDLER,),
            guards=(_edit_valid,),
            effects=(_edit_draft,),
            fields=("summary", "body", "recipients", "symbol"),
        ),
        Transition(
            "submit_review", _("Gửi duyệt"), ("draft",), "review", (HANDLER,), guards=(_draft_complete,)
        ),
        Transition(
            "send_back_review",
            _("Trả lại dự thảo"),
            ("review",),
            "draft",
            (LEADER,),
            guards=(requires("send_back_reason", REASON_REQUIRED),),
            effects=(store("send_back_reason"),),
            fields=("send_back_reason",),
        ),
        Transition("approve", _("Duyệt, trình ký"), ("review",), "signing", (LEADER,)),
        Transition(
            "send_back_signing",
            _("Trả lại (không ký)"),
            ("signing",),
            "draft",
            (LEADER,),
            guards=(requires("send_back_reason", REASON_REQUIRED),),
            effects=(store("send_back_reason"),),
            fields=("send_back_reason",),
        ),
        Transition(
            "sign",
            _("Ký số (lãnh đạo)"),
            ("signing",),
            "signed",
            (LEADER,),
            guards=(_authority_fits,),
            effects=(_signed_pdf("leader_signed_at"),),
            internal=True,
        ),
        Transition(
            "number",
            _("Cấp số"),
            ("signed",),
            "numbered",
            (CLERK,),
            guards=(_number_valid,),
            effects=(_number,),
            fields=("number",),
        ),
        Transition(
            "seal",
            _("Ký số cơ quan (đóng dấu)"),
            ("numbered",),
            "sealed",
            (CLERK,),
            guards=(_leader_signed,),
            effects=(_signed_pdf("sealed_at"),),
            offered=("signing", "signed"),
            wrong_state=_seal_wrong_state,
            internal=True,
        ),
        Transition("issue", _("Phát hành"), ("sealed",), "issued", (CLERK,), effects=(_issue,)),
        Transition(
            "revoke",
            _("Thu hồi văn bản"),
            ("issued",),
            "revoked",
            (CLERK,),
            guards=(requires("revoke_reason", REASON_REQUIRED),),
            effects=(_revoke,),
            fields=("revoke_reason",),
        ),
        Transition(
            "replace",
            _("Thay thế (sai nội dung)"),
            ("issued",),
            None,
            (HANDLER,),
            guards=(requires("revoke_reason", REASON_REQUIRED),),
            effects=(lambda ctx: _derived_draft(ctx, corrects=False),),
            fields=("revoke_reason",),
        ),
        Transition(
            "correct",
            _("Đính chính (sai thể thức)"),
            ("issued",),
            None,
            (HANDLER,),
            guards=(requires("revoke_reason", REASON_REQUIRED),),
            effects=(lambda ctx: _derived_draft(ctx, corrects=True),),
            fields=("revoke_reason",),
        ),
    ],
)

# --- the recipients of an issued document, as their systems report back over the axis --------------


def _delivery_reason(ctx: Context) -> str | None:
    return None if ctx.text("reason") else str(REASON_REQUIRED)


def _delivery_note(ctx: Context) -> None:
    ctx.obj.reason = ctx.text("reason")


def _before_recall(ctx: Context) -> None:
    ctx.obj.before_recall = ctx.obj.status


# What each recipient's system reports, fired by the simulated receivers (``SYSTEM``): received (01),
# returned with a reason (02) or registered (03), assigned (04), being handled (05), done (06); asked
# to give a revoked document back (13), which it accepts (15, deleting its copy) or refuses (16).
DELIVERY = Workflow.of(
    name="delivery",
    label=_("Tình trạng nhận văn bản"),
    states=INCOMING.states,
    state_field="status",
    transitions=[
        Transition(
            "return",
            _("Nơi nhận trả lại"),
            ("01",),
            "02",
            (SYSTEM,),
            guards=(_delivery_reason,),
            effects=(_delivery_note,),
        ),
        Transition("register", _("Nơi nhận vào sổ"), ("01",), "03", (SYSTEM,)),
        Transition("assign", _("Nơi nhận phân công"), ("03",), "04", (SYSTEM,)),
        Transition("start", _("Nơi nhận đang giải quyết"), ("04",), "05", (SYSTEM,)),
        Transition("finish", _("Nơi nhận hoàn thành"), ("05",), "06", (SYSTEM,)),
        Transition(
            "recall_request",
            _("Đề nghị thu hồi"),
            ("01", "03", "04", "05", "06"),
            "13",
            (SYSTEM,),
            effects=(_before_recall,),
        ),
        Transition("recall_accept", _("Nơi nhận đồng ý thu hồi"), ("13",), "15", (SYSTEM,)),
        Transition(
            "recall_refuse",
            _("Nơi nhận từ chối thu hồi"),
            ("13",),
            "16",
            (SYSTEM,),
            guards=(_delivery_reason,),
            effects=(_delivery_note,),
        ),
    ],
)


def delivery_move(delivery: OutgoingRecipient, transition: str, *, now, reason: str = "") -> bool:
    """Fire one step of ``DELIVERY`` on a recipient, as its system reports it; ``False`` when the
    step does not apply from where the recipient is."""
    ctx = workflow.Context(obj=delivery, actor=SYSTEM, data={"reason": reason}, now=now)

    def store(step) -> None:
        delivery.status_at = now
        delivery.save(update_fields=["status", "status_at", "reason", "before_recall"])

    return workflow.fire(DELIVERY, transition, ctx, store=store).ok


# --- one-stop dossiers (DVCQG status codes 1–10) ----------------------------------------------------

DISTRICT = re.compile(r"\b(huyện|quận|thị xã)\b", re.IGNORECASE)


def _statutory(ctx: Context) -> datetime:
    dossier = ctx.obj
    procedure = procedure_get(dossier.procedure)
    days = procedure.statutory_days(needs_verification=dossier.needs_verification)
    return ctx.calendar.appointment_for(received_at=ctx.now, working_days=days)


def _appointment_valid(ctx: Context) -> str | None:
    if not ctx.text("appointment"):
        return None
    chosen = parse_date(ctx.data["appointment"])
    if chosen is None:
        return str(_("Ngày hẹn trả không hợp lệ."))
    if chosen < ctx.today:
        return str(_("Ngày hẹn trả không được trước ngày tiếp nhận."))
    return _working_day_required(ctx, chosen)


def _working_day_required(ctx: Context, day: date) -> str | None:
    """An appointment or a deadline falls on a working day: not a weekend, a holiday or a day off."""
    why = ctx.calendar.day_off_name(day)
    if not why:
        return None
    return str(
        _("Ngày %(day)s là ngày nghỉ (%(why)s): hãy chọn một ngày làm việc, ví dụ %(next)s.")
        % {
            "day": day.strftime("%d/%m/%Y"),
            "why": why,
            "next": ctx.calendar.next_working_day(day).strftime("%d/%m/%Y"),
        }
    )


def _accept(ctx: Context) -> None:
    dossier = ctx.obj
    statutory = _statutory(ctx)
    chosen = parse_date(ctx.data.get("appointment")) if ctx.text("appointment") else None
    dossier.received_at = ctx.now
    dossier.appointment_at = workdays.at_closing(chosen) if chosen else statutory
    ctx.facts.update(
        statutory_appointment=timezone.localtime(statutory).date().isoformat(),
        appointment=timezone.localtime(dossier.appointment_at).date().isoformat(),
        after_cutoff=timezone.localtime(ctx.now).time() >= workdays.CUTOFF,
        owner_address=dossier.owner_address,
        other_commune=bool(dossier.owner_commune_code)
        and dossier.owner_commune_code != ctx.workspace.commune_code,
    )


# Why a one-stop desk may refuse a dossier: an incomplete file it cannot complete on the spot, or
# papers that are forged or altered. "Not within our competence" is lawful only for a procedure the
# commune does not handle, and none of the replica's procedures is such; the residence of the citizen
# never is (Decree 118/2025).
REFUSAL_LAWFUL = {"incomplete", "forged"}


def _refusal_lawful(ctx: Context) -> str | None:
    kind = ctx.text("reason_kind")
    if kind == "authority":
        return str(
            _(
                "“%(procedure)s” là thủ tục thuộc thẩm quyền cấp xã: không được từ chối vì "
                "“không thuộc thẩm quyền”. Hãy tiếp nhận, hoặc chọn đúng lý do từ chối."
            )
            % {"procedure": procedure_get(ctx.obj.procedure).name}
        )
    if kind != "residence" and kind not in REFUSAL_LAWFUL:
        return str(_("Hãy chọn lý do từ chối theo quy định."))
    if kind == "residence":
        return str(
            _(
                "Không được từ chối vì công dân cư trú ở xã/phường khác: "
                "từ 1/7/2025, bộ phận một cửa tiếp nhận "
                "hồ sơ không phụ thuộc nơi cư trú (Nghị định 118/2025/NĐ-CP)."
            )
        )
    return None


def _refuse(ctx: Context) -> None:
    ctx.obj.decision_reason = ctx.text("decision_reason")
    ctx.facts["reason_kind"] = ctx.text("reason_kind")


def _reconsider(ctx: Context) -> None:
    """A refusal made by mistake is withdrawn: the dossier is back to be received (status 1)."""
    ctx.facts["refusal_withdrawn"] = ctx.obj.decision_reason
    ctx.obj.decision_reason = ""


def _update_owner(ctx: Context) -> None:
    dossier = ctx.obj
    for key in ("owner_name", "owner_id_number", "owner_phone", "owner_address"):
        if ctx.text(key):
            setattr(dossier, key, ctx.text(key))
    ctx.facts["owner_address"] = dossier.owner_address


def _owner_valid(ctx: Context) -> str | None:
    number = ctx.text("owner_id_number")
    if number and not (number.isdigit() and len(number) == 12):
        return str(_("Số định danh cá nhân gồm 12 chữ số."))
    return None


def _pause(ctx: Context) -> None:
    dossier = ctx.obj
    dossier.missing_papers = ctx.text("missing_papers")
    dossier.paused_at = ctx.now
    due = timezone.localtime(dossier.appointment_at).date() if dossier.appointment_at else ctx.today
    dossier.paused_remaining_days = ctx.calendar.working_days_between(ctx.today, due)
    ctx.facts["remaining_days"] = dossier.paused_remaining_days


def _resume(ctx: Context) -> None:
    dossier = ctx.obj
    start = ctx.calendar.effective_receipt_day(ctx.now)
    dossier.appointment_at = workdays.at_closing(
        ctx.calendar.add_working_days(start, dossier.paused_remaining_days or 0)
    )
    dossier.paused_at, dossier.paused_remaining_days = None, None
    ctx.facts["appointment"] = timezone.localtime(dossier.appointment_at).date().isoformat()


def _fee_amount_valid(ctx: Context) -> str | None:
    raw = ctx.text("fee_amount").replace(".", "").replace(",", "")
    if not raw.isdigit() or int(raw) <= 0:
        return str(_("Hãy nhập số tiền phí, lệ phí (đồng)."))
    return None


def _request_fee(ctx: Context) -> None:
    from sandbox.procedures import copy_certification_fee

    dossier = ctx.obj
    dossier.fee_amount = int(ctx.text("fee_amount").replace(".", "").replace(",", ""))
    ctx.facts["fee_amount"] = dossier.fee_amount
    if procedure_get(dossier.procedure).fee_per_page:
        ctx.facts["fee_expected"] = copy_certification_fee(
            pages=int(dossier.details.get("pages", 1)), copies=int(dossier.details.get("copies", 1))
        )


def _payment_valid(ctx: Context) -> str | None:
    raw = ctx.text("paid_amount").replace(".", "").replace(",", "")
    if not raw.isdigit() or int(raw) != ctx.obj.fee_amount:
        return str(
            _("Số tiền thu phải đúng số phí đã thông báo: %(amount)s đồng.") % {"amount": ctx.obj.fee_amount}
        )
    if not ctx.text("fee_receipt"):
        return str(_("Hãy ghi số biên lai thu phí."))
    return None


def _fee_paid(ctx: Context) -> None:
    ctx.obj.fee_paid_at, ctx.obj.fee_receipt = ctx.now, ctx.text("fee_receipt")
    ctx.facts["paid_amount"] = ctx.obj.fee_amount


def _agency_valid(ctx: Context) -> str | None:
    agencies = procedure_get(ctx.obj.procedure).interconnect
    if ctx.text("agency") not in agencies:
        return str(_("Thủ tục này không liên thông với cơ quan đã chọn."))
    state = ctx.obj.interconnect.get(ctx.text("agency"))
    if state == "sent":
        return str(_("Đã gửi cơ quan này, đang chờ trả lời: theo dõi kết quả, chưa gửi lại."))
    if state in ("done", "refused"):
        return str(_("Cơ quan này đã trả lời hồ sơ: không gửi lại."))
    return None


def _interconnect(ctx: Context) -> None:
    # The agency answers later, on the sandbox clock (sandbox.interconnect); "more": a follow-up.
    ctx.facts.update(
        agency=ctx.text("agency"), follow_up=ctx.obj.interconnect.get(ctx.text("agency")) == "more"
    )
    agency, dossier = ctx.text("agency"), ctx.obj
    sent = {**dossier.interconnect.get("_sent", {}), agency: ctx.now.isoformat()}
    dossier.interconnect = {**dossier.interconnect, agency: "sent", "_sent": sent}


def _extension_valid(ctx: Context) -> str | None:
    dossier = ctx.obj
    if not ctx.text("apology_reason"):
        return str(_("Hãy ghi lý do chậm trả kết quả."))
    new = parse_date(ctx.data.get("appointment"))
    if new is None:
        return str(_("Hãy chọn ngày hẹn trả mới."))
    if dossier.appointment_at and new <= timezone.localtime(dossier.appointment_at).date():
        return str(_("Ngày hẹn mới phải sau ngày hẹn cũ."))
    return _working_day_required(ctx, new)


def _extend(ctx: Context) -> None:
    dossier = ctx.obj
    ctx.facts["was_overdue"] = bool(dossier.appointment_at and dossier.appointment_at < ctx.now)
    dossier.apology_at, dossier.apology_reason = ctx.now, ctx.text("apology_reason")
    dossier.appointment_at = workdays.at_closing(parse_date(ctx.data["appointment"]))
    ctx.facts["appointment"] = ctx.text("appointment")


def _handler_valid(ctx: Context) -> str | None:
    if not ctx.text("handler_name"):
        return str(_("Hãy chọn chuyên viên thụ lý hồ sơ."))
    if ctx.text("handler_name") == ctx.obj.handler_name:
        return str(_("Hồ sơ đã được phân công cho chuyên viên này."))
    return None


def _assign_handler(ctx: Context) -> None:
    ctx.facts["reassigned"] = bool(ctx.obj.handler_name)
    ctx.obj.handler_name, ctx.obj.assigned_at = ctx.text("handler_name"), ctx.now


def _result_needed(ctx: Context) -> str | None:
    procedure = procedure_get(ctx.obj.procedure)
    if procedure.result is None:
        return str(_("Thủ tục này không có văn bản kết quả cần trình ký."))
    if not ctx.obj.handler_name:
        return str(_("Hồ sơ chưa được phân công chuyên viên thụ lý: lãnh đạo phân công trước khi dự thảo."))
    if ctx.obj.results.exclude(status__in=("revoked", "replaced")).exists():
        return str(_("Hồ sơ đã có dự thảo văn bản kết quả."))
    return None


def _draft_result(ctx: Context) -> None:
    from sandbox.documents import dossier_result_draft

    draft = dossier_result_draft(dossier=ctx.obj, now=ctx.now)
    ctx.facts["draft_id"] = draft.pk


def _complete_ready(ctx: Context) -> str | None:
    dossier = ctx.obj
    procedure = procedure_get(dossier.procedure)
    if dossier.fee_amount and not dossier.fee_paid_at:
        return str(_("Công dân chưa nộp phí, lệ phí."))
    if any(dossier.interconnect.get(a) == "refused" for a in procedure.interconnect):
        return str(_("Cơ quan phối hợp đã từ chối hồ sơ liên thông: dừng xử lý và báo công dân."))
    missing = [a for a in procedure.interconnect if dossier.interconnect.get(a) != "done"]
    if missing:
        return str(_("Chưa có kết quả liên thông từ cơ quan phối hợp."))
    if procedure.result and not dossier.paper_certificate:
        if not dossier.results.filter(status__in=("numbered", "sealed", "issued")).exists():
            return str(_("Văn bản kết quả chưa được ký số và cấp số."))
    return None


def _complete(ctx: Context) -> None:
    dossier = ctx.obj
    dossier.completed_at = ctx.now
    ctx.facts.update(
        late=bool(dossier.appointment_at and dossier.appointment_at < ctx.now),
        paper_fallback=bool(dossier.paper_certificate),
    )


def _fallback_allowed(ctx: Context) -> str | None:
    if "portal_freeze" not in ctx.workspace.faults:
        return str(_("Chỉ dùng quy trình dự phòng bằng giấy khi hệ thống gặp sự cố."))
    if not ctx.text("paper_certificate"):
        return str(_("Hãy ghi số giấy chứng nhận bản giấy đã cấp (số, quyển sổ)."))
    return None


def _receiver_valid(ctx: Context) -> str | None:
    if not ctx.text("returned_to"):
        return str(_("Hãy ghi họ tên người nhận kết quả."))
    if ctx.text("receiver_id") != ctx.obj.owner_id_number and not ctx.text("authorisation"):
        return str(_("Người nhận không phải chủ hồ sơ: cần văn bản ủy quyền hợp lệ."))
    return None


def _return(ctx: Context) -> None:
    ctx.obj.returned_at, ctx.obj.returned_to = ctx.now, ctx.text("returned_to")
    ctx.facts["late"] = bool(ctx.obj.appointment_at and ctx.obj.appointment_at < ctx.now)


DOSSIER = _machine(
    "dossier",
    _("Hồ sơ một cửa"),
    {
        "1": _("1 Mới đăng ký"),
        "2": _("2 Được tiếp nhận"),
        "3": _("3 Không được tiếp nhận"),
        "4": _("4 Đang xử lý"),
        "5": _("5 Yêu cầu bổ sung giấy tờ"),
        "6": _("6 Yêu cầu thực hiện nghĩa vụ tài chính"),
        "7": _("7 Công dân yêu cầu rút hồ sơ"),
        "8": _("8 Dừng xử lý"),
        "9": _("9 Đã xử lý xong"),
        "10": _("10 Đã trả kết quả"),
    },
    [
        Transition(
            "accept",
            _("Tiếp nhận hồ sơ"),
            ("1",),
            "2",
            (ONE_STOP,),
            guards=(_appointment_valid,),
            effects=(_accept,),
            fields=("appointment",),
        ),
        Transition(
            "refuse",
            _("Không tiếp nhận"),
            ("1",),
            "3",
            (ONE_STOP,),
            guards=(requires("decision_reason", REASON_REQUIRED), _refusal_lawful),
            effects=(_refuse,),
            fields=("reason_kind", "decision_reason"),
        ),
        Transition(
            "reconsider",
            _("Hủy từ chối, tiếp nhận lại"),
            ("3",),
            "1",
            (ONE_STOP,),
            guards=(requires("reconsider_reason", REASON_REQUIRED),),
            effects=(_reconsider,),
            fields=("reconsider_reason",),
        ),
        Transition(
            "update",
            _("Sửa thông tin hồ sơ"),
            ("1", "2", "4", "5"),
            None,
            (ONE_STOP, HANDLER),
            guards=(_owner_valid,),
            effects=(_update_owner,),
            fields=("owner_name", "owner_id_number", "owner_phone", "owner_address"),
        ),
        Transition("transfer", _("Chuyển xử lý"), ("2",), "4", (ONE_STOP,)),
        Transition(
            "request_papers",
            _("Yêu cầu bổ sung giấy tờ"),
            ("4",),
            "5",
            (HANDLER,),
            guards=(requires("missing_papers", _("Hãy ghi rõ giấy tờ cần bổ sung.")),),
            effects=(_pause,),
            fields=("missing_papers",),
        ),
        Transition(
            "papers_received", _("Đã nhận giấy tờ bổ sung"), ("5",), "4", (ONE_STOP,), effects=(_resume,)
        ),
        Transition(
            "request_fee",
            _("Thông báo phí, lệ phí"),
            ("4",),
            "6",
            (HANDLER,),
            guards=(_fee_amount_valid,),
            effects=(_request_fee,),
            fields=("fee_amount",),
        ),
        Transition(
            "fee_paid",
            _("Ghi nhận đã nộp phí"),
            ("6",),
            "4",
            (ONE_STOP,),
            guards=(_payment_valid,),
            effects=(_fee_paid,),
            fields=("paid_amount", "fee_receipt"),
        ),
        Transition(
            "interconnect_send",
            _("Gửi liên thông"),
            ("4",),
            None,
            (HANDLER,),
            guards=(_agency_valid,),
            effects=(_interconnect,),
            fields=("agency",),
        ),
        Transition(
            "extend",
            _("Phiếu xin lỗi và hẹn lại ngày trả"),
            ("4", "5", "6"),
            None,
            (HANDLER,),
            guards=(_extension_valid,),
            effects=(_extend,),
            fields=("apology_reason", "appointment"),
        ),
        Transition(
            "assign_handler",
            _("Phân công chuyên viên thụ lý"),
            ("4", "5", "6"),
            None,
            (LEADER,),
            guards=(_handler_valid,),
            effects=(_assign_handler,),
            fields=("handler_name",),
        ),
        Transition(
            "draft_result",
            _("Tạo dự thảo văn bản kết quả"),
            ("4",),
            None,
            (HANDLER,),
            guards=(_result_needed,),
            effects=(_draft_result,),
        ),
        Transition(
            "paper_fallback",
            _("Cấp bản giấy (quy trình dự phòng)"),
            ("4",),
            None,
            (HANDLER, ONE_STOP),
            guards=(_fallback_allowed,),
            effects=(store("paper_certificate"),),
            fields=("paper_certificate",),
        ),
        Transition(
            "complete",
            _("Hoàn thành xử lý"),
            ("4",),
            "9",
            (HANDLER,),
            guards=(_complete_ready,),
            effects=(_complete,),
        ),
        Transition(
            "return_result",
            _("Trả kết quả"),
            ("9",),
            "10",
            (ONE_STOP,),
            guards=(_receiver_valid,),
            effects=(_return,),
            fields=("returned_to", "receiver_id", "authorisation"),
        ),
        Transition(
            "withdraw",
            _("Rút hồ sơ (theo đề nghị của công dân)"),
            ("1", "2", "4", "5", "6"),
            "7",
            (ONE_STOP,),
            guards=(requires("decision_reason", _("Hãy ghi nội dung đề nghị rút hồ sơ của công dân.")),),
            effects=(store("decision_reason"),),
            fields=("decision_reason",),
        ),
        Transition(
            "stop",
            _("Dừng xử lý"),
            ("4",),
            "8",
            (HANDLER, LEADER),
            guards=(requires("decision_reason", REASON_REQUIRED),),
            effects=(store("decision_reason"),),
            fields=("decision_reason",),
        ),
    ],
)

# --- the practice login account ----------------------------------------------------------------------

LOCK_MINUTES = 15
FAILURE_LIMIT = 5
MIN_PASSWORD = 8
# Printed on the practice account slip; hashed only once the official chooses their own password.
INITIAL_PASSWORD = "Thuchanh@2025"


def password_matches(account, raw: str) -> bool:
    if not account.password_hash:
        return constant_time_compare(raw or "", INITIAL_PASSWORD)
    return check_password(raw, account.password_hash)


def _password_right(ctx: Context) -> str | None:
    if password_matches(ctx.obj, ctx.data.get("_password", "")):
        return None
    left = FAILURE_LIMIT - ctx.obj.failed_attempts - 1
    if left <= 0:
        return str(_("Sai mật khẩu."))
    return str(
        _("Sai tên đăng nhập hoặc mật khẩu. Còn %(left)s lần thử trước khi tài khoản bị khóa.")
        % {"left": left}
    )


def _signed_in(method: str) -> Effect:
    def effect(ctx: Context) -> None:
        account = ctx.obj
        account.failed_attempts, account.signed_in_at, account.signed_in_with = 0, ctx.now, method
        account.vneid_request = ""

    return effect


def locked_message(ctx: Context) -> str:
    until = ctx.obj.locked_until
    if until is None:
        return str(_("Tài khoản đang bị khóa."))
    return str(
        _("Tài khoản tạm khóa do nhập sai nhiều lần. Mở khóa lúc %(time)s, hoặc dùng “Quên mật khẩu”.")
        % {"time": date_format(timezone.localtime(until), "H:i d/m/Y")}
    )


def _new_password_valid(ctx: Context) -> str | None:
    new = ctx.data.get("_new_password", "")
    if len(new) < MIN_PASSWORD:
        return str(_("Mật khẩu mới cần ít nhất %(n)s ký tự.") % {"n": MIN_PASSWORD})
    if new != ctx.data.get("_confirm", ""):
        return str(_("Hai lần nhập mật khẩu mới không khớp."))
    if password_matches(ctx.obj, new):
        return str(_("Mật khẩu mới phải khác mật khẩu cũ."))
    return None


def _set_password(ctx: Context) -> None:
    account = ctx.obj
    account.password_hash = make_password(ctx.data["_new_password"])
    account.failed_attempts, account.locked_until, account.reset_code = 0, None, ""


def _reset_code_right(ctx: Context) -> str | None:
    account = ctx.obj
    if not account.reset_code or account.reset_code_expires is None or account.reset_code_expires < ctx.now:
        return str(_("Mã xác nhận đã hết hạn. Hãy yêu cầu mã mới."))
    if ctx.text("code") != account.reset_code:
        return str(_("Mã xác nhận không đúng."))
    return None


def _lock(ctx: Context) -> None:
    ctx.obj.locked_until = ctx.now + timedelta(minutes=LOCK_MINUTES)
    ctx.obj.signed_in_at = None
    ctx.facts["locked_until"] = ctx.obj.locked_until.isoformat()


def _unlock_due(ctx: Context) -> str | None:
    until = ctx.obj.locked_until
    return None if until is None or until <= ctx.now else str(locked_message(ctx))


def _must_be_signed_in(ctx: Context) -> str | None:
    return None if ctx.obj.signed_in_at else str(_("Bạn chưa đăng nhập."))


def _vneid_pending(ctx: Context) -> str | None:
    account = ctx.obj
    if (
        not account.vneid_request
        or account.vneid_request_expires is None
        or account.vneid_request_expires < ctx.now
    ):
        return str(_("Yêu cầu đăng nhập VNeID đã hết hạn. Hãy quét mã lại."))
    if ctx.text("code") and ctx.text("code") != account.vneid_request:
        return str(_("Mã xác thực VNeID không đúng."))
    return None


def _vneid_request(ctx: Context) -> None:
    import secrets

    ctx.obj.vneid_request = f"{secrets.randbelow(10**6):06d}"
    ctx.obj.vneid_request_expires = ctx.now + timedelta(minutes=5)
    ctx.facts["method"] = ctx.text("method") or "qr"


def _reset_code_issue(ctx: Context) -> None:
    import secrets

    ctx.obj.reset_code = f"{secrets.randbelow(10**6):06d}"
    ctx.obj.reset_code_expires = ctx.now + timedelta(minutes=10)


LOGIN = _machine(
    "login",
    _("Đăng nhập"),
    {"must_change": _("Chưa đổi mật khẩu lần đầu"), "active": _("Đang hoạt động"), "locked": _("Tạm khóa")},
    [
        Transition(
            "sign_in",
            _("Đăng nhập"),
            ("must_change", "active"),
            None,
            DESKS,
            guards=(_password_right,),
            effects=(_signed_in("password"),),
            offered=("locked",),
            wrong_state=locked_message,
        ),
        Transition(
            "change_password",
            _("Đổi mật khẩu lần đầu"),
            ("must_change",),
            "active",
            DESKS,
            guards=(_must_be_signed_in, _new_password_valid),
            effects=(_set_password,),
        ),
        Transition(
            "sign_out",
            _("Đăng xuất"),
            ("must_change", "active"),
            None,
            DESKS,
            (_must_be_signed_in,),
            (lambda ctx: setattr(ctx.obj, "signed_in_at", None),),
        ),
        Transition(
            "lock",
            _("Khóa tài khoản"),
            ("must_change", "active"),
            "locked",
            (SYSTEM,),
            effects=(_lock,),
            internal=True,
        ),
        Transition(
            "unlock",
            _("Hết thời gian khóa"),
            ("locked",),
            "active",
            (SYSTEM,),
            guards=(_unlock_due,),
            internal=True,
        ),
        Transition(
            "request_reset",
            _("Quên mật khẩu: nhận mã xác nhận"),
            ("must_change", "active", "locked"),
            None,
            DESKS,
            effects=(_reset_code_issue,),
        ),
        Transition(
            "reset_password",
            _("Đặt lại mật khẩu"),
            ("must_change", "active", "locked"),
            "active",
            DESKS,
            guards=(_reset_code_right, _new_password_valid),
            effects=(_set_password,),
        ),
        Transition(
            "vneid_request",
            _("Đăng nhập bằng VNeID"),
            ("must_change", "active", "locked"),
            None,
            DESKS,
            effects=(_vneid_request,),
        ),
        Transition(
            "vneid_confirm",
            _("Xác nhận đăng nhập trên ứng dụng VNeID"),
            ("must_change", "active", "locked"),
            None,
            DESKS,
            guards=(_vneid_pending,),
            effects=(_signed_in("vneid"),),
        ),
    ],
)

MACHINES: dict[str, Workflow] = {m.name: m for m in (INCOMING, OUTGOING, DOSSIER, LOGIN)}
