"""What each import problem means, in the reader's language.

Problems are stored on the job as codes with parameters (``{"row": 7, "column": "phone", "code":
"phone_invalid", "value": "98765", "params": {}}``) and worded only when shown, so one report reads in
Vietnamese or in English depending on who opens it.
"""

from django.utils.translation import gettext_lazy as _

from people.models import JobRole

MESSAGES = {
    # The file as a whole.
    "extension": _("Chỉ nhận tệp .csv hoặc .xlsx."),
    "old_excel": _(
        "Tệp .xls (Excel 97–2003) không được hỗ trợ: trong Excel chọn Lưu dưới dạng → Sổ làm việc "
        "Excel (.xlsx) hoặc CSV UTF-8."
    ),
    "content_type": _("Nội dung tệp (%(content_type)s) không khớp với đuôi tệp %(extension)s."),
    "too_large": _("Tệp quá lớn: tối đa %(limit)s MB."),
    "empty": _("Tệp trống."),
    "not_xlsx": _("Đây không phải là tệp Excel .xlsx hợp lệ."),
    "xlsx_unpacked_too_large": _(
        "Tệp Excel khi giải nén lớn bất thường (có thể là tệp độc hại): hãy lưu một tệp mới chỉ chứa "
        "danh sách cán bộ."
    ),
    "not_utf8": _("Tệp CSV phải được lưu bằng mã UTF-8 (trong Excel: Lưu dưới dạng → CSV UTF-8)."),
    "not_text": _("Tệp CSV chứa dữ liệu nhị phân: đây không phải là tệp văn bản."),
    "unreadable": _("Không đọc được tệp: hãy mở lại bằng Excel, lưu lại rồi tải lên lần nữa."),
    "missing_columns": _("Thiếu cột bắt buộc: %(columns)s."),
    "duplicate_column": _("Cột này xuất hiện hai lần."),
    "no_rows": _("Tệp không có dòng dữ liệu nào."),
    "too_many_rows": _(
        "Tệp có %(count)s dòng, vượt quá giới hạn %(limit)s dòng mỗi lần nhập: hãy chia nhỏ tệp."
    ),
    "internal": _(
        "Lỗi hệ thống trong khi nhập; chưa có tài khoản nào được tạo. Hãy thử lại, hoặc báo quản trị "
        "viên nếu lỗi lặp lại."
    ),
    "stalled": _(
        "Việc nhập bị gián đoạn %(runs)s lần (máy xử lý dừng giữa chừng); chưa có tài khoản nào được "
        "tạo. Hãy tải tệp lên lại, hoặc báo quản trị viên nếu lỗi lặp lại."
    ),
    # One cell.
    "required": _("Bắt buộc nhưng đang để trống."),
    "too_long": _("Quá dài: tối đa %(limit)s ký tự."),
    "name_invalid": _("Họ và tên chỉ gồm chữ cái, dấu cách, dấu gạch nối và dấu nháy."),
    "commune_unknown": _(
        "Không có xã/phường nào mang mã %(commune_code)s (mã xã gồm 5 chữ số, ví dụ 00070)."
    ),
    "commune_out_of_scope": _(
        "%(commune)s (mã %(commune_code)s) thuộc %(province)s, ngoài tỉnh bạn quản lý."
    ),
    "job_role_unknown": _("Chức danh không có trong danh sách. Dùng một trong: %(choices)s."),
    "phone_invalid": _(
        "Số điện thoại di động phải có 10 chữ số, bắt đầu bằng 0 (hoặc +84). Nếu Excel đã bỏ số 0 ở "
        "đầu, hãy định dạng cột là Văn bản (Text)."
    ),
    "email_invalid": _("Địa chỉ e-mail không hợp lệ."),
    "username_invalid": _(
        "Tên đăng nhập chỉ gồm chữ thường không dấu, chữ số và các dấu . _ -, dài từ 3 đến 150 ký tự."
    ),
    "duplicate_in_file": _("Trùng với dòng %(first_row)s của tệp."),
    "username_taken": _("Tên đăng nhập này đã thuộc về một tài khoản khác."),
    "email_taken": _("E-mail này đã thuộc về một tài khoản khác."),
    "phone_taken": _("Số điện thoại này đã thuộc về một tài khoản khác."),
}


def job_role_choices_text() -> str:
    return "; ".join(f"{label} ({value})" for value, label in JobRole.choices)


def problem_message(problem: dict) -> str:
    """The sentence for one stored problem, in the active language."""
    params = dict(problem.get("params") or {})
    if problem["code"] == "job_role_unknown":
        params["choices"] = job_role_choices_text()
    text = str(MESSAGES.get(problem["code"], MESSAGES["internal"]))
    return text % params if params else text
