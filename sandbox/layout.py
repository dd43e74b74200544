"""The layout rules of an administrative document (Decree 30/2020/NĐ-CP, Appendix I) the drafting
desk checks and the PDF follows: the signer's authority and title lines, the "Nơi nhận" block, the
trích yếu of a công văn and proper names with their capitals.

Pure functions over text: nothing here reads the database.
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

BODY = "ỦY BAN NHÂN DÂN"
CHAIR = "CHỦ TỊCH"


@dataclass(frozen=True)
class Position:
    """A post whose holder signs documents of the commune's People's Committee."""

    key: str
    title: str  # as printed under the authority line
    label: str  # as offered in the drafting form
    authority: str  # the one authority this post signs with (Decree 30, art. 13)


POSITIONS: dict[str, Position] = {
    p.key: p
    for p in (
        Position("chairman", "CHỦ TỊCH", "Chủ tịch", "TM."),
        Position("vice_chairman", "PHÓ CHỦ TỊCH", "Phó Chủ tịch", "KT."),
        Position("office_chief", "CHÁNH VĂN PHÒNG", "Chánh Văn phòng HĐND và UBND", "TL."),
        Position("unit_head", "TRƯỞNG PHÒNG VĂN HÓA - XÃ HỘI", "Trưởng phòng Văn hóa - Xã hội", "TUQ."),
    )
}
AUTHORITIES = {
    "TM.": "TM. (thay mặt tập thể Ủy ban nhân dân)",
    "KT.": "KT. (ký thay Chủ tịch)",
    "TL.": "TL. (thừa lệnh Chủ tịch)",
    "TUQ.": "TUQ. (thừa ủy quyền Chủ tịch)",
}


def position_for_title(title: str) -> Position | None:
    wanted = title.strip().upper()
    return next((p for p in POSITIONS.values() if p.title == wanted), None)


def signer_lines(*, authority: str, title: str) -> list[str]:
    """The signer block above the signature, as Appendix I lays it out for a People's Committee.

    TM.: "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH"; KT.: "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH";
    TL. and TUQ.: "TL. CHỦ TỊCH / CHÁNH VĂN PHÒNG", "TUQ. CHỦ TỊCH / TRƯỞNG PHÒNG …".
    """
    title = title.strip().upper()
    if authority == "TM.":
        return [f"TM. {BODY}", title]
    if authority == "KT.":
        return [f"TM. {BODY}", f"KT. {CHAIR}", title]
    if authority in ("TL.", "TUQ."):
        return [f"{authority} {CHAIR}", title]
    return [title]


def authority_problem(*, authority: str, title: str) -> str | None:
    """Why ``authority`` does not fit the signer's post (a vice-chairman signs KT., never TM.)."""
    if authority not in AUTHORITIES:
        return _("Hãy chọn thẩm quyền ký: TM., KT., TL. hoặc TUQ.")
    position = position_for_title(title)
    if position is None:
        return _("Hãy chọn chức vụ của người ký.")
    if position.authority != authority:
        return _("%(post)s ký với thẩm quyền “%(right)s”, không được ký “%(wrong)s”.") % {
            "post": position.label,
            "right": position.authority,
            "wrong": authority,
        }
    return None


# --- "Nơi nhận" -----------------------------------------------------------------------------------

_ARCHIVE = re.compile(r"^lưu\b", re.IGNORECASE)
_AS_ABOVE = re.compile(r"^như trên$", re.IGNORECASE)


def recipient_names(text: str) -> list[str]:
    """The recipients typed one a line, without their dash, bullet or closing ";" / "." (so the PDF
    never prints ";;"), and without the archive line ("Lưu: …"), which the layout adds itself."""
    names = []
    for line in text.splitlines():
        name = line.strip().lstrip("-+•").strip().rstrip(";.,").strip()
        if name and not _ARCHIVE.match(name):
            names.append(name)
    return names


def recipients_block(*, recipients: str, unit: str) -> list[str]:
    """The "Nơi nhận" lines as printed: "- ‹name›;" each, ending "- Lưu: VT, ‹unit›."."""
    archive = f"- Lưu: VT, {unit}." if unit else "- Lưu: VT."
    return [f"- {name};" for name in recipient_names(recipients)] + [archive]


def recipients_problem(*, recipients: str, body: str) -> str | None:
    """The draft's recipients: at least one, and "Như trên" only where the text names addressees
    ("Kính gửi: …" in a công văn)."""
    names = recipient_names(recipients)
    if not names:
        return _("Hãy ghi nơi nhận, mỗi dòng một nơi (dòng cuối “Lưu: VT, …” do hệ thống thêm).")
    if any(_AS_ABOVE.match(name) for name in names) and "kính gửi" not in body.lower():
        return _(
            "“Như trên” chỉ dùng khi phần nội dung có “Kính gửi: …” nêu tên nơi nhận; "
            "hãy ghi rõ từng nơi nhận."
        )
    if len({name.lower() for name in names}) != len(names):
        return _("Nơi nhận bị ghi trùng.")
    return None


def summary_problem(*, kind: str, summary: str) -> str | None:
    """A công văn's trích yếu starts with "V/v" (Appendix I); other kinds carry their title instead."""
    if kind == "CV" and not re.match(r"^V/v\s+\S", summary.strip()):
        return _("Trích yếu của công văn phải bắt đầu bằng “V/v” (về việc), ví dụ: “V/v tuyên truyền …”.")
    return None


# --- proper names ---------------------------------------------------------------------------------

_DIVISIONS = ("Tỉnh ", "Thành phố ", "Xã ", "Phường ", "Đặc khu ")


def division_phrase(name: str) -> str:
    """A unit's name inside a sentence: the kind of unit in lower case, the proper name as written
    ("Tỉnh Bắc Ninh" → "tỉnh Bắc Ninh"; "Bắc Ninh" stays "Bắc Ninh", never "bắc Ninh")."""
    for prefix in _DIVISIONS:
        if name.startswith(prefix):
            return prefix.lower() + name[len(prefix) :]
    return name
