"""The PDF certificate: Vietnamese text in an embedded DejaVu Sans, the verification code, and a QR code
that opens the public verification page."""

from io import BytesIO
from pathlib import Path

import qrcode
from django.utils import formats, translation
from django.utils.translation import gettext as _
from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from reports.models import Certificate

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT, FONT_BOLD = "DejaVuSans", "DejaVuSans-Bold"
BRAND = HexColor("#0b4f8a")
PLATFORM = "Hỗ trợ chuyển đổi số cấp xã"


def _register_fonts() -> None:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, str(FONT_DIR / "DejaVuSans.ttf")))
        pdfmetrics.registerFont(TTFont(FONT_BOLD, str(FONT_DIR / "DejaVuSans-Bold.ttf")))


def _qr_png(url: str) -> ImageReader:
    image = qrcode.make(url, box_size=8, border=2)
    buffer = BytesIO()
    image.save(buffer, format="PNG")
    buffer.seek(0)
    return ImageReader(buffer)


def certificate_pdf(*, certificate: Certificate, verify_url: str) -> bytes:
    """Render one certificate, in Vietnamese, as PDF bytes."""
    _register_fonts()
    buffer = BytesIO()
    width, height = landscape(A4)
    canvas = Canvas(buffer, pagesize=(width, height))
    with translation.override("vi"):
        heading = _("GIẤY CHỨNG NHẬN HOÀN THÀNH KHÓA HỌC")
        canvas.setTitle(f"{heading}: {certificate.course_title}")
        canvas.setAuthor(PLATFORM)
        # The code also goes into the document's metadata, where tools (and tests) can read it.
        canvas.setSubject(_("Mã xác minh: %(code)s") % {"code": certificate.code})
        canvas.setKeywords([certificate.code])
        canvas.setStrokeColor(BRAND)
        canvas.setLineWidth(3)
        canvas.rect(12 * mm, 12 * mm, width - 24 * mm, height - 24 * mm)
        centre = width / 2
        canvas.setFillColor(BRAND)
        canvas.setFont(FONT_BOLD, 13)
        canvas.drawCentredString(centre, height - 32 * mm, PLATFORM.upper())
        canvas.setFont(FONT_BOLD, 26)
        canvas.drawCentredString(centre, height - 52 * mm, heading)
        canvas.setFillColor(HexColor("#1b1b1b"))
        canvas.setFont(FONT, 14)
        canvas.drawCentredString(centre, height - 70 * mm, _("Chứng nhận ông/bà"))
        canvas.setFont(FONT_BOLD, 24)
        canvas.drawCentredString(centre, height - 84 * mm, certificate.official_name)
        canvas.setFont(FONT, 14)
        canvas.drawCentredString(centre, height - 96 * mm, certificate.commune_name)
        canvas.drawCentredString(centre, height - 110 * mm, _("đã hoàn thành khóa học"))
        canvas.setFont(FONT_BOLD, 18)
        canvas.drawCentredString(centre, height - 122 * mm, certificate.course_title)
        canvas.setFont(FONT, 13)
        completed = formats.date_format(certificate.completed_on, "d/m/Y")
        canvas.drawCentredString(
            centre, height - 136 * mm, _("Ngày hoàn thành: %(date)s") % {"date": completed}
        )
        qr_size = 34 * mm
        qr_x, qr_y = width - 22 * mm - qr_size, 20 * mm
        canvas.drawImage(_qr_png(verify_url), qr_x, qr_y, qr_size, qr_size)
        canvas.linkURL(verify_url, (qr_x, qr_y, qr_x + qr_size, qr_y + qr_size), relative=0)
        canvas.setFont(FONT, 10)
        canvas.drawString(22 * mm, 30 * mm, _("Mã xác minh: %(code)s") % {"code": certificate.code})
        canvas.drawString(22 * mm, 24 * mm, _("Kiểm tra tại: %(url)s") % {"url": verify_url})
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
