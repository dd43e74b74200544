"""Demo data: the province's video-meeting room and two sessions of the demo trainer for Phường Kinh
Bắc (one open now, one tomorrow morning). Idempotent: a session is found again by its title."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from live_sessions import services
from live_sessions.models import LiveSession, MeetingRoom, SessionState
from people.models import JobRole, User
from people.seed import demo_commune

TRAINER = "giangvien"
ROOM = ("Phòng họp trực tuyến Sở Khoa học và Công nghệ", "https://meet.example.gov.vn/bac-ninh/ho-tro")
OPEN_NOW = "Hỏi đáp trực tiếp: ký số và một cửa điện tử"
TOMORROW = "Hỗ trợ tiếp nhận hồ sơ khai sinh (bộ phận một cửa)"


def seed(stdout) -> None:
    trainer = User.objects.filter(username=TRAINER).first()
    if trainer is None:
        stdout.write("Live sessions: no demo trainer, nothing to do.")
        return
    commune = demo_commune()
    room, _created = MeetingRoom.objects.get_or_create(
        province=commune.province, name=ROOM[0], defaults={"url": ROOM[1]}
    )
    now = timezone.localtime()
    tomorrow_nine = timezone.make_aware(datetime.combine(now.date() + timedelta(days=1), time(9)))
    for title, starts, hours, job_roles, opened in (
        (OPEN_NOW, now, 8, [], True),
        (TOMORROW, tomorrow_nine, 1.5, [JobRole.ONE_STOP, JobRole.CIVIL_STATUS], False),
    ):
        if LiveSession.objects.filter(trainer=trainer, title=title).exists():
            continue
        session = services.session_save(
            trainer=trainer,
            data={
                "title": title,
                "starts_at": starts,
                "ends_at": starts + timedelta(hours=hours),
                "audience_communes": [commune],
                "audience_job_roles": job_roles,
                "course_slug": "",
                "capacity": 200,
                "meeting_room": room,
                "stuck_after_minutes": 5,
                "stuck_after_failures": 3,
            },
        )
        if opened and session.state == SessionState.SCHEDULED:
            services.session_transition(session_id=session.pk, transition="open", actor=trainer)
        stdout.write(f"Created the live session “{title}”.")
