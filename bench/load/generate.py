"""Data for the peak load test: 12,300 signed-in officials of Bắc Ninh with their courses, sandbox
workspaces and open live sessions, and the plan the load generator reads.

    bash bench/load/stack.sh prepare
    bash bench/load/stack.sh exec .venv/bin/python bench/load/generate.py [--officials 12300]

Idempotent: officials, workspaces and live sessions already there are kept. Each run writes, in
``$BENCH_RUN_DIR`` (default /tmp/hotro-bench):

- ``users.csv``: username, id, a fresh session key, the dossier their sandbox transitions act on, the
  live session they chat in (empty for most);
- ``plan.json``: the lesson pages, the quiz, the live sessions.

Officials are created with ``bulk_create`` and one password hash computed once (PBKDF2 at Django's
1,000,000 iterations costs a third of a CPU-second: 12,300 hashes would take over half an hour here).
Courses come from ``seed_demo`` (assigned to every official of Bắc Ninh) and are materialised through
``courses.services.course_assignments_apply``, as the real import does. Sessions are written as a
signed-in browser would hold them (``cached_db`` rows with the auth hash), because 12,300 real
sign-ins cost 12,300 PBKDF2 verifications: the locustfile's ``SignIn`` class measures real sign-ins at
a fixed rate beside the peak instead (docs/benchmarks.md explains the arithmetic).
"""

import argparse
import csv
import json
import os
import string
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "site")]

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.contrib.sessions.backends.cached_db import SessionStore  # noqa: E402
from django.contrib.sessions.models import Session  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402
from django.utils import timezone  # noqa: E402
from django.utils.crypto import get_random_string  # noqa: E402

from courses.models import LessonPage  # noqa: E402
from courses.services import course_assignments_apply  # noqa: E402
from live_sessions.models import LiveSession, SessionState  # noqa: E402
from live_sessions.services import session_save, session_transition  # noqa: E402
from people.models import Commune, JobRole, Role, User  # noqa: E402
from people.seed import demo_commune  # noqa: E402
from quizzes.models import Quiz  # noqa: E402
from sandbox.models import DeskRole, Dossier, Workspace  # noqa: E402
from sandbox.services import workspace_get_or_create  # noqa: E402

RUN = Path(os.environ.get("BENCH_RUN_DIR", "/tmp/hotro-bench"))
PREFIX = "bench-"
PASSWORD = "bench-peak-2025"  # the bench officials' password (bench data only)
QUIZ = "kiem-tra-dang-nhap"
# Dossier states in which the one-stop desk may fire "update" (sandbox.machines: DOSSIER), a
# transition that can be repeated: the load test's sandbox action.
UPDATABLE = ("1", "2", "4", "5")
JOB_ROLES = [role for role in JobRole.values if role != JobRole.OTHER]


def log(message: str, started: float) -> None:
    print(f"[{time.monotonic() - started:6.1f} s] {message}", flush=True)


def officials_ensure(count: int, started: float) -> list[int]:
    existing = User.objects.filter(username__startswith=PREFIX).count()
    if existing < count:
        province = demo_commune().province
        communes = list(Commune.objects.filter(province=province).order_by("code"))
        encoded = make_password(PASSWORD)
        users = [
            User(
                username=f"{PREFIX}{n:05d}",
                full_name=f"Cán bộ thử tải {n:05d}",
                email=f"{PREFIX}{n:05d}@bench.invalid",
                role=Role.OFFICIAL,
                province=province,
                commune=communes[n % len(communes)],
                job_role=JOB_ROLES[n % len(JOB_ROLES)],
                password=encoded,
            )
            for n in range(existing + 1, count + 1)
        ]
        with transaction.atomic():
            created = User.objects.bulk_create(users, batch_size=1000)
            course_assignments_apply(official_ids=[user.pk for user in created])
        log(f"{len(created)} officials created in {len(communes)} communes, courses assigned", started)
    officials = User.objects.filter(username__startswith=PREFIX).order_by("username")
    return list(officials.values_list("pk", flat=True)[:count])


def workspaces_ensure(official_ids: list[int], started: float) -> dict[int, int]:
    """Every official has a sandbox workspace at the one-stop desk; return a dossier to act on each."""
    have = set(Workspace.objects.filter(official_id__in=official_ids).values_list("official_id", flat=True))
    missing = [pk for pk in official_ids if pk not in have]
    for done, official in enumerate(User.objects.filter(pk__in=missing).iterator(), 1):
        workspace_get_or_create(official=official)
        if done % 500 == 0:
            log(f"{done}/{len(missing)} workspaces seeded", started)
    Workspace.objects.filter(official_id__in=official_ids).update(role=DeskRole.ONE_STOP)
    dossiers = {}
    for official_id, dossier_id in (
        Dossier.objects.filter(workspace__official_id__in=official_ids, status__in=UPDATABLE)
        .order_by("workspace__official_id", "pk")
        .values_list("workspace__official_id", "pk")
    ):
        dossiers.setdefault(official_id, dossier_id)
    log(f"workspaces ready ({len(missing)} new)", started)
    return dossiers


def live_sessions_ensure(count: int, capacity: int) -> list[int]:
    trainer = User.objects.get(username="giangvien")
    sessions = list(
        LiveSession.objects.filter(title__startswith="Thử tải", state=SessionState.OPEN).values_list(
            "pk", flat=True
        )
    )
    now = timezone.now()
    for n in range(len(sessions), count):
        session = session_save(
            trainer=trainer,
            data={
                "title": f"Thử tải: hỗ trợ trực tuyến {n + 1}",
                "starts_at": now,
                "ends_at": now + timedelta(hours=8),
                "capacity": capacity,
            },
        )
        session_transition(session_id=session.pk, transition="open", actor=trainer)
        sessions.append(session.pk)
    return sessions[:count]


def sessions_create(official_ids: list[int]) -> dict[int, str]:
    """One signed-in browser session per official, as ``django.contrib.auth.login`` leaves it."""
    store = SessionStore()
    expire = timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE)
    keys, rows = {}, []
    for user in User.objects.filter(pk__in=official_ids).only("pk", "password"):
        key = get_random_string(32, string.ascii_lowercase + string.digits)
        data = {
            SESSION_KEY: str(user.pk),
            BACKEND_SESSION_KEY: "people.backends.UserBackend",
            HASH_SESSION_KEY: user.get_session_auth_hash(),
        }
        rows.append(Session(session_key=key, session_data=store.encode(data), expire_date=expire))
        keys[user.pk] = key
    Session.objects.bulk_create(rows, batch_size=2000)
    return keys


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--officials", type=int, default=12_300)
    parser.add_argument("--live-sessions", type=int, default=20)
    parser.add_argument("--chatters", type=int, default=600, help="officials connected to live sessions")
    args = parser.parse_args()
    started = time.monotonic()
    if not LessonPage.objects.live().exists():
        call_command("seed_demo")
        log("seed_demo done", started)
    official_ids = officials_ensure(args.officials, started)
    dossiers = workspaces_ensure(official_ids, started)
    sessions = live_sessions_ensure(args.live_sessions, capacity=args.chatters)
    keys = sessions_create(official_ids)
    log(f"{len(keys)} sessions written", started)

    RUN.mkdir(parents=True, exist_ok=True)
    usernames = dict(User.objects.filter(pk__in=official_ids).values_list("pk", "username"))
    with open(RUN / "users.csv", "w", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["username", "id", "session", "dossier", "live_session"])
        for n, pk in enumerate(official_ids):
            live = sessions[n % len(sessions)] if n < args.chatters else ""
            writer.writerow([usernames[pk], pk, keys[pk], dossiers.get(pk, ""), live])
    lessons = [
        lesson.get_url()
        for lesson in LessonPage.objects.live().order_by("path")
        if lesson.get_url() is not None
    ]
    plan = {
        "password": PASSWORD,
        "quiz": QUIZ if Quiz.objects.filter(slug=QUIZ).exists() else "",
        "lessons": lessons,
        "live_sessions": sessions,
        "session_cookie": settings.SESSION_COOKIE_NAME,
    }
    (RUN / "plan.json").write_text(json.dumps(plan, ensure_ascii=False, indent=1))
    log(f"wrote {RUN / 'users.csv'} and {RUN / 'plan.json'} ({len(lessons)} lessons)", started)


if __name__ == "__main__":
    main()
