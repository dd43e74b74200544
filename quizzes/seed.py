"""Demo data: the quizzes shipped as data in ``quizzes/content/`` (one YAML file a quiz with its questions;
fields in docs/adding-a-quiz.md, read and checked by ``core.content``), one per shipped course, together
using every question type; and the trainers' right to edit them.

Idempotent: a question is created once by its code, a quiz once by its slug; what editors change
afterwards is left alone.
"""

import dataclasses
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Literal

from django.contrib.auth.models import Group, Permission

from core.content import ContentError, content_files_load
from people.groups import EDITORS_GROUP
from quizzes.models import (
    RESERVED_QUIZ_SLUGS,
    Difficulty,
    FeedbackTiming,
    Option,
    Question,
    QuestionKind,
    Quiz,
    QuizDrawRule,
    QuizQuestion,
    Selection,
    System,
    course_choices,
)

CONTENT = Path(__file__).resolve().parent / "content"
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

# --- The schema of the content files (core.content reads them into these) ---


@dataclass
class OptionSpec:
    text: str
    correct: bool = False
    match: str = ""  # matching questions: the right-hand item paired with ``text``
    explanation: str = ""


@dataclass
class QuestionSpec:
    code: str
    kind: Literal[tuple(QuestionKind.values)]
    prompt: str
    difficulty: Literal[tuple(Difficulty.values)] | None = None
    points: int | None = None
    options: list[OptionSpec] = field(default_factory=list)
    explanation: str | None = None
    numeric_answer: Decimal | None = None
    numeric_tolerance: Decimal | None = None
    scenario_slug: str | None = None
    diacritics_optional: bool | None = None

    def __post_init__(self):
        if not self.code.strip():
            raise ValueError("code must not be empty")
        if self.points is not None and not 1 <= self.points <= 100:
            raise ValueError("points must be between 1 and 100")
        if self.numeric_tolerance is not None and self.numeric_tolerance < 0:
            raise ValueError("numeric_tolerance must not be negative")

    def model_fields(self) -> dict:
        """The question's fields as given; those left out take the model's defaults."""
        return {
            name: value
            for name, value in dataclasses.asdict(self).items()
            if name not in ("options",) and value is not None
        }


@dataclass
class QuizSettings:
    selection: Literal[tuple(Selection.values)] | None = None
    shuffle_questions: bool | None = None
    shuffle_options: bool | None = None
    pass_mark: int | None = None
    max_attempts: int | None = None
    wait_minutes: int | None = None
    time_limit_minutes: int | None = None
    feedback: Literal[tuple(FeedbackTiming.values)] | None = None

    def __post_init__(self):
        if self.pass_mark is not None and not 1 <= self.pass_mark <= 100:
            raise ValueError("pass_mark must be between 1 and 100")
        for name in ("max_attempts", "time_limit_minutes"):
            if getattr(self, name) is not None and getattr(self, name) < 1:
                raise ValueError(f"{name} must be 1 or more (leave it out for no limit)")
        if (self.wait_minutes or 0) < 0:
            raise ValueError("wait_minutes must not be negative")


@dataclass
class DrawRuleSpec:
    count: int
    difficulty: Literal[tuple(Difficulty.values)] | None = None
    system: Literal[tuple(System.values)] | None = None

    def __post_init__(self):
        if self.count < 1:
            raise ValueError("count must be 1 or more")


@dataclass
class QuizSpec:
    slug: str
    title: str
    course_slug: str  # a shipped course (courses/content/courses/), checked by shipped_quizzes
    system: Literal[tuple(System.values)]
    questions: list[QuestionSpec]
    intro: str = ""
    settings: QuizSettings = field(default_factory=QuizSettings)
    draw: list[DrawRuleSpec] = field(default_factory=list)

    def __post_init__(self):
        if not SLUG.match(self.slug):
            raise ValueError(f"slug {self.slug!r} is not a slug (lower-case letters, digits and hyphens)")
        if self.slug in RESERVED_QUIZ_SLUGS:
            raise ValueError(f"slug {self.slug!r} is taken by the quizzes' own pages")
        if (self.settings.selection == Selection.RANDOM) != bool(self.draw):
            raise ValueError("a quiz with selection: random needs draw rules, and only such a quiz has them")
        if not self.questions:
            raise ValueError("a quiz needs at least one question")


def shipped_quizzes(*, folder: Path = CONTENT) -> list[QuizSpec]:
    """The shipped quizzes, read and checked: slugs match the file names (``<slug>.yaml`` after an
    optional ordering prefix ``NN-``) and are unique, question codes are unique across all files."""
    quizzes, codes, slugs = [], {}, {}
    for loaded in content_files_load(folder=folder, schema=QuizSpec):
        quiz = loaded.data
        if re.sub(r"^\d+-", "", loaded.path.stem) != quiz.slug:
            raise ContentError(file=loaded.path, path="slug", message="must match the file name")
        if quiz.slug in slugs:
            raise ContentError(file=loaded.path, path="slug", message=f"also used by {slugs[quiz.slug].name}")
        slugs[quiz.slug] = loaded.path
        courses = [slug for slug, _title in course_choices()]
        if quiz.course_slug not in courses:
            raise ContentError(
                file=loaded.path, path="course_slug", message=f"must be one of {', '.join(courses)}"
            )
        for index, question in enumerate(quiz.questions):
            if question.code in codes:
                raise ContentError(
                    file=loaded.path,
                    path=f"questions[{index}].code",
                    message=f"{question.code} is also used in {codes[question.code].name}",
                )
            codes[question.code] = loaded.path
        quizzes.append(quiz)
    return quizzes


# Trainers (Wagtail's Editors group, "Biên tập viên") write and correct questions, and regrade.
EDITOR_PERMISSIONS = [
    "add_question",
    "change_question",
    "view_question",
    "add_quiz",
    "change_quiz",
    "view_quiz",
]


def _question(spec: QuestionSpec, *, course_slug: str, system: str) -> Question:
    question = Question.objects.filter(code=spec.code).first()
    if question is not None:
        return question
    question = Question.objects.create(course_slug=course_slug, system=system, **spec.model_fields())
    Option.objects.bulk_create(
        Option(
            question=question,
            sort_order=index,
            text=option.text,
            is_correct=option.correct,
            explanation=option.explanation,
            match_text=option.match,
        )
        for index, option in enumerate(spec.options)
    )
    return question


def _quiz(spec: QuizSpec) -> tuple[Quiz, bool]:
    questions = [_question(q, course_slug=spec.course_slug, system=spec.system) for q in spec.questions]
    quiz = Quiz.objects.filter(slug=spec.slug).first()
    if quiz is not None:
        return quiz, False
    settings = {name: value for name, value in dataclasses.asdict(spec.settings).items() if value is not None}
    quiz = Quiz.objects.create(
        slug=spec.slug, title=spec.title, course_slug=spec.course_slug, intro=spec.intro, **settings
    )
    if spec.draw:
        for index, rule in enumerate(spec.draw):
            fields = {name: value for name, value in dataclasses.asdict(rule).items() if value is not None}
            QuizDrawRule.objects.create(quiz=quiz, course_slug=spec.course_slug, sort_order=index, **fields)
    else:
        QuizQuestion.objects.bulk_create(
            QuizQuestion(quiz=quiz, question=question, sort_order=index)
            for index, question in enumerate(questions)
        )
    return quiz, True


def seed(stdout) -> None:
    for spec in shipped_quizzes():
        quiz, created = _quiz(spec)
        if created:
            stdout.write(f"Created quiz {quiz.slug} ({len(spec.questions)} questions in the bank).")
    editors = Group.objects.filter(name=EDITORS_GROUP).first()
    if editors is not None:
        permissions = Permission.objects.filter(
            content_type__app_label="quizzes", codename__in=EDITOR_PERMISSIONS
        )
        editors.permissions.add(*permissions)
