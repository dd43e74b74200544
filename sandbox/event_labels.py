"""What the event log, the histories and the trainer's views say about an event: the action and the
states by their Vietnamese labels (English under the English interface), never by their codes
(``incoming.register``, ``signing → signed``, ``1 → 2``).

Transitions are named by their machine's labels; the actions that are not transitions (recorded
look-ups, prints, faults, signing steps) by the table below. An action nobody named is shown as its
machine's name and "thao tác khác", still no code.
"""

from django.utils.translation import gettext_lazy as _

from sandbox.machines import MACHINES

# Actions logged outside the machines' transitions.
OTHER_ACTIONS = {
    ("workspace", "role"): _("Đổi vai trò"),
    ("fault", "enable"): _("Bật tình huống sự cố"),
    ("fault", "fix"): _("Khắc phục sự cố"),
    ("fault", "disable"): _("Tắt tình huống sự cố"),
    ("incoming", "receive_paper"): _("Vào sổ văn bản giấy"),
    ("incoming", "view_book"): _("Xem sổ văn bản đến"),
    ("incoming", "open_file"): _("Mở tệp văn bản đến"),
    ("incoming", "check_signature"): _("Kiểm tra chữ ký số văn bản đến"),
    ("incoming", "import_edxml"): _("Nhận gói tin edXML"),
    ("outgoing", "create"): _("Tạo dự thảo văn bản đi"),
    ("outgoing", "view_book"): _("Xem sổ văn bản đi"),
    ("outgoing", "validate"): _("Kiểm tra chữ ký số"),
    ("outgoing", "receipts"): _("Nơi nhận báo đã nhận văn bản"),
    ("dossier", "create"): _("Tạo hồ sơ"),
    ("dossier", "search"): _("Tra cứu hồ sơ"),
    ("dossier", "report"): _("Xem báo cáo tình hình giải quyết hồ sơ"),
    ("dossier", "print_receipt"): _("In phiếu tiếp nhận"),
    ("dossier", "print_request"): _("In phiếu yêu cầu bổ sung, hoàn thiện hồ sơ"),
    ("dossier", "print_refusal"): _("In phiếu từ chối tiếp nhận"),
    ("dossier", "print_apology"): _("In phiếu xin lỗi và hẹn lại"),
    ("dossier", "print_fee"): _("In biên lai"),
    ("dossier", "print_control"): _("In phiếu kiểm soát quá trình"),
    ("dossier", "print_stop"): _("In thông báo dừng xử lý"),
    ("dossier", "view_book"): _("Xem sổ theo dõi hồ sơ"),
    ("dossier", "interconnect_answer"): _("Cơ quan liên thông trả lời"),
    ("dossier", "attach_file"): _("Đính kèm bản chụp giấy tờ"),
    ("login", "vneid_device_otp"): _("Nhập mã OTP từ điện thoại cũ"),
    ("workfile", "open"): _("Lập hồ sơ công việc"),
    ("workfile", "add"): _("Đưa văn bản vào hồ sơ công việc"),
    ("workfile", "remove"): _("Rút văn bản khỏi hồ sơ công việc"),
    ("workfile", "close"): _("Kết thúc hồ sơ công việc"),
    ("lookup", "search"): _("Tra cứu văn bản, hồ sơ"),
    ("lookup", "report"): _("Xem báo cáo"),
    ("signing", "usb_sign"): _("Ký số bằng USB token"),
    ("signing", "token_unblock"): _("Mở khóa USB token bằng mã PUK"),
    ("signing", "remote_request"): _("Gửi yêu cầu ký từ xa"),
    ("signing", "remote_confirm"): _("Xác nhận ký trên điện thoại"),
    ("signing", "remote_reject"): _("Từ chối ký trên điện thoại"),
    ("signing", "remote_cancel"): _("Hủy yêu cầu ký từ xa"),
    ("signing", "remote_expired"): _("Yêu cầu ký từ xa hết hạn"),
}

MACHINE_NAMES = {
    "workspace": _("Không gian thực hành"),
    "fault": _("Tình huống sự cố"),
    "signing": _("Ký số"),
    "workfile": _("Hồ sơ công việc"),
    "lookup": _("Tra cứu, báo cáo"),
}

# The machine whose states an event's object is in, when the event's machine has none of its own.
STATE_MACHINES = {"signing": "outgoing"}


def machine_label(machine: str) -> str:
    if machine in MACHINES:
        return str(MACHINES[machine].label)
    return str(MACHINE_NAMES.get(machine, _("Hệ thống")))


def action_label(machine: str, action: str) -> str:
    """The action of a log line in words."""
    if (machine, action) in OTHER_ACTIONS:
        return str(OTHER_ACTIONS[(machine, action)])
    transition = MACHINES[machine].transitions.get(action) if machine in MACHINES else None
    if transition is not None:
        return str(transition.label)
    return f"{machine_label(machine)}: {_('thao tác khác')}"


def state_label(machine: str, state: str) -> str:
    """A state of the event's object in words (empty when there is none)."""
    if not state:
        return ""
    owner = MACHINES.get(STATE_MACHINES.get(machine, machine))
    if owner is None or state not in owner.states:
        return ""
    return owner.state_label(state)


def state_change(machine: str, from_state: str, to_state: str) -> str:
    """ "Đang ký → Đã ký", or the one state when it did not change."""
    before, after = state_label(machine, from_state), state_label(machine, to_state)
    if before and after and before != after:
        return f"{before} → {after}"
    return after or before
