"""The inputs of the replica screens: the fields each transition's action form asks for, and the
forms that create objects (a paper document, a draft, a walk-in dossier).

Action fields are described once here (label, input type, choices) and rendered by the action
template; the machines' guards decide what is acceptable, so a refusal is logged as a mistake.
"""

from dataclasses import dataclass

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sandbox import numbering, workdays
from sandbox.fake import staff_directory
from sandbox.layout import AUTHORITIES, POSITIONS
from sandbox.models import DocumentKind, Secrecy, Urgency
from sandbox.procedures import INTERCONNECT_AGENCIES, PROCEDURES


@dataclass(frozen=True)
class ActionField:
    name: str
    label: str
    kind: str = "text"  # text | textarea | date | number | select
    required: bool = True


ACTION_FIELDS = {
    f.name: f
    for f in (
        ActionField("return_reason", _("Lý do"), "textarea"),
        ActionField("lead", _("Người/đơn vị chủ trì"), "select"),
        ActionField("coordinators", _("Người/đơn vị phối hợp"), "text", required=False),
        ActionField("deadline", _("Hạn xử lý"), "date"),
        ActionField("directive", _("Ý kiến chỉ đạo"), "textarea", required=False),
        ActionField("forwarded_to", _("Chuyển cho"), "select"),
        ActionField("handler_name", _("Chuyên viên thụ lý"), "select"),
        ActionField("reply", _("Văn bản trả lời (đã phát hành)"), "select", required=False),
        ActionField("finish_note", _("Hoặc: lý do kết thúc không cần trả lời"), "text", required=False),
        ActionField("recall_reason", _("Lý do"), "textarea"),
        ActionField("summary", _("Trích yếu"), "text"),
        ActionField("body", _("Nội dung"), "textarea"),
        ActionField("recipients", _("Nơi nhận (mỗi dòng một nơi)"), "textarea"),
        ActionField("symbol", _("Ký hiệu"), "text"),
        ActionField("send_back_reason", _("Lý do trả lại"), "textarea"),
        ActionField("number", _("Số văn bản"), "number"),
        ActionField("revoke_reason", _("Lý do"), "textarea"),
        ActionField("appointment", _("Ngày hẹn trả kết quả"), "date"),
        ActionField("reason_kind", _("Loại lý do"), "select"),
        ActionField("decision_reason", _("Lý do, nội dung"), "textarea"),
        ActionField("reconsider_reason", _("Lý do hủy quyết định không tiếp nhận"), "textarea"),
        ActionField("owner_name", _("Họ tên chủ hồ sơ"), "text", required=False),
        ActionField("owner_id_number", _("Số định danh cá nhân"), "text", required=False),
        ActionField("owner_phone", _("Số điện thoại"), "text", required=False),
        ActionField("owner_address", _("Địa chỉ"), "text", required=False),
        ActionField("missing_papers", _("Giấy tờ cần bổ sung"), "textarea"),
        ActionField("fee_amount", _("Số tiền phí, lệ phí (đồng)"), "number"),
        ActionField("paid_amount", _("Số tiền công dân đã nộp (đồng)"), "number"),
        ActionField("fee_receipt", _("Số biên lai"), "text"),
        ActionField("agency", _("Cơ quan liên thông"), "select"),
        ActionField("apology_reason", _("Lý do chậm trả kết quả"), "textarea"),
        ActionField("paper_certificate", _("Số giấy chứng nhận bản giấy, quyển sổ"), "text"),
        ActionField("returned_to", _("Họ tên người nhận kết quả"), "text"),
        ActionField("receiver_id", _("Số định danh của người nhận"), "text"),
        ActionField(
            "authorisation", _("Văn bản ủy quyền (nếu người nhận không phải chủ hồ sơ)"), "text", False
        ),
    )
}

REFUSAL_KINDS = [
    ("", _("— Chọn lý do —")),
    ("incomplete", _("Hồ sơ không đủ thành phần theo quy định")),
    ("forged", _("Giấy tờ bị tẩy xóa, sửa chữa, giả mạo")),
    ("authority", _("Không thuộc thẩm quyền giải quyết")),
    ("residence", _("Công dân cư trú ở xã/phường khác")),
]


def action_choices(*, name: str, workspace) -> list[tuple[str, str]]:
    """Choices of a select action field, from the workspace's own data."""
    if name in ("lead", "forwarded_to", "handler_name"):
        return [(person, person) for person in staff_directory(workspace)]
    if name == "reply":
        issued = workspace.outgoing.filter(status="issued").order_by("-issued_at")
        return [("", _("— Chọn văn bản —"))] + [
            (str(d.pk), f"{d.number_display} — {d.summary}") for d in issued
        ]
    if name == "reason_kind":
        return REFUSAL_KINDS
    if name == "agency":
        return list(INTERCONNECT_AGENCIES.items())
    return []


def action_initial(*, name: str, obj, workspace, now) -> str:
    """The value a field starts with, as the real systems pre-fill it."""
    today = timezone.localtime(now).date()
    if name == "number":
        if "numbering_manual" in workspace.faults:
            return ""
        return str(numbering.outgoing_number_next(workspace=workspace, year=today.year, secret=obj.secret))
    if name == "appointment" and obj.status == "1":
        procedure = PROCEDURES[obj.procedure]
        days = procedure.statutory_days(needs_verification=obj.needs_verification)
        return (
            timezone.localtime(
                workdays.appointment_for(received_at=now, working_days=days, province=workspace.province_code)
            )
            .date()
            .isoformat()
        )
    if name == "deadline":
        return workdays.add_working_days(today, 5, province=workspace.province_code).isoformat()
    if name in (
        "summary",
        "body",
        "recipients",
        "symbol",
        "owner_name",
        "owner_id_number",
        "owner_phone",
        "owner_address",
    ):
        return str(getattr(obj, name, "") or "")
    return ""


class PaperDocumentForm(forms.Form):
    """A paper document handed in at the desk (Decree 30: registered with the same incoming numbers)."""

    issuer = forms.CharField(label=_("Cơ quan ban hành"), max_length=200)
    reference = forms.CharField(label=_("Số, ký hiệu"), max_length=60, help_text=_("Ví dụ: 215/CAX-HC"))
    doc_date = forms.DateField(label=_("Ngày văn bản"), widget=forms.DateInput(attrs={"type": "date"}))
    kind = forms.ChoiceField(label=_("Loại văn bản"), choices=DocumentKind.choices)
    summary = forms.CharField(label=_("Trích yếu"), max_length=300)
    urgency = forms.ChoiceField(label=_("Độ khẩn"), choices=Urgency.choices, initial=Urgency.NORMAL)
    secrecy = forms.ChoiceField(label=_("Độ mật"), choices=Secrecy.choices, required=False)
    pages = forms.IntegerField(label=_("Số trang"), min_value=1, initial=1)
    signer = forms.CharField(label=_("Người ký"), max_length=120, required=False)


class DraftForm(forms.Form):
    """A new outgoing draft (dự thảo) by the handler."""

    kind = forms.ChoiceField(label=_("Loại văn bản"), choices=DocumentKind.choices)
    unit = forms.CharField(
        label=_("Đơn vị soạn thảo (viết tắt)"),
        max_length=12,
        required=False,
        help_text=_("Ví dụ: VHXH, VP, TP"),
    )
    symbol = forms.CharField(
        label=_("Ký hiệu"), max_length=40, help_text=_("Công văn: UBND-VHXH; quyết định: QĐ-UBND")
    )
    summary = forms.CharField(label=_("Trích yếu"), max_length=300)
    body = forms.CharField(label=_("Nội dung"), widget=forms.Textarea)
    recipients = forms.CharField(
        label=_("Nơi nhận (mỗi dòng một nơi)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    signer_position = forms.ChoiceField(
        label=_("Chức vụ người ký"),
        choices=[(p.key, p.label) for p in POSITIONS.values()],
        initial="chairman",
    )
    authority = forms.ChoiceField(
        label=_("Thẩm quyền ký"),
        choices=list(AUTHORITIES.items()),
        initial="TM.",
        help_text=_("Chủ tịch: TM.; Phó Chủ tịch: KT.; Chánh Văn phòng: TL.; người được ủy quyền: TUQ."),
    )
    urgency = forms.ChoiceField(label=_("Độ khẩn"), choices=Urgency.choices, initial=Urgency.NORMAL)
    secret = forms.BooleanField(label=_("Văn bản mật"), required=False)


class WalkInDossierForm(forms.Form):
    """A citizen's dossier entered at the counter."""

    procedure = forms.ChoiceField(
        label=_("Thủ tục"), choices=[(p.key, f"{p.code} — {p.name}") for p in PROCEDURES.values()]
    )
    owner_name = forms.CharField(label=_("Họ tên chủ hồ sơ"), max_length=120)
    owner_id_number = forms.CharField(label=_("Số định danh cá nhân"), max_length=12, min_length=12)
    owner_phone = forms.CharField(label=_("Số điện thoại"), max_length=15, required=False)
    owner_address = forms.CharField(label=_("Địa chỉ"), max_length=250, required=False)
    subject_name = forms.CharField(label=_("Người được đăng ký (nếu có)"), max_length=120, required=False)
    submitter_name = forms.CharField(
        label=_("Người nộp hồ sơ (nếu không phải chủ hồ sơ)"), max_length=120, required=False
    )
    submitter_id_number = forms.CharField(label=_("Số định danh người nộp"), max_length=12, required=False)
    authorisation = forms.CharField(
        label=_("Văn bản ủy quyền (số, ngày)"),
        max_length=200,
        required=False,
        help_text=_("Bắt buộc khi người nộp không phải chủ hồ sơ."),
    )
    pages = forms.IntegerField(label=_("Số trang (chứng thực)"), min_value=1, initial=1)
    copies = forms.IntegerField(label=_("Số bản sao (chứng thực)"), min_value=1, initial=1)
    needs_verification = forms.BooleanField(
        label=_("Cần xác minh (thời hạn dài hơn)"),
        required=False,
        help_text=_("Kết hôn: tối đa 5 ngày làm việc; liên thông khai sinh: 5 ngày làm việc."),
    )

    def clean_owner_id_number(self):
        value = self.cleaned_data["owner_id_number"].strip()
        if not value.isdigit():
            raise forms.ValidationError(_("Số định danh cá nhân gồm 12 chữ số."))
        return value


class PinForm(forms.Form):
    pin = forms.CharField(
        label=_("Mã PIN của USB token"), widget=forms.PasswordInput(render_value=False), max_length=16
    )


class UnblockForm(forms.Form):
    puk = forms.CharField(label=_("Mã PUK"), max_length=8)
    new_pin = forms.CharField(label=_("Mã PIN mới (4–16 ký tự)"), max_length=16)


EDXML_MAX_BYTES = 5 * 1024 * 1024
EDXML_EXTENSIONS = (".edxml", ".xml")


class EdxmlImportForm(forms.Form):
    """An edXML package received from the exchange axis: checked for size and type here, for its
    content (well-formed, the envelope, every required header field) by ``sandbox.edxml``."""

    file = forms.FileField(
        label=_("Gói tin edXML"),
        help_text=_("Tệp .edxml hoặc .xml theo QCVN 102:2016, tối đa 5 MB."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(EDXML_EXTENSIONS):
            raise forms.ValidationError(_("Chỉ nhận tệp .edxml hoặc .xml."))
        if upload.size > EDXML_MAX_BYTES:
            raise forms.ValidationError(
                _("Tệp quá lớn: tối đa %(limit)s MB.") % {"limit": EDXML_MAX_BYTES // 2**20}
            )
        return upload


class ValidateUploadForm(forms.Form):
    file = forms.FileField(label=_("Tệp PDF đã ký"))


class PracticeLoginForm(forms.Form):
    username = forms.CharField(label=_("Tên đăng nhập"), max_length=60)
    password = forms.CharField(label=_("Mật khẩu"), widget=forms.PasswordInput, max_length=128)


class PracticePasswordForm(forms.Form):
    new = forms.CharField(label=_("Mật khẩu mới"), widget=forms.PasswordInput, max_length=128)
    confirm = forms.CharField(label=_("Nhập lại mật khẩu mới"), widget=forms.PasswordInput, max_length=128)


class PracticeResetForm(PracticePasswordForm):
    code = forms.CharField(label=_("Mã xác nhận (6 số)"), max_length=6)
    field_order = ["code", "new", "confirm"]
