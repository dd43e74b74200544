"""Reads of the sandbox, shaped for its pages: lists, register books, the monthly report, the
scenario overview and the trainer's view."""

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from sandbox import workdays
from sandbox.models import Dossier, Event, IncomingDocument, OutgoingDocument, ScenarioRun, Workspace

OPEN_STATUSES = ("2", "4", "6")


def dossier_overdue(dossier: Dossier, now: datetime) -> bool:
    """Overdue is computed, never stored: still open (and not waiting for papers) past the appointment."""
    return bool(dossier.status in OPEN_STATUSES and dossier.appointment_at and dossier.appointment_at < now)


def incoming_list(*, workspace: Workspace) -> QuerySet[IncomingDocument]:
    return workspace.incoming.defer("pdf").order_by("status", "-arrived_at")


def incoming_book(*, workspace: Workspace, year: int) -> QuerySet[IncomingDocument]:
    """Sổ văn bản đến: every registered document of the year, by incoming number."""
    return workspace.incoming.defer("pdf").filter(year=year, number__isnull=False).order_by("number")


def outgoing_list(*, workspace: Workspace) -> QuerySet[OutgoingDocument]:
    return workspace.outgoing.defer("pdf").select_related("dossier").order_by("-created_at", "-id")


def outgoing_book(*, workspace: Workspace, year: int, secret: bool = False) -> QuerySet[OutgoingDocument]:
    """Sổ văn bản đi: numbered documents of the year in one series (secret ones in their own)."""
    return (
        workspace.outgoing.defer("pdf")
        .filter(year=year, secret=secret, number__isnull=False)
        .prefetch_related("deliveries")
        .order_by("number")
    )


def dossier_search(*, workspace: Workspace, query: str = "", status: str = "") -> QuerySet[Dossier]:
    dossiers = workspace.dossiers.all()
    if query:
        dossiers = dossiers.filter(
            Q(code__icontains=query) | Q(owner_name__icontains=query) | Q(owner_id_number=query)
        )
    if status:
        dossiers = dossiers.filter(status=status)
    return dossiers.order_by("-submitted_at", "-id")


def dossier_register(*, workspace: Workspace) -> QuerySet[Dossier]:
    """Sổ theo dõi hồ sơ: the dossiers received (statuses 2 and after, not refused), oldest first."""
    return workspace.dossiers.filter(received_at__isnull=False).order_by("received_at", "id")


@dataclass
class MonthlyReport:
    month: date
    received: int
    by_status: dict[str, int]
    done_on_time: int
    done_late: int
    overdue_open: int


def dossier_monthly_report(*, workspace: Workspace, month: date, now: datetime) -> MonthlyReport:
    """The month's figures as the procedure system reports them: received, finished on time or late,
    and the open dossiers already overdue."""
    start = timezone.make_aware(datetime(month.year, month.month, 1))
    end = timezone.make_aware(datetime(month.year + month.month // 12, month.month % 12 + 1, 1))
    in_month = workspace.dossiers.filter(submitted_at__gte=start, submitted_at__lt=end)
    by_status = dict(in_month.values_list("status").annotate(n=Count("id")).values_list("status", "n"))
    finished = list(in_month.filter(completed_at__isnull=False).values_list("completed_at", "appointment_at"))
    late = sum(1 for done, due in finished if due and done > due)
    open_dossiers = in_month.filter(status__in=OPEN_STATUSES, appointment_at__lt=now).count()
    return MonthlyReport(
        month=month,
        received=in_month.exclude(status__in=("1", "3")).count(),
        by_status=by_status,
        done_on_time=len(finished) - late,
        done_late=late,
        overdue_open=open_dossiers,
    )


def events_recent(*, workspace: Workspace, limit: int = 200) -> QuerySet[Event]:
    return workspace.events.order_by("-id")[:limit]


def scenario_results(*, workspace: Workspace) -> dict[str, ScenarioRun]:
    """The latest run of each scenario in this workspace."""
    latest: dict[str, ScenarioRun] = {}
    for run in workspace.runs.order_by("-id"):
        latest.setdefault(run.slug, run)
    return latest


def runs_finished(*, workspace: Workspace) -> QuerySet[ScenarioRun]:
    return workspace.runs.exclude(status=ScenarioRun.Status.ACTIVE).order_by("-id")


@dataclass
class Due:
    """A time limit shown on a document's page: the day it falls and whether it has passed."""

    label: str
    day: date
    rule: str
    passed: bool


def document_due(*, workspace: Workspace, document, now: datetime) -> Due | None:
    """The timing rule of Decree 30 the document is under now, if any: an incoming document is
    registered on its arrival day or the next working day (Hỏa tốc / Thượng khẩn: at once), an
    outgoing document signed by the leader is issued that day or the next working day."""
    from django.utils.translation import gettext as _

    today = timezone.localtime(now).date()
    calendar = workdays.calendar_for(workspace.province_code)
    if isinstance(document, IncomingDocument) and document.status == "01":
        arrived = timezone.localtime(document.arrived_at).date()
        if document.is_flash:
            day, rule = arrived, _("Hỏa tốc, Thượng khẩn: vào sổ và trình ngay khi đến, trước các việc khác.")
        else:
            day = calendar.next_working_day(arrived)
            rule = _("Vào sổ trong ngày đến, chậm nhất ngày làm việc tiếp theo.")
        return Due(_("Hạn vào sổ"), day, rule, today > day)
    if (
        isinstance(document, OutgoingDocument)
        and document.status in ("signed", "numbered", "sealed")
        and document.leader_signed_at
    ):
        day = calendar.next_working_day(timezone.localtime(document.leader_signed_at).date())
        rule = _("Phát hành trong ngày ký, chậm nhất ngày làm việc tiếp theo.")
        return Due(_("Hạn phát hành"), day, rule, today > day)
    return None


@dataclass
class StateTab:
    """One tab over a list grid: a state, its label and how many objects are in it."""

    code: str
    label: str
    count: int
    current: bool


def state_tabs(*, objects: QuerySet, machine, current: str) -> list[StateTab]:
    """Counts per state over a list grid, as the document and one-stop systems show them above their
    grids (“Tất cả (12) · 01 Đã đến (3) · …”); states with nothing in them are left out."""
    from django.utils.translation import gettext as _

    counts = dict(objects.order_by().values_list("status").annotate(n=Count("id")).values_list("status", "n"))
    tabs = [StateTab("", _("Tất cả"), sum(counts.values()), not current)]
    tabs += [
        StateTab(code, str(label), counts[code], code == current)
        for code, label in machine.states.items()
        if counts.get(code)
    ]
    return tabs


def run_active(workspace: Workspace) -> ScenarioRun | None:
    """The workspace's scenario run under way, if any."""
    return workspace.runs.filter(status=ScenarioRun.Status.ACTIVE).first()


# --- the dossier's processing inside status 4, the look-up and the report screens ----------------------


@dataclass
class ProcessingStep:
    """One step of a dossier's processing inside status 4, as the one-stop systems show it."""

    label: str
    done: bool
    detail: str


def dossier_processing_steps(dossier: Dossier) -> list[ProcessingStep]:
    """Assign → draft the result → submit for signature → the leader's signature → the number: what is
    done (empty for a procedure without a result document, or a dossier not yet in processing)."""
    from django.utils.translation import gettext as _

    from sandbox.procedures import PROCEDURES

    if PROCEDURES[dossier.procedure].result is None or dossier.status in ("1", "2", "3"):
        return []
    result = dossier.results.exclude(status__in=("revoked", "replaced")).defer("pdf").order_by("-id").first()
    status = result.status if result else ""
    submitted = status in ("signing", "signed", "numbered", "sealed", "issued")
    return [
        ProcessingStep(_("Phân công chuyên viên thụ lý"), bool(dossier.handler_name), dossier.handler_name),
        ProcessingStep(_("Dự thảo văn bản kết quả"), result is not None, result.summary if result else ""),
        ProcessingStep(_("Trình ký"), submitted, ""),
        ProcessingStep(
            _("Lãnh đạo ký số"),
            bool(result and result.leader_signed_at),
            result.signer_name if result and result.leader_signed_at else "",
        ),
        ProcessingStep(
            _("Văn thư cấp số"), bool(result and result.number), result.number_display if result else ""
        ),
    ]


INCOMING_CLOSED = ("02", "06", "15")


def incoming_overdue(document: IncomingDocument, now: datetime) -> bool:
    """An incoming document still being handled past its handling deadline (computed, not stored)."""
    return bool(
        document.deadline
        and document.status not in INCOMING_CLOSED
        and document.deadline < timezone.localtime(now).date()
    )


@dataclass
class Found:
    """One line of the look-up grid, whatever its kind."""

    kind: str
    kind_label: str
    pk: int
    number: str
    summary: str
    party: str
    status: str
    day: datetime | date | None
    overdue: bool


LOOKUP_KINDS = ("incoming", "outgoing", "dossier")


def lookup_search(
    *,
    workspace: Workspace,
    query: str = "",
    kind: str = "",
    since: date | None = None,
    until: date | None = None,
    overdue_only: bool = False,
    now: datetime,
) -> list[Found]:
    """Tra cứu: documents and dossiers of the official's own workspace by number or symbol, summary
    (trích yếu), issuing body, owner (name or personal number) or dossier code, filtered by kind, by
    date (arrival, drafting or submission) and by overdue."""
    from django.utils.translation import gettext as _

    from sandbox.machines import MACHINES
    from sandbox.procedures import PROCEDURES

    found: list[Found] = []
    text = query.strip()

    def dated(qs, field):
        if since:
            qs = qs.filter(**{f"{field}__date__gte": since})
        if until:
            qs = qs.filter(**{f"{field}__date__lte": until})
        return qs

    if kind in ("", "incoming"):
        qs = dated(workspace.incoming.all(), "arrived_at")
        if text:
            match = Q(reference__icontains=text) | Q(summary__icontains=text) | Q(issuer__icontains=text)
            if text.isdigit():
                match |= Q(number=int(text))
            qs = qs.filter(match)
        for d in qs.order_by("-arrived_at", "-id")[:200]:
            found.append(
                Found(
                    "incoming",
                    str(_("Văn bản đến")),
                    d.pk,
                    f"{d.number or '—'} · {d.reference}",
                    d.summary,
                    d.issuer,
                    MACHINES["incoming"].state_label(d.status),
                    d.arrived_at,
                    incoming_overdue(d, now),
                )
            )
    if kind in ("", "outgoing"):
        qs = dated(workspace.outgoing.defer("pdf"), "created_at")
        if text:
            match = Q(summary__icontains=text) | Q(symbol__icontains=text) | Q(signer_name__icontains=text)
            number = text.split("/")[0]
            if number.isdigit():
                match |= Q(number=int(number))
            qs = qs.filter(match)
        for d in qs.order_by("-created_at", "-id")[:200]:
            found.append(
                Found(
                    "outgoing",
                    str(_("Văn bản đi")),
                    d.pk,
                    d.number_display or "—",
                    d.summary,
                    d.signer_name,
                    MACHINES["outgoing"].state_label(d.status),
                    d.created_at,
                    False,
                )
            )
    if kind in ("", "dossier"):
        qs = dated(workspace.dossiers.all(), "submitted_at")
        if text:
            qs = qs.filter(Q(code__icontains=text) | Q(owner_name__icontains=text) | Q(owner_id_number=text))
        for d in qs.order_by("-submitted_at", "-id")[:200]:
            found.append(
                Found(
                    "dossier",
                    str(_("Hồ sơ một cửa")),
                    d.pk,
                    d.code,
                    PROCEDURES[d.procedure].name if d.procedure in PROCEDURES else "",
                    d.owner_name,
                    MACHINES["dossier"].state_label(d.status),
                    d.submitted_at,
                    dossier_overdue(d, now),
                )
            )
    if overdue_only:
        found = [f for f in found if f.overdue]
    return found


@dataclass
class StateCount:
    code: str
    label: str
    count: int


@dataclass
class KindReport:
    kind: str
    label: str
    total: int
    states: list[StateCount]
    overdue: int


def workspace_report(*, workspace: Workspace, now: datetime) -> list[KindReport]:
    """Báo cáo: for the official's own sandbox, the count of documents and dossiers in each state and
    how many are overdue (an incoming document past its handling deadline, an open dossier past its
    appointment)."""
    from django.utils.translation import gettext as _

    from sandbox.machines import MACHINES

    reports = []
    for kind, label, objects in (
        ("incoming", _("Văn bản đến"), workspace.incoming.all()),
        ("outgoing", _("Văn bản đi"), workspace.outgoing.all()),
        ("dossier", _("Hồ sơ một cửa"), workspace.dossiers.all()),
    ):
        machine = MACHINES[kind]
        counts = dict(
            objects.order_by().values_list("status").annotate(n=Count("id")).values_list("status", "n")
        )
        states = [
            StateCount(code, machine.state_label(code), counts[code])
            for code in machine.states
            if counts.get(code)
        ]
        if kind == "incoming":
            overdue = sum(1 for d in objects.only("deadline", "status") if incoming_overdue(d, now))
        elif kind == "dossier":
            overdue = objects.filter(status__in=OPEN_STATUSES, appointment_at__lt=now).count()
        else:
            overdue = 0
        reports.append(KindReport(kind, str(label), sum(counts.values()), states, overdue))
    return reports


def incoming_signature_checked(*, workspace: Workspace, document) -> Event | None:
    """The last signature check of an incoming document (``None``: never checked)."""
    return (
        workspace.events.filter(machine="incoming", action="check_signature", object_id=document.pk)
        .order_by("-id")
        .first()
    )
