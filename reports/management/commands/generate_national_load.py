"""Generate a national-scale load for the dashboards: every commune of the country with 40 officials,
each assigned 30 courses (3,321 × 40 × 30 ≈ 4 million ledger rows), then rebuild the summaries.

For a benchmark database, not for a real one: the officials cannot sign in (unusable passwords) and
the 30 courses are plain pages under a "load test" page. Communes that already have generated
officials are skipped, so an interrupted run can be resumed.
"""

import random
import time
from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.utils import timezone
from wagtail.models import Page

from people.geography import administrative_map_load
from people.models import Commune, JobRole, Role, User
from progress.models import ProgressEntry, ProgressKind, ProgressStatus
from reports.summaries import summaries_rebuild

USERNAME_PREFIX = "taithu-"
COURSE_PARENT_SLUG = "khoa-hoc-tai-thu"
# 40 officials of a commune by position: a realistic mix, one-stop desks being the largest group.
JOB_ROLE_MIX = (
    [JobRole.CHAIRMAN] * 3
    + [JobRole.OFFICE] * 5
    + [JobRole.CIVIL_STATUS] * 5
    + [JobRole.ONE_STOP] * 8
    + [JobRole.LAND] * 5
    + [JobRole.CULTURE] * 5
    + [JobRole.FINANCE] * 5
    + [JobRole.OTHER] * 4
)
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ"]
MIDDLE = ["Văn", "Thị", "Hữu", "Minh", "Thanh", "Ngọc", "Quốc", "Thu", "Đức", "Hồng"]
GIVEN = ["An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Hải", "Hùng", "Lan", "Linh", "Mai", "Nam", "Phúc"]
# Courses are assigned in three waves: one already past its deadline, two still running.
DUE_OFFSETS_DAYS = (-21, 14, 60)
STARTED_STATUSES = (ProgressStatus.IN_PROGRESS, ProgressStatus.IN_PROGRESS, ProgressStatus.FAILED)
BATCH = 10_000


class Command(BaseCommand):
    help = "Generate 3,321 communes × 40 officials × 30 assigned courses, then rebuild the summaries."

    def add_arguments(self, parser):
        parser.add_argument("--communes", type=int, default=0, help="only the first N communes (0: all)")
        parser.add_argument("--officials", type=int, default=40, help="officials per commune")
        parser.add_argument("--courses", type=int, default=30, help="courses assigned to each official")
        parser.add_argument("--seed", type=int, default=2025)

    def handle(self, *args, communes, officials, courses, seed, **options):
        started = time.monotonic()
        rng = random.Random(seed)
        administrative_map_load()
        course_ids = self._course_pages(courses)
        targets = list(Commune.objects.order_by("code").values_list("pk", "province_id", "code"))
        if communes:
            targets = targets[:communes]
        generated = User.objects.filter(username__startswith=USERNAME_PREFIX)
        done = set(generated.values_list("commune_id", flat=True).distinct())
        targets = [target for target in targets if target[0] not in done]
        self.stdout.write(f"{len(targets)} communes to generate ({len(done)} already there).")
        password = make_password(None)
        today = timezone.localdate()
        for index in range(0, len(targets), 100):
            with transaction.atomic():
                self._generate(targets[index : index + 100], officials, course_ids, password, today, rng)
            elapsed = time.monotonic() - started
            self.stdout.write(f"  {min(index + 100, len(targets))}/{len(targets)} communes, {elapsed:.0f} s")
        self.stdout.write("Rebuilding the summaries…")
        counts = summaries_rebuild()
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self.stdout.write(
            self.style.SUCCESS(
                f"Done in {time.monotonic() - started:.0f} s: {ProgressEntry.objects.count()} ledger rows; "
                + ", ".join(f"{name} {count}" for name, count in counts.items())
            )
        )

    def _course_pages(self, count: int) -> list[int]:
        parent = Page.objects.filter(slug=COURSE_PARENT_SLUG, depth=2).first()
        if parent is None:
            parent = Page.get_first_root_node().add_child(
                instance=Page(title="Khóa học tải thử", slug=COURSE_PARENT_SLUG, live=False)
            )
        pages = list(parent.get_children().order_by("path").values_list("pk", flat=True))
        for number in range(len(pages) + 1, count + 1):
            title, slug = f"Khóa học tải thử {number:02d}", f"tai-thu-{number:02d}"
            page = parent.add_child(instance=Page(title=title, slug=slug, live=False))
            pages.append(page.pk)
        return pages[:count]

    def _generate(self, communes, per_commune, course_ids, password, today, rng) -> None:
        now = timezone.now()
        users = []
        for commune_id, province_id, code in communes:
            for number in range(per_commune):
                users.append(
                    User(
                        username=f"{USERNAME_PREFIX}{code}-{number:02d}",
                        password=password,
                        full_name=f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}",
                        role=Role.OFFICIAL,
                        province_id=province_id,
                        commune_id=commune_id,
                        job_role=JOB_ROLE_MIX[number % len(JOB_ROLE_MIX)],
                    )
                )
        User.objects.bulk_create(users, batch_size=2000)
        # Some communes train well, some lag: each gets its own pace.
        pace = {commune_id: rng.uniform(0.15, 0.95) for commune_id, _p, _c in communes}
        entries = []
        for user in users:
            done_share = pace[user.commune_id]
            for index, course_id in enumerate(course_ids):
                wave = index % len(DUE_OFFSETS_DAYS)
                # Courses of later waves are less advanced.
                roll = rng.random() * (1 + wave * 0.4)
                status, started_at, completed_at = ProgressStatus.NOT_STARTED, None, None
                if roll < done_share:
                    status = ProgressStatus.COMPLETED
                    completed_at = now - timedelta(days=rng.randint(0, 140), minutes=rng.randint(0, 1440))
                    started_at = completed_at - timedelta(days=rng.randint(0, 14))
                elif roll < done_share + 0.2:
                    # A third of the started courses have a failed attempt behind them.
                    status = rng.choice(STARTED_STATUSES)
                    started_at = now - timedelta(days=rng.randint(0, 60))
                entries.append(
                    ProgressEntry(
                        official_id=user.pk,
                        province_id=user.province_id,
                        commune_id=user.commune_id,
                        kind=ProgressKind.COURSE,
                        key=str(course_id),
                        course_id_ref=course_id,
                        status=status,
                        due_date=today + timedelta(days=DUE_OFFSETS_DAYS[wave]),
                        started_at=started_at,
                        completed_at=completed_at,
                    )
                )
            if len(entries) >= BATCH:
                ProgressEntry.objects.bulk_create(entries, batch_size=BATCH)
                entries = []
        ProgressEntry.objects.bulk_create(entries, batch_size=BATCH)
