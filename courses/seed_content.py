"""The five demo courses, in Vietnamese, grounded in the project's DOMAIN notes: the screens officials
meet, what to press, what should happen, the usual mistakes and their fixes.

Course, quiz and scenario slugs are the shared identifiers of docs/architecture.md. Each step names
the element its screenshot highlights (``Screen.target``); ``courses.mockups`` draws the screen.
"""

from dataclasses import dataclass, field

from courses.mockups import Screen


@dataclass
class StepSpec:
    instruction: str
    screen: Screen
    expected: str
    mistake: str = ""
    fix: str = ""


@dataclass
class LessonSpec:
    slug: str
    title: str
    summary: str
    intro: str
    steps: list[StepSpec]
    practise: tuple[str, str, str] | None = None  # (scenario slug, title, what to do)
    check: tuple[str, str] | None = None  # (quiz slug, title)


@dataclass
class CourseSpec:
    slug: str
    title: str
    intro: str
    quiz: str
    scenarios: list[str]
    due_in_days: int
    lessons: list[LessonSpec] = field(default_factory=list)


# --- The systems, as drawn ---
SSO = "Cổng đăng nhập tập trung – Tỉnh Bắc Ninh"
SSO_ADDRESS = "sso.bacninh.gov.vn"
QLVB = "Quản lý văn bản và điều hành – UBND phường Kinh Bắc"
QLVB_ADDRESS = "qlvb.bacninh.gov.vn"
QLVB_MENU = ["Trang chủ", "Văn bản đến", "Văn bản đi", "Hồ sơ công việc", "Sổ văn bản", "Báo cáo"]
MOTCUA = "Giải quyết thủ tục hành chính – Tỉnh Bắc Ninh"
MOTCUA_ADDRESS = "motcua.bacninh.gov.vn"
MOTCUA_MENU = [
    "Tiếp nhận hồ sơ",
    "Hồ sơ đang xử lý",
    "Hồ sơ sắp đến hạn",
    "Trả kết quả",
    "Tra cứu hồ sơ",
    "Báo cáo thống kê",
]
MAIL = "Thư điện tử công vụ"
MAIL_ADDRESS = "mail.bacninh.gov.vn"
MAIL_MENU = ["Soạn thư", "Hộp thư đến", "Thư đã gửi", "Thư nháp", "Thư rác", "Cài đặt"]
HOP = "Họp trực tuyến – Tỉnh Bắc Ninh"
HOP_ADDRESS = "hop.bacninh.gov.vn"
HOP_MENU = ["Lịch họp", "Phòng họp của tôi", "Tài liệu họp", "Kiểm tra thiết bị"]
SIGN_TOOL = "Công cụ ký số (plugin trên máy tính)"
LOGIN_BUTTONS = ["Đăng nhập", "Quên mật khẩu?", "Đăng nhập bằng VNeID"]


def _login(target: str, message=None, username="lannt.kinhbac", password="••••••••") -> Screen:
    return Screen(
        system=SSO,
        address=SSO_ADDRESS,
        heading="Đăng nhập hệ thống",
        fields=[("Tên đăng nhập", username), ("Mật khẩu", password)],
        buttons=LOGIN_BUTTONS,
        message=message,
        target=target,
    )


def _qlvb(heading: str, target: str, active="Văn bản đến", **kwargs) -> Screen:
    return Screen(
        system=QLVB,
        address=QLVB_ADDRESS,
        heading=heading,
        menu=QLVB_MENU,
        active=active,
        target=target,
        **kwargs,
    )


def _motcua(heading: str, target: str, active="Tiếp nhận hồ sơ", **kwargs) -> Screen:
    return Screen(
        system=MOTCUA,
        address=MOTCUA_ADDRESS,
        heading=heading,
        menu=MOTCUA_MENU,
        active=active,
        target=target,
        **kwargs,
    )


def _mail(heading: str, target: str, active="Hộp thư đến", **kwargs) -> Screen:
    return Screen(
        system=MAIL,
        address=MAIL_ADDRESS,
        heading=heading,
        menu=MAIL_MENU,
        active=active,
        target=target,
        **kwargs,
    )


def _hop(heading: str, target: str, active="Phòng họp của tôi", **kwargs) -> Screen:
    return Screen(
        system=HOP,
        address=HOP_ADDRESS,
        heading=heading,
        menu=HOP_MENU,
        active=active,
        target=target,
        **kwargs,
    )


def _p(*paragraphs: str) -> str:
    return "".join(f"<p>{text}</p>" for text in paragraphs)


INCOMING_TABLE = [
    ["Số ký hiệu", "Cơ quan ban hành", "Trích yếu", "Độ khẩn"],
    ["215/UBND-VP", "UBND tỉnh Bắc Ninh", "V/v rà soát cán bộ", "Hỏa tốc"],
    ["48/SNV-CCVC", "Sở Nội vụ", "V/v báo cáo số lượng", "Thường"],
    ["102/STP-HCTP", "Sở Tư pháp", "V/v hướng dẫn hộ tịch", "Khẩn"],
]

# --- 1. Signing in ---
SIGN_IN = CourseSpec(
    slug="dang-nhap-tai-khoan",
    title="Đăng nhập và quản lý tài khoản",
    intro=_p(
        "Lỗi hay gặp nhất sau khi sáp nhập là nhập sai tên đăng nhập hoặc mật khẩu: mỗi lần như vậy mất "
        "cả buổi gọi điện nhờ hỗ trợ. Khóa học này hướng dẫn từng màn hình: đăng nhập lần đầu, đổi mật "
        "khẩu, xử lý khi nhập sai, tránh bị khóa tài khoản, đặt lại mật khẩu và đăng nhập bằng VNeID."
    ),
    quiz="kiem-tra-dang-nhap",
    scenarios=["dang-nhap-co-ban"],
    due_in_days=21,
    lessons=[
        LessonSpec(
            slug="dang-nhap-lan-dau",
            title="Đăng nhập lần đầu và đổi mật khẩu",
            summary="Nhập đúng tên đăng nhập, mật khẩu được cấp, rồi đặt mật khẩu của riêng mình.",
            intro=_p(
                "Quản trị hệ thống của tỉnh cấp cho mỗi cán bộ một tên đăng nhập và một mật khẩu ban đầu. "
                "Lần đăng nhập đầu tiên, hệ thống bắt buộc đổi mật khẩu."
            ),
            steps=[
                StepSpec(
                    instruction="Nhập tên đăng nhập được cấp vào ô “Tên đăng nhập”",
                    screen=_login("Tên đăng nhập", password=""),
                    expected="Ô “Tên đăng nhập” hiện đúng các chữ bạn gõ, viết liền, không dấu, không có "
                    "khoảng trắng.",
                    mistake="Gõ tên đăng nhập có dấu, hoặc dán từ tin nhắn Zalo nên thừa khoảng trắng ở "
                    "cuối.",
                    fix="Xóa hết ô và gõ lại bằng tay. Tạm tắt bộ gõ tiếng Việt (Unikey, EVKey) khi gõ tên "
                    "đăng "
                    "nhập và mật khẩu.",
                ),
                StepSpec(
                    instruction="Nhập mật khẩu rồi bấm nút “Đăng nhập”",
                    screen=_login("Đăng nhập"),
                    expected="Trang chủ của hệ thống mở ra, góc phải màn hình hiện họ tên của bạn.",
                    mistake="Đèn Caps Lock đang bật nên mật khẩu bị gõ thành chữ hoa, hệ thống báo sai mật "
                    "khẩu.",
                    fix="Nhìn đèn Caps Lock trên bàn phím; tắt đi rồi gõ lại mật khẩu thật chậm.",
                ),
                StepSpec(
                    instruction="Đặt mật khẩu mới của riêng bạn và bấm “Lưu mật khẩu mới”",
                    screen=Screen(
                        system=SSO,
                        address=SSO_ADDRESS,
                        heading="Đổi mật khẩu lần đầu",
                        message=(
                            "info",
                            "Bạn đang dùng mật khẩu được cấp. Hãy đặt mật khẩu mới để tiếp tục.",
                        ),
                        fields=[
                            ("Mật khẩu hiện tại", "••••••••"),
                            ("Mật khẩu mới", "••••••••••"),
                            ("Nhập lại mật khẩu mới", "••••••••••"),
                        ],
                        buttons=["Lưu mật khẩu mới", "Hủy"],
                        target="Lưu mật khẩu mới",
                    ),
                    expected="Hệ thống báo “Đổi mật khẩu thành công” và đưa bạn về trang chủ.",
                    mistake="Mật khẩu mới quá ngắn, toàn số, hoặc giống tên đăng nhập nên bị từ chối.",
                    fix="Dùng ít nhất 8 ký tự, có cả chữ và số, không trùng tên đăng nhập. Không dán mật "
                    "khẩu "
                    "lên màn hình máy tính.",
                ),
            ],
            practise=(
                "dang-nhap-co-ban",
                "Đăng nhập, nhập sai mật khẩu và đặt lại mật khẩu",
                "Đăng nhập vào hệ thống thực hành, thử nhập sai một lần để xem thông báo, rồi đăng nhập lại "
                "đúng.",
            ),
        ),
        LessonSpec(
            slug="nhap-sai-mat-khau-tranh-bi-khoa",
            title="Nhập sai mật khẩu và tránh bị khóa tài khoản",
            summary="Đọc thông báo lỗi, dừng lại đúng lúc, biết làm gì khi tài khoản bị tạm khóa.",
            intro=_p(
                "Sau 5 lần nhập sai liên tiếp, tài khoản bị tạm khóa 15 phút. Khóa theo tài khoản, không "
                "theo máy: đồng nghiệp ngồi cùng phòng vẫn đăng nhập bình thường."
            ),
            steps=[
                StepSpec(
                    instruction="Đọc kỹ thông báo màu đỏ phía trên ô nhập",
                    screen=_login(
                        "message",
                        message=("error", "Tên đăng nhập hoặc mật khẩu không đúng. Bạn còn 2 lần thử."),
                    ),
                    expected="Bạn biết mình còn mấy lần thử trước khi tài khoản bị tạm khóa.",
                    mistake="Bấm “Đăng nhập” liên tục với các mật khẩu đoán thử.",
                    fix="Dừng lại sau lần sai thứ hai. Kiểm tra Caps Lock, bộ gõ tiếng Việt, rồi mới thử "
                    "tiếp.",
                ),
                StepSpec(
                    instruction="Không nhớ mật khẩu: bấm “Quên mật khẩu?” thay vì đoán tiếp",
                    screen=_login(
                        "Quên mật khẩu?",
                        message=("error", "Tên đăng nhập hoặc mật khẩu không đúng. Bạn còn 1 lần thử."),
                    ),
                    expected="Trang “Quên mật khẩu” mở ra, hỏi địa chỉ thư điện tử công vụ của bạn.",
                    mistake="Cố thử lần cuối và bị khóa tài khoản.",
                    fix="Đặt lại mật khẩu qua thư điện tử (bài tiếp theo) nhanh hơn chờ mở khóa.",
                ),
                StepSpec(
                    instruction="Nếu đã bị khóa: chờ đến giờ ghi trên màn hình, không thử tiếp",
                    screen=Screen(
                        system=SSO,
                        address=SSO_ADDRESS,
                        heading="Tài khoản đã bị tạm khóa",
                        message=("warn", "Bạn có thể đăng nhập lại sau 15 phút, lúc 09:45 ngày 15/07/2025."),
                        buttons=["Về trang đăng nhập", "Quên mật khẩu?"],
                        target="message",
                    ),
                    expected="Sau giờ ghi trên màn hình, bạn đăng nhập được bằng mật khẩu đúng.",
                    mistake="Thử đăng nhập tiếp trong lúc bị khóa: dù gõ đúng mật khẩu, hệ thống vẫn từ "
                    "chối.",
                    fix="Chờ hết thời gian khóa. Việc gấp: gọi quản trị hệ thống của tỉnh để mở khóa.",
                ),
            ],
            practise=(
                "dang-nhap-co-ban",
                "Nhận biết và tránh khóa tài khoản",
                "Trong hệ thống thực hành, nhập sai mật khẩu và quan sát số lần thử còn lại.",
            ),
        ),
        LessonSpec(
            slug="dat-lai-mat-khau",
            title="Đặt lại mật khẩu qua thư điện tử công vụ",
            summary="Nhận đường dẫn đặt lại mật khẩu trong hộp thư công vụ và đặt mật khẩu mới.",
            intro=_p(
                "Đường dẫn đặt lại mật khẩu được gửi về thư điện tử công vụ (…@bacninh.gov.vn), dùng được "
                "một lần và có thời hạn."
            ),
            steps=[
                StepSpec(
                    instruction="Nhập thư điện tử công vụ của bạn và bấm “Gửi đường dẫn”",
                    screen=Screen(
                        system=SSO,
                        address=SSO_ADDRESS,
                        heading="Quên mật khẩu",
                        fields=[("Thư điện tử công vụ", "lannt.kinhbac@bacninh.gov.vn")],
                        buttons=["Gửi đường dẫn", "Quay lại"],
                        target="Gửi đường dẫn",
                    ),
                    expected="Thông báo: đã gửi đường dẫn đặt lại mật khẩu vào hộp thư.",
                    mistake="Nhập địa chỉ Gmail cá nhân nên không bao giờ nhận được thư.",
                    fix="Nhập đúng thư công vụ. Không nhớ địa chỉ: hỏi văn phòng UBND hoặc quản trị hệ "
                    "thống.",
                ),
                StepSpec(
                    instruction="Mở hộp thư công vụ, bấm vào thư “Đặt lại mật khẩu”",
                    screen=_mail(
                        "Hộp thư đến",
                        "Cổng đăng nhập tập trung",
                        table=[
                            ["Người gửi", "Tiêu đề", "Thời gian"],
                            ["Cổng đăng nhập tập trung", "Đặt lại mật khẩu", "08:31"],
                            ["Văn phòng UBND", "Lịch họp giao ban tuần", "07:55"],
                        ],
                    ),
                    expected="Thư mở ra, có nút “Đặt lại mật khẩu”.",
                    mistake="Không thấy thư trong Hộp thư đến.",
                    fix="Chờ vài phút, rồi xem mục “Thư rác”. Vẫn không có: gửi lại yêu cầu một lần nữa.",
                ),
                StepSpec(
                    instruction="Nhập mật khẩu mới hai lần giống nhau, bấm “Đặt mật khẩu”",
                    screen=Screen(
                        system=SSO,
                        address=SSO_ADDRESS,
                        heading="Đặt mật khẩu mới",
                        fields=[("Mật khẩu mới", "••••••••••"), ("Nhập lại mật khẩu mới", "••••••••••")],
                        buttons=["Đặt mật khẩu"],
                        target="Đặt mật khẩu",
                    ),
                    expected="Thông báo “Mật khẩu đã được đặt lại”; bạn đăng nhập bằng mật khẩu mới.",
                    mistake="Hai ô mật khẩu không khớp, hoặc đường dẫn đã hết hạn.",
                    fix="Gõ chậm từng ký tự. Đường dẫn hết hạn: làm lại từ bước 1 để nhận đường dẫn mới.",
                ),
            ],
            practise=(
                "dang-nhap-co-ban",
                "Đặt lại mật khẩu",
                "Dùng chức năng “Quên mật khẩu” của hệ thống thực hành và đặt mật khẩu mới.",
            ),
        ),
        LessonSpec(
            slug="dang-nhap-vneid",
            title="Đăng nhập bằng tài khoản định danh điện tử VNeID",
            summary="Đăng nhập bằng VNeID mức 2, xác nhận trên điện thoại, xử lý lỗi thiết bị và bảo trì.",
            intro=_p(
                "Tài khoản VNeID mức 2 dùng để đăng nhập nhiều hệ thống. Mỗi tài khoản chỉ dùng trên một "
                "điện "
                "thoại; mã bảo mật gồm 6 chữ số."
            ),
            steps=[
                StepSpec(
                    instruction="Trên trang đăng nhập, bấm “Đăng nhập bằng VNeID”",
                    screen=_login("Đăng nhập bằng VNeID", username="", password=""),
                    expected="Trang của VNeID mở ra, hỏi số định danh cá nhân.",
                ),
                StepSpec(
                    instruction="Nhập số định danh cá nhân (12 số) và mật khẩu VNeID, bấm “Đăng nhập”",
                    screen=Screen(
                        system="VNeID – Định danh điện tử",
                        address="vneid.gov.vn",
                        heading="Đăng nhập bằng tài khoản định danh điện tử",
                        fields=[("Số định danh cá nhân", "027 1850 12345"), ("Mật khẩu", "••••••••")],
                        buttons=["Đăng nhập", "Quay lại"],
                        target="Đăng nhập",
                    ),
                    expected="Điện thoại của bạn nhận yêu cầu xác nhận đăng nhập.",
                    mistake="Báo “Tài khoản chưa được kích hoạt” hoặc chỉ là tài khoản mức 1.",
                    fix="Đến công an xã, phường để kích hoạt tài khoản định danh mức 2; tạm thời đăng nhập "
                    "bằng "
                    "tên đăng nhập và mật khẩu.",
                ),
                StepSpec(
                    instruction="Mở ứng dụng VNeID trên điện thoại, nhập mã bảo mật 6 số, bấm “Xác nhận”",
                    screen=Screen(
                        system="VNeID",
                        heading="Xác nhận đăng nhập",
                        phone=True,
                        message=("info", "Cổng đăng nhập tập trung tỉnh Bắc Ninh yêu cầu đăng nhập."),
                        fields=[("Mã bảo mật (6 số)", "••••••")],
                        buttons=["Xác nhận", "Từ chối"],
                        target="Xác nhận",
                    ),
                    expected="Trang trên máy tính tự chuyển vào hệ thống.",
                    mistake="Ứng dụng báo tài khoản đang dùng trên thiết bị khác (vừa đổi điện thoại mới).",
                    fix="Nhập mã OTP gửi về điện thoại cũ để chuyển thiết bị. Mất điện thoại cũ: đến công an "
                    "xã, phường để được hỗ trợ.",
                ),
                StepSpec(
                    instruction="Gặp thông báo “Hệ thống đang bảo trì”: đăng nhập bằng mật khẩu",
                    screen=Screen(
                        system="VNeID – Định danh điện tử",
                        address="vneid.gov.vn",
                        heading="Không thể đăng nhập lúc này",
                        message=("warn", "Hệ thống đang bảo trì, vui lòng thử lại sau."),
                        buttons=["Về trang đăng nhập"],
                        target="Về trang đăng nhập",
                    ),
                    expected="Bạn quay lại trang đăng nhập và vào bằng tên đăng nhập, mật khẩu.",
                    mistake="Ngồi chờ, bấm tải lại trang liên tục vào giờ cao điểm.",
                    fix="Giờ cao điểm đầu buổi sáng hay bị bảo trì, quá tải: dùng tên đăng nhập và mật khẩu.",
                ),
            ],
            practise=(
                "dang-nhap-vneid",
                "Đăng nhập bằng VNeID",
                "Thực hành đăng nhập bằng VNeID, kể cả khi báo sai thiết bị hoặc đang bảo trì.",
            ),
            check=("kiem-tra-dang-nhap", "Kiểm tra: đăng nhập và tài khoản"),
        ),
    ],
)

# --- 2. Documents ---
DOCUMENTS = CourseSpec(
    slug="quan-ly-van-ban",
    title="Quản lý văn bản đến và văn bản đi",
    intro=_p(
        "Tiếp nhận, vào sổ, trình lãnh đạo phân công, xử lý và hoàn thành văn bản đến; soạn, trình ký, cấp "
        "số và phát hành văn bản đi, đúng Nghị định 30/2020/NĐ-CP về công tác văn thư."
    ),
    quiz="kiem-tra-van-ban",
    scenarios=["vb-den-tiep-nhan", "vb-di-du-thao"],
    due_in_days=30,
    lessons=[
        LessonSpec(
            slug="tiep-nhan-van-ban-den",
            title="Tiếp nhận và vào sổ văn bản đến từ trục liên thông",
            summary="Mở văn bản mới đến (trạng thái 01), kiểm tra, tiếp nhận để hệ thống cấp số đến.",
            intro=_p(
                "Văn bản điện tử đến qua trục liên thông ở trạng thái 01 “Đã đến”. Văn thư kiểm tra rồi tiếp "
                "nhận (03) hoặc trả lại (02). Văn bản phải vào sổ trong ngày hoặc ngày làm việc tiếp theo; "
                "văn bản Hỏa tốc, Thượng khẩn xử lý ngay."
            ),
            steps=[
                StepSpec(
                    instruction="Vào “Văn bản đến”, mở văn bản Hỏa tốc ở đầu danh sách",
                    screen=_qlvb(
                        "Văn bản đến chờ tiếp nhận",
                        "215/UBND-VP",
                        message=("info", "Có 3 văn bản mới đến từ trục liên thông."),
                        table=INCOMING_TABLE,
                    ),
                    expected="Văn bản mở ra với tệp đính kèm và thông tin: cơ quan ban hành, số ký hiệu, "
                    "trích yếu.",
                    mistake="Mở theo thứ tự thời gian nên văn bản Hỏa tốc nằm chờ đến chiều.",
                    fix="Xem cột “Độ khẩn” trước: Hỏa tốc, Thượng khẩn xử lý ngay khi đến.",
                ),
                StepSpec(
                    instruction="Kiểm tra thông tin và tệp đính kèm, rồi bấm “Tiếp nhận”",
                    screen=_qlvb(
                        "Tiếp nhận văn bản đến",
                        "Tiếp nhận",
                        fields=[
                            ("Cơ quan ban hành", "UBND tỉnh Bắc Ninh"),
                            ("Số ký hiệu", "215/UBND-VP"),
                            ("Ngày văn bản", "14/07/2025"),
                            ("Trích yếu", "V/v rà soát cán bộ, công chức cấp xã"),
                            ("Độ khẩn", "Hỏa tốc"),
                            ("Số đến", "(hệ thống tự cấp)"),
                        ],
                        buttons=["Tiếp nhận", "Từ chối tiếp nhận", "Đóng"],
                    ),
                    expected="Hệ thống cấp số đến tiếp theo trong năm (ví dụ: 1245); trạng thái thành 03 "
                    "“Đã tiếp nhận”.",
                    mistake="Tự gõ số đến, làm trùng hoặc nhảy số.",
                    fix="Để hệ thống tự cấp: số đến liên tục trong năm, dùng chung cho văn bản giấy và điện "
                    "tử.",
                ),
                StepSpec(
                    instruction="Chọn lãnh đạo và bấm “Chuyển lãnh đạo phân công”",
                    screen=_qlvb(
                        "Chuyển văn bản",
                        "Chuyển lãnh đạo phân công",
                        fields=[
                            ("Số đến", "1245"),
                            ("Người nhận", "Chủ tịch UBND phường"),
                            ("Ghi chú", "Hỏa tốc"),
                        ],
                        buttons=["Chuyển lãnh đạo phân công", "Hủy"],
                    ),
                    expected="Văn bản nằm trong mục “Chờ phân công” của lãnh đạo.",
                    mistake="Chuyển thẳng cho chuyên viên khi chưa có ý kiến phân công của lãnh đạo.",
                    fix="Văn bản đến phải qua lãnh đạo phân công; chuyển nhầm thì bấm “Thu hồi” khi người "
                    "nhận "
                    "chưa mở.",
                ),
            ],
            practise=(
                "vb-den-tiep-nhan",
                "Tiếp nhận văn bản từ trục liên thông",
                "Kiểm tra và vào sổ văn bản mới đến trong hệ thống thực hành.",
            ),
        ),
        LessonSpec(
            slug="tra-lai-va-van-ban-giay",
            title="Trả lại văn bản gửi nhầm, vào sổ văn bản giấy",
            summary="Từ chối tiếp nhận có lý do; vào sổ văn bản giấy với số đến nối tiếp.",
            intro=_p(
                "Văn bản gửi nhầm nơi nhận hoặc tệp hỏng thì trả lại (trạng thái 02), bắt buộc ghi lý do. "
                "Văn bản giấy cũng vào sổ trên hệ thống, dùng chung dãy số đến."
            ),
            steps=[
                StepSpec(
                    instruction="Văn bản gửi nhầm: bấm “Từ chối tiếp nhận” và ghi rõ lý do",
                    screen=_qlvb(
                        "Từ chối tiếp nhận văn bản",
                        "Gửi trả lại",
                        fields=[
                            ("Số ký hiệu", "77/UBND-KT"),
                            ("Nơi gửi", "UBND xã Tam Giang"),
                            ("Lý do trả lại", "Gửi nhầm nơi nhận: văn bản gửi phường Kinh Bắc"),
                        ],
                        buttons=["Gửi trả lại", "Hủy"],
                    ),
                    expected="Trạng thái 02 “Từ chối tiếp nhận”; nơi gửi nhận được lý do.",
                    mistake="Để trống lý do: hệ thống không cho gửi.",
                    fix="Ghi ngắn gọn, cụ thể: gửi nhầm nơi nhận, tệp không mở được, thiếu trang…",
                ),
                StepSpec(
                    instruction="Văn bản giấy: vào “Sổ văn bản” và bấm “Thêm văn bản đến giấy”",
                    screen=_qlvb(
                        "Sổ văn bản đến năm 2025",
                        "Thêm văn bản đến giấy",
                        active="Sổ văn bản",
                        table=[
                            ["Số đến", "Ngày đến", "Tác giả", "Số ký hiệu"],
                            ["1245", "15/07/2025", "UBND tỉnh Bắc Ninh", "215/UBND-VP"],
                            ["1244", "15/07/2025", "Sở Tư pháp", "102/STP-HCTP"],
                        ],
                        buttons=["Thêm văn bản đến giấy", "In sổ"],
                    ),
                    expected="Mẫu nhập văn bản giấy mở ra, số đến đề sẵn 1246.",
                ),
                StepSpec(
                    instruction="Nhập các ô của sổ, đính kèm bản quét PDF, bấm “Vào sổ”",
                    screen=_qlvb(
                        "Văn bản đến giấy",
                        "Vào sổ",
                        active="Sổ văn bản",
                        fields=[
                            ("Số đến", "1246"),
                            ("Tác giả", "Công an tỉnh Bắc Ninh"),
                            ("Số ký hiệu", "389/CAT-PC06"),
                            ("Loại, trích yếu", "Công văn V/v cấp tài khoản định danh"),
                            ("Số trang", "2"),
                            ("Tệp bản quét", "389-CAT-PC06.pdf"),
                        ],
                        buttons=["Vào sổ", "Hủy"],
                    ),
                    expected="Văn bản giấy có số đến 1246, nối tiếp văn bản điện tử.",
                    mistake="Quên quét bản giấy, người xử lý không xem được nội dung.",
                    fix="Quét thành PDF và đính kèm trước khi vào sổ; bản giấy lưu theo quy định.",
                ),
            ],
            practise=(
                "vb-den-tra-lai",
                "Trả lại văn bản gửi nhầm",
                "Trả lại một văn bản gửi nhầm nơi nhận, có lý do; sau đó thử bài “vào sổ văn bản giấy”.",
            ),
        ),
        LessonSpec(
            slug="phan-cong-xu-ly-van-ban",
            title="Lãnh đạo phân công, chuyên viên xử lý và hoàn thành",
            summary="Phân công chủ trì, phối hợp, hạn xử lý; chuyển tiếp, thu hồi; hoàn thành kèm văn bản "
            "trả lời.",
            intro=_p(
                "Lãnh đạo phân công người chủ trì, người phối hợp, hạn xử lý và ý kiến chỉ đạo (trạng thái "
                "04). "
                "Người xử lý giải quyết (05), có thể chuyển tiếp hoặc thu hồi, rồi hoàn thành (06)."
            ),
            steps=[
                StepSpec(
                    instruction="Lãnh đạo: chọn người chủ trì, phối hợp, hạn xử lý, bấm “Phân công”",
                    screen=_qlvb(
                        "Phân công xử lý văn bản 1245",
                        "Phân công",
                        fields=[
                            ("Chủ trì", "Văn phòng - Thống kê (Trần Thu Hà)"),
                            ("Phối hợp", "Tư pháp - Hộ tịch"),
                            ("Hạn xử lý", "18/07/2025"),
                            ("Ý kiến chỉ đạo", "Rà soát, báo cáo trước hạn"),
                        ],
                        buttons=["Phân công", "Trả lại văn thư"],
                    ),
                    expected="Trạng thái 04 “Lãnh đạo đã phân công”; người chủ trì nhận được văn bản.",
                    mistake="Không đặt hạn xử lý nên không ai theo dõi được việc trễ hạn.",
                    fix="Luôn đặt hạn xử lý; hệ thống nhắc và báo cáo văn bản quá hạn.",
                ),
                StepSpec(
                    instruction="Chuyển nhầm người: mở “Văn bản đã chuyển” và bấm “Thu hồi”",
                    screen=_qlvb(
                        "Văn bản đã chuyển",
                        "Thu hồi",
                        active="Hồ sơ công việc",
                        table=[
                            ["Số đến", "Người nhận", "Trạng thái"],
                            ["1245", "Nguyễn Văn Nam", "Chưa xem"],
                        ],
                        buttons=["Thu hồi", "Chuyển tiếp"],
                    ),
                    expected="Văn bản quay về bạn; chuyển lại cho đúng người.",
                    mistake="Người nhận đã mở văn bản nên không thu hồi được.",
                    fix="Nhắn người nhận bấm “Trả lại”, hoặc báo lãnh đạo phân công lại.",
                ),
                StepSpec(
                    instruction="Xử lý xong: liên kết văn bản trả lời và bấm “Hoàn thành”",
                    screen=_qlvb(
                        "Hoàn thành xử lý văn bản 1245",
                        "Hoàn thành",
                        active="Hồ sơ công việc",
                        fields=[("Văn bản trả lời", "56/UBND-VP ngày 17/07/2025"), ("Kết quả", "Đã báo cáo")],
                        buttons=["Hoàn thành", "Lưu nháp"],
                    ),
                    expected="Trạng thái 06 “Hoàn thành”; lãnh đạo thấy văn bản đã xong, đúng hạn.",
                    mistake="Bấm hoàn thành mà không gắn văn bản trả lời.",
                    fix="Gắn văn bản đi đã phát hành để sau này tra cứu; cần làm tiếp thì “Mở lại”.",
                ),
            ],
            practise=(
                "vb-den-phan-cong",
                "Phân công xử lý văn bản",
                "Trong vai lãnh đạo, phân công chủ trì, phối hợp, hạn xử lý và ý kiến chỉ đạo.",
            ),
        ),
        LessonSpec(
            slug="soan-va-phat-hanh-van-ban-di",
            title="Soạn, trình ký, cấp số và phát hành văn bản đi",
            summary="Dự thảo công văn đúng thể thức, trình ký, cấp số, ký số cơ quan, phát hành.",
            intro=_p(
                "Văn bản đi: Dự thảo → Chờ duyệt → Trình ký → Đã ký → Cấp số → Ký số cơ quan → Phát hành. Số "
                "văn bản bắt đầu lại từ 01 vào ngày 1/1 hằng năm; công văn không có chữ viết tắt tên loại."
            ),
            steps=[
                StepSpec(
                    instruction="Vào “Văn bản đi”, bấm “Soạn dự thảo”, chọn loại “Công văn”",
                    screen=_qlvb(
                        "Dự thảo văn bản đi",
                        "Lưu dự thảo",
                        active="Văn bản đi",
                        fields=[
                            ("Loại văn bản", "Công văn"),
                            ("Số, ký hiệu", "…/UBND-VP (cấp khi phát hành)"),
                            ("Trích yếu", "V/v báo cáo rà soát cán bộ"),
                            ("Nơi nhận", "UBND tỉnh; Lưu: VT, VP"),
                        ],
                        buttons=["Lưu dự thảo", "Trình duyệt"],
                    ),
                    expected="Dự thảo được lưu, số ký hiệu để trống chờ văn thư cấp số.",
                    mistake="Tự ghi “Số: 5/CV-UBND”: công văn không có chữ viết tắt tên loại.",
                    fix="Đúng thể thức: “Số: 56/UBND-VP”. Quyết định thì “Số: 05/QĐ-UBND” (số nhỏ hơn 10 "
                    "thêm số 0).",
                ),
                StepSpec(
                    instruction="Bấm “Trình ký” để gửi lãnh đạo ký",
                    screen=_qlvb(
                        "Dự thảo 56/UBND-VP",
                        "Trình ký",
                        active="Văn bản đi",
                        message=("ok", "Trưởng bộ phận đã duyệt dự thảo."),
                        fields=[("Người ký", "Chủ tịch UBND phường"), ("Thẩm quyền ký", "TM. UBND")],
                        buttons=["Trình ký", "Sửa dự thảo"],
                    ),
                    expected="Trạng thái “Trình ký”, lãnh đạo nhận được văn bản chờ ký.",
                    mistake="Lãnh đạo trả lại, người soạn không xem ý kiến, trình lại y nguyên.",
                    fix="Mở mục “Ý kiến”, sửa theo ý kiến rồi trình lại.",
                ),
                StepSpec(
                    instruction="Văn thư: sau khi lãnh đạo đã ký, bấm “Cấp số”",
                    screen=_qlvb(
                        "Văn bản đã ký chờ cấp số",
                        "Cấp số",
                        active="Văn bản đi",
                        table=[
                            ["Trích yếu", "Người ký", "Trạng thái"],
                            ["V/v báo cáo rà soát cán bộ", "Chủ tịch UBND", "Đã ký"],
                        ],
                        buttons=["Cấp số", "Ký số cơ quan", "Phát hành"],
                    ),
                    expected="Văn bản có số và ngày, ví dụ “Số: 56/UBND-VP, ngày 17/07/2025”.",
                    mistake="Bấm “Ký số cơ quan” trước khi lãnh đạo ký: hệ thống chặn.",
                    fix="Chữ ký số cơ quan chỉ đặt sau chữ ký của người có thẩm quyền.",
                ),
                StepSpec(
                    instruction="Ký số cơ quan rồi bấm “Phát hành”, theo dõi nơi nhận",
                    screen=_qlvb(
                        "Phát hành văn bản 56/UBND-VP",
                        "Phát hành",
                        active="Văn bản đi",
                        table=[
                            ["Nơi nhận", "Trạng thái nhận"],
                            ["UBND tỉnh Bắc Ninh", "01 Đã đến"],
                            ["Sở Nội vụ", "03 Đã tiếp nhận"],
                        ],
                        buttons=["Phát hành", "Đính chính", "Thu hồi"],
                    ),
                    expected="Mỗi nơi nhận hiện trạng thái 01 → 03 → 06 khi họ tiếp nhận và xử lý.",
                    mistake="Phát hành xong mới thấy sai nội dung và sửa thẳng trên văn bản cũ.",
                    fix="Sai nội dung: ban hành văn bản thay thế; sai thể thức: gửi công văn đính chính.",
                ),
            ],
            practise=(
                "vb-di-du-thao",
                "Soạn công văn đúng thể thức",
                "Soạn dự thảo công văn với số ký hiệu đúng định dạng, sau đó thử bài “trình ký” và “phát "
                "hành”.",
            ),
            check=("kiem-tra-van-ban", "Kiểm tra: văn bản đến và văn bản đi"),
        ),
    ],
)

# --- 3. Digital signatures ---
SIGNATURES = CourseSpec(
    slug="chu-ky-so",
    title="Chữ ký số: USB token và ký số từ xa",
    intro=_p(
        "Ký số là bước hay bị treo và báo lỗi nhất. Khóa học chỉ cách chuẩn bị máy tính, ký bằng USB token, "
        "ký từ xa trên điện thoại, và thứ tự chữ ký của lãnh đạo và chữ ký số cơ quan."
    ),
    quiz="kiem-tra-ky-so",
    scenarios=["ky-so-usb"],
    due_in_days=30,
    lessons=[
        LessonSpec(
            slug="chuan-bi-may-tinh-ky-so",
            title="Chuẩn bị máy tính để ký bằng USB token",
            summary="Nhận thiết bị ký số, bật phần mềm ký số, kiểm tra chứng thư số còn hạn.",
            intro=_p(
                "Ký bằng USB token cần: driver của token, phần mềm ký số chạy trên máy (plugin) để trình "
                "duyệt "
                "gọi tới, và chứng thư số còn hiệu lực."
            ),
            steps=[
                StepSpec(
                    instruction="Cắm USB token, mở công cụ ký số và bấm “Kiểm tra thiết bị”",
                    screen=Screen(
                        system=SIGN_TOOL,
                        address="localhost:8987",
                        heading="Kiểm tra thiết bị ký số",
                        message=("ok", "Đã nhận thiết bị ký số: USB token của Ban Cơ yếu Chính phủ."),
                        fields=[("Thiết bị", "USB token (đã cắm)"), ("Phần mềm ký số", "Đang chạy")],
                        buttons=["Kiểm tra thiết bị", "Xem chứng thư số"],
                        target="Kiểm tra thiết bị",
                    ),
                    expected="Thông báo màu xanh “Đã nhận thiết bị ký số”.",
                    mistake="Báo “Không tìm thấy thiết bị ký số”.",
                    fix="Cắm vào cổng USB phía sau máy (cổng trước hay lỏng), chờ đèn token sáng; vẫn lỗi "
                    "thì "
                    "cài lại driver token rồi khởi động lại trình duyệt.",
                ),
                StepSpec(
                    instruction="Trình duyệt báo chưa tải được phần mềm ký số: bật lại rồi bấm “Thử lại”",
                    screen=_qlvb(
                        "Ký số văn bản",
                        "Thử lại",
                        active="Văn bản đi",
                        message=("error", "Chưa kết nối được phần mềm ký số trên máy tính (plugin)."),
                        buttons=["Thử lại", "Hướng dẫn cài đặt"],
                    ),
                    expected="Thông báo lỗi biến mất, nút “Ký số” dùng được.",
                    mistake="Tắt phần mềm ký số ở góc phải thanh tác vụ, hoặc phần mềm diệt virus chặn.",
                    fix="Mở lại phần mềm ký số từ menu Start; nhờ quản trị cho phép phần mềm trong diệt "
                    "virus.",
                ),
                StepSpec(
                    instruction="Bấm “Xem chứng thư số”, kiểm tra ngày hết hạn",
                    screen=Screen(
                        system=SIGN_TOOL,
                        address="localhost:8987",
                        heading="Chứng thư số",
                        fields=[
                            ("Chủ sở hữu", "Nguyễn Thị Lan – UBND phường Kinh Bắc"),
                            ("Nhà cung cấp", "Ban Cơ yếu Chính phủ"),
                            ("Hiệu lực đến", "31/12/2027"),
                            ("Trạng thái", "Còn hiệu lực"),
                        ],
                        buttons=["Xem chứng thư số", "Đóng"],
                        target="Hiệu lực đến",
                    ),
                    expected="Chứng thư “Còn hiệu lực”, ngày hết hạn còn xa.",
                    mistake="Chứng thư hết hạn hoặc bị thu hồi: ký sẽ báo lỗi.",
                    fix="Làm thủ tục gia hạn trước ngày hết hạn ít nhất 1 tháng, qua văn phòng UBND.",
                ),
            ],
        ),
        LessonSpec(
            slug="ky-so-usb-token",
            title="Ký số văn bản bằng USB token",
            summary="Bấm ký, chọn chứng thư, nhập mã PIN, xử lý lỗi PIN và máy chủ dấu thời gian.",
            intro=_p(
                "Mã PIN của token dài 4–16 ký tự. Nhập sai 3 lần, token bị khóa và phải mang đi mở khóa."
            ),
            steps=[
                StepSpec(
                    instruction="Mở văn bản chờ ký và bấm “Ký số”",
                    screen=_qlvb(
                        "Văn bản chờ ký: 56/UBND-VP",
                        "Ký số",
                        active="Văn bản đi",
                        fields=[("Trích yếu", "V/v báo cáo rà soát cán bộ"), ("Người ký", "Chủ tịch UBND")],
                        buttons=["Ký số", "Trả lại", "Ký số từ xa"],
                    ),
                    expected="Hộp chọn chứng thư số hiện ra.",
                ),
                StepSpec(
                    instruction="Nhập mã PIN của token và bấm “Đồng ý”",
                    screen=Screen(
                        system=SIGN_TOOL,
                        address="localhost:8987",
                        heading="Nhập mã PIN",
                        message=("warn", "Nhập sai mã PIN 3 lần, thiết bị sẽ bị khóa."),
                        fields=[("Chứng thư", "Nguyễn Văn Minh – Chủ tịch UBND"), ("Mã PIN", "••••••")],
                        buttons=["Đồng ý", "Hủy"],
                        target="Đồng ý",
                    ),
                    expected="Văn bản hiện hình chữ ký và dòng “Đã ký số”.",
                    mistake="Nhập sai PIN đến lần thứ ba và token bị khóa.",
                    fix="Sai lần thứ hai thì dừng lại, tìm PIN đúng. Token bị khóa: mang đến đơn vị cấp để "
                    "mở khóa.",
                ),
                StepSpec(
                    instruction="Báo không kết nối máy chủ dấu thời gian: chờ và bấm “Ký lại”",
                    screen=_qlvb(
                        "Ký số văn bản",
                        "Ký lại",
                        active="Văn bản đi",
                        message=("error", "Không kết nối được máy chủ dấu thời gian. Văn bản chưa được ký."),
                        buttons=["Ký lại", "Đóng"],
                    ),
                    expected="Lần ký sau thành công; văn bản có thời gian ký.",
                    mistake="Đóng trình duyệt khi đang ký, tưởng đã ký xong.",
                    fix="Kiểm tra mạng, chờ 1–2 phút rồi ký lại; chỉ coi là xong khi thấy “Đã ký số”.",
                ),
            ],
            practise=(
                "ky-so-usb",
                "Ký số bằng USB token",
                "Ký một văn bản bằng token giả lập, kể cả khi nhập sai PIN hoặc token không được nhận.",
            ),
        ),
        LessonSpec(
            slug="ky-so-tu-xa",
            title="Ký số từ xa bằng điện thoại",
            summary="Gửi yêu cầu ký, xác nhận trên điện thoại trong khoảng 5 phút.",
            intro=_p(
                "Ký số từ xa không cần token: hệ thống gửi yêu cầu, người ký xác nhận trên ứng dụng điện "
                "thoại. "
                "Yêu cầu chỉ chờ khoảng 300 giây."
            ),
            steps=[
                StepSpec(
                    instruction="Chọn “Ký số từ xa” và bấm “Gửi yêu cầu ký”",
                    screen=_qlvb(
                        "Ký số từ xa",
                        "Gửi yêu cầu ký",
                        active="Văn bản đi",
                        fields=[("Tài khoản ký số từ xa", "minhnv.kinhbac"), ("Văn bản", "56/UBND-VP")],
                        buttons=["Gửi yêu cầu ký", "Hủy"],
                    ),
                    expected="Màn hình hiện mã giao dịch và đồng hồ đếm ngược khoảng 5 phút.",
                ),
                StepSpec(
                    instruction="Mở ứng dụng ký số trên điện thoại, kiểm tra mã giao dịch, bấm “Xác nhận”",
                    screen=Screen(
                        system="Ký số từ xa",
                        heading="Yêu cầu ký số",
                        phone=True,
                        message=("info", "Mã giao dịch: 7F3K-92. Còn 4 phút 12 giây."),
                        fields=[("Văn bản", "56/UBND-VP"), ("Mã PIN ứng dụng", "••••••")],
                        buttons=["Xác nhận", "Từ chối"],
                        target="Xác nhận",
                    ),
                    expected="Trên máy tính, văn bản chuyển sang “Đã ký số”.",
                    mistake="Không mở điện thoại kịp: máy tính báo “Người ký chưa xác nhận”.",
                    fix="Gửi lại yêu cầu ký và xác nhận ngay; nên mở sẵn ứng dụng trước khi bấm gửi.",
                ),
                StepSpec(
                    instruction="Báo phiên ký hết hạn: đăng nhập lại và gửi yêu cầu mới",
                    screen=_qlvb(
                        "Ký số từ xa",
                        "Gửi yêu cầu mới",
                        active="Văn bản đi",
                        message=(
                            "error",
                            "Phiên ký đã hết hạn. Người ký chưa xác nhận trong thời gian cho phép.",
                        ),
                        buttons=["Gửi yêu cầu mới", "Đóng"],
                    ),
                    expected="Có mã giao dịch mới; xác nhận trong thời hạn thì ký thành công.",
                    mistake="Xác nhận trên điện thoại một yêu cầu cũ đã hết hạn.",
                    fix="Luôn đối chiếu mã giao dịch trên điện thoại với mã trên máy tính.",
                ),
            ],
            practise=(
                "ky-so-tu-xa",
                "Ký số từ xa",
                "Ký một văn bản từ xa, xác nhận trên điện thoại giả lập trước khi hết thời gian.",
            ),
        ),
        LessonSpec(
            slug="chu-ky-lanh-dao-va-co-quan",
            title="Chữ ký của lãnh đạo và chữ ký số cơ quan",
            summary="Ai ký trước, ai ký sau: chữ ký cá nhân của người có thẩm quyền, rồi con dấu điện tử.",
            intro=_p(
                "Lãnh đạo ký bằng chữ ký số cá nhân. Văn thư cấp số rồi đặt chữ ký số của cơ quan (tương "
                "đương "
                "đóng dấu) — chỉ sau khi người có thẩm quyền đã ký."
            ),
            steps=[
                StepSpec(
                    instruction="Kiểm tra văn bản đã có chữ ký của lãnh đạo",
                    screen=_qlvb(
                        "Văn bản 56/UBND-VP",
                        "Chữ ký lãnh đạo",
                        active="Văn bản đi",
                        fields=[
                            ("Chữ ký lãnh đạo", "Nguyễn Văn Minh – đã ký 09:12"),
                            ("Số văn bản", "Chưa cấp"),
                        ],
                        buttons=["Cấp số", "Trả lại"],
                    ),
                    expected="Dòng “Chữ ký lãnh đạo” ghi tên và giờ ký.",
                ),
                StepSpec(
                    instruction="Văn thư bấm “Ký số cơ quan” sau khi đã cấp số",
                    screen=_qlvb(
                        "Văn bản 56/UBND-VP",
                        "Ký số cơ quan",
                        active="Văn bản đi",
                        fields=[
                            ("Chữ ký lãnh đạo", "Nguyễn Văn Minh – đã ký 09:12"),
                            ("Số văn bản", "56/UBND-VP ngày 17/07/2025"),
                        ],
                        buttons=["Ký số cơ quan", "Phát hành"],
                    ),
                    expected="Văn bản có thêm chữ ký số của UBND phường.",
                    mistake="Ký số cơ quan khi lãnh đạo chưa ký: hệ thống báo “Chưa có chữ ký của người có "
                    "thẩm quyền”.",
                    fix="Chờ lãnh đạo ký xong (xem dòng “Chữ ký lãnh đạo”) rồi mới ký số cơ quan.",
                ),
                StepSpec(
                    instruction="Bấm “Phát hành” để gửi văn bản đã ký đủ",
                    screen=_qlvb(
                        "Văn bản 56/UBND-VP",
                        "Phát hành",
                        active="Văn bản đi",
                        message=("ok", "Văn bản đã có chữ ký lãnh đạo và chữ ký số cơ quan."),
                        buttons=["Phát hành", "Xem tệp"],
                    ),
                    expected="Văn bản được gửi tới từng nơi nhận; trạng thái nhận hiện từ 01.",
                ),
            ],
            practise=(
                "vb-di-phat-hanh",
                "Cấp số, ký số cơ quan và phát hành",
                "Trong vai văn thư, cấp số, đóng dấu điện tử và phát hành văn bản đã được lãnh đạo ký.",
            ),
            check=("kiem-tra-ky-so", "Kiểm tra: chữ ký số"),
        ),
    ],
)

# --- 4. One-stop dossiers ---
DOSSIERS = CourseSpec(
    slug="mot-cua-dien-tu",
    title="Một cửa điện tử: tiếp nhận, xử lý và trả kết quả hồ sơ",
    intro=_p(
        "Tiếp nhận hồ sơ tại bộ phận một cửa, yêu cầu bổ sung, từ chối, thu phí, xử lý hồ sơ quá hạn, trả "
        "kết quả — và cách làm khi hệ thống bị treo. Từ 1/7/2025, trung tâm phục vụ hành chính công cấp xã "
        "tiếp nhận hồ sơ không phụ thuộc nơi cư trú của người dân."
    ),
    quiz="kiem-tra-mot-cua",
    scenarios=["hs-khai-sinh-tiep-nhan", "hs-ket-hon-treo-may"],
    due_in_days=30,
    lessons=[
        LessonSpec(
            slug="tiep-nhan-ho-so-khai-sinh",
            title="Tiếp nhận hồ sơ đăng ký khai sinh",
            summary="Nhập thông tin người nộp, thành phần hồ sơ, tiếp nhận và in phiếu hẹn.",
            intro=_p(
                "Đăng ký khai sinh trả kết quả trong ngày; hồ sơ nhận sau 15 giờ thì hẹn ngày làm việc tiếp "
                "theo. Người dân ở xã khác vẫn phải được tiếp nhận."
            ),
            steps=[
                StepSpec(
                    instruction="Vào “Tiếp nhận hồ sơ”, chọn thủ tục “Đăng ký khai sinh”",
                    screen=_motcua(
                        "Tiếp nhận hồ sơ trực tiếp",
                        "Thủ tục",
                        fields=[("Thủ tục", "Đăng ký khai sinh"), ("Kênh nộp", "Trực tiếp")],
                        buttons=["Tiếp tục", "Hủy"],
                    ),
                    expected="Mẫu tiếp nhận hồ sơ khai sinh mở ra.",
                ),
                StepSpec(
                    instruction="Nhập người nộp: họ tên, số định danh cá nhân, điện thoại, tỉnh và xã",
                    screen=_motcua(
                        "Thông tin người nộp hồ sơ",
                        "Xã/phường",
                        fields=[
                            ("Họ và tên", "Trần Văn Bình"),
                            ("Số định danh cá nhân", "027090001234"),
                            ("Điện thoại", "0912 345 678"),
                            ("Tỉnh/thành phố", "Bắc Ninh"),
                            ("Xã/phường", "Phường Võ Cường"),
                        ],
                        buttons=["Tiếp tục"],
                    ),
                    expected="Thông tin người nộp được lưu; không có ô “Quận/huyện”.",
                    mistake="Đi tìm ô quận/huyện, hoặc từ chối vì người dân ở phường khác.",
                    fix="Cấp huyện đã bỏ từ 1/7/2025: chỉ chọn tỉnh và xã/phường. Hồ sơ của người ở xã khác "
                    "vẫn tiếp nhận. Mẫu còn ô huyện: báo quản trị.",
                ),
                StepSpec(
                    instruction="Đánh dấu thành phần hồ sơ đã nhận, bấm “Tiếp nhận”",
                    screen=_motcua(
                        "Thành phần hồ sơ",
                        "Tiếp nhận",
                        table=[
                            ["Giấy tờ", "Số lượng", "Loại"],
                            ["Tờ khai đăng ký khai sinh", "1", "Bản chính"],
                            ["Giấy chứng sinh", "1", "Bản chính"],
                        ],
                        buttons=["Tiếp nhận", "Yêu cầu bổ sung", "Từ chối"],
                    ),
                    expected="Hệ thống cấp mã hồ sơ và ngày hẹn trả (trong ngày; sau 15 giờ thì ngày làm "
                    "việc sau).",
                    mistake="Tiếp nhận khi thiếu giấy chứng sinh.",
                    fix="Thiếu giấy thì bấm “Yêu cầu bổ sung”, ghi rõ giấy còn thiếu.",
                ),
                StepSpec(
                    instruction="Bấm “In phiếu hẹn” và đưa người dân",
                    screen=_motcua(
                        "Đã tiếp nhận hồ sơ",
                        "In phiếu hẹn",
                        message=("ok", "Mã hồ sơ G09.20-20250715-0092637. Hẹn trả: 16:30 ngày 15/07/2025."),
                        buttons=["In phiếu hẹn", "Tiếp nhận hồ sơ khác"],
                    ),
                    expected="Phiếu tiếp nhận và hẹn trả kết quả có mã hồ sơ và ngày hẹn.",
                    mistake="Quên đưa phiếu hẹn; người dân không tra cứu được hồ sơ.",
                    fix="Luôn in hoặc gửi mã hồ sơ qua tin nhắn cho người dân.",
                ),
            ],
            practise=(
                "hs-khai-sinh-tiep-nhan",
                "Tiếp nhận hồ sơ khai sinh",
                "Tiếp nhận hồ sơ, in phiếu hẹn có mã hồ sơ và ngày hẹn đúng quy tắc 15 giờ.",
            ),
        ),
        LessonSpec(
            slug="bo-sung-tu-choi-thu-phi",
            title="Yêu cầu bổ sung, từ chối và thu phí",
            summary="Tạm dừng đồng hồ khi chờ bổ sung; từ chối có lý do; ghi nhận đã thu phí.",
            intro=_p(
                "Khi chờ người dân bổ sung giấy tờ (trạng thái 5), thời hạn giải quyết tạm dừng. Chỉ tạm "
                "dừng "
                "khi bấm trên hệ thống — gọi điện thôi thì đồng hồ vẫn chạy."
            ),
            steps=[
                StepSpec(
                    instruction="Thiếu giấy tờ: bấm “Yêu cầu bổ sung”, ghi giấy còn thiếu",
                    screen=_motcua(
                        "Yêu cầu bổ sung hồ sơ",
                        "Gửi yêu cầu bổ sung",
                        active="Hồ sơ đang xử lý",
                        fields=[
                            ("Mã hồ sơ", "G09.20-20250715-0092640"),
                            ("Giấy tờ cần bổ sung", "Giấy chứng nhận kết hôn của cha mẹ (bản sao)"),
                        ],
                        buttons=["Gửi yêu cầu bổ sung", "Hủy"],
                    ),
                    expected="Hồ sơ chuyển trạng thái 5 “Yêu cầu bổ sung”, đồng hồ thời hạn tạm dừng.",
                    mistake="Chỉ gọi điện nhắc người dân, không bấm trên hệ thống: hồ sơ bị tính quá hạn.",
                    fix="Luôn bấm “Yêu cầu bổ sung” và in phiếu yêu cầu bổ sung cho người dân.",
                ),
                StepSpec(
                    instruction="Hồ sơ không đủ điều kiện: bấm “Từ chối” và ghi lý do",
                    screen=_motcua(
                        "Từ chối tiếp nhận hồ sơ",
                        "Từ chối",
                        fields=[("Lý do từ chối", "Thủ tục không thuộc thẩm quyền cấp xã")],
                        buttons=["Từ chối", "Quay lại"],
                    ),
                    expected="Trạng thái 3 “Không được tiếp nhận”; in phiếu từ chối có lý do.",
                    mistake="Từ chối hồ sơ vì người dân cư trú ở xã khác.",
                    fix="Đây không phải lý do từ chối: hồ sơ được nộp ở bất kỳ trung tâm cấp xã nào.",
                ),
                StepSpec(
                    instruction="Người dân nộp phí: nhập số tiền và bấm “Xác nhận đã thu”",
                    screen=_motcua(
                        "Thu phí, lệ phí",
                        "Xác nhận đã thu",
                        active="Hồ sơ đang xử lý",
                        fields=[
                            ("Số tiền", "10.000 đồng"),
                            ("Hình thức", "Tiền mặt"),
                            ("Số biên lai", "0001523"),
                        ],
                        buttons=["Xác nhận đã thu", "Hủy"],
                    ),
                    expected="Hồ sơ ghi “Đã nộp phí”, quay lại trạng thái 4 “Đang xử lý”.",
                ),
            ],
            practise=(
                "hs-bo-sung-tu-choi",
                "Yêu cầu bổ sung và từ chối hồ sơ",
                "Yêu cầu bổ sung một hồ sơ thiếu giấy, từ chối một hồ sơ sai thẩm quyền.",
            ),
        ),
        LessonSpec(
            slug="ho-so-qua-han-tra-ket-qua",
            title="Hồ sơ sắp đến hạn, quá hạn và trả kết quả",
            summary="Theo dõi hồ sơ sắp đến hạn, gửi thư xin lỗi hẹn lại, trả kết quả và đóng hồ sơ.",
            intro=_p(
                "Quá hạn không phải một trạng thái: hệ thống tự tính từ ngày hẹn. Hồ sơ quá hạn phải có văn "
                "bản "
                "xin lỗi và hẹn lại ngày trả kết quả."
            ),
            steps=[
                StepSpec(
                    instruction="Mở “Hồ sơ sắp đến hạn” đầu mỗi buổi sáng",
                    screen=_motcua(
                        "Hồ sơ sắp đến hạn và quá hạn",
                        "G09.20-20250710-0091877",
                        active="Hồ sơ sắp đến hạn",
                        table=[
                            ["Mã hồ sơ", "Thủ tục", "Hạn trả", "Tình trạng"],
                            ["G09.20-20250710-0091877", "Chứng thực bản sao", "14/07/2025", "Quá hạn 1 ngày"],
                            ["G09.20-20250714-0092301", "Đăng ký kết hôn", "16/07/2025", "Còn 1 ngày"],
                        ],
                        buttons=["Xử lý", "Xuất danh sách"],
                    ),
                    expected="Thấy ngay hồ sơ quá hạn (màu đỏ) và hồ sơ sắp đến hạn.",
                ),
                StepSpec(
                    instruction="Hồ sơ quá hạn: bấm “Tạo thư xin lỗi và hẹn lại”",
                    screen=_motcua(
                        "Hồ sơ G09.20-20250710-0091877",
                        "Tạo thư xin lỗi và hẹn lại",
                        active="Hồ sơ sắp đến hạn",
                        message=("error", "Hồ sơ đã quá hạn 1 ngày."),
                        fields=[("Ngày hẹn mới", "16/07/2025"), ("Lý do", "Chờ xác minh thông tin")],
                        buttons=["Tạo thư xin lỗi và hẹn lại", "Đóng"],
                    ),
                    expected="Có phiếu xin lỗi và hẹn lại ngày trả kết quả để gửi người dân.",
                    mistake="Không báo người dân, để người dân đến lấy mà chưa có kết quả.",
                    fix="Gửi phiếu xin lỗi ngay khi biết sẽ trễ, kể cả trước ngày hẹn.",
                ),
                StepSpec(
                    instruction="Kết quả đã xong (trạng thái 9): bấm “Trả kết quả”",
                    screen=_motcua(
                        "Trả kết quả hồ sơ",
                        "Trả kết quả",
                        active="Trả kết quả",
                        fields=[("Mã hồ sơ", "G09.20-20250715-0092637"), ("Người nhận", "Trần Văn Bình")],
                        buttons=["Trả kết quả", "In sổ theo dõi"],
                    ),
                    expected="Trạng thái 10 “Đã trả kết quả”; hồ sơ đóng.",
                    mistake="Đưa giấy cho người dân nhưng quên bấm “Trả kết quả”: hồ sơ treo mãi.",
                    fix="Bấm trả kết quả ngay khi giao giấy, ghi tên người nhận.",
                ),
            ],
            practise=(
                "hs-qua-han",
                "Xử lý hồ sơ quá hạn",
                "Tìm hồ sơ quá hạn, tạo thư xin lỗi hẹn lại, rồi trả kết quả.",
            ),
        ),
        LessonSpec(
            slug="he-thong-bi-treo",
            title="Khi hệ thống bị treo: làm trên giấy, cập nhật sau",
            summary="Đăng ký kết hôn bị treo ở bước xác nhận cuối: không bấm lại, làm trên giấy, cập nhật "
            "sau.",
            intro=_p(
                "Một cán bộ tư pháp đã nhập đủ dữ liệu đăng ký kết hôn thì hệ thống treo ở bước xác nhận "
                "cuối. "
                "Phường đã cấp giấy chứng nhận bản giấy và cập nhật lên hệ thống sau. Bài này hướng dẫn đúng "
                "cách làm đó."
            ),
            steps=[
                StepSpec(
                    instruction="Màn hình quay mãi ở bước xác nhận: chờ 2–3 phút, không bấm lại",
                    screen=_motcua(
                        "Đăng ký kết hôn – Xác nhận",
                        "message",
                        active="Hồ sơ đang xử lý",
                        message=("warn", "Đang xử lý, vui lòng chờ…"),
                        fields=[("Bên nam", "Lê Văn Hải"), ("Bên nữ", "Phạm Thị Thu")],
                        buttons=["Xác nhận"],
                    ),
                    expected="Hoặc hệ thống xong, hoặc bạn biết chắc là bị treo sau vài phút.",
                    mistake="Bấm “Xác nhận” nhiều lần, sinh ra hồ sơ trùng.",
                    fix="Bấm một lần rồi chờ. Ghi lại mã hồ sơ, chụp màn hình để báo hỗ trợ.",
                ),
                StepSpec(
                    instruction="Báo nhóm hỗ trợ của tỉnh, ghi mã hồ sơ vào danh sách “cập nhật sau”",
                    screen=_motcua(
                        "Tra cứu hồ sơ",
                        "G09.20-20250715-0092655",
                        active="Tra cứu hồ sơ",
                        table=[
                            ["Mã hồ sơ", "Thủ tục", "Trạng thái"],
                            ["G09.20-20250715-0092655", "Đăng ký kết hôn", "Đang xử lý"],
                        ],
                        buttons=["Xem chi tiết"],
                    ),
                    expected="Nhóm hỗ trợ biết sự cố; bạn có mã hồ sơ để cập nhật sau.",
                ),
                StepSpec(
                    instruction="Cấp giấy chứng nhận kết hôn bản giấy, ghi sổ hộ tịch giấy",
                    screen=_motcua(
                        "Ghi chú xử lý",
                        "Ghi chú",
                        active="Hồ sơ đang xử lý",
                        fields=[("Ghi chú", "Hệ thống treo 10:20; đã cấp bản giấy số 45, cập nhật sau")],
                        buttons=["Lưu ghi chú"],
                    ),
                    expected="Người dân nhận giấy chứng nhận ngay, không phải chờ hệ thống.",
                    mistake="Hẹn người dân hôm khác quay lại vì “máy hỏng”.",
                    fix="Đăng ký kết hôn giải quyết ngay: làm trên giấy theo đúng mẫu, cập nhật hệ thống "
                    "sau.",
                ),
                StepSpec(
                    instruction="Khi hệ thống chạy lại: tìm hồ sơ, bấm “Cập nhật kết quả”, đính kèm bản quét",
                    screen=_motcua(
                        "Hồ sơ G09.20-20250715-0092655",
                        "Cập nhật kết quả",
                        active="Tra cứu hồ sơ",
                        fields=[("Số giấy chứng nhận", "45"), ("Tệp kết quả", "ket-hon-45.pdf")],
                        buttons=["Cập nhật kết quả", "Hủy"],
                    ),
                    expected="Hồ sơ trên hệ thống khớp với giấy đã cấp, chuyển “Đã xử lý xong”.",
                    mistake="Nhập lại thành hồ sơ mới, để hồ sơ cũ treo.",
                    fix="Luôn tìm hồ sơ cũ theo mã rồi cập nhật; không tạo hồ sơ mới.",
                ),
            ],
            practise=(
                "hs-ket-hon-treo-may",
                "Đăng ký kết hôn khi hệ thống treo",
                "Hệ thống thực hành sẽ treo ở bước cuối: làm đúng quy trình giấy rồi cập nhật lại.",
            ),
            check=("kiem-tra-mot-cua", "Kiểm tra: một cửa điện tử"),
        ),
    ],
)

# --- 5. Online meetings and official e-mail ---
MEETINGS = CourseSpec(
    slug="hop-truc-tuyen-thu-cong-vu",
    title="Họp trực tuyến và thư điện tử công vụ",
    intro=_p(
        "Vào phòng họp trực tuyến của tỉnh, bật micro và camera đúng lúc, phát biểu, chia sẻ màn hình; gửi, "
        "nhận và giữ an toàn thư điện tử công vụ."
    ),
    quiz="kiem-tra-hop-truc-tuyen-thu-cong-vu",
    scenarios=[],
    due_in_days=45,
    lessons=[
        LessonSpec(
            slug="vao-phong-hop",
            title="Vào phòng họp trực tuyến",
            summary="Mở lịch họp, tham gia, cho phép micro và camera, đặt tên hiển thị đúng.",
            intro=_p("Vào phòng họp trước giờ họp 10 phút để kiểm tra tiếng và hình."),
            steps=[
                StepSpec(
                    instruction="Mở “Lịch họp”, bấm “Tham gia” ở cuộc họp hôm nay",
                    screen=_hop(
                        "Lịch họp hôm nay",
                        "Tham gia",
                        active="Lịch họp",
                        table=[
                            ["Cuộc họp", "Giờ", "Chủ trì"],
                            ["Giao ban chuyển đổi số", "08:00", "Sở Khoa học và Công nghệ"],
                            ["Tập huấn một cửa", "14:00", "Trung tâm PVHCC tỉnh"],
                        ],
                        buttons=["Tham gia", "Xem tài liệu"],
                    ),
                    expected="Trình duyệt hỏi quyền dùng micro và camera.",
                ),
                StepSpec(
                    instruction="Bấm “Cho phép” để dùng micro và camera",
                    screen=_hop(
                        "Kiểm tra thiết bị trước khi vào họp",
                        "Cho phép",
                        message=("info", "hop.bacninh.gov.vn muốn dùng micro và camera của bạn."),
                        buttons=["Cho phép", "Chặn"],
                    ),
                    expected="Thấy hình của mình; thanh âm lượng nhảy khi nói.",
                    mistake="Bấm “Chặn”: cả phòng không nghe, không thấy bạn.",
                    fix="Bấm biểu tượng ổ khóa cạnh địa chỉ trang, chọn cho phép micro và camera, tải lại "
                    "trang.",
                ),
                StepSpec(
                    instruction="Đặt tên hiển thị “Đơn vị - Họ tên”, tắt micro, bấm “Vào phòng họp”",
                    screen=_hop(
                        "Thông tin tham gia",
                        "Vào phòng họp",
                        fields=[("Tên hiển thị", "UBND phường Kinh Bắc - Nguyễn Thị Lan"), ("Micro", "Tắt")],
                        buttons=["Vào phòng họp", "Kiểm tra loa"],
                    ),
                    expected="Bạn vào phòng, tên hiện đúng đơn vị, micro đang tắt.",
                    mistake="Để tên mặc định “PC-01” nên chủ trì không biết ai đang dự.",
                    fix="Luôn ghi đơn vị và họ tên để điểm danh đúng.",
                ),
            ],
        ),
        LessonSpec(
            slug="phat-bieu-chia-se-man-hinh",
            title="Phát biểu, chia sẻ màn hình, xử lý sự cố tiếng",
            summary="Giơ tay, bật micro khi được mời, chia sẻ đúng cửa sổ, xử lý tiếng vọng, tiếng hú.",
            intro=_p("Phòng họp đông đơn vị: chỉ bật micro khi chủ trì mời phát biểu."),
            steps=[
                StepSpec(
                    instruction="Bấm “Giơ tay” khi muốn phát biểu",
                    screen=_hop(
                        "Giao ban chuyển đổi số",
                        "Giơ tay",
                        message=("info", "Đang họp: 87 điểm cầu. Micro của bạn đang tắt."),
                        buttons=["Giơ tay", "Bật micro", "Chia sẻ màn hình", "Rời phòng"],
                    ),
                    expected="Biểu tượng bàn tay hiện cạnh tên bạn; chủ trì sẽ mời phát biểu.",
                    mistake="Bật micro nói chen khi chưa được mời.",
                    fix="Chờ chủ trì mời, rồi mới bấm “Bật micro”.",
                ),
                StepSpec(
                    instruction="Chia sẻ màn hình: chọn đúng cửa sổ cần trình bày",
                    screen=_hop(
                        "Chọn nội dung chia sẻ",
                        "Cửa sổ: Báo cáo tuần.docx",
                        table=[
                            ["Nội dung", "Loại"],
                            ["Cửa sổ: Báo cáo tuần.docx", "Một cửa sổ"],
                            ["Toàn bộ màn hình", "Màn hình"],
                        ],
                        buttons=["Chia sẻ", "Hủy"],
                    ),
                    expected="Mọi người chỉ thấy cửa sổ báo cáo.",
                    mistake="Chia sẻ toàn bộ màn hình, lộ tin nhắn Zalo và thư riêng.",
                    fix="Chọn “Một cửa sổ”, đóng các chương trình không cần trước khi chia sẻ.",
                ),
                StepSpec(
                    instruction="Nghe tiếng vọng, tiếng hú: tắt micro và dùng tai nghe",
                    screen=_hop(
                        "Giao ban chuyển đổi số",
                        "Tắt micro",
                        message=("warn", "Phát hiện tiếng vọng từ điểm cầu của bạn."),
                        buttons=["Tắt micro", "Kiểm tra loa", "Rời phòng"],
                    ),
                    expected="Tiếng vọng hết.",
                    mistake="Hai máy trong cùng phòng cùng bật micro và loa.",
                    fix="Mỗi phòng chỉ một máy bật micro; dùng tai nghe hoặc để loa xa micro.",
                ),
            ],
        ),
        LessonSpec(
            slug="gui-nhan-thu-cong-vu",
            title="Gửi và nhận thư điện tử công vụ",
            summary="Soạn thư, đính kèm tệp vừa dung lượng, gửi và kiểm tra thư đã gửi.",
            intro=_p(
                "Thư điện tử công vụ dùng để trao đổi công việc. Văn bản chính thức vẫn gửi qua hệ thống "
                "quản "
                "lý văn bản."
            ),
            steps=[
                StepSpec(
                    instruction="Bấm “Soạn thư”",
                    screen=_mail(
                        "Hộp thư đến",
                        "Soạn thư",
                        table=[
                            ["Người gửi", "Tiêu đề", "Thời gian"],
                            ["Sở Khoa học và Công nghệ", "Tài liệu tập huấn", "Hôm qua"],
                        ],
                    ),
                    expected="Cửa sổ soạn thư mới mở ra.",
                ),
                StepSpec(
                    instruction="Nhập người nhận, tiêu đề, đính kèm tệp rồi bấm “Gửi”",
                    screen=_mail(
                        "Thư mới",
                        "Gửi",
                        active="Soạn thư",
                        fields=[
                            ("Đến", "vanphong@bacninh.gov.vn"),
                            ("Tiêu đề", "Báo cáo tuần – phường Kinh Bắc"),
                            ("Tệp đính kèm", "bao-cao-tuan.pdf (350 KB)"),
                        ],
                        buttons=["Gửi", "Lưu nháp", "Hủy"],
                    ),
                    expected="Thông báo “Đã gửi thư”.",
                    mistake="Đính kèm tệp quá lớn (ảnh chụp nhiều trang), thư bị trả lại.",
                    fix="Quét thành một tệp PDF nhỏ; tệp rất lớn thì gửi qua hệ thống văn bản.",
                ),
                StepSpec(
                    instruction="Mở “Thư đã gửi” để kiểm tra",
                    screen=_mail(
                        "Thư đã gửi",
                        "vanphong@bacninh.gov.vn",
                        active="Thư đã gửi",
                        table=[
                            ["Người nhận", "Tiêu đề", "Thời gian"],
                            ["vanphong@bacninh.gov.vn", "Báo cáo tuần – phường Kinh Bắc", "09:05"],
                        ],
                    ),
                    expected="Thư nằm trong “Thư đã gửi”, kèm đủ tệp.",
                ),
            ],
        ),
        LessonSpec(
            slug="an-toan-hop-thu",
            title="Giữ an toàn hộp thư công vụ",
            summary="Nhận biết thư giả mạo, đổi mật khẩu thư, không gửi văn bản mật qua mạng.",
            intro=_p(
                "Thư giả mạo thường giục “cập nhật mật khẩu gấp” và gửi từ địa chỉ không phải của cơ quan "
                "nhà nước."
            ),
            steps=[
                StepSpec(
                    instruction="Kiểm tra địa chỉ người gửi trước khi bấm đường dẫn trong thư",
                    screen=_mail(
                        "Hộp thư đến",
                        "hotro-bacninh@gmail-secure.com",
                        table=[
                            ["Người gửi", "Tiêu đề", "Thời gian"],
                            ["hotro-bacninh@gmail-secure.com", "Cập nhật mật khẩu gấp!", "08:02"],
                            ["vanphong@bacninh.gov.vn", "Lịch họp tuần", "07:40"],
                        ],
                    ),
                    expected="Nhận ra thư giả mạo: địa chỉ không có đuôi gov.vn.",
                    mistake="Bấm đường dẫn và nhập mật khẩu vào trang giả.",
                    fix="Không bấm; báo quản trị hệ thống và xóa thư. Đã lỡ nhập: đổi mật khẩu ngay.",
                ),
                StepSpec(
                    instruction="Vào “Cài đặt”, đổi mật khẩu thư định kỳ",
                    screen=_mail(
                        "Đổi mật khẩu",
                        "Lưu",
                        active="Cài đặt",
                        fields=[("Mật khẩu hiện tại", "••••••••"), ("Mật khẩu mới", "••••••••••")],
                        buttons=["Lưu", "Hủy"],
                    ),
                    expected="Thông báo “Đã đổi mật khẩu”.",
                ),
                StepSpec(
                    instruction="Không gửi văn bản mật qua thư điện tử hay hệ thống nối mạng",
                    screen=_mail(
                        "Thư mới",
                        "message",
                        active="Soạn thư",
                        message=("error", "Tệp đính kèm có dấu “MẬT”: không được gửi qua hệ thống nối mạng."),
                        fields=[("Tệp đính kèm", "ke-hoach-MAT.pdf")],
                        buttons=["Gỡ tệp", "Hủy"],
                    ),
                    expected="Văn bản mật đi theo đường riêng, đúng quy định bảo vệ bí mật nhà nước.",
                    mistake="Gửi văn bản mật qua thư công vụ cho nhanh.",
                    fix="Gỡ tệp; chuyển văn bản mật theo quy định (bản giấy, sổ riêng).",
                ),
            ],
            check=("kiem-tra-hop-truc-tuyen-thu-cong-vu", "Kiểm tra: họp trực tuyến và thư công vụ"),
        ),
    ],
)

COURSES = [SIGN_IN, DOCUMENTS, SIGNATURES, DOSSIERS, MEETINGS]
