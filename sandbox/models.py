"""The practice sandbox: one workspace per official holding replicas of the systems of their desk.

Everything an official does in the sandbox lives under their ``Workspace``: incoming and outgoing
documents, one-stop dossiers, the practice login account, training certificates, signing requests, the
scenario runs and the event log every action is written to. Nothing here is real and nothing leaves
the sandbox: no e-mail, no portal, no exchange call.
"""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DeskRole(models.TextChoices):
    """The desks an official plays in their own workspace (the role switcher)."""

    CLERK = "clerk", _("Văn thư")
    LEADER = "leader", _("Lãnh đạo")
    HANDLER = "handler", _("Chuyên viên")
    ONE_STOP = "one_stop", _("Một cửa")


class Actor(models.TextChoices):
    """Who fired a transition: a desk role, or the simulated outside world."""

    CLERK = "clerk", _("Văn thư")
    LEADER = "leader", _("Lãnh đạo")
    HANDLER = "handler", _("Chuyên viên")
    ONE_STOP = "one_stop", _("Một cửa")
    SYSTEM = "system", _("Hệ thống")
    CITIZEN = "citizen", _("Công dân")


class SandboxAuthority(models.Model):
    """The sandbox certificate authority (a singleton, pk 1): issues every training certificate."""

    cert_pem = models.TextField()
    key_pem = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("CA thực hành")
        verbose_name_plural = _("CA thực hành")

    def __str__(self) -> str:
        return "Sandbox CA"


# (code, name, province code, province name) for users who belong to no commune.
SAMPLE_COMMUNE = ("09999", "Xã Thực Hành", "99", "Tỉnh Thực Hành")


class Workspace(models.Model):
    """An official's private practice workspace, created on first use and reset in one click.

    ``clock_offset`` moves the sandbox clock (a scenario may start at 15:20 on a Friday, or on
    1 January); ``faults`` holds the fault drills switched on, by name, with how many more times each
    strikes (0 means until fixed).
    """

    official = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sandbox_workspace"
    )
    role = models.CharField(_("vai trò đang đóng"), max_length=20, choices=DeskRole.choices)
    clock_offset = models.DurationField(default=timedelta(0))
    faults = models.JSONField(default=dict, blank=True)
    # The organisation's electronic identifier on the document exchange axis (mã định danh).
    sender_code = models.CharField(max_length=40, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    reset_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("không gian thực hành")
        verbose_name_plural = _("không gian thực hành")

    def __str__(self) -> str:
        return f"Workspace of {self.official_id}"

    # The commune the replica stands for: the official's own (a sample one for staff who practise).
    @property
    def commune_code(self) -> str:
        commune = self.official.commune
        return commune.code if commune else SAMPLE_COMMUNE[0]

    @property
    def commune_name(self) -> str:
        commune = self.official.commune
        return commune.name if commune else SAMPLE_COMMUNE[1]

    @property
    def province_code(self) -> str:
        commune = self.official.commune
        return commune.province.code if commune else SAMPLE_COMMUNE[2]

    @property
    def province_name(self) -> str:
        commune = self.official.commune
        return commune.province.name if commune else SAMPLE_COMMUNE[3]


class Event(models.Model):
    """One line of a workspace's event log: a transition (applied or refused) or a recorded action.

    Scenario checks read this log; refused attempts stay in it as the mistakes to report. ``fault``
    marks a refusal caused by an injected fault drill rather than by the official.
    """

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="events")
    run = models.ForeignKey(
        "ScenarioRun", on_delete=models.SET_NULL, null=True, blank=True, related_name="events"
    )
    at = models.DateTimeField(_("thời điểm"))
    actor = models.CharField(_("người thực hiện"), max_length=20, choices=Actor.choices)
    machine = models.CharField(_("quy trình"), max_length=20)
    action = models.CharField(_("thao tác"), max_length=40)
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    object_label = models.CharField(_("đối tượng"), max_length=120, blank=True)
    from_state = models.CharField(max_length=20, blank=True)
    to_state = models.CharField(max_length=20, blank=True)
    ok = models.BooleanField(default=True)
    fault = models.BooleanField(default=False)
    reason = models.TextField(_("lý do"), blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("sự kiện")
        verbose_name_plural = _("nhật ký thao tác")
        indexes = [models.Index(fields=["workspace", "id"]), models.Index(fields=["run", "id"])]

    def __str__(self) -> str:
        return f"{self.machine}.{self.action} {'ok' if self.ok else 'refused'}"


class Urgency(models.TextChoices):
    """Độ khẩn."""

    NORMAL = "thuong", _("Thường")
    URGENT = "khan", _("Khẩn")
    VERY_URGENT = "thuong_khan", _("Thượng khẩn")
    FLASH = "hoa_toc", _("Hỏa tốc")


class Secrecy(models.TextChoices):
    """Độ mật."""

    NONE = "", _("Thường (không mật)")
    SECRET = "mat", _("Mật")
    TOP_SECRET = "toi_mat", _("Tối mật")
    ABSOLUTE = "tuyet_mat", _("Tuyệt mật")


class DocumentKind(models.TextChoices):
    """Types of administrative document (Decree 30, appendix III); CV carries no abbreviation."""

    CONG_VAN = "CV", _("Công văn")
    QUYET_DINH = "QĐ", _("Quyết định")
    THONG_BAO = "TB", _("Thông báo")
    KE_HOACH = "KH", _("Kế hoạch")
    BAO_CAO = "BC", _("Báo cáo")
    TO_TRINH = "TTr", _("Tờ trình")
    GIAY_MOI = "GM", _("Giấy mời")
    GIAY_GIOI_THIEU = "GGT", _("Giấy giới thiệu")
    BIEN_BAN = "BB", _("Biên bản")
    HUONG_DAN = "HD", _("Hướng dẫn")
    CHUONG_TRINH = "CTr", _("Chương trình")
    GIAY_CHUNG_NHAN = "GCN", _("Giấy chứng nhận")


class Channel(models.TextChoices):
    """How an incoming document arrived."""

    AXIS = "axis", _("Trục liên thông")
    PAPER = "paper", _("Văn bản giấy")
    EMAIL = "email", _("Thư điện tử công vụ")


class IncomingDrill(models.TextChoices):
    """What is wrong with an arriving document in a drill (the clerk returns it with a reason)."""

    NONE = "", _("Không")
    BROKEN_SIGNATURE = "broken_signature", _("Chữ ký số bị hỏng")
    WRONG_SENDER_CODE = "wrong_sender_code", _("Sai mã định danh nơi gửi")


class SenderBody(models.Model):
    """A body that sends documents to communes over the exchange axis (a department, the province's
    people's committee…): its identifier on the axis and its organisation certificate, issued by the
    sandbox CA the first time one of its documents is opened and shared by every workspace."""

    code = models.CharField(_("mã định danh"), max_length=40, unique=True)
    name = models.CharField(_("tên cơ quan"), max_length=200)
    cert_pem = models.TextField()
    key_pem = models.TextField()

    class Meta:
        verbose_name = _("cơ quan gửi văn bản")
        verbose_name_plural = _("cơ quan gửi văn bản")

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class IncomingDocument(models.Model):
    """A văn bản đến (Decree 30, art. 20–24) with its exchange status code (01–06, recall 13/15/16).

    ``number`` is the số đến: consecutive within the year across paper and electronic documents.
    ``addressed_to`` differs from the workspace's commune for a wrongly addressed document.
    """

    machine = "incoming"

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="incoming")
    status = models.CharField(_("trạng thái"), max_length=2, default="01")
    channel = models.CharField(_("hình thức"), max_length=10, choices=Channel.choices, default=Channel.AXIS)
    arrived_at = models.DateTimeField(_("ngày đến"))
    registered_at = models.DateTimeField(_("ngày vào sổ"), null=True, blank=True)
    number = models.PositiveIntegerField(_("số đến"), null=True, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    issuer = models.CharField(_("cơ quan ban hành"), max_length=200)
    reference = models.CharField(_("số, ký hiệu"), max_length=60)
    doc_date = models.DateField(_("ngày văn bản"))
    kind = models.CharField(_("loại văn bản"), max_length=4, choices=DocumentKind.choices)
    summary = models.CharField(_("trích yếu"), max_length=300)
    urgency = models.CharField(_("độ khẩn"), max_length=12, choices=Urgency.choices, default=Urgency.NORMAL)
    secrecy = models.CharField(_("độ mật"), max_length=10, choices=Secrecy.choices, blank=True)
    pages = models.PositiveSmallIntegerField(_("số trang"), default=1)
    signer = models.CharField(_("người ký"), max_length=120, blank=True)
    addressed_to = models.CharField(_("nơi nhận ghi trên văn bản"), max_length=200)
    sender_code = models.CharField(_("mã định danh nơi gửi"), max_length=40, blank=True)
    lead = models.CharField(_("người/đơn vị chủ trì"), max_length=120, blank=True)
    coordinators = models.CharField(_("phối hợp"), max_length=200, blank=True)
    deadline = models.DateField(_("hạn xử lý"), null=True, blank=True)
    directive = models.TextField(_("ý kiến chỉ đạo"), blank=True)
    assigned_at = models.DateTimeField(_("ngày chuyển"), null=True, blank=True)
    forwarded_to = models.CharField(_("đã chuyển cho"), max_length=120, blank=True)
    return_reason = models.TextField(_("lý do trả lại"), blank=True)
    recall_reason = models.TextField(_("lý do thu hồi"), blank=True)
    reply = models.ForeignKey(
        "OutgoingDocument", on_delete=models.SET_NULL, null=True, blank=True, related_name="answers"
    )
    finish_note = models.TextField(_("ghi chú hoàn thành"), blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    # The file that arrived: its text (empty: written from the other fields), its attachments
    # (``[{"name": ..., "pages": ...}]``), the PDF signed by the sending body (made on first use and
    # kept) and the drill it carries: a signature broken on the way or a wrong sender code.
    body = models.TextField(_("nội dung"), blank=True)
    attachments = models.JSONField(_("tệp đính kèm"), default=list, blank=True)
    pdf = models.BinaryField(null=True, blank=True, editable=False)
    drill = models.CharField(_("lỗi thực hành"), max_length=20, choices=IncomingDrill.choices, blank=True)
    # Ký nhận (register book): who took the document for handling, and when.
    received_by = models.CharField(_("người ký nhận"), max_length=120, blank=True)
    received_at = models.DateTimeField(_("thời điểm ký nhận"), null=True, blank=True)

    class Meta:
        ordering = ["-arrived_at", "-id"]
        verbose_name = _("văn bản đến")
        verbose_name_plural = _("văn bản đến")
        constraints = [
            models.UniqueConstraint(
                fields=["workspace", "year", "number"], name="sandbox_incoming_number_once_a_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.reference} — {self.summary[:60]}"

    @property
    def label(self) -> str:
        return self.reference

    @property
    def is_flash(self) -> bool:
        """Hỏa tốc / Thượng khẩn documents are handled immediately."""
        return self.urgency in (Urgency.FLASH, Urgency.VERY_URGENT)


class OutgoingDocument(models.Model):
    """A văn bản đi from draft to issue: draft, review, signing, signed, numbered, sealed, issued.

    ``number`` is unique per year (and per series: secret documents have their own) and restarts at 1
    on 1 January; ``symbol`` is the ký hiệu (``QĐ-UBND``, or ``UBND-VHXH`` for a công văn). The PDF
    carries the real signatures: the leader's personal one, then the organisation's seal.
    """

    machine = "outgoing"

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="outgoing")
    status = models.CharField(_("trạng thái"), max_length=12, default="draft")
    kind = models.CharField(_("loại văn bản"), max_length=4, choices=DocumentKind.choices)
    unit = models.CharField(_("đơn vị soạn thảo"), max_length=12, blank=True)
    symbol = models.CharField(_("ký hiệu"), max_length=40, blank=True)
    summary = models.CharField(_("trích yếu"), max_length=300)
    body = models.TextField(_("nội dung"))
    recipients = models.TextField(_("nơi nhận"), blank=True)
    signer_name = models.CharField(_("người ký"), max_length=120, blank=True)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=120, blank=True)
    authority = models.CharField(_("thẩm quyền ký"), max_length=10, blank=True)
    urgency = models.CharField(_("độ khẩn"), max_length=12, choices=Urgency.choices, default=Urgency.NORMAL)
    secret = models.BooleanField(_("văn bản mật"), default=False)
    number = models.PositiveIntegerField(_("số"), null=True, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    attachment_kb = models.PositiveIntegerField(_("dung lượng đính kèm (KB)"), default=0)
    pdf = models.BinaryField(null=True, blank=True)
    leader_signed_at = models.DateTimeField(null=True, blank=True)
    sealed_at = models.DateTimeField(null=True, blank=True)
    issued_at = models.DateTimeField(null=True, blank=True)
    send_back_reason = models.TextField(_("lý do trả lại"), blank=True)
    revoke_reason = models.TextField(_("lý do thu hồi/thay thế"), blank=True)
    dossier = models.ForeignKey(
        "Dossier", on_delete=models.SET_NULL, null=True, blank=True, related_name="results"
    )
    replaces = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="replaced_by"
    )
    corrects = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="corrections"
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("văn bản đi")
        verbose_name_plural = _("văn bản đi")
        constraints = [
            models.UniqueConstraint(
                fields=["workspace", "year", "secret", "number"], name="sandbox_outgoing_number_once_a_year"
            )
        ]

    def __str__(self) -> str:
        return self.summary[:80]

    @property
    def label(self) -> str:
        return self.number_display or self.summary[:60]

    @property
    def number_display(self) -> str:
        """``05/QĐ-UBND``: padded below 10; empty until the clerk numbers it."""
        if self.number is None:
            return ""
        return f"{self.number:02d}/{self.symbol}"


class OutgoingRecipient(models.Model):
    """One addressee of an issued document, whose receipt is tracked with statuses 01–06, 02 and the
    recall codes 13/15/16 (``sandbox.machines.DELIVERY``)."""

    machine = "delivery"

    document = models.ForeignKey(OutgoingDocument, on_delete=models.CASCADE, related_name="deliveries")
    name = models.CharField(_("nơi nhận"), max_length=200)
    status = models.CharField(_("trạng thái"), max_length=2, default="01")
    # The receiver's reason for 02 (returned) or 16 (recall refused), and when it last answered.
    reason = models.TextField(_("lý do"), blank=True)
    status_at = models.DateTimeField(_("thời điểm cập nhật"), null=True, blank=True)
    # Where it stood when asked to give the document back (a recipient done with it refuses).
    before_recall = models.CharField(max_length=2, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("nơi nhận")
        verbose_name_plural = _("nơi nhận")

    def __str__(self) -> str:
        return self.name


class DossierChannel(models.TextChoices):
    DIRECT = "direct", _("Trực tiếp")
    ONLINE = "online", _("Trực tuyến")
    POST = "post", _("Bưu chính công ích")


class Dossier(models.Model):
    """A one-stop dossier (hồ sơ thủ tục hành chính) with its DVCQG status (1–10).

    Overdue is computed from ``appointment_at`` and the sandbox clock, never stored. While the
    dossier waits for papers (status 5) the deadline clock is paused: ``paused_remaining_days`` keeps
    the working days that were left, and the appointment moves when the papers arrive.
    """

    machine = "dossier"

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="dossiers")
    code = models.CharField(_("mã hồ sơ"), max_length=40)
    procedure = models.CharField(_("thủ tục"), max_length=20)
    status = models.CharField(_("trạng thái"), max_length=2, default="1")
    channel = models.CharField(
        _("kênh nộp"), max_length=10, choices=DossierChannel.choices, default=DossierChannel.ONLINE
    )
    owner_name = models.CharField(_("chủ hồ sơ"), max_length=120)
    owner_id_number = models.CharField(_("số định danh cá nhân"), max_length=12)
    owner_phone = models.CharField(_("số điện thoại"), max_length=15, blank=True)
    owner_email = models.CharField(_("thư điện tử"), max_length=120, blank=True)
    owner_address = models.CharField(_("địa chỉ"), max_length=250)
    owner_commune_code = models.CharField(_("mã xã/phường cư trú"), max_length=8, blank=True)
    owner_commune_name = models.CharField(_("xã/phường cư trú"), max_length=120, blank=True)
    owner_province_code = models.CharField(_("mã tỉnh/thành phố cư trú"), max_length=8, blank=True)
    # The person who hands the dossier in (người nộp) when not its owner (chủ hồ sơ), with the
    # authorisation that lets them (văn bản ủy quyền).
    submitter_name = models.CharField(_("người nộp hồ sơ"), max_length=120, blank=True)
    submitter_id_number = models.CharField(_("số định danh người nộp"), max_length=12, blank=True)
    authorisation = models.CharField(_("văn bản ủy quyền"), max_length=200, blank=True)
    subject_name = models.CharField(_("người được đăng ký"), max_length=120, blank=True)
    details = models.JSONField(_("thông tin tờ khai"), default=dict, blank=True)
    components = models.JSONField(_("thành phần hồ sơ"), default=list, blank=True)
    needs_verification = models.BooleanField(_("cần xác minh"), default=False)
    submitted_at = models.DateTimeField(_("ngày nộp"))
    received_at = models.DateTimeField(_("ngày tiếp nhận"), null=True, blank=True)
    appointment_at = models.DateTimeField(_("ngày hẹn trả"), null=True, blank=True)
    paused_at = models.DateTimeField(null=True, blank=True)
    paused_remaining_days = models.PositiveSmallIntegerField(null=True, blank=True)
    missing_papers = models.TextField(_("giấy tờ cần bổ sung"), blank=True)
    fee_amount = models.PositiveIntegerField(_("phí, lệ phí (đồng)"), default=0)
    fee_paid_at = models.DateTimeField(_("ngày nộp phí"), null=True, blank=True)
    fee_receipt = models.CharField(_("số biên lai"), max_length=40, blank=True)
    interconnect = models.JSONField(_("liên thông"), default=dict, blank=True)
    apology_at = models.DateTimeField(_("ngày gửi phiếu xin lỗi"), null=True, blank=True)
    apology_reason = models.TextField(_("lý do chậm"), blank=True)
    paper_certificate = models.CharField(_("số giấy tờ cấp bản giấy"), max_length=60, blank=True)
    decision_reason = models.TextField(_("lý do"), blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    returned_at = models.DateTimeField(null=True, blank=True)
    returned_to = models.CharField(_("người nhận kết quả"), max_length=120, blank=True)
    # Inside status 4 the unit's leader assigns the handler (chuyên viên thụ lý) who drafts the result.
    handler_name = models.CharField(_("chuyên viên thụ lý"), max_length=120, blank=True)
    assigned_at = models.DateTimeField(_("ngày phân công"), null=True, blank=True)

    class Meta:
        ordering = ["-submitted_at", "-id"]
        verbose_name = _("hồ sơ")
        verbose_name_plural = _("hồ sơ")
        constraints = [models.UniqueConstraint(fields=["workspace", "code"], name="sandbox_dossier_code")]

    def __str__(self) -> str:
        return self.code

    @property
    def label(self) -> str:
        return self.code


class ComponentFile(models.Model):
    """A scanned paper of one of a dossier's components (bản chụp, bản điện tử), attached at the
    counter: a PDF, JPEG or PNG kept in the database and shown only to the workspace's official."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="files")
    component = models.CharField(_("thành phần hồ sơ"), max_length=200)
    name = models.CharField(_("tên tệp"), max_length=200)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField()
    data = models.BinaryField()
    uploaded_at = models.DateTimeField()

    class Meta:
        ordering = ["id"]
        verbose_name = _("tệp thành phần hồ sơ")
        verbose_name_plural = _("tệp thành phần hồ sơ")

    def __str__(self) -> str:
        return self.name


class WorkFile(models.Model):
    """A hồ sơ công việc (Decree 30, art. 28): an official's file grouping the documents and dossiers
    of one matter, with its number and symbol, title, retention period, opening and closing dates."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="work_files")
    code = models.CharField(_("số và ký hiệu hồ sơ"), max_length=40)
    title = models.CharField(_("tiêu đề hồ sơ"), max_length=300)
    retention = models.CharField(_("thời hạn bảo quản"), max_length=40)
    opened_at = models.DateTimeField(_("ngày mở hồ sơ"))
    closed_at = models.DateTimeField(_("ngày kết thúc"), null=True, blank=True)
    incoming = models.ManyToManyField(IncomingDocument, blank=True, related_name="work_files")
    outgoing = models.ManyToManyField(OutgoingDocument, blank=True, related_name="work_files")
    dossiers = models.ManyToManyField(Dossier, blank=True, related_name="work_files")

    class Meta:
        ordering = ["-opened_at", "-id"]
        verbose_name = _("hồ sơ công việc")
        verbose_name_plural = _("hồ sơ công việc")

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    @property
    def label(self) -> str:
        return self.code


class PracticeAccount(models.Model):
    """The practice account of the login drill (separate from the platform's real sign-in).

    ``status`` follows the login machine: ``must_change`` (first login), ``active``, ``locked``.
    The one-time codes and the VNeID request are shown on the simulated phone, never sent.
    """

    machine = "login"

    workspace = models.OneToOneField(Workspace, on_delete=models.CASCADE, related_name="account")
    username = models.CharField(max_length=60)
    password_hash = models.CharField(max_length=200)
    status = models.CharField(max_length=12, default="must_change")
    failed_attempts = models.PositiveSmallIntegerField(default=0)
    locked_until = models.DateTimeField(null=True, blank=True)
    signed_in_at = models.DateTimeField(null=True, blank=True)
    signed_in_with = models.CharField(max_length=10, blank=True)
    reset_code = models.CharField(max_length=6, blank=True)
    reset_code_expires = models.DateTimeField(null=True, blank=True)
    vneid_request = models.CharField(max_length=8, blank=True)
    vneid_request_expires = models.DateTimeField(null=True, blank=True)
    vneid_confirmed = models.BooleanField(default=False)
    # The OTP the old phone shows when VNeID is opened on a new one (the device-mismatch drill).
    device_otp = models.CharField(max_length=6, blank=True)
    device_otp_expires = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("tài khoản thực hành")
        verbose_name_plural = _("tài khoản thực hành")

    def __str__(self) -> str:
        return self.username

    @property
    def label(self) -> str:
        return self.username


class CertificatePurpose(models.TextChoices):
    PERSONAL = "personal", _("Chữ ký số cá nhân (lãnh đạo)")
    ORGANISATION = "organisation", _("Chữ ký số cơ quan (con dấu)")


class TrainingCertificate(models.Model):
    """A training certificate on a simulated USB token, issued by the sandbox CA on first use.

    The private key is stored encrypted with the token PIN. The practice PIN is kept beside it because
    this is a training token whose PIN the trainee is shown (and may change); ``failed_pins`` counts
    wrong PINs, three lock the token. ``drill`` marks the expired/revoked certificates of the drills.
    """

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="certificates")
    purpose = models.CharField(max_length=12, choices=CertificatePurpose.choices)
    common_name = models.CharField(max_length=200)
    cert_pem = models.TextField()
    key_pem_encrypted = models.TextField()
    pin = models.CharField(max_length=16)
    puk = models.CharField(max_length=8)
    serial = models.CharField(max_length=50)
    not_before = models.DateTimeField()
    not_after = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    failed_pins = models.PositiveSmallIntegerField(default=0)
    locked = models.BooleanField(default=False)
    active = models.BooleanField(default=True)
    drill = models.CharField(max_length=10, blank=True)

    class Meta:
        ordering = ["purpose", "-id"]
        verbose_name = _("chứng thư số thực hành")
        verbose_name_plural = _("chứng thư số thực hành")

    def __str__(self) -> str:
        return f"{self.common_name} ({self.serial})"


class SigningRequest(models.Model):
    """A remote (SmartCA-style) signing transaction: confirmed on the simulated phone or it expires."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Chờ xác nhận")
        CONFIRMED = "confirmed", _("Đã ký")
        REJECTED = "rejected", _("Người ký từ chối")
        EXPIRED = "expired", _("Người ký không xác nhận")
        CANCELLED = "cancelled", _("Đã hủy")

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="signing_requests")
    document = models.ForeignKey(OutgoingDocument, on_delete=models.CASCADE, related_name="signing_requests")
    certificate = models.ForeignKey(TrainingCertificate, on_delete=models.CASCADE, related_name="+")
    transaction_id = models.CharField(max_length=40, unique=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    # A fault drill: the phone never receives this request.
    delivered = models.BooleanField(default=True)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("giao dịch ký từ xa")
        verbose_name_plural = _("giao dịch ký từ xa")

    def __str__(self) -> str:
        return self.transaction_id


class ScenarioRun(models.Model):
    """One attempt at a scenario in a workspace: the objects it seeded (``refs``), hand-holding mode,
    and, once finished, whether it was done and the mistakes made."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Đang làm")
        COMPLETED = "completed", _("Hoàn thành")
        FAILED = "failed", _("Chưa đạt")
        ABANDONED = "abandoned", _("Bỏ dở")

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="runs")
    slug = models.SlugField(max_length=60)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    hand_holding = models.BooleanField(_("chế độ cầm tay chỉ việc"), default=False)
    refs = models.JSONField(default=dict, blank=True)
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    mistakes = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("lượt thực hành")
        verbose_name_plural = _("lượt thực hành")
        constraints = [
            models.UniqueConstraint(
                fields=["workspace"], condition=models.Q(status="active"), name="sandbox_one_active_run"
            )
        ]

    def __str__(self) -> str:
        return f"{self.slug} ({self.status})"


class CalendarDay(models.Model):
    """A day the working calendar treats differently from the national one: a make-up working day on
    a weekend (ngày làm bù) or an extra day off, for one province or (no province) nationwide.

    An administrator edits them (Django admin); ``sandbox.workdays`` reads them.
    """

    province = models.ForeignKey(
        "people.Province",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("tỉnh/thành phố"),
        help_text=_("Để trống: áp dụng cả nước."),
    )
    day = models.DateField(_("ngày"))
    working = models.BooleanField(
        _("là ngày làm việc"), help_text=_("Đánh dấu: ngày làm bù. Bỏ đánh dấu: ngày nghỉ.")
    )
    note = models.CharField(_("ghi chú"), max_length=200, blank=True)

    class Meta:
        ordering = ["day"]
        verbose_name = _("ngày làm bù, ngày nghỉ riêng")
        verbose_name_plural = _("lịch làm việc: ngày làm bù, ngày nghỉ riêng")
        constraints = [
            models.UniqueConstraint(fields=["province", "day"], name="sandbox_calendar_day_once"),
        ]

    def __str__(self) -> str:
        return f"{self.day:%d/%m/%Y} ({'làm bù' if self.working else 'nghỉ'})"
