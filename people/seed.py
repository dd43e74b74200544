"""Demo data: the administrative map, one account of each role in Bắc Ninh, and a dozen officials of
three Bắc Ninh communes loaded through the real bulk import."""

import csv
import io

from django.contrib.auth.models import Group
from django.core.files.base import ContentFile

from people.geography import administrative_map_load
from people.groups import EDITORS_GROUP
from people.imports.rows import username_base
from people.models import Commune, JobRole, Province, Role, User
from people.services import import_job_create, import_job_run

DEMO_PROVINCE = "Bắc Ninh"
DEMO_COMMUNE = "Phường Kinh Bắc"

# (username, password, role, full name, job role) — printed by the run command; demo only.
DEMO_ACCOUNTS = [
    ("canbo", "canbo-demo-2025", Role.OFFICIAL, "Nguyễn Thị Lan", JobRole.ONE_STOP),
    ("giangvien", "giangvien-demo-2025", Role.TRAINER, "Trần Văn Hùng", ""),
    ("lanhdao", "lanhdao-demo-2025", Role.DEPARTMENT_HEAD, "Lê Minh Tuấn", ""),
    ("quantri", "quantri-demo-2025", Role.ADMINISTRATOR, "Phạm Quốc Bảo", ""),
]

# Officials for the department head's screens; their passwords are random (sign in as ``canbo``).
DEMO_OFFICIALS = [
    ("Nguyễn Văn An", JobRole.CHAIRMAN),
    ("Hoàng Thị Bích", JobRole.OFFICE),
    ("Vũ Đức Cường", JobRole.CIVIL_STATUS),
    ("Đỗ Thị Dung", JobRole.ONE_STOP),
]


def demo_commune() -> Commune:
    return Commune.objects.select_related("province").get(
        name=DEMO_COMMUNE, province__name__endswith=DEMO_PROVINCE
    )


def seed(stdout) -> None:
    result = administrative_map_load()
    stdout.write(f"Administrative map: {result.provinces} provinces, {result.communes} communes.")
    commune = demo_commune()
    province: Province = commune.province
    for username, password, role, full_name, job_role in DEMO_ACCOUNTS:
        if User.objects.filter(username=username).exists():
            continue
        user = User(
            username=username,
            full_name=full_name,
            role=role,
            province=province,
            commune=commune if role == Role.OFFICIAL else None,
            job_role=job_role,
            email=f"{username}@example.gov.vn",
            is_staff=role in (Role.ADMINISTRATOR, Role.TRAINER),
            is_superuser=role == Role.ADMINISTRATOR,
        )
        if role == Role.ADMINISTRATOR:
            user.province = None
        user.set_password(password)
        user.save()
        if role == Role.TRAINER:
            # Wagtail's own Editors group: access to the admin and to draft course pages.
            editors = Group.objects.filter(name=EDITORS_GROUP).first()
            if editors is not None:
                user.groups.add(editors)
        stdout.write(f"Created demo account {username}.")
    _seed_officials(stdout, commune)


def _seed_officials(stdout, commune: Commune) -> None:
    communes = [commune, *Commune.objects.filter(province=commune.province).exclude(pk=commune.pk)[:2]]
    rows = [
        [
            name,
            place.code,
            job_role.value,
            f"09{c:02d}0000{n:02d}",
            f"{username_base(name, place.code)}@example.gov.vn",
        ]
        for c, place in enumerate(communes)
        for n, (name, job_role) in enumerate(DEMO_OFFICIALS)
    ]
    # Skipped once present, so a second run records no second import.
    if User.objects.filter(email=rows[-1][4]).exists():
        return
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["full_name", "commune_code", "job_role", "phone", "email"])
    writer.writerows(rows)
    job = import_job_create(
        uploaded_by=None,
        fileobj=ContentFile(buffer.getvalue().encode("utf-8-sig"), name="demo.csv"),
        name="can-bo-mau.csv",
        content_type=None,
        dry_run=False,
    )
    job = import_job_run(job_id=job.pk)
    stdout.write(f"Demo officials: {job.created_count} created ({job.get_state_display()}).")
