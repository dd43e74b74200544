"""Drawn mock screens of the provincial systems for the demo courses, and their printable PDF guides.

Screenshots are not committed: the seed draws each one with Pillow (a browser window, the system's
header, its menu, the form fields, table rows and buttons, labelled in Vietnamese) and knows where it
drew the element to press, so each step's highlighted area is computed, not guessed. Every screen is
stamped "MÔ PHỎNG" (mock-up): it teaches the layout, it is not a copy of the real system. A screen is
as tall as what is drawn on it (never a half-empty picture), and shows the signed-in official's name in
its header only once signed in (a sign-in screen has none).

DejaVu fonts carry Vietnamese glyphs; without them the text is folded to ASCII rather than drawn as
empty boxes.
"""

import io
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont
from unidecode import unidecode

WIDTH = 1024
# A screen is cut below its lowest element (plus a margin), never shorter than these, never taller
# than MAX_HEIGHT.
MIN_HEIGHT, PHONE_MIN_HEIGHT, MAX_HEIGHT = 320, 480, 1600
SIGNED_IN_NAME = "Nguyễn Thị Lan ▾"
FONT_DIRS = [Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu")]
BRAND, BRAND_DARK, INK, MUTED, LINE, SOFT = "#0b4f8a", "#083a66", "#1b1b1b", "#555555", "#c9ced4", "#f3f5f7"
MESSAGE_COLOURS = {
    "error": ("#fdecec", "#a4161a"),
    "ok": ("#e8f4ea", "#1d6b2f"),
    "info": ("#e7f0f8", BRAND),
    "warn": ("#fff4d6", "#8a5a00"),
}


@dataclass
class Screen:
    """One screen to draw. ``target`` names the element to highlight: a button, a menu item, a field
    label, the first cell of a table row, or "message"."""

    system: str
    heading: str
    target: str
    address: str = ""
    menu: list[str] = field(default_factory=list)
    active: str = ""
    message: tuple[str, str] | None = None
    fields: list[tuple[str, str]] = field(default_factory=list)
    table: list[list[str]] = field(default_factory=list)
    buttons: list[str] = field(default_factory=list)
    phone: bool = False
    signed_in: bool = True  # False on a sign-in screen: no official's name in the header


@dataclass(frozen=True)
class Fonts:
    regular: object
    bold: object
    ascii_only: bool

    def sized(self, size: int, bold: bool = False):
        source = self.bold if bold else self.regular
        if isinstance(source, str):
            return ImageFont.truetype(source, size)
        return ImageFont.load_default(size)


def _fonts() -> Fonts:
    for folder in FONT_DIRS:
        regular, bold = folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf"
        if regular.exists():
            return Fonts(str(regular), str(bold if bold.exists() else regular), ascii_only=False)
    try:
        import reportlab

        vera = Path(reportlab.__file__).parent / "fonts"
        if (vera / "Vera.ttf").exists():
            return Fonts(str(vera / "Vera.ttf"), str(vera / "VeraBd.ttf"), ascii_only=True)
    except ImportError:
        pass
    return Fonts(None, None, ascii_only=True)


class _Canvas:
    def __init__(self, fonts: Fonts, height: int = MAX_HEIGHT):
        self.fonts = fonts
        self.height = height
        self.image = Image.new("RGB", (WIDTH, height), "#ffffff")
        self.draw = ImageDraw.Draw(self.image)
        self.boxes: dict[str, tuple[int, int, int, int]] = {}

    def text(self, xy, text, size=15, bold=False, fill=INK, max_width=None):
        text = unidecode(text) if self.fonts.ascii_only else text
        font = self.fonts.sized(size, bold)
        if max_width is not None:
            while text and self.draw.textlength(text, font=font) > max_width:
                text = text[:-2] + "…"
        self.draw.text(xy, text, font=font, fill=fill)
        return self.draw.textlength(text, font=font)

    def text_width(self, text, size=15, bold=False) -> float:
        text = unidecode(text) if self.fonts.ascii_only else text
        return self.draw.textlength(text, font=self.fonts.sized(size, bold))

    def button(self, x, y, label, primary, width=None, height=34):
        width = width or int(self.text_width(label, 15, True)) + 32
        fill, outline, ink = (BRAND, BRAND, "#ffffff") if primary else ("#ffffff", BRAND, BRAND)
        self.draw.rounded_rectangle(
            (x, y, x + width, y + height), radius=5, fill=fill, outline=outline, width=2
        )
        self.text((x + 16, y + (height - 18) // 2), label, size=15, bold=True, fill=ink, max_width=width - 24)
        self.boxes[label] = (x, y, x + width, y + height)
        return width

    def wrap(self, text, width, size=14) -> list[str]:
        lines, line = [], ""
        for word in text.split():
            candidate = f"{line} {word}".strip()
            if line and self.text_width(candidate, size) > width:
                lines.append(line)
                line = word
            else:
                line = candidate
        return [*lines, line] if line else lines

    def message(self, x, y, width, kind, text, height=40):
        background, ink = MESSAGE_COLOURS[kind]
        self.draw.rectangle((x, y, x + width, y + height), fill=background, outline=ink)
        self.draw.rectangle((x, y, x + 5, y + height), fill=ink)
        lines = self.wrap(text, width - 28)[: max(1, (height - 8) // 20)]
        top = y + (height - 20 * len(lines)) // 2
        for index, line in enumerate(lines):
            self.text((x + 16, top + index * 20), line, size=14, fill=ink, max_width=width - 28)
        self.boxes["message"] = (x, y, x + width, y + height)

    def png(self) -> bytes:
        buffer = io.BytesIO()
        self.image.save(buffer, format="PNG", optimize=True)
        return buffer.getvalue()


def _browser_frame(canvas: _Canvas, address: str) -> None:
    draw = canvas.draw
    draw.rectangle((0, 0, WIDTH, 36), fill="#dfe3e8")
    for index, colour in enumerate(("#e0443e", "#dea123", "#1aab29")):
        draw.ellipse((12 + index * 20, 12, 24 + index * 20, 24), fill=colour)
    draw.rounded_rectangle((90, 7, 760, 29), radius=10, fill="#ffffff", outline=LINE)
    canvas.text((104, 10), f"https://{address}", size=13, fill=MUTED)
    draw.rounded_rectangle((WIDTH - 118, 8, WIDTH - 12, 28), radius=4, fill="#a33a00")
    canvas.text((WIDTH - 108, 10), "MÔ PHỎNG", size=13, bold=True, fill="#ffffff")


def _desktop(canvas: _Canvas, screen: Screen) -> int:
    """Draw a browser window of the system; return the bottom of the lowest element drawn."""
    draw = canvas.draw
    _browser_frame(canvas, screen.address)
    draw.rectangle((0, 36, WIDTH, 84), fill=BRAND)
    canvas.text((20, 50), screen.system, size=18, bold=True, fill="#ffffff", max_width=720)
    if screen.signed_in:
        canvas.text((WIDTH - 210, 52), SIGNED_IN_NAME, size=14, fill="#ffffff")
    left, bottom = 24, 84
    if screen.menu:
        draw.rectangle((0, 84, 210, canvas.height), fill=SOFT)
        draw.line((210, 84, 210, canvas.height), fill=LINE)
        for index, item in enumerate(screen.menu):
            top = 96 + index * 40
            if item == screen.active:
                draw.rectangle((0, top, 209, top + 36), fill="#dbe7f3")
                draw.rectangle((0, top, 4, top + 36), fill=BRAND)
            canvas.text((18, top + 9), item, size=15, bold=item == screen.active, max_width=180)
            canvas.boxes[item] = (0, top, 209, top + 36)
            bottom = top + 36
        left = 232
    right = WIDTH - 24
    y = 100
    canvas.text((left, y), screen.heading, size=22, bold=True, max_width=right - left)
    y += 44
    if screen.message:
        canvas.message(left, y, right - left, *screen.message)
        y += 54
    for label, value in screen.fields:
        canvas.text((left, y + 7), label, size=15, bold=True, max_width=210)
        box = (left + 220, y, right, y + 34)
        draw.rounded_rectangle(box, radius=4, fill="#ffffff", outline="#8a8f96", width=2)
        canvas.text((box[0] + 10, y + 7), value, size=15, max_width=box[2] - box[0] - 20)
        canvas.boxes[label] = box
        y += 44
    if screen.table:
        header, *rows = screen.table
        column = (right - left) / len(header)
        draw.rectangle((left, y, right, y + 32), fill=SOFT, outline=LINE)
        for index, cell in enumerate(header):
            canvas.text((left + index * column + 8, y + 7), cell, size=14, bold=True, max_width=column - 14)
        y += 32
        for row in rows:
            draw.rectangle((left, y, right, y + 32), fill="#ffffff", outline=LINE)
            for index, cell in enumerate(row):
                colour = "#a4161a" if cell.startswith(("Quá hạn", "Hỏa tốc", "Thượng khẩn")) else INK
                canvas.text(
                    (left + index * column + 8, y + 7), cell, size=14, fill=colour, max_width=column - 14
                )
            canvas.boxes[row[0]] = (left, y, right, y + 32)
            y += 32
        y += 14
    x = left
    for index, label in enumerate(screen.buttons):
        x += canvas.button(x, y + 6, label, primary=index == 0) + 12
    if screen.buttons:
        y += 40
    return max(bottom, y)


def _phone(canvas: _Canvas, screen: Screen) -> int:
    """Draw a phone application of the system; return the bottom of the lowest element on its screen."""
    draw = canvas.draw
    draw.rectangle((0, 0, WIDTH, canvas.height), fill="#e9ecef")
    draw.rounded_rectangle((WIDTH - 118, 8, WIDTH - 12, 28), radius=4, fill="#a33a00")
    canvas.text((WIDTH - 108, 10), "MÔ PHỎNG", size=13, bold=True, fill="#ffffff")
    left, right, top = 352, 672, 20
    draw.rounded_rectangle((left - 14, top - 6, right + 14, canvas.height - 8), radius=34, fill="#16181b")
    draw.rectangle((left, top + 30, right, canvas.height - 40), fill="#ffffff")
    draw.rectangle((left, top + 30, right, top + 80), fill=BRAND_DARK)
    canvas.text(
        (left + 14, top + 44), screen.system, size=16, bold=True, fill="#ffffff", max_width=right - left - 28
    )
    y = top + 96
    canvas.text((left + 14, y), screen.heading, size=17, bold=True, max_width=right - left - 28)
    y += 36
    if screen.message:
        canvas.message(left + 10, y, right - left - 20, *screen.message, height=56)
        y += 68
    for label, value in screen.fields:
        canvas.text((left + 14, y), label, size=14, bold=True, max_width=right - left - 28)
        box = (left + 14, y + 22, right - 14, y + 56)
        draw.rounded_rectangle(box, radius=4, fill="#ffffff", outline="#8a8f96", width=2)
        canvas.text((box[0] + 10, y + 29), value, size=15, max_width=box[2] - box[0] - 20)
        canvas.boxes[label] = box
        y += 68
    for index, label in enumerate(screen.buttons):
        canvas.button(left + 14, y + 6, label, primary=index == 0, width=right - left - 28, height=40)
        y += 52
    return y


def _drawn(screen: Screen) -> _Canvas:
    """The screen drawn as tall as its content: once to find its lowest element, then at that height
    (the menu and the phone's frame reach the bottom edge)."""
    fonts = _fonts()
    draw = _phone if screen.phone else _desktop
    bottom = draw(_Canvas(fonts), screen)
    if screen.phone:
        height = max(PHONE_MIN_HEIGHT, bottom + 24 + 40)  # the screen's margin, then the phone's chin
    else:
        height = max(MIN_HEIGHT, bottom + 32)
    canvas = _Canvas(fonts, height=min(MAX_HEIGHT, height))
    draw(canvas, screen)
    if screen.target not in canvas.boxes:
        raise KeyError(f"nothing labelled {screen.target!r} on the screen {screen.heading!r}")
    return canvas


def screen_check(screen: Screen) -> None:
    """Raise ``KeyError`` when ``screen.target`` is not drawn on the screen (nothing to highlight)."""
    _drawn(screen)


def render_screen(screen: Screen) -> tuple[bytes, tuple[float, float, float, float]]:
    """Draw ``screen``; return the PNG and the target's area as percentages (x, y, width, height)."""
    canvas = _drawn(screen)
    x0, y0, x1, y1 = canvas.boxes[screen.target]
    height = canvas.height
    pad = 5
    x0, y0, x1, y1 = max(0, x0 - pad), max(0, y0 - pad), min(WIDTH, x1 + pad), min(height, y1 + pad)
    area = (
        round(100 * x0 / WIDTH, 1),
        round(100 * y0 / height, 1),
        round(100 * (x1 - x0) / WIDTH, 1),
        round(100 * (y1 - y0) / height, 1),
    )
    return canvas.png(), area


def render_guide_pdf(*, title: str, lessons: list[tuple[str, list[str]]]) -> bytes:
    """A one- or two-page PDF summary of a course: each lesson with its numbered steps."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import ListFlowable, Paragraph, SimpleDocTemplate, Spacer

    fonts = _fonts()
    fold = unidecode if fonts.ascii_only or not isinstance(fonts.regular, str) else str
    styles = getSampleStyleSheet()
    body, heading, header = styles["BodyText"], styles["Heading2"], styles["Title"]
    if not fonts.ascii_only:
        pdfmetrics.registerFont(TTFont("DejaVuSans", fonts.regular))
        pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", fonts.bold))
        body.fontName = "DejaVuSans"
        heading.fontName = header.fontName = "DejaVuSans-Bold"
    story = [Paragraph(fold(title), header), Spacer(1, 6)]
    for lesson_title, steps in lessons:
        story.append(Paragraph(fold(lesson_title), heading))
        story.append(ListFlowable([Paragraph(fold(step), body) for step in steps], bulletType="1"))
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4, title=fold(title), author="Hỗ trợ chuyển đổi số cấp xã").build(
        story
    )
    return buffer.getvalue()
