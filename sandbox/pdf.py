"""Official documents as PDF, their PAdES signatures and the check a recipient runs on them.

Pure functions over bytes: nothing here touches the database, the network or Django settings.

* :func:`document_render` lays a document out the way Decree 30/2020/NĐ-CP prescribes (national motto,
  issuing body, number, place and date, title, body, recipients, signer block), marked on every page as
  a training document, with an embedded DejaVu Serif font for the Vietnamese text. It can leave visible,
  empty signature fields in the signer block: the authorised person's signature and, over its left
  third, the organisation's seal (Decree 30, Appendix I, II).
* :func:`pdf_number_fill` writes the number and date into a document rendered with ``numbered_later``
  after the leader has signed it, as the clerk does, without breaking that signature.
* :func:`pdf_sign` adds a PAdES signature as an incremental update, so the seal signed after the
  leader's signature keeps the leader's signature valid: baseline B-T when given a timestamper (the
  sandbox's own in-process timestamp server, :func:`timestamper_build`), else baseline B.
* :func:`pdf_validate` checks every signature against the sandbox CA and its CRL, with fetching
  disabled; :func:`pdf_signature_fields` lists the signed fields.

pyHanko runs its own event loop (``asyncio.run``) in :func:`pdf_sign` and :func:`pdf_validate`: call
them from synchronous code (a view, a task), or through ``asgiref.sync.sync_to_async`` from a consumer.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple
from xml.sax.saxutils import escape

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from pyhanko.keys import load_certs_from_pemder_data
from pyhanko.pdf_utils import content, form_tools, generic, layout, misc
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.pdf_utils.writer import copy_into_new_writer
from pyhanko.sign import fields, signers
from pyhanko.sign.ades.report import AdESIndeterminate
from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.errors import SignatureValidationError
from pyhanko.stamp import StaticStampStyle
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.registry import SimpleCertificateStore
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    HRFlowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from sandbox.pki import SigningKey

TRAINING_MARK = "TÀI LIỆU THỰC HÀNH — KHÔNG CÓ GIÁ TRỊ PHÁP LÝ"
MOTTO_NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
VIETNAM_TIME = dt.timezone(dt.timedelta(hours=7), "ICT")
"""Vietnam has one time zone and no daylight saving: times on documents and stamps use it."""

NUMBER_FIELD = "SoVanBan"
"""The text field holding the "Số: ..." line of a document rendered with ``numbered_later``."""
DATE_FIELD = "NgayBanHanh"
"""The text field holding the place-and-date line of a document rendered with ``numbered_later``."""

ERROR_UNREADABLE = "unreadable"
"""``ValidationResult.error`` when the bytes are not a PDF pyHanko can read."""
ERROR_UNSIGNED = "unsigned"
"""``ValidationResult.error`` when the PDF carries no signature."""

FONT_DIRS = (
    Path("/usr/share/fonts/truetype/dejavu"),  # Debian, Ubuntu: fonts-dejavu-core
    Path("/usr/share/fonts/dejavu-serif-fonts"),  # Fedora
    Path("/usr/share/fonts/dejavu"),  # Alpine
    Path("/usr/share/fonts/TTF"),  # Arch
)
"""Where the DejaVu Serif files are looked for; the first directory holding the regular face wins."""
# Decree 30 asks for Times New Roman, which is not free to ship; Debian's Liberation Serif 1.x, its
# metric twin, lacks the Vietnamese letters (ư, ơ, ộ, ự...); DejaVu Serif has them all. The italic
# faces come only with fonts-dejavu-extra, so without it they fall back to the upright ones.
_FONT_FACES = {
    "": ("DejaVuSerif.ttf",),
    "-Bold": ("DejaVuSerif-Bold.ttf",),
    "-Italic": ("DejaVuSerif-Italic.ttf", "DejaVuSerif.ttf"),
    "-BoldItalic": ("DejaVuSerif-BoldItalic.ttf", "DejaVuSerif-Bold.ttf"),
}
FONT = "SandboxSerif"

# Decree 30, Appendix I: A4, margins top/bottom 20–25 mm, left 30–35 mm, right 15–20 mm; text 13–14 pt.
_MARGINS = {"top": 20 * mm, "bottom": 20 * mm, "left": 30 * mm, "right": 15 * mm}
_TEXT_WIDTH = A4[0] - _MARGINS["left"] - _MARGINS["right"]
_HEADER_LEFT_WIDTH = 62 * mm
_SIGNER_WIDTH = 90 * mm
_SIGNATURE_SPACE_HEIGHT = 34 * mm
_SIGNATURE_SIZE = (72 * mm, 24 * mm)
_SEAL_DIAMETER = 32 * mm
_LINE_SIZE = 13
_SIGNATURES = "signatures"
_SIGNATURE_INK = colors.Color(0.05, 0.15, 0.6)
_SEAL_INK = colors.Color(0.85, 0.1, 0.1)


class _Placed(NamedTuple):
    """Where a slot was drawn: page index, lower-left corner and size, in points."""

    page: int
    x: float
    y: float
    width: float
    height: float


class FontMissing(RuntimeError):
    """No DejaVu Serif font file was found (install the fonts-dejavu-core package)."""


@dataclass(frozen=True)
class SignatureInfo:
    """What a recipient's signing plug-in shows about one signature.

    ``intact``: the signed bytes are unchanged and nothing but signatures and form filling was added
    after them. ``valid``: the signature value verifies with the certificate's key. ``trusted``: the
    certificate chains to the sandbox CA and passes the chain's checks other than revocation and
    expiry, which the next two flags report. ``revoked``: the CRL
    lists the certificate as revoked before the validation moment. ``expired``: the certificate was
    past its end date at the validation moment. ``signing_time`` is the time the signer's computer
    claimed; ``timestamp`` the time the timestamp server certified (PAdES B-T), or ``None``.
    """

    field_name: str
    signer_common_name: str
    signing_time: dt.datetime | None
    intact: bool
    valid: bool
    trusted: bool
    revoked: bool
    expired: bool
    timestamp: dt.datetime | None = None

    @property
    def ok(self) -> bool:
        """Whether this signature alone passes every check."""
        return self.intact and self.valid and self.trusted and not self.revoked and not self.expired


@dataclass(frozen=True)
class ValidationResult:
    """The verdict on a whole document: valid only if it is signed and every signature is ``ok``.

    ``error`` is :data:`ERROR_UNREADABLE` or :data:`ERROR_UNSIGNED` when there was nothing to check,
    else ``None``; the caller words it for the user.
    """

    valid: bool
    signatures: list[SignatureInfo]
    error: str | None = None


def _aware(moment: dt.datetime, name: str) -> dt.datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware")
    return moment


# --- Rendering --------------------------------------------------------------------------------------


@functools.cache
def _register_fonts() -> None:
    """Register the DejaVu Serif family with reportlab once per process."""
    directory = next((d for d in FONT_DIRS if (d / _FONT_FACES[""][0]).is_file()), None)
    if directory is None:
        raise FontMissing(
            "DejaVu Serif not found in " + ", ".join(map(str, FONT_DIRS)) + ": install fonts-dejavu-core"
        )
    for suffix, candidates in _FONT_FACES.items():
        path = next(directory / name for name in candidates if (directory / name).is_file())
        pdfmetrics.registerFont(TTFont(FONT + suffix, str(path)))
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=FONT + "-Bold", italic=FONT + "-Italic", boldItalic=FONT + "-BoldItalic"
    )


def _style(name: str, *, size: float = 13, face: str = "", align: int = TA_CENTER, **extra) -> ParagraphStyle:
    return ParagraphStyle(
        name, fontName=FONT + face, fontSize=size, leading=size * 1.25, alignment=align, **extra
    )


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _date_line(place: str, issued_on: dt.date) -> str:
    # Decree 30: a day below 10 and the months 1 and 2 take a leading zero.
    day = f"{issued_on.day:02d}"
    month = f"{issued_on.month:02d}" if issued_on.month < 3 else str(issued_on.month)
    date = f"ngày {day} tháng {month} năm {issued_on.year}"
    return f"{place}, {date}" if place else date.capitalize()


class _Slot(Flowable):
    """Room left in the flow for a form field; records where, on which page, it was drawn."""

    def __init__(self, name: str, height: float, slots: dict[str, _Placed], width: float | None = None):
        super().__init__()
        self.name, self.width, self.height = name, width or 0, height
        self._slots = slots

    def wrap(self, available_width, available_height):
        self.width = self.width or available_width
        return self.width, self.height

    def draw(self):
        x, y = self.canv.absolutePosition(0, 0)
        self._slots[self.name] = _Placed(self.canv.getPageNumber() - 1, x, y, self.width, self.height)


def _decorate_page(canvas: Canvas, document: SimpleDocTemplate) -> None:
    """Training mark at the foot of every page and faintly across it; page numbers from page 2."""
    width, height = A4
    canvas.saveState()
    canvas.setFillColor(_SEAL_INK)
    canvas.setFont(FONT + "-Bold", 8)
    canvas.drawCentredString(width / 2, 10 * mm, TRAINING_MARK)
    canvas.setFillColor(colors.Color(0.6, 0.6, 0.6, alpha=0.18))
    canvas.setFont(FONT + "-Bold", 24)
    canvas.translate(width / 2, height / 2)
    canvas.rotate(55)
    canvas.drawCentredString(0, 0, TRAINING_MARK)
    canvas.restoreState()
    if document.page > 1:
        # Decree 30: page numbers centred in the top margin, from the second page on.
        canvas.saveState()
        canvas.setFont(FONT, 13)
        canvas.drawCentredString(width / 2, height - 12 * mm, str(document.page))
        canvas.restoreState()


def _two_columns(left: list[Flowable], right: list[Flowable], left_width: float) -> Table:
    table = Table([[left, right]], colWidths=[left_width, _TEXT_WIDTH - left_width])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


def _number_line(number: str) -> str:
    return f"Số: {number}"


def _header(
    *,
    issuer: str,
    number: str,
    place: str,
    issued_on: dt.date,
    slots: dict[str, _Placed] | None,
    subject: str = "",
) -> Table:
    """The two header columns; with ``slots``, the number and date lines are left for form fields."""
    number_style, date_style = (
        _style("number", size=_LINE_SIZE),
        _style("date", size=_LINE_SIZE, face="-Italic"),
    )
    if slots is None:
        number_line: Flowable = Paragraph(escape(_number_line(number)), number_style)
        date_line: Flowable = Paragraph(escape(_date_line(place, issued_on)), date_style)
    else:
        number_line = _Slot(NUMBER_FIELD, number_style.leading, slots)
        date_line = _Slot(DATE_FIELD, date_style.leading, slots)
    left: list[Flowable] = [
        Paragraph(escape(line.upper()), _style("issuer", size=12, face="-Bold")) for line in _lines(issuer)
    ]
    left += [
        HRFlowable(width="40%", thickness=0.6, color=colors.black, spaceBefore=3, spaceAfter=6),
        number_line,
    ]
    if subject:
        # Appendix I: a công văn's summary ("V/v …") sits under its number, in 12 pt.
        left.append(Paragraph(escape(subject), _style("subject", size=12)))
    right = [
        Paragraph(MOTTO_NATION, _style("nation", size=11.5, face="-Bold")),
        Paragraph(MOTTO, _style("motto", size=12.5, face="-Bold")),
        HRFlowable(width="68%", thickness=0.6, color=colors.black, spaceBefore=3, spaceAfter=6),
        date_line,
    ]
    return _two_columns(left, right, _HEADER_LEFT_WIDTH)


def _closing(
    *,
    recipients: Sequence[str],
    drafting_unit: str,
    signer_lines: Sequence[str],
    slots: dict[str, _Placed],
) -> KeepTogether:
    archive = f"Lưu: VT, {drafting_unit}." if drafting_unit else "Lưu: VT."
    recipient = _style("recipient", size=11, align=TA_LEFT)
    left: list[Flowable] = [Paragraph("<b><i>Nơi nhận:</i></b>", _style("to", size=12, align=TA_LEFT))]
    # A line typed with its own ";" or "." keeps one: never "…;;".
    left += [Paragraph(escape(f"- {line.rstrip(' ;.,')};"), recipient) for line in recipients]
    left.append(Paragraph(escape(f"- {archive}"), recipient))
    *authority, name = signer_lines
    right: list[Flowable] = [
        Paragraph(escape(line), _style("authority", size=13, face="-Bold")) for line in authority
    ]
    right += [
        _Slot(_SIGNATURES, _SIGNATURE_SPACE_HEIGHT, slots, width=_SIGNER_WIDTH),
        Paragraph(escape(name), _style("signer", size=13.5, face="-Bold")),
    ]
    return KeepTogether([Spacer(1, 4 * mm), _two_columns(left, right, _TEXT_WIDTH - _SIGNER_WIDTH)])


def _signature_boxes(page_x: float, page_y: float) -> list[tuple[int, int, int, int]]:
    """Where the personal signature and the seal go in the signature space drawn at (x, y)."""
    width, height = _SIGNATURE_SIZE
    x1 = page_x + (_SIGNER_WIDTH - width) / 2
    middle = page_y + _SIGNATURE_SPACE_HEIGHT / 2
    signature = (x1, middle - height / 2, x1 + width, middle + height / 2)
    # Decree 30, Appendix I: the seal covers about the left third of the signature image.
    radius = _SEAL_DIAMETER / 2
    seal_x = x1 + width / 3 - radius
    seal = (seal_x - radius, middle - radius, seal_x + radius, middle + radius)
    return [(round(x1), round(y1), round(x2), round(y2)) for x1, y1, x2, y2 in (signature, seal)]


def document_render(
    *,
    title: str,
    number: str,
    issued_on: dt.date,
    issuer: str,
    body: str,
    signer_lines: list[str],
    place: str = "",
    recipients: Sequence[str] = (),
    drafting_unit: str = "",
    signature_fields: Sequence[str] = (),
    numbered_later: bool = False,
    subject: str = "",
) -> bytes:
    """Render an administrative document as an A4 PDF laid out as Decree 30/2020/NĐ-CP prescribes.

    ``issuer`` is the issuing body, one line or several (``"ỦY BAN NHÂN DÂN\\nPHƯỜNG KINH BẮC"``);
    ``number`` follows ``Số:`` (``"05/QĐ-UBND"``); ``title`` is the document type and its summary,
    one line each (``"QUYẾT ĐỊNH\\nVề việc ..."``); ``body`` is plain text, one paragraph per line.
    ``signer_lines`` is the signer block, the last line the signer's name
    (``["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nguyễn Văn An"]``). ``place`` starts the date line
    (``"Bắc Ninh"``); ``recipients`` are listed under "Nơi nhận:", which ends with
    "Lưu: VT, ‹drafting_unit›.". Every page carries the training mark. ``subject`` is a công văn's
    summary ("V/v …"), printed under the number instead of a title (``title`` may then be empty).

    ``signature_fields`` names up to two empty, visible signature fields placed in the signer block:
    the first for the authorised person's signature, the second for the organisation's seal over
    its left third. :func:`pdf_sign` fills them by name.

    With ``numbered_later`` the number and date lines are read-only text fields (:data:`NUMBER_FIELD`,
    :data:`DATE_FIELD`) showing ``number`` as given (``"      /QĐ-UBND"``) and a date with blank day and
    month: the clerk fills them with :func:`pdf_number_fill` after the leader has signed, as the
    government CA's plug-in does, without breaking that signature.
    """
    if not signer_lines:
        raise ValueError("signer_lines needs at least the signer's name")
    if len(signature_fields) > 2 or len(set(signature_fields)) != len(signature_fields):
        raise ValueError("signature_fields takes at most two distinct names: signature, then seal")
    _register_fonts()
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=_MARGINS["left"],
        rightMargin=_MARGINS["right"],
        topMargin=_MARGINS["top"],
        bottomMargin=_MARGINS["bottom"],
        title=" ".join(_lines(title)) or subject,
        author=" ".join(_lines(issuer)),
        subject=TRAINING_MARK,
        creator="Hỗ trợ chuyển đổi số - môi trường thực hành",
    )
    slots: dict[str, _Placed] = {}
    header = _header(
        issuer=issuer,
        number=number,
        place=place,
        issued_on=issued_on,
        slots=slots if numbered_later else None,
        subject=subject,
    )
    story: list[Flowable] = [header, Spacer(1, 8 * mm)]
    if _lines(title):
        story += [Paragraph(escape(line), _style("title", size=14, face="-Bold")) for line in _lines(title)]
        story.append(HRFlowable(width="25%", thickness=0.6, color=colors.black, spaceBefore=2, spaceAfter=8))
    body_style = _style("body", size=13.5, align=TA_JUSTIFY, firstLineIndent=10 * mm, spaceAfter=5)
    story += [Paragraph(escape(line), body_style) for line in _lines(body)]
    story.append(
        _closing(recipients=recipients, drafting_unit=drafting_unit, signer_lines=signer_lines, slots=slots)
    )
    document.build(story, onFirstPage=_decorate_page, onLaterPages=_decorate_page)
    if not (signature_fields or numbered_later):
        return buffer.getvalue()

    writer = copy_into_new_writer(PdfFileReader(io.BytesIO(buffer.getvalue())))
    if numbered_later:
        blank_date = f"ngày      tháng      năm {issued_on.year}"
        for name, text, face in (
            (NUMBER_FIELD, _number_line(number), ""),
            (DATE_FIELD, f"{place}, {blank_date}" if place else blank_date.capitalize(), "-Italic"),
        ):
            _text_field_add(writer, name=name, slot=slots[name], text=text, face=face)
    signatures = slots[_SIGNATURES]
    for name, box in zip(signature_fields, _signature_boxes(signatures.x, signatures.y), strict=False):
        fields.append_signature_field(
            writer, fields.SigFieldSpec(sig_field_name=name, on_page=signatures.page, box=box)
        )
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def _line_appearance(writer, *, text: str, face: str, width: float, height: float) -> generic.IndirectObject:
    """A form XObject showing one centred line of text, as the paragraph it stands for would."""

    def draw(canvas: Canvas, width: float, height: float) -> None:
        canvas.setFont(FONT + face, _LINE_SIZE)
        canvas.drawCentredString(width / 2, height - _LINE_SIZE, text)

    appearance = _ReportlabContent(width, height, draw)
    appearance.set_writer(writer)
    return writer.add_object(appearance.as_form_xobject())


def _text_field_add(writer, *, name: str, slot: _Placed, text: str, face: str) -> None:
    """A read-only text field over ``slot``, with no value yet and ``text`` as its appearance."""
    root = writer.root
    if "/AcroForm" not in root:
        root["/AcroForm"] = generic.DictionaryObject({generic.pdf_name("/Fields"): generic.ArrayObject()})
        writer.update_root()
    page_ref = writer.find_page_for_modification(slot.page)[0]
    appearance = _line_appearance(writer, text=text, face=face, width=slot.width, height=slot.height)
    field = generic.DictionaryObject(
        {
            generic.pdf_name("/FT"): generic.pdf_name("/Tx"),
            generic.pdf_name("/T"): generic.TextStringObject(name),
            generic.pdf_name("/Ff"): generic.NumberObject(1),  # read-only: only pdf_number_fill writes it
            generic.pdf_name("/DA"): generic.TextStringObject("/Helv 0 Tf 0 g"),
            generic.pdf_name("/Type"): generic.pdf_name("/Annot"),
            generic.pdf_name("/Subtype"): generic.pdf_name("/Widget"),
            generic.pdf_name("/F"): generic.NumberObject(4),  # printed
            generic.pdf_name("/P"): page_ref,
            generic.pdf_name("/Rect"): generic.ArrayObject(
                generic.FloatObject(value)
                for value in (slot.x, slot.y, slot.x + slot.width, slot.y + slot.height)
            ),
            generic.pdf_name("/AP"): generic.DictionaryObject({generic.pdf_name("/N"): appearance}),
        }
    )
    field_ref = writer.add_object(field)
    page = page_ref.get_object()
    page.setdefault(generic.pdf_name("/Annots"), generic.ArrayObject()).append(field_ref)
    writer.update_container(page)
    root["/AcroForm"]["/Fields"].append(field_ref)
    writer.update_container(root["/AcroForm"])


def pdf_number_fill(*, pdf_bytes: bytes, number: str, issued_on: dt.date, place: str = "") -> bytes:
    """Write the number and the issuing date into a document rendered with ``numbered_later``.

    This is the clerk's "cấp số" on the signed document (Decree 30: the leader signs, the clerk
    numbers and dates, then the seal goes on): an incremental update that only fills two form
    fields, which a validator accepts after the leader's signature. Raises
    ``pyhanko.pdf_utils.misc.FormFillingError`` when the fields are missing or already filled.
    """
    _register_fonts()
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf_bytes), strict=False)
    for name, text, face in (
        (NUMBER_FIELD, _number_line(number), ""),
        (DATE_FIELD, _date_line(place, issued_on), "-Italic"),
    ):
        field_ref = form_tools.find_existing_empty_field(writer, name, field_type="/Tx")
        field = field_ref.get_object()
        width, height = (float(size) for size in form_tools.annot_width_height(field))
        appearance = _line_appearance(writer, text=text, face=face, width=width, height=height)
        field["/AP"] = generic.DictionaryObject({generic.pdf_name("/N"): appearance})
        field["/V"] = generic.TextStringObject(text)
        writer.mark_update(field_ref)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


# --- Signing ----------------------------------------------------------------------------------------


class _ReportlabContent(content.PdfContent):
    """A drawing made with reportlab on a page of the given size, imported as a form XObject: how the
    stamps and the filled-in lines get the document's font (pyHanko's own text needs fontTools)."""

    def __init__(self, width: float, height: float, draw: Callable[[Canvas, float, float], None]):
        super().__init__(box=layout.BoxConstraints(width=width, height=height))
        self._size = (width, height)
        self._draw = draw

    def render(self) -> bytes:
        buffer = io.BytesIO()
        canvas = Canvas(buffer, pagesize=self._size)
        self._draw(canvas, *self._size)
        canvas.save()
        xobject = self._ensure_writer.import_page_as_xobject(PdfFileReader(io.BytesIO(buffer.getvalue())))
        self.resources.xobject["/Stamp"] = xobject
        return b"/Stamp Do"


def _subject_attribute(cert: asn1_x509.Certificate, name: str) -> str:
    return str(cert.subject.native.get(name, ""))


def _signature_drawing(cert: asn1_x509.Certificate, signing_time: dt.datetime):
    """The image of a personal digital signature: a handwritten-looking name on the left third (where
    the seal lands), then who signed, for which body and when, as the government CA's plug-in shows."""
    common_name = _subject_attribute(cert, "common_name")
    details = [
        f"Ký bởi: {common_name}",
        f"Cơ quan: {_subject_attribute(cert, 'organization_name')}",
        # Decree 30, Appendix I: the time in ISO 8601 with Vietnam's offset.
        f"Thời gian ký: {signing_time.astimezone(VIETNAM_TIME).isoformat(timespec='seconds')}",
    ]

    def draw(canvas: Canvas, width: float, height: float) -> None:
        canvas.setStrokeColor(_SIGNATURE_INK)
        canvas.setFillColor(_SIGNATURE_INK)
        canvas.setLineWidth(0.6)
        canvas.roundRect(0.5, 0.5, width - 1, height - 1, 3)
        third = width / 3
        canvas.saveState()
        canvas.translate(third / 2, height / 2)
        canvas.rotate(12)
        canvas.setFont(FONT + "-BoldItalic", 13)
        canvas.drawCentredString(0, 0, common_name.split()[-1] if common_name.split() else "")
        canvas.bezier(-third / 2 + 6, -6, -4, -14, 6, 2, third / 2 - 4, -8)
        canvas.restoreState()
        text_width = width - third - 6
        lines = [line for detail in details for line in simpleSplit(detail, FONT, 6.5, text_width)]
        y = height - 11
        for line in lines[:5]:
            canvas.setFont(FONT, 6.5)
            canvas.drawString(third, y, line)
            y -= 8.5
        canvas.setFillColor(_SEAL_INK)
        canvas.setFont(FONT + "-Italic", 5.5)
        canvas.drawString(third, 5, "Chữ ký số thực hành - không có giá trị pháp lý")

    return draw


def _seal_drawing(cert: asn1_x509.Certificate):
    """The image of an organisation's seal: red rings, its name along the upper rim, a star."""
    ring_text = (
        _subject_attribute(cert, "organization_name") or _subject_attribute(cert, "common_name")
    ).upper()

    def draw(canvas: Canvas, width: float, height: float) -> None:
        radius = min(width, height) / 2 - 1.5
        canvas.translate(width / 2, height / 2)
        canvas.setStrokeColor(_SEAL_INK)
        canvas.setFillColor(_SEAL_INK)
        canvas.setLineWidth(1.8)
        canvas.circle(0, 0, radius)
        canvas.setLineWidth(0.7)
        canvas.circle(0, 0, radius * 0.62)
        text_radius = radius * 0.76
        size = 7.5
        # Letters follow the rim, centred on the top, within 300 degrees whatever the name's length.
        total = math.degrees(pdfmetrics.stringWidth(ring_text, FONT + "-Bold", size) * 1.15 / text_radius)
        if total > 300:
            size, total = size * 300 / total, 300
        angle = 90 + total / 2
        canvas.setFont(FONT + "-Bold", size)
        for character in ring_text:
            step = math.degrees(pdfmetrics.stringWidth(character, FONT + "-Bold", size) * 1.15 / text_radius)
            canvas.saveState()
            canvas.rotate(angle - step / 2)
            canvas.translate(text_radius, 0)
            canvas.rotate(-90)
            canvas.drawCentredString(0, 0, character)
            canvas.restoreState()
            angle -= step
        star = canvas.beginPath()
        for point in range(10):
            reach = 9 if point % 2 == 0 else 3.6
            theta = math.radians(90 + point * 36)
            (star.moveTo if point == 0 else star.lineTo)(reach * math.cos(theta), 4 + reach * math.sin(theta))
        star.close()
        canvas.drawPath(star, stroke=0, fill=1)
        canvas.setFont(FONT + "-Bold", 5.5)
        canvas.drawCentredString(0, -13, "THỰC HÀNH")

    return draw


class _TimedPdfSigner(signers.PdfSigner):
    """pyHanko's signer with the signing time fixed by the caller instead of the system clock."""

    def __init__(self, *args, signing_time: dt.datetime, **kwargs):
        super().__init__(*args, **kwargs)
        self._signing_time = signing_time

    def init_signing_session(self, pdf_out, existing_fields_only=False):
        session = super().init_signing_session(pdf_out, existing_fields_only=existing_fields_only)
        session.system_time = self._signing_time
        return session


def _asn1_cert(pem: bytes) -> asn1_x509.Certificate:
    return next(iter(load_certs_from_pemder_data(pem)))


def timestamper_build(
    *, tsa_cert_pem: bytes, tsa_key_pem: bytes, ca_cert_pem: bytes, at: dt.datetime | None = None
):
    """An RFC 3161 timestamp server that runs in-process: it answers every request with a token signed
    by the TSA certificate (:func:`sandbox.pki.tsa_issue`), certifying ``at`` (aware; default now)."""
    return DummyTimeStamper(
        tsa_cert=_asn1_cert(tsa_cert_pem),
        tsa_key=asn1_keys.PrivateKeyInfo.load(
            serialization.load_pem_private_key(tsa_key_pem, password=None).private_bytes(
                serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
            )
        ),
        certs_to_embed=SimpleCertificateStore.from_certs([_asn1_cert(ca_cert_pem)]),
        fixed_dt=_aware(at, "at") if at else None,
    )


def pdf_sign(
    *,
    pdf_bytes: bytes,
    cert_pem: bytes,
    private_key: SigningKey,
    ca_cert_pem: bytes,
    field_name: str,
    reason: str,
    location: str,
    signing_time: dt.datetime | None = None,
    seal: bool = False,
    timestamper=None,
) -> bytes:
    """Sign a PDF (PAdES, SHA-256) as an incremental update and return the signed bytes.

    ``private_key`` is what :func:`sandbox.pki.key_unlock` returned; the CA certificate is embedded
    beside the signer's so a recipient can build the chain. An existing empty field named
    ``field_name`` (see :func:`document_render`) is filled and shows a visible stamp: the signer's
    details, or, with ``seal=True``, the organisation's seal. Without such a field an invisible one is
    created. ``signing_time`` (aware; default now) is the time the signature claims. With a
    ``timestamper`` (:func:`timestamper_build`) the signature carries a signature timestamp (PAdES
    baseline B-T); its errors (``pyhanko.sign.timestamps.api.TimestampRequestError``) reach the caller.

    Nothing is validated here: refuse a revoked or expired certificate before calling. Raises
    ``pyhanko.sign.general.SigningError`` when ``field_name`` is already signed.
    """
    signing_time = _aware(signing_time, "signing_time") if signing_time else dt.datetime.now(dt.UTC)
    _register_fonts()  # the stamps are drawn with the document's font
    cert = _asn1_cert(cert_pem)
    signing_key = asn1_keys.PrivateKeyInfo.load(
        private_key.private_bytes(
            serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    signer = signers.SimpleSigner(
        signing_cert=cert,
        signing_key=signing_key,
        cert_registry=SimpleCertificateStore.from_certs([_asn1_cert(ca_cert_pem)]),
    )
    metadata = signers.PdfSignatureMetadata(
        field_name=field_name,
        reason=reason,
        location=location,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
    )
    if seal:
        stamp = _ReportlabContent(_SEAL_DIAMETER, _SEAL_DIAMETER, _seal_drawing(cert))
    else:
        stamp = _ReportlabContent(*_SIGNATURE_SIZE, _signature_drawing(cert, signing_time))
    style = StaticStampStyle(
        background=stamp,
        border_width=0,
        background_layout=layout.SimpleBoxLayoutRule(
            x_align=layout.AxisAlignment.ALIGN_MID,
            y_align=layout.AxisAlignment.ALIGN_MID,
            inner_content_scaling=layout.InnerScaling.STRETCH_TO_FIT,
        ),
    )
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf_bytes), strict=False)
    pdf_signer = _TimedPdfSigner(
        metadata, signer, timestamper=timestamper, stamp_style=style, signing_time=signing_time
    )
    return pdf_signer.sign_pdf(writer).getvalue()


# --- Validation -------------------------------------------------------------------------------------

_EXPIRY_PROBLEMS = {
    AdESIndeterminate.EXPIRED,
    AdESIndeterminate.OUT_OF_BOUNDS_NO_POE,
    AdESIndeterminate.OUT_OF_BOUNDS_NOT_REVOKED,
}
_REVOCATION_PROBLEMS = {AdESIndeterminate.REVOKED_NO_POE, AdESIndeterminate.REVOKED_CA_NO_POE}


def _signature_check(embedded, *, ca_cert, crl: bytes | None, at: dt.datetime | None) -> SignatureInfo:
    """Validate one embedded signature at ``at``, or else at the time it claims to have been made."""
    cert: asn1_x509.Certificate = embedded.signer_cert
    signing_time = embedded.self_reported_timestamp
    moment = at or signing_time or dt.datetime.now(dt.UTC)
    context = ValidationContext(
        trust_roots=[ca_cert],
        crls=[crl] if crl else None,
        allow_fetching=False,
        # Our certificates name no CRL location, and "soft-fail" only checks those that do: with a CRL
        # in hand, require it to cover the signer's certificate.
        revocation_mode="require" if crl else "soft-fail",
        moment=moment,
        # The CRL is built when checking, after the signature: let it speak about the signing time.
        retroactive_revinfo=True,
    )
    expired = moment > cert.not_valid_after
    timestamp = None
    try:
        status = validate_pdf_signature(embedded, signer_validation_context=context)
    except (SignatureValidationError, misc.PdfError):
        # A signature so damaged that pyHanko cannot even evaluate it.
        intact = valid = trusted = revoked = False
    else:
        stamped = status.timestamp_validity
        if stamped is not None and stamped.intact and stamped.valid and stamped.trusted:
            timestamp = stamped.timestamp
        problem = status.trust_problem_indic
        intact = status.intact and bool(status.docmdp_ok)
        valid = status.valid
        revoked = status.revoked
        trusted = status.validation_path is not None and (
            problem is None or problem in _EXPIRY_PROBLEMS or problem in _REVOCATION_PROBLEMS
        )
    return SignatureInfo(
        field_name=embedded.field_name,
        signer_common_name=_subject_attribute(cert, "common_name"),
        signing_time=signing_time,
        intact=intact,
        valid=valid,
        trusted=trusted,
        revoked=revoked,
        expired=expired,
        timestamp=timestamp,
    )


def _crl_der(crl_pem: bytes) -> bytes:
    return x509.load_pem_x509_crl(crl_pem).public_bytes(serialization.Encoding.DER)


def pdf_validate(
    *,
    pdf_bytes: bytes,
    ca_cert_pem: bytes,
    crl_pem: bytes | None = None,
    at: dt.datetime | None = None,
) -> ValidationResult:
    """Check every signature of a PDF against the sandbox CA, as a recipient's plug-in does.

    Each signature is judged at ``at`` when given, else at the signing time it claims: a certificate
    revoked or expired after a document was signed leaves that signature valid, one revoked or
    expired before makes it invalid. ``crl_pem`` comes from :func:`sandbox.pki.crl_build` (build it
    now: a CRL past its ``next_update`` is ignored); without it revocation is not checked. Nothing is
    fetched from the network. A document is valid only if it carries at least one signature and every
    signature is intact, valid, chains to the CA, and is neither revoked nor expired.
    """
    if at is not None:
        _aware(at, "at")
    ca_cert = _asn1_cert(ca_cert_pem)
    crl = _crl_der(crl_pem) if crl_pem else None
    try:
        embedded = PdfFileReader(io.BytesIO(pdf_bytes), strict=False).embedded_regular_signatures
    except (misc.PdfError, ValueError, KeyError, IndexError):
        return ValidationResult(valid=False, signatures=[], error=ERROR_UNREADABLE)
    if not embedded:
        return ValidationResult(valid=False, signatures=[], error=ERROR_UNSIGNED)
    signatures = [_signature_check(signature, ca_cert=ca_cert, crl=crl, at=at) for signature in embedded]
    return ValidationResult(valid=all(signature.ok for signature in signatures), signatures=signatures)


def pdf_signature_fields(pdf_bytes: bytes) -> list[str]:
    """Names of the signed signature fields, in the order the signatures were applied.

    Empty fields prepared by :func:`document_render` are not listed. Raises
    ``pyhanko.pdf_utils.misc.PdfReadError`` when the bytes are not a PDF.
    """
    reader = PdfFileReader(io.BytesIO(pdf_bytes), strict=False)
    return [signature.field_name for signature in reader.embedded_regular_signatures]
