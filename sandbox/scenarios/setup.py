"""Creating a scenario's starting data from its ``Seed`` entries.

Fields of a seed are model fields, plus a few shorthands resolved against the sandbox clock:
``sample`` (which realistic sample to base it on), ``arrived_minutes`` (incoming), ``wrong_recipient``
(incoming addressed to another commune), ``drill`` (incoming: ``broken_signature`` or
``wrong_sender_code``, see ``sandbox.incoming_files``), ``status`` (any state; outgoing documents
past "signing" get a real leader's signature, past "signed" a number), ``appointment_days``
(dossier: working days from today, negative = overdue), ``district_in_address``,
``other_commune``, ``result`` (dossier: a result document already in that state) and
``interconnect_script`` (the answers of the joint procedure's agencies, see
``sandbox.interconnect``).
"""

from datetime import timedelta

from django.utils import timezone

from people.models import Commune
from sandbox import fake, numbering, workdays
from sandbox.models import IncomingDocument, IncomingDrill, OutgoingDocument, Workspace
from sandbox.procedures import PROCEDURES, copy_certification_fee
from sandbox.scenarios.types import Seed
from sandbox.services import sandbox_now

OLD_DISTRICTS = ("huyện Yên Phong", "huyện Gia Viễn", "huyện Thọ Xuân", "thị xã Quế Võ")
OUTGOING_ORDER = ("draft", "review", "signing", "signed", "numbered", "sealed", "issued")


def seed_create(*, workspace: Workspace, seed: Seed) -> list:
    """Create one seeded object and return its reference ``[kind, pk]`` for the run's ``refs``."""
    creators = {"incoming": _incoming, "outgoing": _outgoing, "dossier": _dossier}
    obj = creators[seed.kind](workspace, dict(seed.fields))
    return [seed.kind, obj.pk]


def _incoming(workspace: Workspace, fields: dict) -> IncomingDocument:
    now = sandbox_now(workspace)
    sample = fields.pop("sample", 0)
    arrived = now - timedelta(minutes=fields.pop("arrived_minutes", 15))
    wrong = fields.pop("wrong_recipient", False)
    doc = fake.incoming_build(workspace, seed=workspace.pk * 31 + sample, arrived_at=arrived, **fields)
    doc.issuer, doc.reference, doc.kind, doc.summary = _sample_text(workspace, sample, doc.reference)
    doc.sender_code = fake.sender_code_of(issuer=doc.issuer, province_code=workspace.province_code)
    doc.attachments = fake.incoming_attachments(doc.kind)
    if doc.drill == IncomingDrill.WRONG_SENDER_CODE:
        doc.sender_code = fake.sender_code_wrong(doc.sender_code)
    if wrong:
        other = Commune.objects.exclude(code=workspace.commune_code).order_by("code").first()
        doc.addressed_to = f"UBND {other.name if other else 'Xã Hòa Bình'}"
    if doc.status != "01":
        year = timezone.localtime(now).year
        doc.year, doc.registered_at = year, arrived + timedelta(minutes=5)
        doc.number = numbering.incoming_number_next(workspace=workspace, year=year)
    if doc.status in ("04", "05", "06"):
        staff = fake.staff_directory(workspace)
        doc.lead, doc.assigned_at = staff[1], arrived + timedelta(minutes=30)
        doc.deadline = workdays.add_working_days(
            timezone.localtime(now).date(), 3, province=workspace.province_code
        )
    doc.save()
    return doc


def _sample_text(workspace: Workspace, sample: int, reference: str) -> tuple[str, str, str, str]:
    issuer, symbol, kind, summary = fake.incoming_samples(workspace)[sample]
    return issuer, f"{reference.split('/')[0]}/{symbol}", kind, summary


def _outgoing(workspace: Workspace, fields: dict) -> OutgoingDocument:
    from sandbox.signing import seed_leader_signature

    now = sandbox_now(workspace)
    status = fields.pop("status", "draft")
    doc = fake.outgoing_build(workspace, seed=fields.pop("sample", 0), **fields)
    doc.status = status
    doc.created_at = now - timedelta(hours=3)
    reached = OUTGOING_ORDER.index(status) if status in OUTGOING_ORDER else len(OUTGOING_ORDER)
    if reached >= OUTGOING_ORDER.index("numbered"):
        doc.year = timezone.localtime(now).year
        doc.number = numbering.outgoing_number_next(workspace=workspace, year=doc.year, secret=False)
        doc.issued_on = timezone.localtime(now).date()
    if reached >= OUTGOING_ORDER.index("signed"):
        doc.leader_signed_at = now - timedelta(hours=1)
    if reached >= OUTGOING_ORDER.index("sealed"):
        doc.sealed_at = now - timedelta(minutes=30)
    if status == "issued":
        doc.issued_at = now - timedelta(minutes=20)
    doc.save()
    if status == "signed":
        # A document waiting for the clerk carries the leader's real signature.
        seed_leader_signature(workspace=workspace, document=doc)
    return doc


def _dossier(workspace: Workspace, fields: dict):
    now = sandbox_now(workspace)
    procedure = fields.pop("procedure")
    status = fields.pop("status", "1")
    appointment_days = fields.pop("appointment_days", None)
    district = fields.pop("district_in_address", False)
    other_commune = fields.pop("other_commune", False)
    result = fields.pop("result", None)
    script = fields.pop("interconnect_script", None)
    dossier = fake.dossier_build(
        workspace, seed=workspace.pk * 53 + sum(map(ord, procedure)), procedure=procedure, **fields
    )
    dossier.status = status
    if script:
        dossier.details = {**dossier.details, "interconnect_script": script}
    dossier.code = fake.dossier_code_next(workspace=workspace, at=now)
    dossier.submitted_at = now - timedelta(minutes=40)
    if district:
        street = dossier.owner_address.split(",")[0]
        dossier.owner_address = f"{street}, xã Đông Thọ, {OLD_DISTRICTS[0]}, {workspace.province_name}"
    if other_commune:
        other = Commune.objects.exclude(code=workspace.commune_code).order_by("-code").first()
        if other is not None:
            dossier.owner_commune_code, dossier.owner_commune_name = other.code, other.name
            dossier.owner_province_code = other.province.code
            dossier.owner_address = (
                f"{dossier.owner_address.split(',')[0]}, {other.name}, {other.province.name}"
            )
    if status not in ("1", "2", "3"):
        # A dossier already being processed has had its handler assigned.
        dossier.handler_name, dossier.assigned_at = (
            fake.staff_directory(workspace)[1],
            now - timedelta(minutes=20),
        )
    if status != "1":
        dossier.received_at = now - timedelta(minutes=30)
        days = PROCEDURES[procedure].working_days
        dossier.appointment_at = workdays.appointment_for(
            received_at=dossier.received_at, working_days=days + 1, province=workspace.province_code
        )
    if appointment_days is not None:
        today = timezone.localtime(now).date()
        calendar = workdays.calendar_for(workspace.province_code)
        day = today
        step = 1 if appointment_days > 0 else -1
        for _ in range(abs(appointment_days)):
            day += timedelta(days=step)
            while not calendar.is_working_day(day):
                day += timedelta(days=step)
        dossier.appointment_at = workdays.at_closing(day)
        dossier.received_at = dossier.appointment_at - timedelta(days=3)
    if status == "6":
        dossier.fee_amount = copy_certification_fee(
            pages=int(dossier.details.get("pages", 1)), copies=int(dossier.details.get("copies", 1))
        )
    dossier.save()
    if result:
        from sandbox.documents import dossier_result_draft

        draft = dossier_result_draft(dossier=dossier, now=now)
        draft.status, draft.year = result, timezone.localtime(now).year
        draft.number = numbering.outgoing_number_next(workspace=workspace, year=draft.year, secret=False)
        draft.issued_on, draft.leader_signed_at = timezone.localtime(now).date(), now
        draft.save()
    return dossier
