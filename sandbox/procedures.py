"""The administrative procedures the one-stop replica handles, as data.

Procedure codes follow the national procedure database; they are marked unverified in DOMAIN.md, so
``SANDBOX_PROCEDURE_CODES`` in settings may replace them by key. Statutory times are in working days
(0 = the same day, subject to the 15:00 rule).
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Procedure:
    key: str
    default_code: str
    name: str
    working_days: int
    working_days_verified: int
    components: tuple[str, ...]
    # The result document drafted into the outgoing workflow (kind, title); None: no document.
    result: tuple[str, str] | None = None
    # Agencies a joint (liên thông) procedure sends the dossier to.
    interconnect: tuple[str, ...] = ()
    fee_per_page: bool = False

    @property
    def code(self) -> str:
        return getattr(settings, "SANDBOX_PROCEDURE_CODES", {}).get(self.key, self.default_code)

    def statutory_days(self, *, needs_verification: bool) -> int:
        return self.working_days_verified if needs_verification else self.working_days


INTERCONNECT_AGENCIES = {
    "residence": _("Công an xã (đăng ký thường trú)"),
    "insurance": _("Bảo hiểm xã hội (cấp thẻ BHYT)"),
}

PROCEDURES: dict[str, Procedure] = {
    p.key: p
    for p in (
        Procedure(
            key="birth",
            default_code="1.001193",
            name="Đăng ký khai sinh",
            working_days=0,
            working_days_verified=0,
            components=(
                "Tờ khai đăng ký khai sinh",
                "Giấy chứng sinh",
                "Giấy tờ tùy thân của người đi đăng ký",
            ),
            result=("GCN", "Giấy khai sinh"),
        ),
        Procedure(
            key="marriage",
            default_code="1.000894",
            name="Đăng ký kết hôn",
            working_days=0,
            working_days_verified=5,
            components=("Tờ khai đăng ký kết hôn", "Giấy tờ tùy thân của hai bên"),
            result=("GCN", "Giấy chứng nhận kết hôn"),
        ),
        Procedure(
            key="copy",
            default_code="2.000815",
            name="Chứng thực bản sao từ bản chính",
            working_days=0,
            working_days_verified=0,
            components=("Bản chính giấy tờ", "Bản sao cần chứng thực"),
            fee_per_page=True,
        ),
        Procedure(
            key="joint_birth",
            default_code="1.001022",
            name="Liên thông đăng ký khai sinh, đăng ký thường trú, cấp thẻ BHYT cho trẻ em dưới 6 tuổi",
            working_days=3,
            working_days_verified=5,
            components=(
                "Tờ khai đăng ký khai sinh",
                "Giấy chứng sinh",
                "Tờ khai thay đổi thông tin cư trú",
                "Tờ khai tham gia BHYT",
            ),
            result=("TB", "Thông báo kết quả giải quyết thủ tục liên thông"),
            interconnect=("residence", "insurance"),
        ),
    )
}


def procedure_get(key: str) -> Procedure:
    return PROCEDURES[key]


def copy_certification_fee(*, pages: int, copies: int = 1) -> int:
    """Chứng thực bản sao: 2,000 đồng a page for the first two, 1,000 from the third, at most
    200,000 đồng a copy (Circular 226/2016/TT-BTC)."""
    pages = max(1, pages)
    per_copy = min(200_000, 2_000 * min(pages, 2) + 1_000 * max(0, pages - 2))
    return per_copy * max(1, copies)
