"""The processing history in words: what each logged action is called on the screen, so an official
reads "Vào sổ văn bản đến: 01 Đã đến → 03 Đã vào sổ", never an internal code."""

from django.utils.translation import gettext_lazy as _

from sandbox.machines import MACHINES

# Actions logged outside the machines' transitions.
ACTIONS = {
    "create": _("Tạo mới"),
    "receive_paper": _("Nhập văn bản giấy"),
    "receipts": _("Nơi nhận báo tình trạng xử lý"),
    "interconnect_answer": _("Cơ quan liên thông trả lời"),
    "validate": _("Kiểm tra chữ ký số"),
    "view_book": _("Xem sổ đăng ký"),
    "search": _("Tra cứu"),
    "report": _("Xem báo cáo"),
    "usb_sign": _("Ký số bằng USB token"),
    "remote_request": _("Gửi yêu cầu ký từ xa"),
    "remote_confirm": _("Xác nhận ký từ xa"),
    "remote_expired": _("Yêu cầu ký từ xa hết hạn"),
    "remote_reject": _("Người ký từ chối ký từ xa"),
    "remote_cancel": _("Hủy yêu cầu ký từ xa"),
    "token_unblock": _("Mở khóa USB token bằng mã PUK"),
    "print_receipt": _("In phiếu tiếp nhận và hẹn trả"),
    "print_request": _("In phiếu yêu cầu bổ sung"),
    "print_refusal": _("In phiếu từ chối tiếp nhận"),
    "print_apology": _("In phiếu xin lỗi và hẹn lại"),
    "print_fee": _("In biên lai thu phí"),
    "print_control": _("In phiếu kiểm soát quá trình"),
    "print_stop": _("In thông báo dừng xử lý"),
    "enable": _("Sự cố bắt đầu"),
    "fix": _("Khắc phục sự cố"),
    "role": _("Đổi vai trò"),
}


def action_label(machine: str, action: str) -> str:
    spec = MACHINES.get(machine)
    if spec is not None and action in spec.transitions:
        return str(spec.transitions[action].label)
    return str(ACTIONS.get(action, _("Thao tác khác")))


def state_label(machine: str, state: str) -> str:
    spec = MACHINES.get(machine)
    return spec.state_label(state) if spec is not None and state else state
