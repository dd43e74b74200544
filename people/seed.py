"""Demo data: the administrative map and one account of each role, in Bắc Ninh."""

from django.contrib.auth.models import Group

from people.geography import administrative_map_load
from people.models import Commune, JobRole, Province, Role, User

DEMO_PROVINCE = "Bắc Ninh"
DEMO_COMMUNE = "Phường Kinh Bắc"

# (username, password, role, full name, job role) — printed by the run command; demo only.
DEMO_ACCOUNTS = [
    ("canbo", "canbo-demo-2025", Role.OFFICIAL, "Nguyễn Thị Lan", JobRole.ONE_STOP),
    ("giangvien", "giangvien-demo-2025", Role.TRAINER, "Trần Văn Hùng", ""),
    ("lanhdao", "lanhdao-demo-2025", Role.DEPARTMENT_HEAD, "Lê Minh Tuấn", ""),
    ("quantri", "quantri-demo-2025", Role.ADMINISTRATOR, "Phạm Quốc Bảo", ""),
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
            # Wagtail's own "Editors" group: access to the admin and to draft course pages.
            editors = Group.objects.filter(name="Editors").first()
            if editors is not None:
                user.groups.add(editors)
        stdout.write(f"Created demo account {username}.")
