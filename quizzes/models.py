"""The question bank, quizzes, and the attempts officials make at them.

A ``Question`` (a Wagtail snippet) carries its ``Option`` rows inline; a ``Quiz`` (also a snippet) either
lists its questions (``QuizQuestion``) or draws them at random by tags (``QuizDrawRule``). An ``Attempt``
freezes what one official was given: one ``AttemptAnswer`` row per question, in the order shown, with
the option order shown, the answer saved as it was given, and its score once graded. Every change of an
attempt's state is recorded as an ``AttemptEvent``; the allowed changes are ``ATTEMPT``.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable
from wagtail.search import index

from core.workflow import Transition, Workflow


def course_choices():
    """The courses a question or quiz may be about: the shipped courses, named by the courses app from
    its content files (core.catalogue; quizzes do not import courses). A callable, so that adding a
    course changes no migration and no Python."""
    from core.catalogue import choices

    return choices("course")


class System(models.TextChoices):
    """The IT system a question is about."""

    LOGIN = "login", _("Đăng nhập")
    DOCUMENTS = "documents", _("Quản lý văn bản")
    SIGNING = "signing", _("Ký số")
    ONE_STOP = "one_stop", _("Một cửa điện tử")
    MEETINGS_EMAIL = "meetings_email", _("Họp trực tuyến, thư công vụ")


class Difficulty(models.IntegerChoices):
    EASY = 1, _("Dễ")
    MEDIUM = 2, _("Trung bình")
    HARD = 3, _("Khó")


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("Một lựa chọn")
    MULTIPLE = "multiple", _("Nhiều lựa chọn")
    TRUE_FALSE = "true_false", _("Đúng/Sai")
    ORDERING = "ordering", _("Sắp xếp thứ tự")
    MATCHING = "matching", _("Ghép cặp")
    SHORT_ANSWER = "short_answer", _("Trả lời ngắn")
    NUMERIC = "numeric", _("Số")
    PRACTICAL = "practical", _("Thực hành")


# Kinds whose options are shown to the official (and may be shuffled).
KINDS_WITH_CHOICES = {QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.TRUE_FALSE}


class Question(index.Indexed, ClusterableModel):
    """One question of the bank, tagged by course, system and difficulty.

    How its options are read depends on ``kind``: the correct choices (single, multiple, true/false);
    the steps in their right order (ordering); left and right items of each pair (matching); the
    accepted answers, and typical wrong ones with their explanation (short answer). A numeric question
    uses ``numeric_answer`` and ``numeric_tolerance``; a practical one is passed when the official has
    completed the sandbox scenario ``scenario_slug``.
    """

    code = models.CharField(
        _("mã câu hỏi"),
        max_length=32,
        unique=True,
        help_text=_("Mã ngắn, không trùng, ví dụ KS-07; dùng để tìm và nhắc tới câu hỏi."),
    )
    kind = models.CharField(_("loại câu hỏi"), max_length=20, choices=QuestionKind.choices)
    prompt = models.TextField(_("nội dung câu hỏi"))
    course_slug = models.CharField(_("khóa học"), max_length=64, choices=course_choices, db_index=True)
    system = models.CharField(_("hệ thống"), max_length=20, choices=System.choices, db_index=True)
    difficulty = models.PositiveSmallIntegerField(
        _("độ khó"), choices=Difficulty.choices, default=Difficulty.MEDIUM, db_index=True
    )
    points = models.PositiveSmallIntegerField(
        _("điểm"), default=1, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    explanation = models.TextField(
        _("giải thích chung"),
        blank=True,
        help_text=_("Hiện cùng kết quả, sau phần giải thích từng phương án."),
    )
    diacritics_optional = models.BooleanField(
        _("chấp nhận gõ không dấu"),
        default=False,
        help_text=_("Chỉ cho câu trả lời ngắn: “dang ky” được tính như “đăng ký”."),
    )
    numeric_answer = models.DecimalField(
        _("đáp số"),
        max_digits=14,
        decimal_places=4,
        null=True,
        blank=True,
        help_text=_("Chỉ cho câu hỏi số."),
    )
    numeric_tolerance = models.DecimalField(
        _("sai số cho phép"),
        max_digits=14,
        decimal_places=4,
        default=0,
        validators=[MinValueValidator(0)],
        help_text=_("Chỉ cho câu hỏi số: đáp án lệch không quá mức này vẫn được tính đúng."),
    )
    scenario_slug = models.SlugField(
        _("bài thực hành"),
        max_length=64,
        blank=True,
        help_text=_(
            "Chỉ cho câu hỏi thực hành: mã bài thực hành trong môi trường thực hành, ví dụ ky-so-usb."
        ),
    )
    updated_at = models.DateTimeField(auto_now=True)

    panels = [
        FieldRowPanel([FieldPanel("code"), FieldPanel("kind")]),
        FieldPanel("prompt"),
        FieldRowPanel(
            [FieldPanel("course_slug"), FieldPanel("system"), FieldPanel("difficulty"), FieldPanel("points")],
            heading=_("Phân loại"),
        ),
        InlinePanel("options", heading=_("Phương án"), label=_("Phương án")),
        MultiFieldPanel(
            [
                FieldPanel("diacritics_optional"),
                FieldRowPanel([FieldPanel("numeric_answer"), FieldPanel("numeric_tolerance")]),
                FieldPanel("scenario_slug"),
            ],
            heading=_("Theo loại câu hỏi"),
        ),
        FieldPanel("explanation"),
    ]

    search_fields = [
        index.SearchField("prompt"),
        index.SearchField("code"),
        index.AutocompleteField("prompt"),
        index.AutocompleteField("code"),
        index.FilterField("kind"),
        index.FilterField("course_slug"),
        index.FilterField("system"),
        index.FilterField("difficulty"),
    ]

    class Meta:
        ordering = ["course_slug", "code"]
        verbose_name = _("câu hỏi")
        verbose_name_plural = _("ngân hàng câu hỏi")

    def __str__(self) -> str:
        prompt = self.prompt if len(self.prompt) <= 80 else self.prompt[:79] + "…"
        return f"{self.code} · {prompt}"


class Option(Orderable):
    """An option of a question, with the explanation shown as feedback.

    For an ordering question the options' own order is the right order; for a matching question
    ``text`` is the left item and ``match_text`` the right item it pairs with.
    """

    question = ParentalKey(Question, on_delete=models.CASCADE, related_name="options")
    text = models.CharField(_("nội dung"), max_length=500)
    match_text = models.CharField(
        _("vế ghép"), max_length=500, blank=True, help_text=_("Chỉ cho câu ghép cặp: vế bên phải.")
    )
    is_correct = models.BooleanField(
        _("đúng"), default=False, help_text=_("Câu trả lời ngắn: đánh dấu các cách trả lời được chấp nhận.")
    )
    explanation = models.TextField(_("giải thích"), blank=True)

    panels = [
        FieldRowPanel([FieldPanel("text"), FieldPanel("match_text")]),
        FieldPanel("is_correct"),
        FieldPanel("explanation"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("phương án")
        verbose_name_plural = _("phương án")

    def __str__(self) -> str:
        return self.text


class Selection(models.TextChoices):
    FIXED = "fixed", _("Danh sách câu hỏi cố định")
    RANDOM = "random", _("Rút ngẫu nhiên theo nhãn")


class FeedbackTiming(models.TextChoices):
    IMMEDIATE = "immediate", _("Ngay sau từng câu")
    AFTER_SUBMIT = "after_submit", _("Sau khi nộp bài")
    AFTER_CLOSE = "after_close", _("Sau ngày đóng bài kiểm tra")


# Quiz slugs that would collide with the app's own URLs (/quizzes/analysis/, ...).
RESERVED_QUIZ_SLUGS = {"analysis", "attempts", "questions"}


class Quiz(ClusterableModel):
    """A quiz: which questions (a fixed list or a random draw by tags) and the rules of its attempts."""

    title = models.CharField(_("tên bài kiểm tra"), max_length=200)
    slug = models.SlugField(
        _("mã"),
        max_length=64,
        unique=True,
        help_text=_("Địa chỉ và mã trong sổ tiến độ; không đổi sau khi đã có người làm bài."),
    )
    course_slug = models.CharField(_("khóa học"), max_length=64, choices=course_choices, blank=True)
    intro = models.TextField(_("giới thiệu"), blank=True)
    selection = models.CharField(
        _("cách chọn câu hỏi"), max_length=10, choices=Selection.choices, default=Selection.FIXED
    )
    shuffle_questions = models.BooleanField(_("đảo thứ tự câu hỏi"), default=False)
    shuffle_options = models.BooleanField(_("đảo thứ tự phương án"), default=True)
    pass_mark = models.PositiveSmallIntegerField(
        _("điểm đạt (%)"), default=80, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    max_attempts = models.PositiveSmallIntegerField(
        _("số lần làm tối đa"), null=True, blank=True, help_text=_("Để trống: không giới hạn.")
    )
    wait_minutes = models.PositiveIntegerField(_("thời gian chờ giữa hai lần làm (phút)"), default=0)
    time_limit_minutes = models.PositiveSmallIntegerField(
        _("thời gian làm bài (phút)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Để trống: không giới hạn thời gian."),
    )
    feedback = models.CharField(
        _("khi nào hiện đáp án"),
        max_length=20,
        choices=FeedbackTiming.choices,
        default=FeedbackTiming.AFTER_SUBMIT,
    )
    closes_at = models.DateTimeField(
        _("ngày đóng"),
        null=True,
        blank=True,
        help_text=_("Sau thời điểm này không được bắt đầu lượt mới; lượt đang làm được chấm."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("slug"), FieldPanel("course_slug")]),
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("selection"),
                FieldRowPanel([FieldPanel("shuffle_questions"), FieldPanel("shuffle_options")]),
            ],
            heading=_("Câu hỏi"),
        ),
        InlinePanel("quiz_questions", heading=_("Danh sách câu hỏi cố định"), label=_("Câu hỏi")),
        InlinePanel("draw_rules", heading=_("Rút ngẫu nhiên theo nhãn"), label=_("Quy tắc rút")),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("pass_mark"), FieldPanel("time_limit_minutes")]),
                FieldRowPanel([FieldPanel("max_attempts"), FieldPanel("wait_minutes")]),
                FieldRowPanel([FieldPanel("feedback"), FieldPanel("closes_at")]),
            ],
            heading=_("Quy định làm bài"),
        ),
    ]

    class Meta:
        ordering = ["title"]
        verbose_name = _("bài kiểm tra")
        verbose_name_plural = _("bài kiểm tra")

    def __str__(self) -> str:
        return self.title


class QuizQuestion(Orderable):
    """A question of a quiz with a fixed list, in the order it is given (unless shuffled)."""

    quiz = ParentalKey(Quiz, on_delete=models.CASCADE, related_name="quiz_questions")
    question = models.ForeignKey(
        Question, on_delete=models.PROTECT, related_name="+", verbose_name=_("câu hỏi")
    )

    panels = [FieldPanel("question")]

    class Meta(Orderable.Meta):
        verbose_name = _("câu hỏi của bài kiểm tra")
        verbose_name_plural = _("câu hỏi của bài kiểm tra")
        constraints = [models.UniqueConstraint(fields=["quiz", "question"], name="quiz_question_once")]


class QuizDrawRule(Orderable):
    """Draw ``count`` questions at random among those with these tags (an empty tag matches all)."""

    quiz = ParentalKey(Quiz, on_delete=models.CASCADE, related_name="draw_rules")
    course_slug = models.CharField(_("khóa học"), max_length=64, choices=course_choices, blank=True)
    system = models.CharField(_("hệ thống"), max_length=20, choices=System.choices, blank=True)
    difficulty = models.PositiveSmallIntegerField(
        _("độ khó"), choices=Difficulty.choices, null=True, blank=True
    )
    count = models.PositiveSmallIntegerField(_("số câu"), default=5, validators=[MinValueValidator(1)])

    panels = [
        FieldRowPanel(
            [FieldPanel("course_slug"), FieldPanel("system"), FieldPanel("difficulty"), FieldPanel("count")]
        )
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("quy tắc rút câu hỏi")
        verbose_name_plural = _("quy tắc rút câu hỏi")

    def tag_filter(self) -> dict:
        """The question-bank filter of this rule."""
        tags = {"course_slug": self.course_slug, "system": self.system, "difficulty": self.difficulty}
        return {name: value for name, value in tags.items() if value not in ("", None)}


class AttemptState(models.TextChoices):
    IN_PROGRESS = "in_progress", _("Đang làm")
    SUBMITTED = "submitted", _("Đã nộp")
    EXPIRED = "expired", _("Hết giờ")
    GRADED = "graded", _("Đã chấm")
    REGRADED = "regraded", _("Đã chấm lại")


class Actor(models.TextChoices):
    """Who fires a transition: the official, the server itself, or a trainer."""

    OFFICIAL = "official", _("Cán bộ")
    SYSTEM = "system", _("Hệ thống")
    TRAINER = "trainer", _("Giảng viên")


# The attempt's state machine, declared with the workflow core. Grading follows submission or expiry
# at once, inside the same transaction; regrading repeats whenever a question is corrected. Only
# ``quizzes.services.attempt_transition`` fires it.
ATTEMPT = Workflow.of(
    name="attempt",
    label=_("Lần làm bài"),
    states=dict(AttemptState.choices),
    transitions=[
        Transition(
            "submit", _("Nộp bài"), (AttemptState.IN_PROGRESS,), AttemptState.SUBMITTED, (Actor.OFFICIAL,)
        ),
        Transition(
            "expire", _("Hết giờ"), (AttemptState.IN_PROGRESS,), AttemptState.EXPIRED, (Actor.SYSTEM,)
        ),
        Transition(
            "grade",
            _("Chấm bài"),
            (AttemptState.SUBMITTED, AttemptState.EXPIRED),
            AttemptState.GRADED,
            (Actor.SYSTEM,),
        ),
        Transition(
            "regrade",
            _("Chấm lại"),
            (AttemptState.GRADED, AttemptState.REGRADED),
            AttemptState.REGRADED,
            (Actor.TRAINER,),
        ),
    ],
)
SCORED_STATES = (AttemptState.GRADED, AttemptState.REGRADED)


class Attempt(models.Model):
    """One official's attempt at a quiz, frozen at its start: the questions drawn (with ``seed``), their
    order and the order of their options live on its ``AttemptAnswer`` rows, so a resume shows the
    same thing. ``deadline`` is enforced by the server; ``closed_at`` is when answers stopped being
    accepted (submission, or the deadline plus the grace period)."""

    quiz = models.ForeignKey(
        Quiz, on_delete=models.PROTECT, related_name="attempts", verbose_name=_("bài kiểm tra")
    )
    official = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="quiz_attempts",
        verbose_name=_("cán bộ"),
    )
    number = models.PositiveSmallIntegerField(_("lần thứ"))
    state = models.CharField(
        _("trạng thái"), max_length=20, choices=AttemptState.choices, default=AttemptState.IN_PROGRESS
    )
    seed = models.PositiveBigIntegerField(_("hạt giống ngẫu nhiên"))
    position = models.PositiveSmallIntegerField(_("câu đang làm"), default=1)
    started_at = models.DateTimeField(_("bắt đầu"))
    deadline = models.DateTimeField(_("hạn nộp"), null=True, blank=True)
    closed_at = models.DateTimeField(_("kết thúc"), null=True, blank=True)
    graded_at = models.DateTimeField(_("chấm lúc"), null=True, blank=True)
    earned_points = models.FloatField(_("điểm đạt được"), null=True, blank=True)
    max_points = models.FloatField(_("điểm tối đa"), null=True, blank=True)
    percent = models.FloatField(_("tỷ lệ điểm (%)"), null=True, blank=True)
    passed = models.BooleanField(_("đạt"), null=True, blank=True)

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("lượt làm bài")
        verbose_name_plural = _("lượt làm bài")
        constraints = [
            models.UniqueConstraint(fields=["quiz", "official", "number"], name="attempt_number_once"),
            models.UniqueConstraint(
                fields=["quiz", "official"],
                condition=models.Q(state="in_progress"),
                name="attempt_one_in_progress",
            ),
        ]
        indexes = [
            models.Index(fields=["state", "deadline"]),
            models.Index(fields=["quiz", "state"]),
        ]

    def __str__(self) -> str:
        return f"{self.quiz} · {self.official} · {self.number}"

    @property
    def is_open(self) -> bool:
        return self.state == AttemptState.IN_PROGRESS

    @property
    def is_scored(self) -> bool:
        return self.state in SCORED_STATES


class AttemptAnswer(models.Model):
    """One question of an attempt: where it stands, the option order shown, the answer as last saved
    (``response``, a small JSON object shaped by the question's kind) and, once graded, its score (a
    fraction of the question's points)."""

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="attempt_answers")
    position = models.PositiveSmallIntegerField()
    option_order = models.JSONField(default=list, blank=True)
    match_order = models.JSONField(default=list, blank=True)
    response = models.JSONField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    # With feedback at once, the official confirms an answer to see its feedback; it is then final.
    confirmed_at = models.DateTimeField(null=True, blank=True)
    score = models.FloatField(null=True, blank=True)
    is_correct = models.BooleanField(null=True, blank=True)

    class Meta:
        ordering = ["attempt", "position"]
        verbose_name = _("câu trả lời")
        verbose_name_plural = _("câu trả lời")
        constraints = [
            models.UniqueConstraint(fields=["attempt", "position"], name="answer_position_once"),
            models.UniqueConstraint(fields=["attempt", "question"], name="answer_question_once"),
        ]
        indexes = [models.Index(fields=["question", "is_correct"])]

    def __str__(self) -> str:
        return f"{self.attempt_id}#{self.position}"


class AttemptEvent(models.Model):
    """The record of one transition of an attempt: from, to, who, when."""

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="events")
    from_state = models.CharField(max_length=20, choices=AttemptState.choices)
    to_state = models.CharField(max_length=20, choices=AttemptState.choices)
    actor_kind = models.CharField(max_length=20, choices=Actor.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField()
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("diễn biến lượt làm bài")
        verbose_name_plural = _("diễn biến lượt làm bài")

    def __str__(self) -> str:
        return f"{self.attempt_id}: {self.from_state} → {self.to_state}"
