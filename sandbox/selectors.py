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


def incoming_signature_checked(*, workspace: Workspace, document) -> Event | None:
    """The last signature check of an incoming document (``None``: never checked)."""
    return (
        workspace.events.filter(machine="incoming", action="check_signature", object_id=document.pk)
        .order_by("-id")
        .first()
    )
