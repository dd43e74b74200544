"""The sandbox scenarios a session can target, by their shared slugs (docs/architecture.md), with the
names trainers pick them by. The courses come from the courses app (core.catalogue)."""

from django.utils.translation import gettext_lazy as _

SCENARIOS = [
    ("dang-nhap-co-ban", _("Đăng nhập cơ bản")),
    ("dang-nhap-vneid", _("Đăng nhập bằng VNeID")),
    ("vb-den-tiep-nhan", _("Tiếp nhận văn bản đến")),
    ("vb-den-tra-lai", _("Trả lại văn bản gửi nhầm")),
    ("vb-den-giay", _("Vào sổ văn bản giấy")),
    ("vb-den-hoa-toc", _("Xử lý văn bản hỏa tốc")),
    ("vb-den-phan-cong", _("Phân công xử lý văn bản")),
    ("vb-den-chuyen-thu-hoi", _("Chuyển, thu hồi, giao lại văn bản")),
    ("vb-den-hoan-thanh", _("Hoàn thành văn bản đến")),
    ("vb-di-du-thao", _("Dự thảo công văn")),
    ("vb-di-trinh-ky", _("Trình duyệt, trình ký")),
    ("ky-so-usb", _("Ký số bằng USB token")),
    ("ky-so-tu-xa", _("Ký số từ xa")),
    ("vb-di-phat-hanh", _("Cấp số, đóng dấu, phát hành")),
    ("vb-di-thu-hoi-thay-the", _("Thu hồi, thay thế văn bản")),
    ("hs-khai-sinh-tiep-nhan", _("Tiếp nhận hồ sơ khai sinh")),
    ("hs-bo-sung-tu-choi", _("Yêu cầu bổ sung, từ chối hồ sơ")),
    ("hs-lien-thong-khai-sinh", _("Liên thông khai sinh, thường trú, bảo hiểm y tế")),
    ("hs-chung-thuc", _("Chứng thực bản sao")),
    ("hs-thu-phi", _("Thu phí, lệ phí")),
    ("hs-qua-han", _("Xử lý hồ sơ quá hạn")),
    ("hs-tra-ket-qua", _("Trả kết quả")),
    ("hs-rut-dung", _("Rút, dừng hồ sơ")),
    ("hs-tra-cuu-bao-cao", _("Tra cứu hồ sơ, báo cáo tháng")),
    ("hs-ket-hon-treo-may", _("Đăng ký kết hôn khi hệ thống treo")),
]

SCENARIO_NAMES = dict(SCENARIOS)
