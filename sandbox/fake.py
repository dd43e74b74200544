"""Realistic fake data for the replicas: Vietnamese names and addresses from Faker's ``vi_VN`` locale,
the official's real commune and province, plausible document numbers and dossier codes.

Everything is seeded from the workspace's id, so a workspace looks the same after a reset.
"""

import random
import zlib
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone
from faker import Faker

from sandbox import workdays
from sandbox.models import (
    Channel,
    DocumentKind,
    Dossier,
    DossierChannel,
    IncomingDocument,
    OutgoingDocument,
    OutgoingRecipient,
    PracticeAccount,
    Workspace,
)
from sandbox.procedures import PROCEDURES, copy_certification_fee

# The dossier code's shape is unverified (DOMAIN.md §3): the pattern is a setting. Fields: province,
# commune (official codes), date, seq.
DOSSIER_CODE_PATTERN = "G{province}.20-{date:%Y%m%d}-{seq:07d}"

_faker: Faker | None = None


def faker_for(seed: int) -> Faker:
    """One Faker instance for the process (building it is slow), re-seeded for each use."""
    global _faker
    if _faker is None:
        _faker = Faker("vi_VN")
    _faker.seed_instance(seed)
    return _faker


def person_name(fake: Faker, female: bool | None = None) -> str:
    female = fake.boolean() if female is None else female
    # Never one word twice ("Mai Mai Bảo Ngọc", "Hoàng Thế Hoàng"): draw again.
    for _attempt in range(10):
        first = fake.first_name_female() if female else fake.first_name_male()
        words = f"{fake.last_name()} {fake.middle_name()} {first}".split()
        if len(words) == len(set(words)):
            break
    return " ".join(dict.fromkeys(words))


def id_number(fake: Faker, province_code: str) -> str:
    """A 12-digit personal identification number: place code, century/sex digit, birth year, serial."""
    place, century = province_code[-2:].zfill(2), fake.random_element("0123")
    return f"0{place}{century}{fake.random_int(50, 99):02d}{fake.random_int(0, 999_999):06d}"


def phone(fake: Faker) -> str:
    return f"09{fake.random_int(0, 99_999_999):08d}"


def address(fake: Faker, workspace: Workspace) -> str:
    """Street, commune, province: no district since 1 July 2025."""
    return f"{fake.street_address()}, {workspace.commune_name}, {workspace.province_name}"


def leader_name(workspace: Workspace) -> str:
    """The official plays the chairman in their own workspace: documents are signed in their name,
    with their own training certificate."""
    return workspace.official.get_full_name()


def staff_directory(workspace: Workspace) -> list[str]:
    """The commune's officials the leader may assign work to (names with their post)."""
    fake = faker_for(workspace.pk * 7 + 2)
    posts = [
        "Văn phòng - Thống kê",
        "Tư pháp - Hộ tịch",
        "Văn hóa - Xã hội",
        "Địa chính - Xây dựng",
        "Tài chính",
    ]
    return [f"{person_name(fake)} ({post})" for post in posts]


def _province_phrase(workspace: Workspace) -> str:
    """ "tỉnh Bắc Ninh" inside a sentence; a name without its kind of unit keeps its capitals."""
    from sandbox.layout import division_phrase

    return division_phrase(workspace.province_name)


def dossier_code(*, workspace: Workspace, at: datetime, seq: int) -> str:
    pattern = getattr(settings, "SANDBOX_DOSSIER_CODE_PATTERN", DOSSIER_CODE_PATTERN)
    return pattern.format(
        province=workspace.province_code.zfill(2),
        commune=workspace.commune_code,
        date=timezone.localtime(at),
        seq=seq,
    )


def dossier_code_next(*, workspace: Workspace, at: datetime) -> str:
    """The next code of the workspace (the portal numbers dossiers in one running sequence)."""
    seq = 92_600 + workspace.pk * 100 + Dossier.objects.filter(workspace=workspace).count() + 1
    return dossier_code(workspace=workspace, at=at, seq=seq)


def incoming_samples(workspace: Workspace) -> list[tuple[str, str, str, str]]:
    """(issuer, reference symbol, kind, summary) of documents a commune receives."""
    p = _province_phrase(workspace)
    return [
        (f"Sở Khoa học và Công nghệ {p}", "SKHCN-CĐS", "CV", "V/v triển khai nền tảng số dùng chung cấp xã"),
        (
            f"Sở Tư pháp {p}",
            "STP-HCTP",
            "CV",
            "V/v hướng dẫn đăng ký hộ tịch trực tuyến sau sắp xếp đơn vị hành chính",
        ),
        (f"UBND {p}", "QĐ-UBND", "QĐ", "Công bố danh mục thủ tục hành chính thực hiện tại cấp xã"),
        (f"Bảo hiểm xã hội {p}", "BHXH-TST", "CV", "V/v phối hợp cấp thẻ BHYT cho trẻ em dưới 6 tuổi"),
        (f"Công an {p}", "CAT-PC06", "CV", "V/v đôn đốc kích hoạt tài khoản định danh điện tử mức 2"),
        (f"Văn phòng UBND {p}", "GM-VP", "GM", "Mời dự hội nghị trực tuyến về chuyển đổi số cấp xã"),
        (f"Sở Nội vụ {p}", "SNV-CCVC", "KH", "Kế hoạch bồi dưỡng kỹ năng số cho cán bộ, công chức cấp xã"),
    ]


def outgoing_samples() -> list[tuple[str, str, str]]:
    """(kind, drafting unit, summary) of documents a commune issues."""
    return [
        ("CV", "VHXH", "V/v đăng ký tham gia lớp tập huấn kỹ năng số"),
        ("BC", "", "Báo cáo kết quả giải quyết thủ tục hành chính"),
        ("KH", "", "Kế hoạch tuyên truyền sử dụng dịch vụ công trực tuyến"),
        ("QĐ", "", "Thành lập Tổ công nghệ số cộng đồng"),
        ("TB", "", "Lịch tiếp công dân của Chủ tịch Ủy ban nhân dân"),
        ("CV", "VP", "V/v cung cấp danh sách cán bộ tham gia hội nghị trực tuyến"),
    ]


def sender_code_of(*, issuer: str, province_code: str) -> str:
    """The sending body's identifier on the exchange axis (mã định danh): the same for a body
    wherever it appears, so its certificate and its code always go together."""
    return f"000.00.{10 + zlib.crc32(issuer.encode()) % 30:02d}.H{province_code[-2:]}"


def sender_code_wrong(code: str) -> str:
    """The "wrong sender code" drill: a code with the abolished district level still in it."""
    parts = code.split(".")
    return ".".join([parts[0], "31", *parts[2:]])


# What arrives attached to a document of some kinds (name, pages).
ATTACHMENTS = {
    "QĐ": [{"name": "Danh mục thủ tục hành chính kèm theo Quyết định", "pages": 3}],
    "GM": [{"name": "Chương trình hội nghị", "pages": 1}],
    "KH": [{"name": "Phụ lục: Danh sách lớp bồi dưỡng", "pages": 2}],
}


def incoming_attachments(kind: str) -> list[dict]:
    return [dict(item) for item in ATTACHMENTS.get(kind, [])]


def _incoming(workspace, fake, now, index, **fields) -> IncomingDocument:
    issuer, symbol, kind, summary = incoming_samples(workspace)[index % len(incoming_samples(workspace))]
    arrived = fields.pop("arrived_at", now - timedelta(hours=2 + index * 5))
    values = dict(
        workspace=workspace,
        channel=Channel.AXIS,
        arrived_at=arrived,
        issuer=issuer,
        reference=f"{fake.random_int(20, 2400)}/{symbol}",
        doc_date=(arrived - timedelta(days=1)).date(),
        kind=kind,
        summary=summary,
        pages=fake.random_int(1, 6),
        signer=person_name(fake),
        addressed_to=f"UBND {workspace.commune_name}",
        sender_code=sender_code_of(issuer=issuer, province_code=workspace.province_code),
        attachments=incoming_attachments(kind),
    )
    values.update(fields)
    return IncomingDocument(**values)


def incoming_build(workspace: Workspace, *, seed: int, **fields) -> IncomingDocument:
    """An unsaved incoming document with plausible values (scenarios override what they need)."""
    now = workspace_now(workspace)
    fake = faker_for(seed)
    return _incoming(workspace, fake, now, seed, **fields)


def outgoing_build(workspace: Workspace, *, seed: int, **fields) -> OutgoingDocument:
    """An unsaved outgoing document by the commune, signed for the chairman."""
    fake = faker_for(seed)
    kind, unit, summary = outgoing_samples()[seed % len(outgoing_samples())]
    from sandbox.numbering import symbol_expected

    kind = fields.pop("kind", kind)
    unit = fields.pop("unit", unit if kind == DocumentKind.CONG_VAN else "")
    province = _province_phrase(workspace)
    values = dict(
        workspace=workspace,
        kind=kind,
        unit=unit,
        symbol=symbol_expected(kind=kind, unit=unit),
        summary=summary,
        body=(
            f"Thực hiện chỉ đạo của Ủy ban nhân dân {province} về chuyển đổi số, Ủy ban nhân dân "
            f"{workspace.commune_name} {summary[0].lower() + summary[1:]}. Đề nghị các đơn vị, cá nhân liên "
            f"quan thực hiện nghiêm túc; trong quá trình thực hiện có "
            f"vướng mắc, liên hệ {person_name(fake)}, "
            f"điện thoại {phone(fake)}."
        ),
        recipients=(
            f"- Sở Khoa học và Công nghệ {province};\n- Các ban, ngành, "
            f"đoàn thể xã;\n- Lưu: VT, {unit or 'VP'}."
        ),
        signer_name=leader_name(workspace),
        signer_title="CHỦ TỊCH",
        authority="TM.",
        created_at=workspace_now(workspace) - timedelta(days=1),
    )
    values.update(fields)
    return OutgoingDocument(**values)


def dossier_build(workspace: Workspace, *, seed: int, procedure: str, **fields) -> Dossier:
    """An unsaved dossier from a citizen of the commune (scenarios override what they need)."""
    fake = faker_for(seed)
    now = workspace_now(workspace)
    owner = person_name(fake)
    details: dict = {}
    subject = ""
    if procedure in ("birth", "joint_birth"):
        # The child takes the parent's family name.
        subject = f"{owner.split()[0]} {person_name(fake).split(' ', 1)[1]}"
        details = {"child_birth_date": (now - timedelta(days=fake.random_int(5, 40))).date().isoformat()}
    elif procedure == "marriage":
        subject = person_name(fake, female=True)
    elif procedure == "copy":
        details = {
            "pages": fake.random_int(1, 4),
            "copies": fake.random_int(1, 3),
            "paper": "Bằng tốt nghiệp",
        }
    values = dict(
        workspace=workspace,
        code="",
        procedure=procedure,
        channel=DossierChannel.ONLINE,
        owner_name=owner,
        owner_id_number=id_number(fake, workspace.province_code),
        owner_phone=phone(fake),
        owner_email=f"{fake.user_name()}@gmail.com",
        owner_address=address(fake, workspace),
        owner_commune_code=workspace.commune_code,
        owner_province_code=workspace.province_code,
        owner_commune_name=workspace.commune_name,
        subject_name=subject,
        details=details,
        components=[
            {"name": name, "count": 1, "form": "electronic"} for name in PROCEDURES[procedure].components
        ],
        submitted_at=now - timedelta(hours=1 + seed % 20),
    )
    values.update(fields)
    return Dossier(**values)


def workspace_now(workspace: Workspace) -> datetime:
    return timezone.now() + workspace.clock_offset


def workspace_seed(*, workspace: Workspace) -> None:
    """The starting data of a fresh workspace: a working week of documents and dossiers."""
    now = workspace_now(workspace)
    fake = faker_for(workspace.pk)
    year = timezone.localtime(now).year
    rnd = random.Random(workspace.pk)
    staff = staff_directory(workspace)

    incoming = [_incoming(workspace, fake, now, i) for i in range(6)]
    for number, doc in enumerate(incoming[2:], start=1):
        doc.status, doc.number, doc.year, doc.registered_at = (
            "03",
            number,
            year,
            doc.arrived_at + timedelta(minutes=20),
        )
    incoming[4].status, incoming[4].lead = "04", staff[2]
    calendar = workdays.calendar_for(workspace.province_code)
    incoming[4].deadline = calendar.add_working_days(timezone.localtime(now).date(), 5)
    incoming[4].assigned_at = incoming[4].registered_at + timedelta(hours=1)
    incoming[5].status, incoming[5].lead, incoming[5].finish_note = "06", staff[0], "Lưu hồ sơ, để biết."
    incoming[1].urgency = "thuong_khan"
    # The sender asks for a document back (exchange status 13): the clerk accepts or refuses.
    incoming[3].status, incoming[3].recall_reason = "13", "Văn bản ban hành nhầm đối tượng, đề nghị thu hồi."
    IncomingDocument.objects.bulk_create(incoming)

    outgoing = [outgoing_build(workspace, seed=i) for i in range(6)]
    for number, doc in enumerate(outgoing[2:], start=1):
        doc.status, doc.number, doc.year = "issued", number, year
        doc.issued_on = (now - timedelta(days=6 - number)).date()
        doc.leader_signed_at = doc.sealed_at = doc.issued_at = now - timedelta(days=6 - number)
    outgoing[1].status = "review"
    OutgoingDocument.objects.bulk_create(outgoing)
    # Issued documents went to their recipients, who have received and handled them (01–06).
    OutgoingRecipient.objects.bulk_create(
        OutgoingRecipient(document=doc, name=name, status=status)
        for doc in outgoing[2:]
        for name, status in (
            (f"Sở Khoa học và Công nghệ {_province_phrase(workspace)}", "06"),
            ("Các ban, ngành, đoàn thể xã", "03"),
        )
    )

    statuses = [
        ("birth", "1"),
        ("copy", "1"),
        ("birth", "2"),
        ("marriage", "4"),
        ("joint_birth", "4"),
        ("birth", "5"),
        ("copy", "6"),
        ("birth", "9"),
        ("marriage", "10"),
    ]
    dossiers = []
    for index, (procedure, status) in enumerate(statuses):
        dossier = dossier_build(
            workspace, seed=workspace.pk * 100 + index, procedure=procedure, status=status
        )
        dossier.code = dossier_code(
            workspace=workspace, at=dossier.submitted_at, seq=92_600 + workspace.pk * 100 + index
        )
        if status not in ("1", "2", "3"):
            dossier.handler_name = staff_directory(workspace)[1]
        if status != "1":
            dossier.received_at = dossier.submitted_at + timedelta(minutes=rnd.randint(5, 50))
            days = PROCEDURES[procedure].working_days
            dossier.appointment_at = calendar.appointment_for(
                received_at=dossier.received_at, working_days=days + 2
            )
        if status == "5":
            dossier.missing_papers, dossier.paused_at, dossier.paused_remaining_days = (
                "Giấy chứng sinh (bản chính)",
                now,
                1,
            )
        if status == "6":
            dossier.fee_amount = copy_certification_fee(
                pages=dossier.details["pages"], copies=dossier.details["copies"]
            )
        if status in ("9", "10"):
            dossier.completed_at = now - timedelta(hours=3)
        if status == "10":
            dossier.returned_at, dossier.returned_to = now - timedelta(hours=1), dossier.owner_name
        dossiers.append(dossier)
    Dossier.objects.bulk_create(dossiers)

    PracticeAccount.objects.create(
        workspace=workspace, username=f"{workspace.official.username}.thuchanh", password_hash=""
    )
