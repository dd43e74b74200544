# ruff: noqa: E501 -- Vietnamese content strings read better unbroken.
"""Demo data: one quiz per shipped course, each of at least ten questions in Vietnamese, grounded in the
workflows of DOMAIN.md, together using every question type; and the trainers' right to edit them.

Idempotent: a question is created once by its code, a quiz once by its slug; what editors change
afterwards is left alone.
"""

from decimal import Decimal

from django.contrib.auth.models import Group, Permission

from quizzes.models import Option, Question, QuestionKind, Quiz, QuizDrawRule, QuizQuestion

S, M, TF, ORD, MAT, SHORT, NUM, PRAC = (
    QuestionKind.SINGLE,
    QuestionKind.MULTIPLE,
    QuestionKind.TRUE_FALSE,
    QuestionKind.ORDERING,
    QuestionKind.MATCHING,
    QuestionKind.SHORT_ANSWER,
    QuestionKind.NUMERIC,
    QuestionKind.PRACTICAL,
)


def o(text: str, correct: bool = False, explanation: str = "", match: str = "") -> dict:
    return {"text": text, "is_correct": correct, "explanation": explanation, "match_text": match}


def true_false(answer: bool, *, if_true: str, if_false: str) -> list[dict]:
    return [o("Đúng", answer, if_true), o("Sai", not answer, if_false)]


LOGIN = {
    "slug": "kiem-tra-dang-nhap",
    "title": "Kiểm tra: đăng nhập, tài khoản và VNeID",
    "course_slug": "dang-nhap-tai-khoan",
    "system": "login",
    "intro": "Mười một câu hỏi về đăng nhập an toàn, tránh bị khóa tài khoản, đặt lại mật khẩu và VNeID. "
    "Làm trong 15 phút; đáp án hiện ngay sau khi bạn bấm “Kiểm tra đáp án” ở từng câu.",
    "settings": {"time_limit_minutes": 15, "feedback": "immediate", "pass_mark": 70},
    "questions": [
        {
            "code": "DN-01",
            "kind": S,
            "difficulty": 1,
            "prompt": "Bạn vừa nhập sai mật khẩu hai lần liên tiếp. Trước khi thử lại, việc nên làm đầu tiên là gì?",
            "options": [
                o(
                    "Kiểm tra phím Caps Lock và tắt bộ gõ tiếng Việt rồi gõ lại thật chậm",
                    True,
                    "Phần lớn lỗi “sai mật khẩu” là do Caps Lock đang bật hoặc bộ gõ tiếng Việt tự đổi "
                    "“dd” thành “đ”.",
                ),
                o(
                    "Gõ lại liên tục cho đến khi vào được",
                    explanation="Sai nhiều lần liên tiếp sẽ làm tài khoản bị tạm khóa, phải chờ hoặc nhờ "
                    "quản trị mở khóa.",
                ),
                o(
                    "Nhờ đồng nghiệp đăng nhập hộ bằng tài khoản của họ",
                    explanation="Mỗi người chỉ dùng tài khoản của mình; mọi thao tác được ghi nhận theo tài khoản.",
                ),
            ],
        },
        {
            "code": "DN-02",
            "kind": TF,
            "difficulty": 1,
            "prompt": "Có thể đưa mật khẩu tài khoản công vụ cho đồng nghiệp để nhờ làm hộ khi bận.",
            "options": true_false(
                False,
                if_true="Không đúng: tài khoản gắn với trách nhiệm của từng người.",
                if_false="Đúng vậy: không chia sẻ mật khẩu; nếu cần người làm thay, lãnh đạo phân công "
                "trên hệ thống.",
            ),
        },
        {
            "code": "DN-03",
            "kind": M,
            "difficulty": 2,
            "prompt": "Những nguyên nhân nào thường làm tên đăng nhập hoặc mật khẩu bị báo sai dù bạn nhớ đúng?",
            "options": [
                o("Phím Caps Lock đang bật", True, "Mật khẩu phân biệt chữ hoa, chữ thường."),
                o("Bộ gõ tiếng Việt đang bật", True, "Bộ gõ có thể đổi “aa” thành “â”, “dd” thành “đ”."),
                o("Có dấu cách thừa ở đầu hoặc cuối", True, "Dấu cách cũng là một ký tự của mật khẩu."),
                o("Màn hình máy tính quá tối", explanation="Độ sáng màn hình không ảnh hưởng tới mật khẩu."),
            ],
        },
        {
            "code": "DN-04",
            "kind": S,
            "difficulty": 2,
            "prompt": "Tài khoản VNeID được dùng cùng lúc trên bao nhiêu thiết bị?",
            "options": [
                o(
                    "Một thiết bị; đăng nhập trên điện thoại mới sẽ phải xác nhận bằng mã OTP gửi về thiết bị cũ",
                    True,
                    "VNeID chỉ hoạt động trên một thiết bị tại một thời điểm.",
                ),
                o("Hai thiết bị", explanation="Không: chỉ một thiết bị."),
                o("Không giới hạn", explanation="Không: đổi thiết bị phải xác nhận lại."),
            ],
        },
        {
            "code": "DN-05",
            "kind": NUM,
            "difficulty": 1,
            "prompt": "Mã khóa (passcode) của ứng dụng VNeID gồm bao nhiêu chữ số?",
            "numeric_answer": Decimal("6"),
            "explanation": "Passcode VNeID gồm 6 chữ số; không chia sẻ cho ai.",
        },
        {
            "code": "DN-06",
            "kind": S,
            "difficulty": 2,
            "prompt": "Vào giờ cao điểm, VNeID báo “Hệ thống đang bảo trì”. Bạn nên làm gì?",
            "options": [
                o(
                    "Chờ ít phút rồi thử lại; không gỡ ứng dụng, không đổi điện thoại",
                    True,
                    "Đây là lỗi phía hệ thống, không phải lỗi tài khoản của bạn.",
                ),
                o(
                    "Gỡ và cài lại ứng dụng VNeID ngay",
                    explanation="Cài lại hoặc đổi máy có thể buộc bạn xác thực lại thiết bị mà không sửa được lỗi.",
                ),
                o(
                    "Đăng nhập bằng tài khoản VNeID của người khác",
                    explanation="Tài khoản định danh là của riêng từng người.",
                ),
            ],
        },
        {
            "code": "DN-07",
            "kind": ORD,
            "difficulty": 2,
            "prompt": "Sắp xếp các bước tự đặt lại mật khẩu khi quên.",
            "options": [
                o("Bấm “Quên mật khẩu” trên trang đăng nhập"),
                o("Nhập địa chỉ thư điện tử công vụ đã đăng ký"),
                o("Mở thư đặt lại mật khẩu và bấm vào đường dẫn trong thư"),
                o("Đặt mật khẩu mới đủ mạnh rồi đăng nhập lại"),
            ],
            "explanation": "Đường dẫn đặt lại chỉ dùng được một lần và có thời hạn.",
        },
        {
            "code": "DN-08",
            "kind": MAT,
            "difficulty": 3,
            "prompt": "Ghép mỗi tình huống VNeID với điều cần biết hoặc cần làm.",
            "options": [
                o(
                    "Tài khoản định danh mức 2",
                    match="Được cấp tại cơ quan công an, có thu nhận ảnh chân dung và vân tay",
                ),
                o("Tài khoản định danh mức 1", match="Tự đăng ký trên ứng dụng bằng số định danh cá nhân"),
                o("Chuyển sang điện thoại mới", match="Xác nhận bằng mã OTP trên thiết bị cũ"),
                o(
                    "Báo “tài khoản chưa được kích hoạt”",
                    match="Hoàn tất kích hoạt tài khoản trước khi đăng nhập",
                ),
            ],
        },
        {
            "code": "DN-09",
            "kind": SHORT,
            "difficulty": 1,
            "prompt": "Ứng dụng định danh điện tử quốc gia có tên viết tắt là gì?",
            "options": [
                o("VNeID", True, "VNeID là ứng dụng định danh và xác thực điện tử quốc gia."),
                o("VN eID", True),
                o("VssID", explanation="VssID là ứng dụng bảo hiểm xã hội số, không phải định danh điện tử."),
            ],
        },
        {
            "code": "DN-10",
            "kind": PRAC,
            "difficulty": 2,
            "prompt": "Hoàn thành bài thực hành đăng nhập cơ bản: đăng nhập, xử lý khi sai mật khẩu mà không để "
            "tài khoản bị khóa, và đặt lại mật khẩu.",
            "scenario_slug": "dang-nhap-co-ban",
        },
        {
            "code": "DN-11",
            "kind": TF,
            "difficulty": 1,
            "prompt": "Mật khẩu phân biệt chữ hoa và chữ thường.",
            "options": true_false(
                True,
                if_true="Đúng: “MatKhau” và “matkhau” là hai mật khẩu khác nhau.",
                if_false="Không đúng: hãy kiểm tra Caps Lock trước khi gõ.",
            ),
        },
    ],
}

DOCUMENTS = {
    "slug": "kiem-tra-van-ban",
    "title": "Kiểm tra: quản lý văn bản đi, đến",
    "course_slug": "quan-ly-van-ban",
    "system": "documents",
    "intro": "Mười câu hỏi rút ngẫu nhiên từ ngân hàng câu hỏi về văn bản đến, văn bản đi, số và ký hiệu "
    "văn bản. Làm trong 20 phút; đáp án và giải thích hiện sau khi nộp bài.",
    "settings": {"time_limit_minutes": 20, "pass_mark": 70, "selection": "random", "shuffle_questions": True},
    "draw": [{"difficulty": 1, "count": 4}, {"count": 6}],
    "questions": [
        {
            "code": "VB-01",
            "kind": SHORT,
            "difficulty": 2,
            "prompt": "Ghi số và ký hiệu của quyết định thứ 5 trong năm của Ủy ban nhân dân xã, đúng thể thức "
            "(bắt đầu bằng “Số:”).",
            "options": [
                o("Số: 05/QĐ-UBND", True, "Số nhỏ hơn 10 thêm số 0 ở trước; QĐ là viết tắt của quyết định."),
                o("Số: 5/QĐ-UBND", explanation="Số nhỏ hơn 10 phải thêm số 0 ở trước: 05."),
                o("Số: 05/UBND-QĐ", explanation="Viết tắt tên loại văn bản đứng trước tên cơ quan: QĐ-UBND."),
            ],
        },
        {
            "code": "VB-02",
            "kind": S,
            "difficulty": 2,
            "prompt": "Công văn số 123 của Ủy ban nhân dân xã do bộ phận Văn hóa - Xã hội soạn thảo ghi số, ký "
            "hiệu thế nào?",
            "options": [
                o(
                    "Số: 123/UBND-VHXH",
                    True,
                    "Công văn không có chữ viết tắt tên loại; sau tên cơ quan là đơn vị soạn thảo.",
                ),
                o("Số: 123/CV-UBND", explanation="Công văn không ghi “CV”."),
                o("Số: 123/UBND", explanation="Thiếu chữ viết tắt của đơn vị soạn thảo (VHXH)."),
            ],
        },
        {
            "code": "VB-03",
            "kind": MAT,
            "difficulty": 3,
            "prompt": "Ghép mã trạng thái văn bản trên trục liên thông với ý nghĩa của nó.",
            "options": [
                o("01", match="Đã đến (văn thư chưa xử lý)"),
                o("02", match="Từ chối tiếp nhận", explanation="Trả lại văn bản phải ghi rõ lý do."),
                o("03", match="Đã tiếp nhận, vào sổ"),
                o("04", match="Lãnh đạo đã phân công"),
                o("06", match="Hoàn thành"),
            ],
        },
        {
            "code": "VB-04",
            "kind": ORD,
            "difficulty": 2,
            "prompt": "Sắp xếp các bước của một văn bản đi, từ dự thảo đến khi phát hành.",
            "options": [
                o("Dự thảo văn bản"),
                o("Trình lãnh đạo ký"),
                o("Lãnh đạo ký số bằng chữ ký cá nhân"),
                o("Văn thư cấp số, ngày văn bản"),
                o(
                    "Văn thư ký số của cơ quan (dấu điện tử)",
                    explanation="Chỉ sau khi người có thẩm quyền đã ký.",
                ),
                o("Phát hành và theo dõi việc nhận"),
            ],
        },
        {
            "code": "VB-05",
            "kind": TF,
            "difficulty": 1,
            "prompt": "Số đến được đánh liên tục trong năm, chung cho cả văn bản giấy và văn bản điện tử.",
            "options": true_false(
                True,
                if_true="Đúng: một dãy số đến duy nhất trong năm cho mọi văn bản đến.",
                if_false="Không đúng: văn bản giấy và điện tử dùng chung một dãy số đến.",
            ),
        },
        {
            "code": "VB-06",
            "kind": S,
            "difficulty": 1,
            "prompt": "Văn bản đến có độ khẩn “Hỏa tốc” phải được đăng ký và trình khi nào?",
            "options": [
                o("Ngay khi nhận được", True, "Văn bản Hỏa tốc, Thượng khẩn được xử lý ngay."),
                o(
                    "Trong ngày làm việc tiếp theo",
                    explanation="Đó là thời hạn đăng ký văn bản thường, không phải văn bản khẩn.",
                ),
                o("Trong vòng ba ngày làm việc", explanation="Quá chậm với mọi văn bản đến."),
            ],
        },
        {
            "code": "VB-07",
            "kind": M,
            "difficulty": 2,
            "prompt": "Trả lại một văn bản gửi nhầm nhận qua trục liên thông: cần làm những gì?",
            "options": [
                o("Chọn trạng thái 02 “Từ chối tiếp nhận”", True, "Bên gửi được báo trạng thái này."),
                o("Ghi rõ lý do trả lại", True, "Lý do là bắt buộc khi từ chối tiếp nhận."),
                o(
                    "Xóa văn bản mà không báo bên gửi",
                    explanation="Bên gửi sẽ không biết văn bản chưa tới đúng nơi.",
                ),
                o(
                    "Vào sổ văn bản đến rồi mới trả lại",
                    explanation="Văn bản gửi nhầm không vào sổ của mình.",
                ),
            ],
        },
        {
            "code": "VB-08",
            "kind": S,
            "difficulty": 3,
            "prompt": "Một văn bản đã phát hành có sai sót về nội dung. Xử lý thế nào?",
            "options": [
                o("Ban hành văn bản mới thay thế", True, "Sai nội dung thì thay thế bằng văn bản mới."),
                o(
                    "Gửi công văn đính chính",
                    explanation="Đính chính chỉ dùng cho sai sót về thể thức, kỹ thuật trình bày.",
                ),
                o("Sửa trực tiếp trên bản đã phát hành", explanation="Văn bản đã phát hành không được sửa."),
            ],
        },
        {
            "code": "VB-09",
            "kind": NUM,
            "difficulty": 1,
            "prompt": "Văn bản đi đầu tiên Ủy ban nhân dân xã ban hành trong năm mới mang số mấy?",
            "numeric_answer": Decimal("1"),
            "explanation": "Số văn bản đi được đánh lại từ 01 vào ngày 1 tháng 1 hằng năm.",
        },
        {
            "code": "VB-10",
            "kind": S,
            "difficulty": 1,
            "prompt": "Dòng cuối của phần “Nơi nhận” trên văn bản do bộ phận Văn hóa - Xã hội soạn thảo ghi gì?",
            "options": [
                o("Lưu: VT, VHXH.", True, "Lưu một bản ở văn thư (VT) và một bản ở đơn vị soạn thảo."),
                o("Lưu: Hồ sơ.", explanation="Phải ghi văn thư và đơn vị soạn thảo."),
                o("Như trên.", explanation="“Như trên” chỉ dùng khi nơi nhận đã nêu ở phần kính gửi."),
            ],
        },
        {
            "code": "VB-11",
            "kind": TF,
            "difficulty": 1,
            "prompt": "Được nhập văn bản mật vào hệ thống quản lý văn bản có kết nối Internet nếu đã đóng dấu "
            "“Mật” rõ ràng.",
            "options": true_false(
                False,
                if_true="Không đúng: văn bản mật không được đưa vào hệ thống kết nối Internet.",
                if_false="Đúng vậy: văn bản mật có sổ và quy trình riêng, không qua hệ thống kết nối Internet.",
            ),
        },
        {
            "code": "VB-12",
            "kind": PRAC,
            "difficulty": 2,
            "prompt": "Hoàn thành bài thực hành: tiếp nhận một văn bản đến từ trục liên thông, kiểm tra và vào sổ.",
            "scenario_slug": "vb-den-tiep-nhan",
        },
        {
            "code": "VB-13",
            "kind": MAT,
            "difficulty": 3,
            "prompt": "Ghép chữ viết tắt trước chức vụ người ký với ý nghĩa của nó.",
            "options": [
                o("TM.", match="Thay mặt tập thể (ví dụ: TM. ỦY BAN NHÂN DÂN)"),
                o("KT.", match="Ký thay người đứng đầu (cấp phó ký)"),
                o("TL.", match="Thừa lệnh"),
                o("TUQ.", match="Thừa ủy quyền"),
            ],
        },
    ],
}

SIGNING = {
    "slug": "kiem-tra-ky-so",
    "title": "Kiểm tra: chữ ký số",
    "course_slug": "chu-ky-so",
    "system": "signing",
    "intro": "Mười một câu hỏi về ký số bằng USB token, ký số từ xa và chữ ký số của cơ quan. Làm trong 15 "
    "phút, tối đa 3 lượt, cách nhau 10 phút.",
    "settings": {"time_limit_minutes": 15, "pass_mark": 80, "max_attempts": 3, "wait_minutes": 10},
    "questions": [
        {
            "code": "KS-01",
            "kind": S,
            "difficulty": 1,
            "prompt": "Nhập sai mã PIN của USB token bao nhiêu lần liên tiếp thì token bị khóa?",
            "options": [
                o(
                    "Ba lần",
                    True,
                    "Sai PIN ba lần thì token bị khóa; khi đã sai hai lần, hãy dừng lại và kiểm tra.",
                ),
                o("Năm lần", explanation="Không: token bị khóa sau ba lần sai."),
                o("Mười lần", explanation="Không: token bị khóa sau ba lần sai."),
            ],
        },
        {
            "code": "KS-02",
            "kind": NUM,
            "difficulty": 2,
            "prompt": "Mã PIN của USB token dài tối đa bao nhiêu ký tự?",
            "numeric_answer": Decimal("16"),
            "explanation": "Mã PIN dài từ 4 đến 16 ký tự.",
        },
        {
            "code": "KS-03",
            "kind": TF,
            "difficulty": 1,
            "prompt": "Để tiết kiệm thời gian, văn thư có thể ký số của cơ quan (dấu điện tử) trước khi lãnh đạo ký.",
            "options": true_false(
                False,
                if_true="Không đúng: dấu điện tử chỉ được đóng sau khi người có thẩm quyền đã ký.",
                if_false="Đúng vậy: lãnh đạo ký trước, văn thư ký số của cơ quan sau.",
            ),
        },
        {
            "code": "KS-04",
            "kind": ORD,
            "difficulty": 2,
            "prompt": "Sắp xếp các bước ký số một văn bản bằng USB token.",
            "options": [
                o("Cắm USB token vào máy tính"),
                o("Kiểm tra phần mềm ký số (plug-in) đang chạy"),
                o("Mở văn bản và bấm “Ký số”"),
                o("Chọn chứng thư số và nhập mã PIN"),
                o("Kiểm tra chữ ký hợp lệ trên văn bản"),
            ],
        },
        {
            "code": "KS-05",
            "kind": MAT,
            "difficulty": 3,
            "prompt": "Ghép mỗi thông báo lỗi khi ký số với cách xử lý.",
            "options": [
                o("Không nhận thiết bị ký số", match="Cắm lại token, kiểm tra driver của token"),
                o("Chưa tải được plug-in ký số", match="Khởi động dịch vụ ký số trên máy rồi tải lại trang"),
                o("Chứng thư số đã hết hạn", match="Đề nghị gia hạn hoặc cấp lại chứng thư số"),
                o(
                    "Không kết nối được máy chủ cấp dấu thời gian",
                    match="Kiểm tra kết nối mạng rồi ký lại sau",
                ),
            ],
        },
        {
            "code": "KS-06",
            "kind": S,
            "difficulty": 2,
            "prompt": "Ký số từ xa: hệ thống đã gửi yêu cầu xác nhận về điện thoại nhưng bạn không xác nhận. Sau "
            "khoảng 300 giây, điều gì xảy ra?",
            "options": [
                o(
                    "Hệ thống báo người ký không xác nhận; phải gửi lại yêu cầu ký",
                    True,
                    "Mỗi yêu cầu ký từ xa có thời hạn; quá hạn thì tạo yêu cầu mới.",
                ),
                o(
                    "Văn bản vẫn được ký",
                    explanation="Không có xác nhận trên điện thoại thì không có chữ ký.",
                ),
                o("USB token bị khóa", explanation="Ký từ xa không dùng USB token."),
            ],
        },
        {
            "code": "KS-07",
            "kind": M,
            "difficulty": 1,
            "prompt": "Những việc nào giúp tránh làm khóa USB token?",
            "options": [
                o(
                    "Kiểm tra Caps Lock và bộ gõ trước khi nhập PIN",
                    True,
                    "PIN phân biệt chữ hoa, chữ thường.",
                ),
                o("Dừng lại và hỏi hỗ trợ khi đã sai hai lần", True, "Lần sai thứ ba sẽ khóa token."),
                o("Thử lần lượt các mã PIN cũ", explanation="Mỗi lần thử sai đều bị đếm."),
                o("Ghi mã PIN lên thân token cho dễ nhớ", explanation="Ai cầm token cũng ký được thay bạn."),
            ],
        },
        {
            "code": "KS-08",
            "kind": S,
            "difficulty": 2,
            "prompt": "Chữ ký số cá nhân của lãnh đạo và chữ ký số của cơ quan khác nhau thế nào?",
            "options": [
                o(
                    "Lãnh đạo ký bằng chứng thư cá nhân; văn thư ký số của cơ quan sau khi lãnh đạo đã ký",
                    True,
                    "Chữ ký cơ quan thay cho con dấu, chỉ đóng sau chữ ký của người có thẩm quyền.",
                ),
                o("Hai chữ ký như nhau, ai ký trước cũng được", explanation="Thứ tự là bắt buộc."),
                o(
                    "Văn thư ký cả hai chữ ký bằng token của mình",
                    explanation="Văn thư không ký thay lãnh đạo.",
                ),
            ],
        },
        {
            "code": "KS-09",
            "kind": TF,
            "difficulty": 1,
            "prompt": "Khi ký bị chậm, không nên bấm “Ký” nhiều lần liên tiếp; hãy chờ kết quả rồi mới thử lại.",
            "options": true_false(
                True,
                if_true="Đúng: bấm nhiều lần tạo nhiều yêu cầu ký và dễ nhập PIN sai.",
                if_false="Không đúng: bấm nhiều lần chỉ làm việc ký chậm hơn và dễ lỗi hơn.",
            ),
        },
        {
            "code": "KS-10",
            "kind": PRAC,
            "difficulty": 2,
            "prompt": "Hoàn thành bài thực hành: ký số một văn bản bằng USB token trong môi trường thực hành.",
            "scenario_slug": "ky-so-usb",
        },
        {
            "code": "KS-11",
            "kind": SHORT,
            "difficulty": 2,
            "prompt": "Chữ ký số của cơ quan, do văn thư thực hiện, thay cho con dấu, còn được gọi là gì? "
            "(ba chữ; có thể gõ không dấu)",
            "diacritics_optional": True,
            "options": [
                o("dấu điện tử", True, "Chữ ký số của cơ quan là dấu điện tử của văn bản."),
                o(
                    "chữ ký cá nhân",
                    explanation="Chữ ký cá nhân là của người có thẩm quyền, không phải của cơ quan.",
                ),
            ],
        },
    ],
}

ONE_STOP = {
    "slug": "kiem-tra-mot-cua",
    "title": "Kiểm tra: một cửa điện tử",
    "course_slug": "mot-cua-dien-tu",
    "system": "one_stop",
    "intro": "Mười hai câu hỏi về tiếp nhận, xử lý và trả kết quả hồ sơ thủ tục hành chính. Làm trong 20 phút.",
    "settings": {"time_limit_minutes": 20, "pass_mark": 70},
    "questions": [
        {
            "code": "MC-01",
            "kind": MAT,
            "difficulty": 2,
            "prompt": "Ghép mã trạng thái hồ sơ trên Cổng Dịch vụ công quốc gia với tên trạng thái.",
            "options": [
                o("1", match="Mới đăng ký"),
                o("2", match="Được tiếp nhận"),
                o("5", match="Yêu cầu bổ sung giấy tờ"),
                o("9", match="Đã xử lý xong"),
                o("10", match="Đã trả kết quả"),
            ],
        },
        {
            "code": "MC-02",
            "kind": S,
            "difficulty": 2,
            "prompt": "Công dân nộp hồ sơ đăng ký khai sinh lúc 15 giờ 30. Hẹn trả kết quả khi nào?",
            "options": [
                o(
                    "Ngày làm việc tiếp theo",
                    True,
                    "Khai sinh giải quyết trong ngày; nhận sau 15 giờ thì trả trong ngày làm việc tiếp theo.",
                ),
                o("Ngay trong ngày", explanation="Chỉ khi hồ sơ được nhận trước 15 giờ."),
                o("Sau ba ngày làm việc", explanation="Ba ngày là thời hạn của hồ sơ liên thông khai sinh."),
            ],
        },
        {
            "code": "MC-03",
            "kind": NUM,
            "difficulty": 3,
            "prompt": "Hồ sơ liên thông đăng ký khai sinh, đăng ký thường trú và cấp thẻ bảo hiểm y tế cho trẻ "
            "dưới 6 tuổi (không cần xác minh) giải quyết trong bao nhiêu ngày làm việc?",
            "numeric_answer": Decimal("3"),
            "explanation": "Ba ngày làm việc; năm ngày nếu phải xác minh.",
        },
        {
            "code": "MC-04",
            "kind": TF,
            "difficulty": 1,
            "prompt": "Từ ngày 1/7/2025, bộ phận một cửa cấp xã phải tiếp nhận hồ sơ không phụ thuộc nơi cư trú "
            "của người dân.",
            "options": true_false(
                True,
                if_true="Đúng: theo Nghị định 118/2025/NĐ-CP, hồ sơ của người ở xã khác cũng phải được tiếp nhận.",
                if_false="Không đúng: không được từ chối hồ sơ vì người dân cư trú ở xã khác.",
            ),
        },
        {
            "code": "MC-05",
            "kind": S,
            "difficulty": 2,
            "prompt": "Trong khi chờ công dân bổ sung giấy tờ (trạng thái 5), thời hạn giải quyết hồ sơ thế nào?",
            "options": [
                o(
                    "Tạm dừng, tính tiếp khi nhận đủ giấy tờ",
                    True,
                    "Không dừng đồng hồ khi chờ bổ sung là lý do thường gặp khiến hồ sơ bị tính quá hạn.",
                ),
                o("Vẫn tiếp tục tính", explanation="Thời gian chờ bổ sung không tính vào thời hạn."),
                o("Tính lại từ đầu", explanation="Không tính lại từ đầu; chỉ tạm dừng."),
            ],
        },
        {
            "code": "MC-06",
            "kind": M,
            "difficulty": 2,
            "prompt": "Một hồ sơ đã quá hạn. Bộ phận một cửa cần làm gì?",
            "options": [
                o(
                    "Gửi văn bản xin lỗi và hẹn lại ngày trả kết quả",
                    True,
                    "Hồ sơ quá hạn phải có thư xin lỗi.",
                ),
                o(
                    "Tiếp tục xử lý và cập nhật tiến độ trên hệ thống",
                    True,
                    "Hồ sơ vẫn phải được giải quyết.",
                ),
                o("Xóa hồ sơ khỏi hệ thống để không bị tính quá hạn", explanation="Không được xóa hồ sơ."),
                o(
                    "Chuyển hồ sơ sang “Dừng xử lý”",
                    explanation="Dừng xử lý chỉ dùng khi có căn cứ dừng, không để che quá hạn.",
                ),
            ],
        },
        {
            "code": "MC-07",
            "kind": ORD,
            "difficulty": 1,
            "prompt": "Sắp xếp các trạng thái của một hồ sơ nộp trực tuyến được giải quyết bình thường.",
            "options": [
                o("1 · Mới đăng ký"),
                o("2 · Được tiếp nhận"),
                o("4 · Đang xử lý"),
                o("9 · Đã xử lý xong"),
                o("10 · Đã trả kết quả"),
            ],
        },
        {
            "code": "MC-08",
            "kind": S,
            "difficulty": 3,
            "prompt": "Đang đăng ký kết hôn, hệ thống treo ở bước xác nhận cuối cùng và chưa khắc phục được. Xử lý "
            "đúng là gì?",
            "options": [
                o(
                    "Cấp giấy chứng nhận kết hôn bản giấy, ghi lại thông tin, cập nhật lên hệ thống khi hệ thống "
                    "hoạt động lại",
                    True,
                    "Người dân không phải chờ; hệ thống được cập nhật sau.",
                ),
                o(
                    "Hẹn công dân quay lại hôm khác",
                    explanation="Đăng ký kết hôn giải quyết ngay; không bắt dân chờ.",
                ),
                o(
                    "Nhập lại từ đầu nhiều lần cho đến khi được",
                    explanation="Dễ tạo hồ sơ trùng khi hệ thống hoạt động lại.",
                ),
            ],
        },
        {
            "code": "MC-09",
            "kind": PRAC,
            "difficulty": 2,
            "prompt": "Hoàn thành bài thực hành: tiếp nhận hồ sơ đăng ký khai sinh, in phiếu tiếp nhận có mã hồ sơ "
            "và ngày hẹn trả (quy tắc 15 giờ).",
            "scenario_slug": "hs-khai-sinh-tiep-nhan",
        },
        {
            "code": "MC-10",
            "kind": S,
            "difficulty": 2,
            "prompt": "Công dân xin rút hồ sơ. Việc rút hồ sơ được thực hiện khi nào?",
            "options": [
                o("Bất cứ lúc nào trước khi hồ sơ “Đã xử lý xong” (trạng thái 9)", True),
                o(
                    "Chỉ khi hồ sơ còn ở trạng thái “Mới đăng ký”",
                    explanation="Hồ sơ đang xử lý vẫn rút được.",
                ),
                o(
                    "Không được rút hồ sơ đã tiếp nhận",
                    explanation="Công dân có quyền rút trước khi có kết quả.",
                ),
            ],
        },
        {
            "code": "MC-11",
            "kind": SHORT,
            "difficulty": 1,
            "prompt": "Chứng thực bản sao từ bản chính cho công dân đến trực tiếp được giải quyết trong bao lâu? "
            "(trả lời ngắn; có thể gõ không dấu)",
            "diacritics_optional": True,
            "options": [
                o("trong ngày", True, "Chứng thực bản sao được giải quyết ngay trong ngày."),
                o("ngay trong ngày", True),
                o("3 ngày", explanation="Chứng thực bản sao không phải chờ nhiều ngày."),
            ],
        },
        {
            "code": "MC-12",
            "kind": TF,
            "difficulty": 2,
            "prompt": "“Quá hạn” là một trạng thái mà cán bộ phải tự chuyển hồ sơ sang.",
            "options": true_false(
                False,
                if_true="Không đúng: quá hạn được hệ thống tự tính từ hạn giải quyết.",
                if_false="Đúng vậy: quá hạn là tính ra, không phải một trạng thái để chuyển.",
            ),
        },
    ],
}

MEETINGS = {
    "slug": "kiem-tra-hop-truc-tuyen-thu-cong-vu",
    "title": "Kiểm tra: họp trực tuyến và thư công vụ",
    "course_slug": "hop-truc-tuyen-thu-cong-vu",
    "system": "meetings_email",
    "intro": "Mười một câu hỏi về giấy mời họp, tham dự họp trực tuyến và dùng hộp thư công vụ an toàn.",
    "settings": {"pass_mark": 70},
    "questions": [
        {
            "code": "HT-01",
            "kind": S,
            "difficulty": 1,
            "prompt": "Chữ viết tắt tên loại văn bản của giấy mời họp là gì?",
            "options": [
                o("GM", True, "Ví dụ: Số: 07/GM-UBND."),
                o("GMH", explanation="Không có chữ viết tắt này."),
                o("TB", explanation="TB là thông báo."),
            ],
        },
        {
            "code": "HT-02",
            "kind": SHORT,
            "difficulty": 2,
            "prompt": "Ghi số và ký hiệu của giấy mời họp thứ 7 trong năm của Ủy ban nhân dân xã (bắt đầu bằng "
            "“Số:”).",
            "options": [
                o("Số: 07/GM-UBND", True, "Số nhỏ hơn 10 thêm số 0 ở trước; GM là giấy mời."),
                o("Số: 7/GM-UBND", explanation="Số nhỏ hơn 10 phải thêm số 0 ở trước: 07."),
            ],
        },
        {
            "code": "HT-03",
            "kind": TF,
            "difficulty": 1,
            "prompt": "Có thể dùng hộp thư công vụ để gửi văn bản có nội dung mật.",
            "options": true_false(
                False,
                if_true="Không đúng: văn bản mật không gửi qua hệ thống kết nối Internet.",
                if_false="Đúng vậy: văn bản mật có quy trình riêng.",
            ),
        },
        {
            "code": "HT-04",
            "kind": M,
            "difficulty": 1,
            "prompt": "Trước giờ họp trực tuyến cần kiểm tra những gì?",
            "options": [
                o("Micro và loa", True, "Không nghe, không nói được là lỗi thường gặp nhất."),
                o("Camera", True, "Nhiều cuộc họp cần bật hình để điểm danh."),
                o(
                    "Đường truyền mạng và đăng nhập phòng họp trước giờ họp",
                    True,
                    "Vào sớm để kịp xử lý sự cố.",
                ),
                o(
                    "Khởi động lại máy tính đúng lúc cuộc họp bắt đầu",
                    explanation="Nếu cần khởi động lại, hãy làm trước giờ họp.",
                ),
            ],
        },
        {
            "code": "HT-05",
            "kind": ORD,
            "difficulty": 1,
            "prompt": "Sắp xếp các bước tham dự một cuộc họp trực tuyến.",
            "options": [
                o("Mở giấy mời họp, lấy đường dẫn hoặc mã phòng họp"),
                o("Đăng nhập hệ thống họp trực tuyến bằng tài khoản được cấp"),
                o("Kiểm tra micro, loa và camera"),
                o("Vào phòng họp trước giờ họp, tắt micro khi chưa phát biểu"),
            ],
        },
        {
            "code": "HT-06",
            "kind": S,
            "difficulty": 1,
            "prompt": "Trong cuộc họp trực tuyến đông điểm cầu, khi chưa đến lượt phát biểu bạn nên làm gì?",
            "options": [
                o("Tắt micro", True, "Tiếng ồn từ nhiều điểm cầu làm cả phòng họp không nghe rõ."),
                o("Tắt hẳn phần mềm họp", explanation="Bạn sẽ rời cuộc họp."),
                o("Bật loa thật to", explanation="Dễ gây tiếng vọng, rít cho cả phòng họp."),
            ],
        },
        {
            "code": "HT-07",
            "kind": MAT,
            "difficulty": 2,
            "prompt": "Ghép mỗi hệ thống với việc chính của nó.",
            "options": [
                o(
                    "Hệ thống quản lý văn bản và điều hành",
                    match="Văn bản đến, văn bản đi, ký số và phát hành",
                ),
                o("Hệ thống giải quyết thủ tục hành chính", match="Tiếp nhận và xử lý hồ sơ một cửa"),
                o("Hộp thư công vụ", match="Trao đổi thư điện tử công việc"),
                o("Hệ thống họp trực tuyến", match="Tổ chức và tham dự cuộc họp từ xa"),
            ],
        },
        {
            "code": "HT-08",
            "kind": TF,
            "difficulty": 2,
            "prompt": "Hệ thống quản lý văn bản và hệ thống giải quyết thủ tục hành chính chưa liên thông, nên có "
            "việc cán bộ phải cập nhật ở cả hai nơi.",
            "options": true_false(
                True,
                if_true="Đúng: hãy cập nhật đủ ở cả hai hệ thống để số liệu không lệch nhau.",
                if_false="Không đúng: hai hệ thống chưa kết nối với nhau.",
            ),
        },
        {
            "code": "HT-09",
            "kind": S,
            "difficulty": 2,
            "prompt": "Bạn nhận được thư lạ yêu cầu nhập mật khẩu hộp thư công vụ qua một đường dẫn. Bạn nên làm gì?",
            "options": [
                o("Không bấm vào đường dẫn; báo cho bộ phận hỗ trợ công nghệ thông tin", True),
                o("Nhập mật khẩu để kiểm tra thử", explanation="Đây là cách kẻ gian lấy mật khẩu."),
                o(
                    "Chuyển tiếp cho đồng nghiệp hỏi ý kiến",
                    explanation="Đồng nghiệp có thể bấm nhầm vào đường dẫn.",
                ),
            ],
        },
        {
            "code": "HT-10",
            "kind": S,
            "difficulty": 1,
            "prompt": "Hộp thư công vụ được cấp thế nào?",
            "options": [
                o("Mỗi cán bộ một hộp thư riêng, không dùng chung", True, "Thư công vụ gắn với từng người."),
                o("Cả xã dùng chung một hộp thư", explanation="Không biết ai đã đọc, ai trả lời."),
                o(
                    "Dùng hộp thư cá nhân miễn phí cho việc công",
                    explanation="Không bảo đảm an toàn thông tin.",
                ),
            ],
        },
        {
            "code": "HT-11",
            "kind": TF,
            "difficulty": 2,
            "prompt": "Văn bản hành chính gửi cơ quan khác phải gửi qua hệ thống quản lý văn bản, không chỉ gửi "
            "bằng thư điện tử.",
            "options": true_false(
                True,
                if_true="Đúng: văn bản điện tử được gửi, nhận và theo dõi trạng thái qua trục liên thông.",
                if_false="Không đúng: thư điện tử không thay được việc phát hành văn bản.",
            ),
        },
    ],
}

QUIZZES = [LOGIN, DOCUMENTS, SIGNING, ONE_STOP, MEETINGS]

# Trainers (Wagtail's "Editors" group) write and correct questions, and regrade.
EDITOR_PERMISSIONS = [
    "add_question",
    "change_question",
    "view_question",
    "add_quiz",
    "change_quiz",
    "view_quiz",
]


def _question(spec: dict, *, course_slug: str, system: str) -> Question:
    question = Question.objects.filter(code=spec["code"]).first()
    if question is not None:
        return question
    fields = {k: v for k, v in spec.items() if k not in ("options",)}
    question = Question.objects.create(course_slug=course_slug, system=system, **fields)
    Option.objects.bulk_create(
        Option(question=question, sort_order=index, **option)
        for index, option in enumerate(spec.get("options", []))
    )
    return question


def _quiz(spec: dict) -> tuple[Quiz, bool]:
    questions = [
        _question(q, course_slug=spec["course_slug"], system=spec["system"]) for q in spec["questions"]
    ]
    quiz = Quiz.objects.filter(slug=spec["slug"]).first()
    if quiz is not None:
        return quiz, False
    quiz = Quiz.objects.create(
        slug=spec["slug"],
        title=spec["title"],
        course_slug=spec["course_slug"],
        intro=spec["intro"],
        **spec["settings"],
    )
    if spec.get("draw"):
        for index, rule in enumerate(spec["draw"]):
            QuizDrawRule.objects.create(quiz=quiz, course_slug=spec["course_slug"], sort_order=index, **rule)
    else:
        QuizQuestion.objects.bulk_create(
            QuizQuestion(quiz=quiz, question=question, sort_order=index)
            for index, question in enumerate(questions)
        )
    return quiz, True


def seed(stdout) -> None:
    for spec in QUIZZES:
        quiz, created = _quiz(spec)
        if created:
            stdout.write(f"Created quiz {quiz.slug} ({len(spec['questions'])} questions in the bank).")
    editors = Group.objects.filter(name="Editors").first()
    if editors is not None:
        permissions = Permission.objects.filter(
            content_type__app_label="quizzes", codename__in=EDITOR_PERMISSIONS
        )
        editors.permissions.add(*permissions)
