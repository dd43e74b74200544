"""Fault drills (DOMAIN.md §6) as data: what each one blocks, what the official sees, how it is fixed.

A scenario switches faults on in its workspace (``Workspace.faults``: name -> strikes left, 0 meaning
"until fixed"); the official can also switch them on from the drills page. A blocked action is refused
and logged with ``fault=True``: it is the drill, not the official's mistake. Several drills need no
flag because the replica's own rules produce them (three wrong PINs, the seal before the leader's
signature, a duplicate or skipped number, a secret document, a dossier from another commune).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from sandbox.models import Workspace


@dataclass(frozen=True)
class Fault:
    name: str
    label: str
    message: str
    # (machine, action) pairs the fault refuses while it is on; empty: it changes behaviour elsewhere.
    blocks: tuple[tuple[str, str], ...] = ()
    fix_label: str = ""
    # Strikes before it clears by itself (0: until the official fixes it).
    strikes: int = 0
    # Only these objects are affected (e.g. the freeze hits marriage dossiers only).
    applies: Callable[[object], bool] | None = None
    # A refusal to fix it yet (the freeze clears only after the paper fallback was recorded).
    fix_guard: Callable[[Workspace], str | None] | None = None
    on_enable: str = ""
    on_fix: str = ""


def _is_marriage(obj) -> bool:
    return getattr(obj, "procedure", "") == "marriage"


def _paper_fallback_recorded(workspace: Workspace) -> str | None:
    if workspace.dossiers.filter(procedure="marriage", status="4").exclude(paper_certificate="").exists():
        return None
    return str(
        _(
            "Hệ thống vẫn chưa phản hồi. Trong lúc chờ, hãy làm theo quy trình dự phòng: cấp giấy chứng nhận "
            "bản giấy và ghi số giấy vào hồ sơ."
        )
    )


# The fields the portal requires of the owner of a dossier, which the "missing fields" drill empties.
PORTAL_REQUIRED = {"owner_id_number": _("số định danh cá nhân"), "owner_phone": _("số điện thoại")}


def dossiers_missing_fields(workspace: Workspace) -> list[tuple[str, list[str]]]:
    """The dossiers the drill emptied that still lack a field the portal requires: (code, fields)."""
    missing = []
    for dossier in workspace.dossiers.filter(details__has_key="declared").order_by("id"):
        empty = [
            str(label) for field, label in PORTAL_REQUIRED.items() if not getattr(dossier, field).strip()
        ]
        if empty:
            missing.append((dossier.code, empty))
    return missing


def _missing_fields_filled(workspace: Workspace) -> str | None:
    missing = dossiers_missing_fields(workspace)
    if not missing:
        return None
    code, fields = missing[0]
    return str(
        _(
            "Hồ sơ %(code)s vẫn thiếu %(fields)s: mở hồ sơ, bấm “Sửa thông tin hồ sơ”, nhập đủ theo tờ khai "
            "rồi đồng bộ lại."
        )
        % {"code": code, "fields": ", ".join(fields)}
    )


def _device_otp_required(workspace: Workspace) -> str | None:
    return str(_("Hãy gõ mã OTP hiển thị trên điện thoại cũ vào ô “Mã OTP từ thiết bị cũ”."))


FAULTS: dict[str, Fault] = {
    f.name: f
    for f in (
        Fault(
            name="usb_session_expired",
            label=_("Hết phiên làm việc với USB token"),
            message=_(
                "Phiên làm việc với thiết bị ký số đã hết hạn (để lâu không thao tác). Hãy mở lại phiên: "
                "rút, cắm lại USB token và nhập lại mã PIN."
            ),
            blocks=(("signing", "usb_sign"),),
            fix_label=_("Mở lại phiên ký số"),
        ),
        Fault(
            name="tsa_unreachable",
            label=_("Không kết nối được máy chủ cấp dấu thời gian"),
            message=_(
                "Ký số không thành công: không kết nối được máy chủ cấp dấu thời gian (TSA). Văn bản chưa "
                "được ký. Hãy kiểm tra kết nối mạng (hoặc báo bộ phận kỹ thuật) rồi ký lại; không ký bỏ "
                "qua dấu thời gian."
            ),
            fix_label=_("Kết nối lại máy chủ dấu thời gian"),
        ),
        Fault(
            name="token_not_detected",
            label=_("Không nhận USB token"),
            message=_("Không tìm thấy thiết bị ký số. Hãy kiểm tra USB token đã cắm vào máy chưa."),
            blocks=(("signing", "usb_sign"),),
            fix_label=_("Cắm lại USB token"),
        ),
        Fault(
            name="plugin_not_loaded",
            label=_("Chưa chạy phần mềm ký số"),
            message=_(
                "Không kết nối được phần mềm ký số (plug-in) trên máy. "
                "Hãy khởi động phần mềm ký số rồi thử lại."
            ),
            blocks=(("signing", "usb_sign"),),
            fix_label=_("Khởi động phần mềm ký số"),
        ),
        Fault(
            name="remote_unconfirmed",
            label=_("Điện thoại không nhận được yêu cầu ký"),
            message=_("Yêu cầu ký từ xa không đến được điện thoại của người ký."),
            strikes=1,
        ),
        Fault(
            name="cert_expired",
            label=_("Chứng thư số hết hạn"),
            message=_("Chứng thư số đã hết hạn: không thể ký. Hãy đề nghị gia hạn chứng thư số."),
            fix_label=_("Gia hạn chứng thư số"),
            on_enable="sandbox.signing.certificate_drill_expired",
            on_fix="sandbox.signing.certificate_renew",
        ),
        Fault(
            name="cert_revoked",
            label=_("Chứng thư số bị thu hồi"),
            message=_(
                "Chứng thư số đã bị thu hồi: chữ ký sẽ không hợp lệ. Hãy đề nghị cấp lại chứng thư số."
            ),
            fix_label=_("Đề nghị cấp lại chứng thư số"),
            on_enable="sandbox.signing.certificate_drill_revoked",
            on_fix="sandbox.signing.certificate_renew",
        ),
        Fault(
            name="numbering_manual",
            label=_("Cấp số thủ công"),
            message=_("Chức năng gợi ý số tự động tạm ngừng: văn thư tự nhập số theo sổ văn bản đi."),
            fix_label=_("Bật lại gợi ý số"),
        ),
        Fault(
            name="exchange_bad_sender",
            label=_("Trục liên thông từ chối: sai mã định danh"),
            message=_(
                "Trục liên thông từ chối văn bản: mã định danh của cơ "
                "quan gửi không hợp lệ. Hãy kiểm tra lại "
                "mã định danh điện tử của cơ quan."
            ),
            blocks=(("outgoing", "issue"),),
            fix_label=_("Sửa mã định danh cơ quan"),
            on_enable="sandbox.services.workspace_sender_code_break",
            on_fix="sandbox.services.workspace_sender_code_fix",
        ),
        Fault(
            name="attachment_too_large",
            label=_("Tệp đính kèm quá lớn"),
            message=_("Trục liên thông từ chối văn bản: tệp đính kèm vượt quá dung lượng cho phép (10 MB)."),
            blocks=(("outgoing", "issue"),),
            fix_label=_("Nén tệp đính kèm"),
            on_fix="sandbox.services.outgoing_attachments_compress",
        ),
        Fault(
            name="portal_sync_error",
            label=_("Lỗi đồng bộ với Cổng dịch vụ công"),
            message=_(
                "Lỗi đồng bộ với Cổng Dịch vụ công quốc gia: mã xác thực "
                "(token) hết hạn. Hãy thử đồng bộ lại."
            ),
            blocks=(("dossier", "interconnect_send"), ("dossier", "accept")),
            fix_label=_("Đồng bộ lại"),
            strikes=1,
        ),
        Fault(
            name="portal_sync_missing_fields",
            label=_("Cổng dịch vụ công: hồ sơ thiếu trường dữ liệu"),
            message=_(
                "Lỗi đồng bộ với Cổng Dịch vụ công quốc gia: hồ sơ thiếu trường dữ liệu bắt buộc "
                "(số định danh cá nhân, số điện thoại của chủ hồ sơ). Hãy bổ sung thông tin hồ sơ rồi "
                "đồng bộ lại."
            ),
            blocks=(("dossier", "interconnect_send"), ("dossier", "accept")),
            fix_label=_("Bổ sung thông tin và đồng bộ lại"),
            # The fields are emptied in the dossiers waiting at the desk; only filling them fixes it.
            on_enable="sandbox.services.dossier_portal_fields_drop",
            fix_guard=_missing_fields_filled,
        ),
        Fault(
            name="portal_unreachable",
            label=_("Không kết nối được Cổng dịch vụ công"),
            message=_(
                "Không kết nối được Cổng Dịch vụ công quốc gia (hết thời gian chờ). Hãy kiểm tra kết nối "
                "mạng, chờ ít phút rồi thử lại."
            ),
            blocks=(("dossier", "interconnect_send"), ("dossier", "accept")),
            fix_label=_("Kết nối lại Cổng dịch vụ công"),
        ),
        Fault(
            name="portal_freeze",
            label=_("Hệ thống treo ở bước xác nhận cuối"),
            message=_(
                "Hệ thống không phản hồi ở bước xác nhận cuối cùng. Không "
                "bắt công dân chờ: làm theo quy trình "
                "dự phòng bằng giấy, cập nhật lên hệ thống sau."
            ),
            blocks=(("dossier", "complete"),),
            fix_label=_("Hệ thống đã hoạt động lại"),
            applies=_is_marriage,
            fix_guard=_paper_fallback_recorded,
        ),
        Fault(
            name="vneid_maintenance",
            label=_("VNeID đang bảo trì"),
            message=_("Hệ thống định danh điện tử đang bảo trì hoặc quá tải. Vui lòng thử lại sau ít phút."),
            blocks=(("login", "vneid_request"),),
            strikes=1,
        ),
        Fault(
            name="vneid_device_mismatch",
            label=_("VNeID: đăng nhập trên thiết bị khác"),
            message=_(
                "Tài khoản VNeID đang đăng nhập trên một điện thoại khác. Hãy xác nhận bằng mã OTP gửi tới "
                "thiết bị cũ trước khi dùng thiết bị này."
            ),
            blocks=(("login", "vneid_request"),),
            # No button: the OTP the old phone shows is typed on the login screen.
            fix_guard=_device_otp_required,
        ),
        Fault(
            name="vneid_level1",
            label=_("VNeID: tài khoản mới ở mức 1"),
            message=_(
                "Tài khoản định danh điện tử mức 1 chưa dùng được để đăng nhập hệ thống của cơ quan nhà "
                "nước: cần tài khoản mức 2 (đã xác thực tại Công an xã, có ảnh chân dung và vân tay)."
            ),
            blocks=(("login", "vneid_request"),),
            fix_label=_("Nâng cấp lên tài khoản mức 2"),
        ),
        Fault(
            name="vneid_not_activated",
            label=_("Tài khoản VNeID chưa kích hoạt"),
            message=_(
                "Tài khoản định danh điện tử chưa được kích hoạt. Hãy kích hoạt trên ứng dụng VNeID (mức 2: "
                "tại Công an xã) rồi thử lại."
            ),
            blocks=(("login", "vneid_request"),),
            fix_label=_("Kích hoạt tài khoản VNeID"),
        ),
    )
}


def fault_blocking(*, workspace: Workspace, machine: str, action: str, obj=None) -> Fault | None:
    """The fault that refuses this action now, if any (in the registry's order, whatever order the
    database keeps the workspace's faults in)."""
    for fault in FAULTS.values():
        if fault.name not in workspace.faults or (machine, action) not in fault.blocks:
            continue
        if fault.applies is None or fault.applies(obj):
            return fault
    return None


def fault_struck(*, workspace: Workspace, fault: Fault) -> None:
    """Count one strike of a fault that clears by itself after a few (saves the workspace)."""
    left = workspace.faults.get(fault.name, 0)
    if left == 1:
        workspace.faults.pop(fault.name)
    elif left > 1:
        workspace.faults[fault.name] = left - 1
    else:
        return
    workspace.save(update_fields=["faults"])
