"""Course and lesson pages, and assignments.

The page tree is Home → CourseIndexPage → CoursePage → LessonPage. A course page carries its
completion rule (its required quizzes and scenarios; its required lessons are the lesson pages marked
required) and its assignments (who must take it, by when). What each official did lives in the
progress ledger (``progress.models.ProgressEntry``), below this app.
"""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from courses.blocks import LessonBodyBlock
from courses.choosers import commune_chooser_viewset
from people.models import JobRole, Role
from progress.models import ProgressKind

INTRO_FEATURES = ["bold", "italic", "ol", "ul", "link"]


class LearnerOnlyPage(Page):
    """A page only signed-in users who may take its course see (others: login page, or 404).

    Abstract: the course and lesson pages share the rule; ``course_page_id`` says which course.
    """

    class Meta:
        abstract = True

    # What serving reads and writes (``courses.pages``), handed in by ``CoursesConfig.ready``.
    serving = None

    @property
    def course_page_id(self) -> int:
        raise NotImplementedError

    def serve(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        self.prepare(request)
        if not self.serving.course_open_to(
            user=request.user, course_id=self.course_page_id, progress=self.progress
        ):
            raise Http404
        self.record_visit(request)
        response = self.serve_page(request, *args, **kwargs)
        # Progress and names on the page: never kept by a shared cache.
        add_never_cache_headers(response)
        return response

    def serve_page(self, request, *args, **kwargs):
        """The page itself, once the user may see it (Wagtail's ``serve``: its template, rendered)."""
        return Page.serve(self, request, *args, **kwargs)

    # What the official has done (``courses.progress``), read once per request by ``prepare``.
    progress = None

    def prepare(self, request) -> None:
        """Read what serving the page needs, once: the learner's progress."""
        self.progress = self.serving.learner_progress(user=request.user)

    def record_visit(self, request) -> None:
        """Write whatever opening the page means for the learner's progress (nothing by default)."""


class CourseIndexPage(Page):
    """The list of courses, under the home page; the only parent courses may have."""

    intro = RichTextField(_("giới thiệu"), blank=True, features=INTRO_FEATURES)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["courses.CoursePage"]
    max_count = 1

    class Meta:
        verbose_name = _("danh mục khóa học")

    def serve(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        response = super().serve(request, *args, **kwargs)
        add_never_cache_headers(response)
        return response

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(LearnerOnlyPage.serving.index_context(request=request))
        return context


class CoursePage(LearnerOnlyPage):
    """A course: an introduction, its lessons (child pages), its completion rule and its assignments.

    The course's identity in the ledger is its page id.
    """

    intro = RichTextField(_("giới thiệu"), blank=True, features=INTRO_FEATURES)
    require_live_session = models.BooleanField(
        _("phải dự ít nhất một buổi hỗ trợ trực tuyến"),
        default=False,
        help_text=_("Khi chọn, khóa học chỉ hoàn thành sau khi cán bộ đã dự một buổi hỗ trợ trực tuyến."),
    )
    # Folded title and text, for search that ignores diacritics; maintained on publish.
    search_text = models.TextField(blank=True, default="", editable=False)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    rule_panels = [
        MultiFieldPanel(
            [InlinePanel("requirements", label=_("bài kiểm tra, bài thực hành bắt buộc"))],
            heading=_("Điều kiện hoàn thành"),
            help_text=_(
                "Khóa học hoàn thành khi cán bộ đã xong mọi bài học bắt buộc, đạt mọi bài kiểm tra và "
                "làm xong mọi bài thực hành liệt kê dưới đây."
            ),
        ),
        FieldPanel("require_live_session"),
    ]
    assignment_panels = [InlinePanel("assignments", label=_("giao cho"))]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Nội dung")),
            ObjectList(rule_panels, heading=_("Điều kiện hoàn thành")),
            ObjectList(assignment_panels, heading=_("Giao khóa học")),
            ObjectList(Page.promote_panels, heading=_("Đường dẫn")),
            ObjectList(Page.settings_panels, heading=_("Cài đặt")),
        ]
    )
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.LessonPage"]

    class Meta:
        verbose_name = _("khóa học")

    @property
    def course_page_id(self) -> int:
        return self.pk

    def searchable_parts(self) -> list[str]:
        from wagtail.rich_text import get_text_for_indexing

        return [self.title, get_text_for_indexing(self.intro or "")]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self.serving.course_context(request=request, course=self))
        return context


class LessonPage(LearnerOnlyPage):
    """One lesson of a course: a walkthrough of one task on the real screens, ending with the
    "Đã xong bài này" button. Its identity in the ledger is its page id."""

    summary = models.TextField(_("tóm tắt"), blank=True, max_length=500)
    required = models.BooleanField(
        _("bắt buộc"), default=True, help_text=_("Bài bắt buộc phải học xong thì khóa học mới hoàn thành.")
    )
    body = StreamField(LessonBodyBlock(), verbose_name=_("nội dung"))
    search_text = models.TextField(blank=True, default="", editable=False)

    content_panels = Page.content_panels + [FieldPanel("summary"), FieldPanel("required"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["courses.CoursePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("bài học")

    # The course's published shape (``courses.structure``), read by ``prepare``.
    shape = None

    @property
    def course_page_id(self) -> int:
        if self.shape is not None:
            return self.shape.pk
        return self.get_parent().pk

    # What ``prepare`` read from the cache besides (``courses.pages.lesson_reads``).
    found = None

    def prepare(self, request) -> None:
        preview = getattr(request, "is_preview", False)
        self.progress, self.shape, self.found = self.serving.lesson_reads(
            request=request, lesson=self, preview=preview
        )
        if self.shape is None:  # its course is not published
            raise Http404

    def searchable_parts(self) -> list[str]:
        return [self.title, self.summary, *self.body.stream_block.get_searchable_content(self.body)]

    def numbered_body(self) -> list[tuple]:
        """The body's blocks, each with its step number (``None`` for blocks that are not steps)."""
        numbered, count = [], 0
        for block in self.body:
            if block.block_type == "step":
                count += 1
                numbered.append((block, count))
            else:
                numbered.append((block, None))
        return numbered

    def record_visit(self, request) -> None:
        self.serving.lesson_visit(
            request=request, lesson=self, shape=self.shape, progress=self.progress, found=self.found
        )

    def serve_page(self, request, *args, **kwargs):
        # Kept whole for everyone who sees the same page (``courses.page_store``).
        return self.serving.lesson_response(
            request=request,
            lesson=self,
            render=lambda: super(LessonPage, self).serve_page(request, *args, **kwargs),
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self.serving.lesson_context(request=request, lesson=self))
        return context


class RequirementKind(models.TextChoices):
    QUIZ = ProgressKind.QUIZ.value, _("Bài kiểm tra phải đạt")
    SCENARIO = ProgressKind.SCENARIO.value, _("Bài thực hành phải làm xong")


class CourseRequirement(Orderable):
    """A quiz to pass or a sandbox scenario to finish before a course counts as complete.

    Named by slug, the key quizzes and the sandbox write into the ledger with.
    """

    course = ParentalKey(CoursePage, on_delete=models.CASCADE, related_name="requirements")
    kind = models.CharField(_("loại"), max_length=20, choices=RequirementKind.choices)
    key = models.SlugField(
        _("mã (slug)"), max_length=64, help_text=_("Ví dụ: kiem-tra-dang-nhap hoặc dang-nhap-co-ban.")
    )

    panels = [FieldPanel("kind"), FieldPanel("key")]

    class Meta(Orderable.Meta):
        verbose_name = _("điều kiện hoàn thành")
        verbose_name_plural = _("điều kiện hoàn thành")

    def __str__(self) -> str:
        return f"{self.kind}:{self.key}"


class Assignment(Orderable):
    """Who must take a course: officials of a job role, a province, a commune, or a combination
    (every criterion given must hold), with an optional due date.

    Assignments are materialised into the ledger (one ``course`` entry per official) by
    ``courses.services.course_assignments_sync`` when the course is published.
    """

    course = ParentalKey(CoursePage, on_delete=models.CASCADE, related_name="assignments")
    job_role = models.CharField(
        _("chức danh"),
        max_length=20,
        choices=JobRole.choices,
        blank=True,
        help_text=_("Bỏ trống: mọi chức danh."),
    )
    province = models.ForeignKey(
        "people.Province",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("tỉnh/thành phố"),
        help_text=_("Bỏ trống: mọi tỉnh (hoặc tỉnh của xã/phường đã chọn)."),
    )
    commune = models.ForeignKey(
        "people.Commune",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("xã/phường"),
        help_text=_("Bỏ trống: mọi xã, phường của tỉnh đã chọn."),
    )
    due_date = models.DateField(_("hạn hoàn thành"), null=True, blank=True)

    panels = [
        FieldPanel("job_role"),
        FieldPanel("province"),
        FieldPanel("commune", widget=commune_chooser_viewset.widget_class),
        FieldPanel("due_date"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("giao khóa học")
        verbose_name_plural = _("giao khóa học")

    def __str__(self) -> str:
        return " · ".join(
            str(part) for part in (self.get_job_role_display(), self.province, self.commune) if part
        )

    def clean(self):
        if not (self.job_role or self.province_id or self.commune_id):
            raise ValidationError(_("Chọn ít nhất một trong: chức danh, tỉnh/thành phố, xã/phường."))
        if self.commune_id and self.province_id and self.commune.province_id != self.province_id:
            raise ValidationError({"commune": _("Xã/phường này không thuộc tỉnh/thành phố đã chọn.")})

    def officials_q(self) -> Q:
        """The officials this assignment reaches, as a filter on ``people.User``."""
        q = Q(role=Role.OFFICIAL, is_active=True)
        if self.job_role:
            q &= Q(job_role=self.job_role)
        if self.province_id:
            q &= Q(province_id=self.province_id)
        if self.commune_id:
            q &= Q(commune_id=self.commune_id)
        return q
