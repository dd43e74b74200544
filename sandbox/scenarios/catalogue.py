"""The shipped scenarios: the 22 practice tasks of DOMAIN.md §5, the login basics, the VNeID sign-in,
the incoming documents whose signature or sender code is wrong, and the marriage registration that
freezes at the last step. Slugs are shared with the courses
(docs/architecture.md). To add one, see docs/adding-a-scenario.md."""

from sandbox.scenarios.types import Check, Forbidden, Scenario, Seed, Step, Tolerated

DISTRICT = r"(?i)\b(huyện|quận|thị xã)\b"
# The timing rules of Decree 30 a step breaks while still going through (the machine logs ``late``).
LATE = {"late": {"equals": True}}

LOGIN = (
    Scenario(
        slug="dang-nhap-co-ban",
        title="Đăng nhập cơ bản: mật khẩu, khóa tài khoản, đặt lại mật khẩu",
        area="login",
        goal=(
            "Đăng nhập lần đầu vào Hệ thống quản lý văn bản (bản thực hành), đổi mật khẩu, rồi lấy lại "
            "quyền truy cập khi quên mật khẩu mà không để tài khoản bị khóa."
        ),
        background=(
            "Phiếu cấp tài khoản ghi tên đăng nhập và mật khẩu ban đầu (xem trên màn hình đăng nhập). "
            "Nhập sai 5 lần liên tiếp, tài khoản bị khóa 15 phút."
        ),
        start="sandbox:login",
        steps=(
            Step(
                "Đăng nhập lần đầu bằng mật khẩu ban đầu",
                "Gõ đúng chữ hoa, chữ thường; tắt bộ gõ tiếng Việt và kiểm "
                "tra phím Caps Lock trước khi gõ mật khẩu.",
                Check("login", "sign_in"),
                screen="sandbox:login",
            ),
            Step(
                "Đổi mật khẩu lần đầu",
                "Mật khẩu mới có ít nhất 8 ký tự, khác mật khẩu ban đầu; nhập lại giống hệt ở ô thứ hai.",
                Check("login", "change_password"),
                screen="sandbox:login",
            ),
            Step(
                "Đăng xuất",
                "Bấm “Đăng xuất” ở góc màn hình hệ thống.",
                Check("login", "sign_out"),
                screen="sandbox:login",
            ),
            Step(
                "Quên mật khẩu: yêu cầu mã xác nhận",
                "Khi không nhớ mật khẩu, đừng thử đoán nhiều lần: chọn "
                "“Quên mật khẩu” để nhận mã qua điện thoại.",
                Check("login", "request_reset"),
                screen="sandbox:login",
            ),
            Step(
                "Đặt lại mật khẩu bằng mã trên điện thoại",
                "Mở “Điện thoại của bạn” để xem mã 6 số, nhập mã và mật khẩu mới.",
                Check("login", "reset_password"),
                screen="sandbox:login",
            ),
            Step(
                "Đăng nhập bằng mật khẩu mới",
                "Dùng mật khẩu vừa đặt lại.",
                Check("login", "sign_in"),
                screen="sandbox:login",
            ),
        ),
        forbidden=(Forbidden(Check("login", "lock"), "Tài khoản bị khóa vì nhập sai mật khẩu quá 5 lần."),),
        # Lesson 1 asks for one wrong password "to see the message": part of the drill.
        tolerated=(Tolerated(Check("login", "sign_in", ok=False)),),
    ),
    Scenario(
        slug="dang-nhap-vneid",
        title="Đăng nhập bằng tài khoản định danh điện tử VNeID",
        area="login",
        goal="Đăng nhập hệ thống bằng VNeID, xử lý được khi hệ thống bảo trì và khi đổi sang điện thoại mới.",
        background=(
            "Hôm nay là giờ cao điểm và bạn vừa đổi điện thoại. Tài khoản VNeID chỉ dùng trên một thiết bị "
            "một lúc: thiết bị mới cần xác nhận bằng mã OTP gửi tới thiết bị cũ."
        ),
        start="sandbox:login",
        faults=("vneid_maintenance", "vneid_device_mismatch"),
        steps=(
            Step(
                "Chọn “Đăng nhập bằng VNeID”",
                "Hệ thống báo bảo trì: không phải lỗi của bạn, chờ ít phút rồi thử lại.",
                Check(
                    "login", "vneid_request", ok=False, where={"fault_name": {"equals": "vneid_maintenance"}}
                ),
                screen="sandbox:login",
                action="login.vneid_request",
            ),
            Step(
                "Xác nhận thiết bị mới bằng OTP trên thiết bị cũ",
                "Thông báo “đăng nhập trên thiết bị khác”: mở “Điện thoại của bạn”, xem mã OTP trên điện "
                "thoại cũ rồi gõ mã đó vào ô “Mã OTP từ thiết bị cũ” trên màn hình đăng nhập.",
                Check("fault", "fix", where={"fault": {"equals": "vneid_device_mismatch"}}),
                screen="sandbox:login",
                action="login.vneid_device_otp",
            ),
            Step(
                "Tạo lại yêu cầu đăng nhập VNeID",
                "Chọn quét mã QR hoặc nhập mã một lần.",
                Check("login", "vneid_request"),
                screen="sandbox:login",
            ),
            Step(
                "Xác nhận đăng nhập trên ứng dụng VNeID",
                "Mở “Điện thoại của bạn”, kiểm tra đúng tên hệ thống rồi bấm “Xác nhận”.",
                Check("login", "vneid_confirm"),
                screen="sandbox:phone",
            ),
        ),
    ),
)

INCOMING = (
    Scenario(
        slug="vb-den-tiep-nhan",
        task=1,
        title="Tiếp nhận văn bản điện tử từ trục liên thông và vào sổ",
        area="documents",
        goal="Kiểm tra văn bản đến từ trục liên thông rồi vào sổ văn bản đến để lấy số đến.",
        background=(
            "Văn bản mới đến ở trạng thái 01 “Đã đến”, kèm tệp PDF đã được cơ quan gửi ký số. Văn thư mở "
            "tệp, đọc, kiểm tra chữ ký số, nơi gửi, nơi nhận, số trang."
        ),
        role="clerk",
        start="sandbox:incoming_list",
        seeds=(Seed("incoming", "vb", {"sample": 0}),),
        steps=(
            Step(
                "Mở văn bản, kiểm tra chữ ký số",
                "Mở văn bản, bấm “Mở văn bản (PDF)” để đọc, rồi bấm “Kiểm tra chữ ký”: chữ ký phải hợp lệ, "
                "đúng cơ quan gửi.",
                Check(
                    "incoming",
                    "check_signature",
                    ref="vb",
                    expect={"valid": {"equals": True}},
                    expect_message="Chữ ký số của văn bản phải hợp lệ trước khi vào sổ.",
                ),
                role="clerk",
                screen="vb",
            ),
            Step(
                "Vào sổ văn bản đến",
                "Mở văn bản, đối chiếu nơi nhận là xã/phường của mình rồi bấm “Vào sổ văn bản đến”.",
                Check("incoming", "register", ref="vb"),
                role="clerk",
                screen="vb",
            ),
            Step(
                "Xem lại sổ văn bản đến",
                "Mở “Sổ văn bản đến”: số đến liên tiếp trong năm, dùng chung cho văn bản giấy và điện tử.",
                Check("incoming", "view_book"),
                role="clerk",
                screen="sandbox:incoming_book",
            ),
        ),
        forbidden=(
            Forbidden(
                Check("incoming", "register", where=LATE),
                "Vào sổ muộn: văn bản đến phải vào sổ trong ngày đến hoặc ngày làm việc tiếp theo.",
            ),
        ),
    ),
    Scenario(
        slug="vb-den-tra-lai",
        task=2,
        title="Trả lại văn bản gửi nhầm nơi nhận",
        area="documents",
        goal="Phát hiện văn bản gửi nhầm và từ chối tiếp nhận, ghi rõ lý do.",
        role="clerk",
        start="sandbox:incoming_list",
        seeds=(Seed("incoming", "nham", {"sample": 1, "wrong_recipient": True}),),
        steps=(
            Step(
                "Từ chối tiếp nhận, ghi lý do",
                "Nơi nhận ghi trên văn bản là xã khác: chọn “Từ chối tiếp nhận”, ghi “Gửi nhầm nơi nhận”.",
                Check("incoming", "return", ref="nham", expect={"return_reason": {"not_empty": True}}),
                role="clerk",
                screen="nham",
            ),
        ),
        forbidden=(
            Forbidden(Check("incoming", "register", ref="nham"), "Đã vào sổ một văn bản gửi nhầm nơi nhận."),
        ),
    ),
    Scenario(
        slug="vb-den-chu-ky-loi",
        title="Trả lại văn bản điện tử có chữ ký số không hợp lệ hoặc sai mã nơi gửi",
        area="documents",
        goal=(
            "Kiểm tra chữ ký số của văn bản đến trước khi vào sổ; trả lại văn bản có chữ ký hỏng hoặc sai "
            "mã định danh nơi gửi, ghi rõ lý do."
        ),
        background=(
            "Hai văn bản vừa đến từ trục liên thông. Một tệp bị hỏng trên đường truyền; một văn bản mang mã "
            "định danh nơi gửi không phải của cơ quan đã ký."
        ),
        role="clerk",
        start="sandbox:incoming_list",
        seeds=(
            Seed("incoming", "hong", {"sample": 3, "drill": "broken_signature"}),
            Seed("incoming", "sai_ma", {"sample": 4, "drill": "wrong_sender_code"}),
        ),
        steps=(
            Step(
                "Kiểm tra chữ ký văn bản thứ nhất",
                "Mở văn bản của Bảo hiểm xã hội, bấm “Kiểm tra chữ ký” và đọc kết quả.",
                Check("incoming", "check_signature", ref="hong"),
                role="clerk",
                screen="hong",
            ),
            Step(
                "Trả lại văn bản có chữ ký hỏng",
                "Chữ ký không hợp lệ: chọn “Từ chối tiếp nhận (trả lại)”, "
                "ghi lý do “Chữ ký số không hợp lệ”.",
                Check("incoming", "return", ref="hong", expect={"return_reason": {"not_empty": True}}),
                role="clerk",
                screen="hong",
            ),
            Step(
                "Kiểm tra chữ ký văn bản thứ hai",
                "Mở văn bản của Công an, bấm “Kiểm tra chữ ký”: so mã định danh nơi gửi với cơ quan ký.",
                Check("incoming", "check_signature", ref="sai_ma"),
                role="clerk",
                screen="sai_ma",
            ),
            Step(
                "Trả lại văn bản sai mã nơi gửi",
                "Chọn “Từ chối tiếp nhận (trả lại)”, ghi lý do “Sai mã định danh nơi gửi”.",
                Check("incoming", "return", ref="sai_ma", expect={"return_reason": {"not_empty": True}}),
                role="clerk",
                screen="sai_ma",
            ),
        ),
        forbidden=(
            Forbidden(Check("incoming", "register", ref="hong"), "Đã vào sổ một văn bản có chữ ký số hỏng."),
            Forbidden(
                Check("incoming", "register", ref="sai_ma"), "Đã vào sổ một văn bản sai mã định danh nơi gửi."
            ),
        ),
    ),
    Scenario(
        slug="vb-den-giay",
        task=3,
        title="Vào sổ văn bản giấy",
        area="documents",
        goal="Nhập một văn bản giấy vào hệ thống và vào sổ, dùng chung dãy số đến với văn bản điện tử.",
        background=(
            "Công an xã chuyển bản giấy: Công văn số 215/CAX-HC, ngày hôm qua, V/v phối hợp làm sạch dữ liệu "
            "dân cư, 2 trang, người ký: Trưởng Công an xã. Trong tập giấy còn một văn bản đóng dấu “MẬT”: "
            "văn bản mật không được nhập vào hệ thống có kết nối Internet."
        ),
        role="clerk",
        start="sandbox:incoming_new",
        steps=(
            Step(
                "Nhập thông tin văn bản giấy",
                "Chọn “Nhập văn bản giấy”, gõ đúng số, ký hiệu "
                "“215/CAX-HC”, ngày văn bản, trích yếu, số trang và người ký.",
                Check(
                    "incoming",
                    "receive_paper",
                    expect={
                        "reference": {"matches": r"^\s*215/CAX-HC\s*$"},
                        "summary": {"matches": r"^\s*V/v\s+\S"},
                        "doc_days_before": {"equals": 1},
                        "pages": {"equals": 2},
                        "signer": {"matches": r"(?i)trưởng công an"},
                    },
                    expect_message=(
                        "Phải ghi đúng như trên văn bản: số, ký hiệu 215/CAX-HC, ngày văn bản (hôm qua), "
                        "trích yếu “V/v …”, 2 trang, người ký Trưởng Công an xã."
                    ),
                ),
                role="clerk",
                screen="sandbox:incoming_new",
            ),
            Step(
                "Vào sổ, lấy số đến",
                "Hệ thống cấp số đến tiếp theo trong năm khi lưu.",
                Check("incoming", "register"),
                role="clerk",
                screen="sandbox:incoming_new",
                action="incoming.receive_paper",
            ),
        ),
    ),
    Scenario(
        slug="vb-den-hoa-toc",
        task=4,
        title="Xử lý ngay văn bản hỏa tốc",
        area="documents",
        goal="Nhận ra văn bản hỏa tốc, vào sổ và trình lãnh đạo phân công ngay, trước các văn bản thường.",
        role="clerk",
        start="sandbox:incoming_list",
        seeds=(
            Seed("incoming", "thuong", {"sample": 6, "arrived_minutes": 50}),
            Seed("incoming", "hoatoc", {"sample": 4, "urgency": "hoa_toc", "arrived_minutes": 5}),
        ),
        steps=(
            Step(
                "Vào sổ văn bản hỏa tốc trước",
                "Văn bản có dấu độ khẩn “Hỏa tốc” phải xử lý ngay khi đến, trước mọi văn bản thường.",
                Check("incoming", "register", ref="hoatoc"),
                role="clerk",
                screen="hoatoc",
            ),
            Step(
                "Lãnh đạo phân công xử lý ngay",
                "Chuyển vai trò sang Lãnh đạo, phân công người chủ trì và hạn xử lý ngay trong ngày.",
                Check("incoming", "assign", ref="hoatoc"),
                role="leader",
                screen="hoatoc",
            ),
            Step(
                "Vào sổ văn bản thường",
                "Sau đó mới vào sổ văn bản thường.",
                Check("incoming", "register", ref="thuong"),
                role="clerk",
                screen="thuong",
            ),
        ),
        forbidden=(
            Forbidden(
                Check("incoming", "register", ref="hoatoc", where=LATE),
                "Văn bản Hỏa tốc không được vào sổ ngay khi đến, trước các việc khác.",
            ),
        ),
    ),
    Scenario(
        slug="vb-den-phan-cong",
        task=5,
        title="Lãnh đạo phân công xử lý văn bản đến",
        area="documents",
        goal="Với vai trò lãnh đạo, phân công đơn vị chủ trì, phối hợp, hạn xử lý và ghi ý kiến chỉ đạo.",
        role="leader",
        start="sandbox:incoming_list",
        seeds=(Seed("incoming", "vb", {"sample": 1, "status": "03"}),),
        steps=(
            Step(
                "Phân công chủ trì, phối hợp, hạn và ý kiến chỉ đạo",
                "Chọn người chủ trì, thêm người phối hợp, đặt hạn xử lý "
                "và ghi ý kiến chỉ đạo rõ việc cần làm.",
                Check(
                    "incoming",
                    "assign",
                    ref="vb",
                    expect={"coordinators": {"not_empty": True}, "directive": {"not_empty": True}},
                    expect_message="Phân công cần đủ chủ trì, phối hợp, hạn xử lý và ý kiến chỉ đạo.",
                ),
                role="leader",
                screen="vb",
            ),
        ),
    ),
    Scenario(
        slug="vb-den-chuyen-thu-hoi",
        task=6,
        title="Chuyển, thu hồi và phân công lại văn bản",
        area="documents",
        goal="Chuyển văn bản cho đồng nghiệp, thu hồi lượt chuyển nhầm, rồi để lãnh đạo phân công lại.",
        background="Bạn là chuyên viên đang xử lý văn bản. Bạn chuyển nhầm người, cần thu hồi ngay.",
        role="handler",
        start="sandbox:incoming_list",
        seeds=(Seed("incoming", "vb", {"sample": 3, "status": "05"}),),
        steps=(
            Step(
                "Chuyển xử lý cho đồng nghiệp",
                "Chọn “Chuyển xử lý” và chọn người nhận.",
                Check("incoming", "forward", ref="vb"),
                role="handler",
                screen="vb",
            ),
            Step(
                "Thu hồi lượt chuyển nhầm",
                "Bấm “Thu hồi lượt chuyển” khi người nhận chưa xử lý.",
                Check("incoming", "pull_back", ref="vb"),
                role="handler",
                screen="vb",
            ),
            Step(
                "Lãnh đạo phân công lại",
                "Chuyển vai trò sang Lãnh đạo, chọn “Phân công lại” đúng người chủ trì.",
                Check("incoming", "reassign", ref="vb"),
                role="leader",
                screen="vb",
            ),
        ),
    ),
    Scenario(
        slug="vb-den-hoan-thanh",
        task=7,
        title="Kết thúc văn bản đến bằng văn bản trả lời",
        area="documents",
        goal="Kết thúc xử lý văn bản đến bằng cách liên kết văn bản trả lời đã phát hành.",
        role="handler",
        start="sandbox:incoming_list",
        seeds=(
            Seed("incoming", "vb", {"sample": 0, "status": "05"}),
            Seed("outgoing", "traloi", {"sample": 0, "status": "issued"}),
        ),
        steps=(
            Step(
                "Hoàn thành, liên kết văn bản trả lời",
                "Chọn “Hoàn thành”, chọn văn bản trả lời đã phát hành trong danh sách.",
                Check(
                    "incoming",
                    "finish",
                    ref="vb",
                    expect={"linked_reply": {"equals": True}},
                    expect_message="Văn bản này cần trả lời: hãy liên kết văn bản trả lời đã phát hành.",
                ),
                role="handler",
                screen="vb",
            ),
        ),
    ),
)

OUTGOING = (
    Scenario(
        slug="vb-di-du-thao",
        task=8,
        title="Soạn dự thảo công văn đúng thể thức số, ký hiệu",
        area="documents",
        goal="Soạn dự thảo công văn của bộ phận Văn hóa - Xã hội với ký hiệu đúng và gửi duyệt.",
        background=(
            "Nội dung: đề nghị các thôn, tổ dân phố tuyên truyền người dân nộp hồ sơ trực tuyến. Công văn "
            "không có tên loại trong ký hiệu: Số: …/UBND-VHXH (số do văn thư cấp sau khi ký)."
        ),
        role="handler",
        start="sandbox:outgoing_new",
        steps=(
            Step(
                "Tạo dự thảo công văn",
                "Chọn loại “Công văn”, đơn vị soạn thảo VHXH, ghi trích yếu bắt đầu bằng “V/v”.",
                Check(
                    "outgoing",
                    "create",
                    expect={"kind": {"equals": "CV"}, "unit": {"matches": r"(?i)^\s*vhxh\s*$"}},
                    expect_message="Đây là công văn của bộ phận Văn hóa - Xã hội (VHXH).",
                ),
                role="handler",
                screen="sandbox:outgoing_new",
            ),
            Step(
                "Gửi duyệt dự thảo",
                "Ký hiệu công văn là UBND-VHXH; sửa nếu hệ thống báo sai rồi bấm “Gửi duyệt”.",
                Check("outgoing", "submit_review"),
                role="handler",
                screen="sandbox:outgoing_list",
            ),
        ),
    ),
    Scenario(
        slug="vb-di-trinh-ky",
        task=9,
        title="Duyệt, trả lại và trình ký dự thảo",
        area="documents",
        goal="Đưa dự thảo qua duyệt và ký, kể cả một lần trả lại để sửa.",
        background="Dự thảo đang chờ duyệt còn sai nơi nhận. Lãnh đạo trả lại, chuyên viên sửa và trình lại.",
        role="leader",
        start="sandbox:outgoing_list",
        seeds=(Seed("outgoing", "dt", {"sample": 1, "status": "review", "recipients": "- Như trên"}),),
        steps=(
            Step(
                "Lãnh đạo trả lại dự thảo, ghi lý do",
                "Chọn “Trả lại dự thảo”, ghi rõ cần sửa gì (nơi nhận chưa đủ).",
                Check(
                    "outgoing", "send_back_review", ref="dt", expect={"send_back_reason": {"not_empty": True}}
                ),
                role="leader",
                screen="dt",
            ),
            Step(
                "Chuyên viên sửa dự thảo",
                "Chuyển vai trò Chuyên viên, sửa nơi nhận, lưu.",
                Check("outgoing", "edit", ref="dt"),
                role="handler",
                screen="dt",
            ),
            Step(
                "Gửi duyệt lại",
                "Bấm “Gửi duyệt”.",
                Check("outgoing", "submit_review", ref="dt"),
                role="handler",
                screen="dt",
            ),
            Step(
                "Lãnh đạo duyệt, trình ký",
                "Chuyển vai trò Lãnh đạo, bấm “Duyệt, trình ký”.",
                Check("outgoing", "approve", ref="dt"),
                role="leader",
                screen="dt",
            ),
            Step(
                "Lãnh đạo ký số",
                "Bấm “Ký số”, chọn ký bằng USB token và nhập mã PIN (xem trên phong bì PIN).",
                Check("outgoing", "sign", ref="dt"),
                role="leader",
                screen="dt",
                action="outgoing.sign",
            ),
        ),
    ),
)

SIGNING = (
    Scenario(
        slug="ky-so-usb",
        task=10,
        title="Ký số bằng USB token",
        area="signing",
        goal="Ký số văn bản bằng USB token: xử lý lỗi không nhận token, nhập đúng PIN, kiểm tra chữ ký.",
        background="Nhập sai PIN 3 lần, token bị khóa. Mã PIN in trong phong bì PIN (trang Chứng thư số).",
        role="leader",
        start="sandbox:outgoing_list",
        faults=("token_not_detected",),
        seeds=(Seed("outgoing", "vb", {"sample": 3, "status": "signing"}),),
        steps=(
            Step(
                "Cắm USB token khi hệ thống báo không tìm thấy thiết bị",
                "Bấm ký số: nếu báo “Không tìm thấy thiết bị ký số”, bấm “Cắm lại USB token” rồi ký lại.",
                Check("fault", "fix", where={"fault": {"equals": "token_not_detected"}}),
                role="leader",
                screen="vb",
                action="fault.token_not_detected",
            ),
            Step(
                "Ký số bằng USB token",
                "Nhập đúng mã PIN của token lãnh đạo, chú ý không nhập sai quá 3 lần.",
                Check("outgoing", "sign", ref="vb", expect={"method": {"equals": "usb"}}),
                role="leader",
                screen="vb",
            ),
            Step(
                "Kiểm tra chữ ký trên văn bản",
                "Bấm “Kiểm tra chữ ký số”: chữ ký phải hợp lệ, đúng người ký.",
                Check("outgoing", "validate", ref="vb", expect={"valid": {"equals": True}}),
                role="leader",
                screen="vb",
            ),
        ),
    ),
    Scenario(
        slug="ky-so-tu-xa",
        task=11,
        title="Ký số từ xa, xác nhận trên điện thoại",
        area="signing",
        goal=(
            "Ký văn bản bằng chữ ký số từ xa: gửi yêu cầu, xác nhận trên điện thoại trước khi hết thời gian."
        ),
        background=(
            "Yêu cầu ký từ xa có hạn (thường 5 phút). Nếu điện thoại "
            "không nhận được thông báo, hủy giao dịch "
            "và gửi lại yêu cầu mới."
        ),
        role="leader",
        start="sandbox:outgoing_list",
        faults=("remote_unconfirmed",),
        seeds=(Seed("outgoing", "vb", {"sample": 4, "status": "signing"}),),
        steps=(
            Step(
                "Gửi yêu cầu ký từ xa",
                "Bấm “Ký số”, chọn “Ký từ xa (SmartCA)”.",
                Check("signing", "remote_request", ref="vb"),
                role="leader",
                screen="vb",
                action="signing.remote_request",
            ),
            Step(
                "Điện thoại không nhận được: hủy và gửi lại",
                "Mở “Điện thoại của bạn”: không có yêu cầu nào. Quay lại, bấm “Hủy và gửi lại”.",
                Check("signing", "remote_request", ref="vb"),
                role="leader",
                screen="vb",
                action="signing.remote_request",
            ),
            Step(
                "Xác nhận trên điện thoại",
                "Mở “Điện thoại của bạn”, kiểm tra mã giao dịch trùng với màn hình rồi bấm “Xác nhận ký”.",
                Check("outgoing", "sign", ref="vb", expect={"method": {"equals": "remote"}}),
                role="leader",
                screen="sandbox:phone",
                action="signing.remote_confirm",
            ),
        ),
    ),
    Scenario(
        slug="vb-di-phat-hanh",
        task=12,
        title="Văn thư cấp số, ký số cơ quan và phát hành",
        area="signing",
        goal="Cấp số đúng (đầu năm số bắt đầu lại từ 01), ký số cơ quan sau chữ ký lãnh đạo và phát hành.",
        background=(
            "Hôm nay là ngày làm việc đầu năm; chức năng gợi ý số đang tạm ngừng nên văn thư tự nhập số theo "
            "sổ văn bản đi. Một văn bản khác còn chờ lãnh đạo ký: chưa được đóng dấu văn bản đó."
        ),
        role="clerk",
        clock={"date": "01-01", "time": "08:30", "working_day": True},
        faults=("numbering_manual", "attachment_too_large"),
        start="sandbox:outgoing_list",
        seeds=(
            Seed("outgoing", "vb", {"sample": 0, "status": "signed", "attachment_kb": 14_000}),
            Seed("outgoing", "cho", {"sample": 5, "status": "signing"}),
        ),
        steps=(
            Step(
                "Cấp số văn bản",
                "Xem “Sổ văn bản đi”: ngày 1 tháng 1 số bắt đầu lại từ 01.",
                Check("outgoing", "number", ref="vb"),
                role="clerk",
                screen="vb",
            ),
            Step(
                "Ký số cơ quan (đóng dấu)",
                "Bấm “Ký số cơ quan”, nhập PIN của token cơ quan.",
                Check("outgoing", "seal", ref="vb"),
                role="clerk",
                screen="vb",
            ),
            Step(
                "Xử lý lỗi tệp đính kèm quá lớn",
                "Trục liên thông từ chối: bấm “Nén tệp đính kèm” rồi phát hành lại.",
                Check("fault", "fix", where={"fault": {"equals": "attachment_too_large"}}),
                role="clerk",
                screen="vb",
                action="fault.attachment_too_large",
            ),
            Step(
                "Phát hành",
                "Bấm “Phát hành”: trong ngày lãnh đạo ký, chậm nhất ngày làm việc tiếp theo.",
                Check("outgoing", "issue", ref="vb"),
                role="clerk",
                screen="vb",
            ),
        ),
        forbidden=(
            Forbidden(
                Check("outgoing", "issue", ref="vb", where=LATE),
                "Phát hành muộn: phải phát hành trong ngày ký hoặc ngày làm việc tiếp theo.",
            ),
        ),
    ),
    Scenario(
        slug="vb-di-thu-hoi-thay-the",
        task=13,
        title="Thay thế văn bản sai nội dung, đính chính văn bản sai thể thức",
        area="documents",
        goal=(
            "Văn bản sai nội dung thì ban hành văn bản thay thế; sai thể thức thì ban hành công văn "
            "đính chính: cả hai phải đi hết quy trình đến phát hành, không dừng ở dự thảo."
        ),
        background=(
            "Quyết định đã phát hành ghi sai danh sách thành viên (sai nội dung). Thông báo đã phát hành ghi "
            "sai ngày ký ở phần địa danh (sai thể thức)."
        ),
        role="handler",
        start="sandbox:outgoing_list",
        seeds=(
            Seed("outgoing", "sai_nd", {"sample": 3, "status": "issued"}),
            Seed("outgoing", "sai_tt", {"sample": 4, "status": "issued"}),
        ),
        steps=(
            Step(
                "Tạo văn bản thay thế cho quyết định sai nội dung",
                "Mở quyết định, chọn “Thay thế (sai nội dung)”, ghi lý do.",
                Check("outgoing", "replace", ref="sai_nd"),
                role="handler",
                screen="sai_nd",
            ),
            Step(
                "Tạo công văn đính chính cho thông báo sai thể thức",
                "Mở thông báo, chọn “Đính chính (sai thể thức)”, ghi rõ chỗ sai và nội dung đúng.",
                Check("outgoing", "correct", ref="sai_tt"),
                role="handler",
                screen="sai_tt",
            ),
            Step(
                "Ban hành quyết định thay thế",
                "Dự thảo thay thế đi đủ quy trình: chuyên viên gửi duyệt, lãnh đạo duyệt và ký số, văn thư "
                "cấp số, ký số cơ quan và phát hành. Văn bản bị thay thế chuyển sang “Đã bị thay thế”.",
                Check("outgoing", "issue", where={"replaces": {"ref": "sai_nd"}}),
                role="clerk",
                screen="sandbox:outgoing_list",
                action="outgoing.issue",
            ),
            Step(
                "Ban hành công văn đính chính",
                "Công văn đính chính cũng phải được duyệt, ký số, cấp số, ký số cơ quan và phát hành "
                "tới đúng các nơi đã nhận thông báo.",
                Check("outgoing", "issue", where={"corrects": {"ref": "sai_tt"}}),
                role="clerk",
                screen="sandbox:outgoing_list",
                action="outgoing.issue",
            ),
        ),
        forbidden=(
            Forbidden(
                Check("outgoing", "correct", ref="sai_nd"), "Sai nội dung phải ban hành văn bản thay thế."
            ),
            Forbidden(
                Check("outgoing", "replace", ref="sai_tt"), "Sai thể thức chỉ cần công văn đính chính."
            ),
        ),
    ),
)

DOSSIERS = (
    Scenario(
        slug="hs-khai-sinh-tiep-nhan",
        task=14,
        title="Tiếp nhận hồ sơ đăng ký khai sinh, in phiếu hẹn (quy tắc 15 giờ)",
        area="dossiers",
        goal=(
            "Tiếp nhận hồ sơ khai sinh nộp lúc sau 15 giờ chiều thứ Sáu và in phiếu tiếp nhận, hẹn trả đúng."
        ),
        background=(
            "Đăng ký khai sinh giải quyết trong ngày; hồ sơ tiếp nhận "
            "sau 15 giờ thì hẹn trả ngày làm việc tiếp "
            "theo (thứ Bảy, Chủ nhật không tính). Địa chỉ trên tờ khai "
            "còn ghi “huyện”: cấp huyện đã bỏ từ 1/7/2025."
        ),
        role="one_stop",
        clock={"weekday": 4, "time": "15:20"},
        start="sandbox:dossier_list",
        seeds=(Seed("dossier", "hs", {"procedure": "birth", "district_in_address": True}),),
        steps=(
            Step(
                "Sửa địa chỉ còn ghi cấp huyện",
                "Bấm “Sửa thông tin hồ sơ”, bỏ phần “huyện …” trong địa "
                "chỉ: chỉ còn số nhà, xã/phường, tỉnh.",
                Check(
                    "dossier",
                    "update",
                    ref="hs",
                    expect={"owner_address": {"not_matches": DISTRICT}},
                    expect_message="Địa chỉ vẫn còn cấp huyện.",
                ),
                role="one_stop",
                screen="hs",
            ),
            Step(
                "Tiếp nhận hồ sơ, hẹn trả đúng quy tắc 15 giờ",
                "Nộp sau 15 giờ thứ Sáu: ngày hẹn trả là thứ Hai tuần sau.",
                Check(
                    "dossier",
                    "accept",
                    ref="hs",
                    expect={"appointment": {"equals_field": "statutory_appointment"}},
                    expect_message="Ngày hẹn trả chưa đúng quy tắc 15 giờ và ngày làm việc.",
                ),
                role="one_stop",
                screen="hs",
            ),
            Step(
                "In phiếu tiếp nhận và hẹn trả kết quả",
                "Bấm “In phiếu tiếp nhận”.",
                Check("dossier", "print_receipt", ref="hs"),
                role="one_stop",
                screen="hs",
            ),
        ),
    ),
    Scenario(
        slug="hs-bo-sung-tu-choi",
        task=15,
        title="Yêu cầu bổ sung giấy tờ; từ chối hồ sơ; tiếp nhận hồ sơ ngoài địa bàn",
        area="dossiers",
        goal=(
            "Yêu cầu bổ sung đúng cách (đồng hồ tạm dừng), từ chối hồ sơ không đủ điều kiện có lý do, và "
            "không từ chối hồ sơ chỉ vì công dân ở xã khác."
        ),
        role="handler",
        start="sandbox:dossier_list",
        seeds=(
            Seed("dossier", "thieu", {"procedure": "birth", "status": "4"}),
            Seed("dossier", "sai", {"procedure": "copy", "status": "1"}),
            Seed("dossier", "ngoai", {"procedure": "birth", "status": "1", "other_commune": True}),
        ),
        steps=(
            Step(
                "Yêu cầu bổ sung giấy chứng sinh",
                "Với vai trò Chuyên viên: “Yêu cầu bổ sung giấy tờ”, ghi rõ giấy tờ cần bổ sung.",
                Check("dossier", "request_papers", ref="thieu"),
                role="handler",
                screen="thieu",
            ),
            Step(
                "In phiếu yêu cầu bổ sung",
                "Bấm “In phiếu yêu cầu bổ sung, hoàn thiện hồ sơ”.",
                Check("dossier", "print_request", ref="thieu"),
                role="handler",
                screen="thieu",
            ),
            Step(
                "Từ chối hồ sơ chứng thực có bản chính bị tẩy xóa",
                "Vai trò Một cửa: “Không tiếp nhận”, chọn lý do và ghi rõ (bản chính bị tẩy xóa, sửa chữa).",
                Check("dossier", "refuse", ref="sai"),
                role="one_stop",
                screen="sai",
            ),
            Step(
                "Tiếp nhận hồ sơ của công dân ở xã khác",
                "Từ 1/7/2025 hồ sơ được tiếp nhận không phụ thuộc nơi cư trú: bấm “Tiếp nhận hồ sơ”. "
                "Nếu lỡ từ chối, bấm “Hủy từ chối, tiếp nhận lại”, ghi lý do, rồi tiếp nhận.",
                Check("dossier", "accept", ref="ngoai"),
                role="one_stop",
                screen="ngoai",
            ),
        ),
        forbidden=(
            Forbidden(
                Check("dossier", "refuse", ref="ngoai"),
                "Đã từ chối hồ sơ đủ điều kiện của công dân ở xã khác (Nghị định 118/2025/NĐ-CP).",
            ),
        ),
    ),
    Scenario(
        slug="hs-lien-thong-khai-sinh",
        task=16,
        title="Liên thông khai sinh, thường trú, thẻ BHYT cho trẻ dưới 6 tuổi",
        area="dossiers",
        goal=(
            "Giải quyết trọn một hồ sơ liên thông: tiếp nhận, gửi liên "
            "thông, ký và cấp số kết quả, trả kết quả."
        ),
        background=(
            "Thời hạn liên thông: 3 ngày làm việc. Công an xã và Bảo hiểm xã hội trả lời sau vài giờ; "
            "cơ quan có thể yêu cầu bổ sung. Kết quả được lập từ dữ liệu hồ sơ, không gõ lại."
        ),
        role="one_stop",
        faults=("portal_sync_error",),
        start="sandbox:dossier_list",
        seeds=(
            Seed(
                "dossier",
                "lt",
                {"procedure": "joint_birth", "interconnect_script": {"residence": ["more", "done"]}},
            ),
        ),
        steps=(
            Step(
                "Tiếp nhận hồ sơ (hẹn 3 ngày làm việc)",
                "Nếu báo lỗi đồng bộ với Cổng dịch vụ công, thử lại.",
                Check(
                    "dossier",
                    "accept",
                    ref="lt",
                    expect={"appointment": {"equals_field": "statutory_appointment"}},
                    expect_message="Liên thông khai sinh - thường trú - BHYT: hẹn 3 ngày làm việc.",
                ),
                role="one_stop",
                screen="lt",
            ),
            Step(
                "Chuyển xử lý",
                "Bấm “Chuyển xử lý”.",
                Check("dossier", "transfer", ref="lt"),
                role="one_stop",
                screen="lt",
            ),
            Step(
                "Lãnh đạo phân công chuyên viên thụ lý",
                "Vai trò Lãnh đạo: “Phân công chuyên viên thụ lý”, chọn công chức Tư pháp - Hộ tịch.",
                Check("dossier", "assign_handler", ref="lt"),
                role="leader",
                screen="lt",
            ),
            Step(
                "Gửi liên thông đăng ký thường trú",
                "Vai trò Chuyên viên: “Gửi liên thông”, chọn Công an xã.",
                Check("dossier", "interconnect_send", ref="lt", where={"agency": {"equals": "residence"}}),
                role="handler",
                screen="lt",
            ),
            Step(
                "Gửi liên thông cấp thẻ BHYT",
                "“Gửi liên thông”, chọn Bảo hiểm xã hội.",
                Check("dossier", "interconnect_send", ref="lt", where={"agency": {"equals": "insurance"}}),
                role="handler",
                screen="lt",
            ),
            Step(
                "Theo dõi kết quả: Công an xã yêu cầu bổ sung, gửi lại",
                "Các cơ quan trả lời sau vài giờ (dùng “Sang ngày làm việc tiếp theo” nếu cần). Công an xã "
                "yêu cầu bổ sung: bổ sung rồi “Gửi liên thông” lại cho Công an xã.",
                Check(
                    "dossier",
                    "interconnect_send",
                    ref="lt",
                    where={"agency": {"equals": "residence"}, "follow_up": {"equals": True}},
                ),
                role="handler",
                screen="lt",
            ),
            Step(
                "Tạo dự thảo văn bản kết quả từ hồ sơ",
                "Bấm “Tạo dự thảo văn bản kết quả”.",
                Check("dossier", "draft_result", ref="lt"),
                role="handler",
                screen="lt",
            ),
            Step(
                "Gửi duyệt văn bản kết quả",
                "Mở dự thảo vừa tạo, bấm “Gửi duyệt”.",
                Check("outgoing", "submit_review"),
                role="handler",
                screen="sandbox:outgoing_list",
            ),
            Step(
                "Lãnh đạo duyệt, trình ký",
                "Vai trò Lãnh đạo: “Duyệt, trình ký”.",
                Check("outgoing", "approve"),
                role="leader",
                screen="sandbox:outgoing_list",
            ),
            Step(
                "Lãnh đạo ký số",
                "“Ký số” bằng USB token.",
                Check("outgoing", "sign"),
                role="leader",
                screen="sandbox:outgoing_list",
            ),
            Step(
                "Văn thư cấp số",
                "Vai trò Văn thư: “Cấp số”.",
                Check("outgoing", "number"),
                role="clerk",
                screen="sandbox:outgoing_list",
            ),
            Step(
                "Hoàn thành xử lý hồ sơ",
                "Vai trò Chuyên viên, mở hồ sơ, “Hoàn thành xử lý”.",
                Check("dossier", "complete", ref="lt"),
                role="handler",
                screen="lt",
            ),
            Step(
                "Trả kết quả",
                "Vai trò Một cửa: “Trả kết quả”, kiểm tra giấy tờ tùy thân người nhận.",
                Check("dossier", "return_result", ref="lt"),
                role="one_stop",
                screen="lt",
            ),
        ),
    ),
    Scenario(
        slug="hs-chung-thuc",
        task=17,
        title="Chứng thực bản sao cho công dân đến trực tiếp, thu phí",
        area="dossiers",
        goal="Nhập hồ sơ chứng thực cho công dân tại quầy, thu đúng phí và trả kết quả trong ngày.",
        background=(
            "Công dân mang bằng tốt nghiệp THPT (1 trang) xin chứng thực 3 bản sao. Phí chứng thực bản sao: "
            "2.000 đồng/trang cho trang 1–2, từ trang 3 là 1.000 đồng/trang, tối đa 200.000 đồng/bản."
        ),
        role="one_stop",
        clock={"weekday": 1, "time": "09:30"},
        start="sandbox:dossier_new",
        steps=(
            Step(
                "Nhập hồ sơ chứng thực tại quầy",
                "“Nhập hồ sơ tại quầy”: thủ tục Chứng thực bản sao, số trang 1, số bản 3.",
                Check(
                    "dossier",
                    "create",
                    expect={
                        "procedure": {"equals": "copy"},
                        "pages": {"equals": 1},
                        "copies": {"equals": 3},
                    },
                    expect_message="Hồ sơ chứng thực: 1 trang, 3 bản sao.",
                ),
                role="one_stop",
                screen="sandbox:dossier_new",
            ),
            Step(
                "Tiếp nhận (trả trong ngày)",
                "Chứng thực bản sao trả trong ngày.",
                Check("dossier", "accept", expect={"appointment": {"equals_field": "statutory_appointment"}}),
                role="one_stop",
                screen="sandbox:dossier_list",
            ),
            Step(
                "Chuyển xử lý",
                "Bấm “Chuyển xử lý”.",
                Check("dossier", "transfer"),
                role="one_stop",
                screen="sandbox:dossier_list",
            ),
            Step(
                "Thông báo phí chứng thực",
                "Vai trò Chuyên viên: “Thông báo phí, lệ phí”: 3 bản × 1 trang × 2.000 đồng = 6.000 đồng.",
                Check(
                    "dossier",
                    "request_fee",
                    expect={"fee_amount": {"equals_field": "fee_expected"}},
                    expect_message="Số phí chứng thực chưa đúng.",
                ),
                role="handler",
                screen="sandbox:dossier_list",
            ),
            Step(
                "Thu phí",
                "Vai trò Một cửa: “Ghi nhận đã nộp phí”, ghi số biên lai.",
                Check("dossier", "fee_paid"),
                role="one_stop",
                screen="sandbox:dossier_list",
            ),
            Step(
                "Hoàn thành xử lý",
                "Vai trò Chuyên viên: “Hoàn thành xử lý”.",
                Check("dossier", "complete"),
                role="handler",
                screen="sandbox:dossier_list",
            ),
            Step(
                "Trả kết quả cho công dân",
                "Vai trò Một cửa: “Trả kết quả”.",
                Check("dossier", "return_result"),
                role="one_stop",
                screen="sandbox:dossier_list",
            ),
        ),
    ),
    Scenario(
        slug="hs-thu-phi",
        task=18,
        title="Ghi nhận nộp phí, lệ phí",
        area="dossiers",
        goal="Ghi nhận công dân đã nộp đúng số phí đã thông báo và in biên lai.",
        role="one_stop",
        start="sandbox:dossier_list",
        seeds=(Seed("dossier", "phi", {"procedure": "copy", "status": "6"}),),
        steps=(
            Step(
                "Ghi nhận đã nộp phí",
                "Nhập đúng số tiền đã thông báo và số biên lai.",
                Check("dossier", "fee_paid", ref="phi"),
                role="one_stop",
                screen="phi",
            ),
            Step(
                "In biên lai thu phí",
                "Bấm “In biên lai”.",
                Check("dossier", "print_fee", ref="phi"),
                role="one_stop",
                screen="phi",
            ),
        ),
    ),
    Scenario(
        slug="hs-qua-han",
        task=19,
        title="Xử lý hồ sơ quá hạn: phiếu xin lỗi và hẹn lại",
        area="dossiers",
        goal=(
            "Lập phiếu xin lỗi và hẹn lại ngày trả cho hồ sơ đã quá "
            "hạn, rồi tạm dừng đúng cách khi chờ giấy tờ."
        ),
        background=(
            "Hôm trước công dân được dặn miệng mang bổ sung giấy tờ, "
            "nhưng hồ sơ không được chuyển sang “Yêu cầu "
            "bổ sung” nên đồng hồ vẫn chạy và hồ sơ đã quá hạn."
        ),
        role="handler",
        start="sandbox:dossier_list",
        seeds=(Seed("dossier", "qh", {"procedure": "birth", "status": "4", "appointment_days": -1}),),
        steps=(
            Step(
                "Lập phiếu xin lỗi và hẹn lại ngày trả",
                "“Phiếu xin lỗi và hẹn lại ngày trả”: ghi lý do chậm và ngày hẹn mới.",
                Check("dossier", "extend", ref="qh", expect={"was_overdue": {"equals": True}}),
                role="handler",
                screen="qh",
            ),
            Step(
                "In phiếu xin lỗi",
                "Bấm “In phiếu xin lỗi và hẹn lại”.",
                Check("dossier", "print_apology", ref="qh"),
                role="handler",
                screen="qh",
            ),
            Step(
                "Chuyển hồ sơ sang chờ bổ sung để dừng đồng hồ",
                "“Yêu cầu bổ sung giấy tờ”: trong thời gian chờ, thời hạn giải quyết tạm dừng.",
                Check("dossier", "request_papers", ref="qh"),
                role="handler",
                screen="qh",
            ),
        ),
    ),
    Scenario(
        slug="hs-tra-ket-qua",
        task=20,
        title="Hoàn thành và trả kết quả, đóng hồ sơ",
        area="dossiers",
        goal="Hoàn thành xử lý hồ sơ đã có kết quả ký số và trả kết quả đúng người.",
        role="handler",
        start="sandbox:dossier_list",
        seeds=(Seed("dossier", "kq", {"procedure": "birth", "status": "4", "result": "numbered"}),),
        steps=(
            Step(
                "Hoàn thành xử lý",
                "Văn bản kết quả đã ký và cấp số: bấm “Hoàn thành xử lý”.",
                Check("dossier", "complete", ref="kq"),
                role="handler",
                screen="kq",
            ),
            Step(
                "Trả kết quả, kiểm tra người nhận",
                "Vai trò Một cửa: “Trả kết quả”, đối chiếu số định danh của người nhận với chủ hồ sơ.",
                Check("dossier", "return_result", ref="kq"),
                role="one_stop",
                screen="kq",
            ),
        ),
    ),
    Scenario(
        slug="hs-rut-dung",
        task=21,
        title="Rút hồ sơ theo đề nghị và dừng xử lý",
        area="dossiers",
        goal="Ghi nhận công dân rút hồ sơ và dừng xử lý một hồ sơ, đều có lý do.",
        role="one_stop",
        start="sandbox:dossier_list",
        seeds=(
            Seed("dossier", "rut", {"procedure": "marriage", "status": "2"}),
            Seed("dossier", "dung", {"procedure": "birth", "status": "4"}),
        ),
        steps=(
            Step(
                "Rút hồ sơ theo đề nghị của công dân",
                "“Rút hồ sơ”, ghi nội dung đề nghị của công dân.",
                Check("dossier", "withdraw", ref="rut"),
                role="one_stop",
                screen="rut",
            ),
            Step(
                "Dừng xử lý hồ sơ",
                "Vai trò Chuyên viên: “Dừng xử lý”, ghi lý do.",
                Check("dossier", "stop", ref="dung"),
                role="handler",
                screen="dung",
            ),
        ),
    ),
    Scenario(
        slug="hs-tra-cuu-bao-cao",
        task=22,
        title="Tra cứu hồ sơ và xem báo cáo tháng",
        area="dossiers",
        goal=(
            "Tìm nhanh một hồ sơ theo mã khi công dân hỏi, rồi xem báo cáo tình hình giải quyết trong tháng."
        ),
        background="Công dân gọi điện hỏi hồ sơ khai sinh; mã hồ sơ có trên phiếu hẹn (xem danh sách hồ sơ).",
        role="one_stop",
        start="sandbox:dossier_list",
        seeds=(Seed("dossier", "tim", {"procedure": "birth", "status": "4"}),),
        steps=(
            Step(
                "Tra cứu hồ sơ theo mã",
                "Gõ mã hồ sơ (hoặc họ tên) vào ô tìm kiếm.",
                Check("dossier", "search", ref="tim"),
                role="one_stop",
                screen="sandbox:dossier_list",
            ),
            Step(
                "Xem báo cáo tháng",
                "Mở “Báo cáo tháng”.",
                Check("dossier", "report"),
                role="one_stop",
                screen="sandbox:dossier_report",
            ),
        ),
    ),
    Scenario(
        slug="hs-ket-hon-treo-may",
        title="Đăng ký kết hôn khi hệ thống treo ở bước cuối",
        area="dossiers",
        goal=(
            "Khi hệ thống treo ở bước xác nhận cuối, vẫn phục vụ công "
            "dân bằng quy trình giấy, rồi cập nhật hồ "
            "sơ lên hệ thống khi hệ thống hoạt động lại."
        ),
        background="Đã nhập đủ dữ liệu hồ sơ đăng ký kết hôn; hai bên đang chờ nhận giấy chứng nhận.",
        role="handler",
        faults=("portal_freeze",),
        start="sandbox:dossier_list",
        seeds=(Seed("dossier", "kh", {"procedure": "marriage", "status": "4"}),),
        steps=(
            Step(
                "Xác nhận hoàn thành: hệ thống treo",
                "Bấm “Hoàn thành xử lý”: hệ thống không phản hồi.",
                Check(
                    "dossier",
                    "complete",
                    ref="kh",
                    ok=False,
                    where={"fault_name": {"equals": "portal_freeze"}},
                ),
                role="handler",
                screen="kh",
                action="dossier.complete",
            ),
            Step(
                "Cấp giấy chứng nhận kết hôn bản giấy",
                "“Cấp bản giấy (quy trình dự phòng)”: ghi số giấy chứng nhận và quyển sổ hộ tịch.",
                Check("dossier", "paper_fallback", ref="kh"),
                role="handler",
                screen="kh",
            ),
            Step(
                "Hệ thống hoạt động lại",
                "Bấm “Hệ thống đã hoạt động lại”.",
                Check("fault", "fix", where={"fault": {"equals": "portal_freeze"}}),
                role="handler",
                screen="kh",
                action="fault.portal_freeze",
            ),
            Step(
                "Cập nhật hồ sơ lên hệ thống",
                "Bấm lại “Hoàn thành xử lý”: hồ sơ ghi nhận đã cấp bản giấy.",
                Check("dossier", "complete", ref="kh", expect={"paper_fallback": {"equals": True}}),
                role="handler",
                screen="kh",
            ),
            Step(
                "Trả kết quả trên hệ thống",
                "Vai trò Một cửa: “Trả kết quả”.",
                Check("dossier", "return_result", ref="kh"),
                role="one_stop",
                screen="kh",
            ),
        ),
    ),
)

SCENARIOS: dict[str, Scenario] = {s.slug: s for s in (*LOGIN, *INCOMING, *OUTGOING, *SIGNING, *DOSSIERS)}

AREAS = {
    "login": "Đăng nhập",
    "documents": "Văn bản đến, văn bản đi",
    "signing": "Ký số",
    "dossiers": "Hồ sơ một cửa",
}
