"""Live help sessions: one trainer, many officials from many communes, over WebSockets.

A session (``LiveSession``) is scheduled by a trainer for an audience in their province. Officials who
join become ``Participant`` rows; each open browser tab is a ``Connection`` and presence is counted once
per participant (``AttendanceInterval``). Chat, help requests, polls and pushed cards are stored so
that any server process can replay them after a reconnect. Where each official is right now
(``OfficialActivity``) lives in the activity feed of ``progress``, below this app; the live board is
told of each move through ``progress.registry`` (``live_sessions.board``).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from progress.models import ItemKind


class SessionState(models.TextChoices):
    SCHEDULED = "scheduled", _("Đã lên lịch")
    OPEN = "open", _("Đang diễn ra")
    ENDED = "ended", _("Đã kết thúc")


class HelpState(models.TextChoices):
    OPEN = "open", _("Đang chờ")
    CLAIMED = "claimed", _("Đang được hỗ trợ")
    RESOLVED = "resolved", _("Đã giải quyết")
    CANCELLED = "cancelled", _("Đã hủy")


class MeetingRoom(models.Model):
    """A province's video-meeting room (its online-meeting system) that a session may link to."""

    province = models.ForeignKey(
        "people.Province", on_delete=models.CASCADE, related_name="meeting_rooms", verbose_name=_("tỉnh")
    )
    name = models.CharField(_("tên phòng họp"), max_length=120)
    url = models.URLField(_("địa chỉ phòng họp"), max_length=500)

    class Meta:
        ordering = ["province", "name"]
        verbose_name = _("phòng họp trực tuyến")
        verbose_name_plural = _("phòng họp trực tuyến")
        constraints = [
            models.UniqueConstraint(fields=["province", "name"], name="meeting_room_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


class LiveSession(models.Model):
    """A help session a trainer runs for an audience of their province.

    The audience is the officials of the province who match every criterion that is set: one of the
    chosen communes, one of the chosen job roles, and the chosen course assigned to them (an empty
    criterion matches everyone). The lifecycle (scheduled → open → ended) is the state machine in
    ``live_sessions.machines``; only ``services.session_transition`` changes ``state``.
    """

    trainer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="live_sessions_led",
        verbose_name=_("giảng viên"),
    )
    province = models.ForeignKey(
        "people.Province", on_delete=models.PROTECT, related_name="live_sessions", verbose_name=_("tỉnh")
    )
    title = models.CharField(_("tên buổi hỗ trợ"), max_length=200)
    starts_at = models.DateTimeField(_("bắt đầu"))
    ends_at = models.DateTimeField(_("kết thúc"))
    audience_communes = models.ManyToManyField(
        "people.Commune", blank=True, related_name="live_sessions", verbose_name=_("xã/phường")
    )
    # A list of people.JobRole values; empty: every job role.
    audience_job_roles = models.JSONField(_("chức danh"), default=list, blank=True)
    # One of the shipped course slugs (docs/architecture.md); empty: no course condition.
    course_slug = models.CharField(_("khóa học"), max_length=64, blank=True)
    capacity = models.PositiveIntegerField(_("số người tối đa"), default=100)
    meeting_room = models.ForeignKey(
        MeetingRoom,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sessions",
        verbose_name=_("phòng họp trực tuyến"),
    )
    stuck_after_minutes = models.PositiveSmallIntegerField(_("báo vướng sau (phút)"), default=5)
    stuck_after_failures = models.PositiveSmallIntegerField(_("báo vướng sau số lần sai"), default=3)
    state = models.CharField(
        _("trạng thái"), max_length=12, choices=SessionState.choices, default=SessionState.SCHEDULED
    )
    opened_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("buổi hỗ trợ trực tuyến")
        verbose_name_plural = _("buổi hỗ trợ trực tuyến")
        indexes = [
            models.Index(fields=["province", "state", "starts_at"]),
            models.Index(fields=["trainer", "starts_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="live_session_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class SessionTransition(models.Model):
    """One lifecycle transition of a session, as applied by ``services.session_transition``."""

    session = models.ForeignKey(LiveSession, on_delete=models.CASCADE, related_name="transitions")
    name = models.CharField(max_length=20)
    from_state = models.CharField(max_length=12, choices=SessionState.choices)
    to_state = models.CharField(max_length=12, choices=SessionState.choices)
    # Empty for the system (the scheduled end of a session).
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("chuyển trạng thái buổi hỗ trợ")
        verbose_name_plural = _("chuyển trạng thái buổi hỗ trợ")

    def __str__(self) -> str:
        return f"{self.session_id}: {self.from_state} → {self.to_state}"


class Participant(models.Model):
    """An official who has joined a session: their raised hand and what the trainer decided about them
    (muted, removed). A removed participant cannot join again."""

    session = models.ForeignKey(LiveSession, on_delete=models.CASCADE, related_name="participants")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="live_participations"
    )
    joined_at = models.DateTimeField(auto_now_add=True)
    hand_raised_at = models.DateTimeField(null=True, blank=True)
    muted = models.BooleanField(_("tắt tiếng"), default=False)
    removed_at = models.DateTimeField(null=True, blank=True)
    # The closed attendance intervals added up; kept in step each time one closes.
    seconds_present = models.PositiveIntegerField(_("thời gian tham dự (giây)"), default=0)

    class Meta:
        ordering = ["joined_at", "pk"]
        verbose_name = _("người tham dự")
        verbose_name_plural = _("người tham dự")
        constraints = [
            models.UniqueConstraint(fields=["session", "user"], name="participant_once_per_session"),
        ]
        indexes = [models.Index(fields=["user", "session"])]

    def __str__(self) -> str:
        return f"{self.user_id}@{self.session_id}"

    @property
    def minutes_present(self) -> int:
        """Time present in whole minutes, rounded to the nearest (what the ledger records)."""
        return (self.seconds_present + 30) // 60


class Connection(models.Model):
    """One open WebSocket of a participant (a browser tab), on whichever server process holds it.

    Presence counts a participant once however many tabs are open. ``seen_at`` moves with the
    client's heartbeat, so the rows of a server process that died stop counting once stale.
    """

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="connections")
    channel_name = models.CharField(max_length=200, unique=True)
    opened_at = models.DateTimeField(auto_now_add=True)
    seen_at = models.DateTimeField()

    class Meta:
        verbose_name = _("kết nối")
        verbose_name_plural = _("kết nối")

    def __str__(self) -> str:
        return self.channel_name


class AttendanceInterval(models.Model):
    """A stretch of presence: from a participant's first open tab to their last closed one."""

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="intervals")
    joined_at = models.DateTimeField()
    left_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["joined_at", "pk"]
        verbose_name = _("thời gian có mặt")
        verbose_name_plural = _("thời gian có mặt")
        constraints = [
            # At most one open interval per participant: presence is counted once.
            models.UniqueConstraint(
                fields=["participant"],
                condition=models.Q(left_at__isnull=True),
                name="attendance_one_open_interval",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.participant_id}: {self.joined_at} – {self.left_at or ''}"


class ChatMessage(models.Model):
    """A chat line, already sanitised; its id is the cursor clients replay from after a reconnect."""

    session = models.ForeignKey(LiveSession, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    body = models.TextField(_("nội dung"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("tin nhắn")
        verbose_name_plural = _("tin nhắn")
        indexes = [models.Index(fields=["session", "id"])]

    def __str__(self) -> str:
        return self.body[:50]


class LiveStream(models.Model):
    """The last sequence number given out on one stream of a session: ``"s"`` for what everyone in
    the session receives, ``"u<user id>"`` for what one person's tabs receive. Numbers are given out
    under the row's lock, in the transaction that stores the change, so they are gap-free and in
    commit order (docs/live-protocol.md, "Sequence numbers")."""

    session = models.ForeignKey(LiveSession, on_delete=models.CASCADE, related_name="streams")
    stream = models.CharField(max_length=24)
    last_seq = models.PositiveBigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "stream"], name="live_stream_once_per_session"),
        ]

    def __str__(self) -> str:
        return f"{self.session_id}/{self.stream}: {self.last_seq}"


class LiveEvent(models.Model):
    """One numbered frame of a stream, stored as sent, so a client that missed it can ask for it."""

    session = models.ForeignKey(LiveSession, on_delete=models.CASCADE, related_name="events")
    stream = models.CharField(max_length=24)
    seq = models.PositiveBigIntegerField()
    kind = models.CharField(max_length=32)
    frame = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["session", "stream", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["session", "stream", "seq"], name="live_event_seq_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.session_id}/{self.stream}#{self.seq} {self.kind}"


class HelpRequest(models.Model):
    """An official's request for help on a lesson or a scenario step; a trainer claims and resolves it
    (open → claimed → resolved, or cancelled). Only ``services.help_request_transition`` moves it."""

    session = models.ForeignKey(LiveSession, on_delete=models.CASCADE, related_name="help_requests")
    official = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("loại"), max_length=12, choices=ItemKind.choices, default=ItemKind.OTHER)
    key = models.CharField(_("mã mục"), max_length=64, blank=True)
    label = models.CharField(_("bài"), max_length=200, blank=True)
    step = models.CharField(_("bước"), max_length=200, blank=True)
    note = models.CharField(_("mô tả"), max_length=300, blank=True)
    state = models.CharField(
        _("trạng thái"), max_length=12, choices=HelpState.choices, default=HelpState.OPEN
    )
    claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("yêu cầu trợ giúp")
        verbose_name_plural = _("yêu cầu trợ giúp")
        indexes = [models.Index(fields=["session", "state"])]

    def __str__(self) -> str:
        return f"{self.official_id}: {self.label or self.note}"[:80]


class HelpRequestTransition(models.Model):
    """One transition of a help request, as applied by ``services.help_request_transition``."""

    request = models.ForeignKey(HelpRequest, on_delete=models.CASCADE, related_name="transitions")
    name = models.CharField(max_length=20)
    from_state = models.CharField(max_length=12, choices=HelpState.choices)
    to_state = models.CharField(max_length=12, choices=HelpState.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.request_id}: {self.from_state} → {self.to_state}"


class Poll(models.Model):
    """A quick question the trainer asks everyone; results are live while it is open."""

    session = models.ForeignKey(LiveSession, on_delete=models.CASCADE, related_name="polls")
    question = models.CharField(_("câu hỏi"), max_length=200)
    # The answer labels, in order; votes refer to them by index.
    options = models.JSONField(_("lựa chọn"), default=list)
    is_open = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("thăm dò nhanh")
        verbose_name_plural = _("thăm dò nhanh")

    def __str__(self) -> str:
        return self.question


class PollVote(models.Model):
    """One participant's answer to a poll (they may change it while the poll is open)."""

    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="votes")
    voter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    option = models.PositiveSmallIntegerField()
    voted_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["poll", "voter"], name="poll_one_vote_per_voter")]

    def __str__(self) -> str:
        return f"{self.poll_id}: {self.voter_id} → {self.option}"


class PushedCard(models.Model):
    """A lesson step or a sandbox scenario the trainer sent to everyone, shown as a link card."""

    session = models.ForeignKey(LiveSession, on_delete=models.CASCADE, related_name="cards")
    kind = models.CharField(max_length=12, choices=ItemKind.choices)
    title = models.CharField(_("tiêu đề"), max_length=200)
    step = models.CharField(_("bước"), max_length=200, blank=True)
    url = models.CharField(_("đường dẫn"), max_length=500)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.title


class ReminderSent(models.Model):
    """A reminder went out to this user for this session: the unique constraint makes it at most once,
    whichever task worker gets there first."""

    session = models.ForeignKey(LiveSession, on_delete=models.CASCADE, related_name="reminders")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["session", "user"], name="reminder_once_per_user")]

    def __str__(self) -> str:
        return f"{self.session_id} → {self.user_id}"
