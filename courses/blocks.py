"""The blocks a lesson is written with.

Besides rich text, images, video and a PDF guide, three blocks carry the hand-holding method:
``step`` (one screen: what to press, what should happen, the usual mistake and its fix),
``practise`` (open the matching sandbox scenario) and ``check`` (open a quiz). Practice scenarios and
quizzes are stored by their slug, the identity they keep in the progress ledger. The author picks a
practice from the sandbox's list (``core.catalogue.choices("scenario")``: courses do not import the
sandbox) and the block shows the practice's own title.
"""

from pathlib import PurePosixPath

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse, reverse_lazy
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.staticfiles import versioned_static
from wagtail.admin.telepath import register
from wagtail.blocks.struct_block import StructBlockAdapter, StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock, ImageChooserBlock

from core import catalogue

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
SLUG_ERROR = {"invalid": _("Chỉ dùng chữ thường không dấu, số và dấu gạch ngang, ví dụ: ky-so-usb.")}
VIDEO_EXTENSIONS = {".mp4", ".webm", ".ogv"}

RICH_TEXT_FEATURES = ["h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]


class ImageWithCaptionBlock(blocks.StructBlock):
    image = ImageBlock(label=_("Ảnh"))
    caption = blocks.CharBlock(label=_("Chú thích"), required=False, max_length=255)

    class Meta:
        icon = "image"
        label = _("Ảnh")
        template = "courses/blocks/image.html"


class VideoBlock(blocks.StructBlock):
    """A video: an uploaded file (a document) or a link to a video site, exactly one of them."""

    title = blocks.CharBlock(label=_("Tiêu đề"), max_length=200)
    video_file = DocumentChooserBlock(label=_("Tệp video đã tải lên"), required=False)
    embed = EmbedBlock(label=_("Hoặc đường dẫn video (YouTube…)"), required=False)
    transcript = blocks.TextBlock(label=_("Lời thoại (cho người không xem được video)"), required=False)

    class Meta:
        icon = "media"
        label = _("Video")
        template = "courses/blocks/video.html"

    def clean(self, value):
        value = super().clean(value)
        has_file, has_embed = bool(value.get("video_file")), bool(value.get("embed"))
        if has_file == has_embed:
            raise StructBlockValidationError(
                block_errors={
                    "video_file": ValidationError(
                        _("Chọn một tệp video hoặc nhập một đường dẫn, không cả hai.")
                    )
                }
            )
        if has_file and PurePosixPath(value["video_file"].file.name).suffix.lower() not in VIDEO_EXTENSIONS:
            raise StructBlockValidationError(
                block_errors={"video_file": ValidationError(_("Tệp video phải là MP4, WebM hoặc OGV."))}
            )
        return value


class GuideBlock(blocks.StructBlock):
    """A downloadable PDF guide, for officials who keep a printed copy beside the computer."""

    document = DocumentChooserBlock(label=_("Tệp PDF"))
    title = blocks.CharBlock(label=_("Tiêu đề"), max_length=200)
    description = blocks.TextBlock(label=_("Mô tả"), required=False)

    class Meta:
        icon = "doc-full"
        label = _("Tài liệu PDF")
        template = "courses/blocks/guide.html"

    def clean(self, value):
        value = super().clean(value)
        if PurePosixPath(value["document"].file.name).suffix.lower() != ".pdf":
            raise StructBlockValidationError(
                block_errors={"document": ValidationError(_("Tài liệu hướng dẫn phải là tệp PDF."))}
            )
        return value


class StepValue(blocks.StructValue):
    @property
    def highlight(self) -> dict | None:
        """The highlighted area as SVG attribute values (percent of the screenshot), or None."""
        if self.get("highlight_width") in (None, 0) or self.get("highlight_height") in (None, 0):
            return None
        # Formatted here, not in the template: a localised "12,5" is not a valid SVG number.
        return {name: f"{float(self[f'highlight_{name}']):g}" for name in ("x", "y", "width", "height")}


def _percent_block(label):
    return blocks.FloatBlock(label=label, required=False, min_value=0, max_value=100)


class StepBlock(blocks.StructBlock):
    """One hand-holding step on the real screen. Steps are numbered by their order in the lesson.

    In the admin the highlighted area is drawn with the mouse on the chosen screenshot
    (``courses/static/courses/admin/highlight.js``, a Stimulus controller named by ``form_attrs``);
    the four percentages stay editable fields."""

    instruction = blocks.CharBlock(label=_("Việc cần làm"), max_length=300)
    screenshot = ImageChooserBlock(label=_("Ảnh chụp màn hình"))
    highlight_x = _percent_block(_("Vùng đánh dấu: cách mép trái (%)"))
    highlight_y = _percent_block(_("Vùng đánh dấu: cách mép trên (%)"))
    highlight_width = _percent_block(_("Vùng đánh dấu: rộng (%)"))
    highlight_height = _percent_block(_("Vùng đánh dấu: cao (%)"))
    expected_result = blocks.TextBlock(label=_("Kết quả đúng"))
    common_mistake = blocks.TextBlock(label=_("Lỗi thường gặp"), required=False)
    mistake_fix = blocks.TextBlock(label=_("Cách khắc phục"), required=False)

    class Meta:
        icon = "pick"
        label = _("Bước hướng dẫn")
        template = "courses/blocks/step.html"
        value_class = StepValue
        form_classname = "struct-block step-block"
        form_attrs = {
            "data-controller": "courses-highlight",
            # The screenshot is fetched by id: highlight.js puts the chosen image's id for the 0.
            "data-courses-highlight-preview-url-value": reverse_lazy(
                "courses_screenshot_preview", kwargs={"image_id": 0}
            ),
            "data-courses-highlight-choose-first-value": _(
                "Chọn ảnh chụp màn hình trước, rồi kéo chuột trên ảnh để đánh dấu chỗ cần bấm."
            ),
            "data-courses-highlight-help-value": _(
                "Kéo chuột trên ảnh để vẽ khung đỏ quanh chỗ cần bấm: bốn ô phía trên tự điền. "
                "Cũng có thể gõ bốn số (phần trăm) vào các ô đó."
            ),
            "data-courses-highlight-load-error-value": _(
                "Không tải được ảnh chụp màn hình để vẽ vùng đánh dấu."
            ),
        }

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        parts = [value.get(f"highlight_{name}") for name in ("x", "y", "width", "height")]
        if any(part is not None for part in parts) and any(part is None for part in parts):
            errors["highlight_x"] = ValidationError(
                _("Nhập đủ bốn số của vùng đánh dấu, hoặc bỏ trống cả bốn.")
            )
        elif all(part is not None for part in parts):
            x, y, width, height = parts
            if x + width > 100:
                errors["highlight_width"] = ValidationError(_("Vùng đánh dấu vượt quá mép phải của ảnh."))
            if y + height > 100:
                errors["highlight_height"] = ValidationError(_("Vùng đánh dấu vượt quá mép dưới của ảnh."))
        if value.get("common_mistake") and not value.get("mistake_fix"):
            errors["mistake_fix"] = ValidationError(_("Lỗi thường gặp cần có cách khắc phục."))
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value


def scenario_choices() -> list[tuple[str, str]]:
    """The practices an author may pick, ``(slug, "Bài 5: title")``, numbered as the sandbox lists
    them (registered by the sandbox in ``core.catalogue``). A callable: a new scenario changes no
    migration."""
    return catalogue.choices("scenario")


class ScenarioChoiceBlock(blocks.ChoiceBlock):
    """A drop-down of the sandbox's practices that refuses a slug the sandbox does not have."""

    def get_field(self, **kwargs):
        return forms.ChoiceField(
            error_messages={
                "invalid_choice": _(
                    "Không có bài thực hành này trong môi trường thực hành: chọn một bài trong danh sách."
                )
            },
            **kwargs,
        )


class StepBlockAdapter(StructBlockAdapter):
    """A step's form is Wagtail's own struct form plus the drawing script and its styles."""

    @cached_property
    def media(self):
        return super().media + forms.Media(
            js=[versioned_static("courses/admin/highlight.js")],
            css={"all": [versioned_static("courses/admin/highlight.css")]},
        )


register(StepBlockAdapter(), StepBlock)


class PractiseValue(blocks.StructValue):
    @property
    def practice(self) -> catalogue.ItemLink | None:
        """The practice as the sandbox names it (title and page), or None when it no longer exists."""
        return catalogue.items("scenario", [self["scenario"]]).get(self["scenario"])

    @property
    def url(self) -> str:
        return reverse("sandbox:scenario", kwargs={"slug": self["scenario"]})

    @property
    def ledger_key(self) -> str:
        return f"scenario:{self['scenario']}"


class PractiseBlock(blocks.StructBlock):
    """ "Thực hành ngay": opens a sandbox scenario, chosen from the sandbox's list and shown with its
    own title (a practice the sandbox no longer has is not shown to learners)."""

    scenario = ScenarioChoiceBlock(choices=scenario_choices, label=_("Bài thực hành"))
    description = blocks.TextBlock(label=_("Việc cần làm trong bài thực hành"), required=False)

    class Meta:
        icon = "cogs"
        label = _("Thực hành ngay")
        template = "courses/blocks/practise.html"
        value_class = PractiseValue


class CheckValue(blocks.StructValue):
    @property
    def url(self) -> str:
        return reverse("quizzes:start", kwargs={"slug": self["quiz"]})

    @property
    def ledger_key(self) -> str:
        return f"quiz:{self['quiz']}"


class CheckBlock(blocks.StructBlock):
    """ "Tự kiểm tra": opens a quiz, named by its slug."""

    quiz = blocks.RegexBlock(
        regex=SLUG_PATTERN, error_messages=SLUG_ERROR, label=_("Mã bài kiểm tra (slug)"), max_length=64
    )
    title = blocks.CharBlock(label=_("Tên bài kiểm tra"), max_length=200)
    description = blocks.TextBlock(label=_("Ghi chú"), required=False)

    class Meta:
        icon = "tick-inverse"
        label = _("Tự kiểm tra")
        template = "courses/blocks/check.html"
        value_class = CheckValue


class LessonBodyBlock(blocks.StreamBlock):
    text = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("Đoạn văn"))
    image = ImageWithCaptionBlock()
    video = VideoBlock()
    guide = GuideBlock()
    step = StepBlock()
    practise = PractiseBlock()
    check = CheckBlock()
