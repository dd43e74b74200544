"""Reads shaped for the quiz pages: what an official may start, the question being answered, the
feedback after grading, and the trainers' analysis (one aggregate query)."""

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal

from django.db.models import Count, Max, Prefetch, Q, QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from core.collation import vi_sort_key
from people.models import User
from people.permissions import officials_visible_to
from progress.models import ProgressEntry, ProgressKind, ProgressStatus
from quizzes import clock, scoring
from quizzes.models import (
    KINDS_WITH_CHOICES,
    SCORED_STATES,
    Attempt,
    AttemptAnswer,
    AttemptState,
    FeedbackTiming,
    Option,
    Question,
    QuestionKind,
    Quiz,
)


def quiz_start_refusal(*, quiz: Quiz, official: User, now: datetime) -> str | None:
    """Why ``official`` may not start a new attempt at ``quiz`` now (a sentence to show), or None."""
    if not official.is_official:
        return _("Chỉ cán bộ xã, phường làm bài kiểm tra.")
    if quiz.closes_at is not None and now >= quiz.closes_at:
        return _("Bài kiểm tra đã đóng.")
    made = Attempt.objects.filter(quiz=quiz, official=official).aggregate(
        count=Count("pk"), last_closed=Max("closed_at")
    )
    if quiz.max_attempts is not None and made["count"] >= quiz.max_attempts:
        return _("Bạn đã làm hết %(count)s lượt cho phép.") % {"count": quiz.max_attempts}
    if quiz.wait_minutes and made["last_closed"] is not None:
        next_start = made["last_closed"] + timedelta(minutes=quiz.wait_minutes)
        if now < next_start:
            return _("Bạn có thể làm lại từ %(time)s.") % {
                "time": formats.date_format(timezone.localtime(next_start), "H:i d/m/Y")
            }
    return None


def attempts_of_official(*, official: User) -> QuerySet[Attempt]:
    """The official's own attempts: every attempt page looks its attempt up here, so another
    official's attempt answers 404."""
    return Attempt.objects.filter(official=official).select_related("quiz")


def open_attempt(*, quiz: Quiz, official: User) -> Attempt | None:
    return Attempt.objects.filter(quiz=quiz, official=official, state=AttemptState.IN_PROGRESS).first()


@dataclass
class StartPage:
    quiz: Quiz
    question_count: int
    attempts: list[Attempt]
    refusal: str | None


def quiz_start_page(*, quiz: Quiz, official: User) -> StartPage:
    attempts = list(Attempt.objects.filter(quiz=quiz, official=official).order_by("number"))
    return StartPage(
        quiz=quiz,
        question_count=quiz_question_count(quiz=quiz),
        attempts=attempts,
        refusal=quiz_start_refusal(quiz=quiz, official=official, now=clock.now()),
    )


def quiz_question_count(*, quiz: Quiz) -> int:
    """How many questions an attempt will have (for a draw: at most the rules' counts)."""
    if quiz.selection == "random":
        return sum(rule.count for rule in quiz.draw_rules.all())
    return quiz.quiz_questions.count()


def quiz_course_page_id(*, quiz: Quiz) -> int | None:
    """The course page a quiz counts towards: the Wagtail page whose slug is the quiz's course slug."""
    if not quiz.course_slug:
        return None
    return Page.objects.filter(slug=quiz.course_slug).order_by("depth").values_list("pk", flat=True).first()


def completed_scenarios(*, official_id: int, until: datetime | None) -> frozenset[str]:
    """The sandbox scenarios the official had completed by ``until`` (from the progress ledger)."""
    entries = ProgressEntry.objects.filter(
        official_id=official_id, kind=ProgressKind.SCENARIO, status=ProgressStatus.COMPLETED
    )
    if until is not None:
        entries = entries.filter(completed_at__lte=until)
    return frozenset(entries.values_list("key", flat=True))


def answers_with_questions(*, attempt: Attempt) -> list[AttemptAnswer]:
    """The attempt's answers in order, each with its question and the question's options."""
    return list(
        attempt.answers.select_related("question").prefetch_related(
            Prefetch("question__options", queryset=Option.objects.order_by("sort_order", "pk"))
        )
    )


def shown_options(answer: AttemptAnswer, order: list[int]) -> list[Option]:
    """The question's options in the order this attempt showed them. An option deleted since is left
    out; one added since comes last."""
    options = list(answer.question.options.all())
    rank = {option_id: index for index, option_id in enumerate(order)}
    return sorted(options, key=lambda o: (rank.get(o.pk, len(rank)), o.sort_order or 0, o.pk))


def attempt_answer_at(*, attempt: Attempt, position: int) -> AttemptAnswer | None:
    return (
        attempt.answers.select_related("question")
        .prefetch_related(Prefetch("question__options", queryset=Option.objects.order_by("sort_order", "pk")))
        .filter(position=position)
        .first()
    )


@dataclass
class NavItem:
    position: int
    answered: bool
    current: bool


def attempt_navigation(*, attempt: Attempt, current: int | None = None) -> list[NavItem]:
    """Each question with whether it is answered; a practical question is answered when its
    practice is done (which is what its own page says), not by being there."""
    rows = list(
        attempt.answers.order_by("position").values_list(
            "position", "response", "question__kind", "question__scenario_slug"
        )
    )
    completed = frozenset()
    if any(kind == QuestionKind.PRACTICAL for _position, _response, kind, _slug in rows):
        completed = completed_scenarios(official_id=attempt.official_id, until=None)
    return [
        NavItem(
            position,
            slug in completed if kind == QuestionKind.PRACTICAL else response is not None,
            position == current,
        )
        for position, response, kind, slug in rows
    ]


def number_shown(value: Decimal) -> str:
    """A stored number as a person writes it: "6", "2,5", never "6,0000"."""
    value = value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()
    return formats.number_format(value, use_l10n=True)


def attempt_expired(*, attempt: Attempt) -> bool:
    """Whether the attempt was closed by its deadline rather than submitted."""
    return attempt.events.filter(to_state=AttemptState.EXPIRED).exists()


def remaining_seconds(*, attempt: Attempt) -> int | None:
    if attempt.deadline is None:
        return None
    return max(0, int((attempt.deadline - clock.now()).total_seconds()))


def feedback_visible(*, attempt: Attempt) -> bool:
    """Whether the attempt's right answers and explanations may be shown now."""
    quiz = attempt.quiz
    if quiz.feedback == FeedbackTiming.AFTER_CLOSE:
        return attempt.is_scored and quiz.closes_at is not None and clock.now() >= quiz.closes_at
    return attempt.is_scored


def answer_feedback_visible(*, attempt: Attempt, answer: AttemptAnswer) -> bool:
    """With feedback at once, a confirmed answer shows its feedback while the attempt goes on."""
    return attempt.quiz.feedback == FeedbackTiming.IMMEDIATE and answer.confirmed_at is not None


@dataclass
class FeedbackRow:
    """One line of feedback: an option (or a pair, or a step) with what was given and what is right."""

    text: str
    given: str = ""
    expected: str = ""
    chosen: bool = False
    correct: bool = False
    explanation: str = ""


@dataclass
class QuestionFeedback:
    position: int
    question: Question
    fraction: float
    correct: bool
    given_text: str = ""
    expected_text: str = ""
    scenario_done: bool = False
    rows: list[FeedbackRow] = field(default_factory=list)
    matched_explanation: str = ""


def question_feedback(*, answer: AttemptAnswer, completed: frozenset[str] = frozenset()) -> QuestionFeedback:
    """What to show an official about one answer: right or not, the right answer, the explanations."""
    question = answer.question
    options = list(question.options.all())
    result = scoring.mark(question, options, answer.response, completed_scenarios=completed)
    response = answer.response or {}
    feedback = QuestionFeedback(
        position=answer.position, question=question, fraction=result.fraction, correct=result.correct
    )
    kind = question.kind
    if kind in KINDS_WITH_CHOICES:
        chosen = {str(response.get("choice"))} | {str(value) for value in response.get("choices") or []}
        feedback.rows = [
            FeedbackRow(
                text=o.text, chosen=str(o.pk) in chosen, correct=o.is_correct, explanation=o.explanation
            )
            for o in shown_options(answer, answer.option_order)
        ]
    elif kind == QuestionKind.ORDERING:
        positions = response.get("positions") or {}
        feedback.rows = [
            FeedbackRow(
                text=o.text,
                given=str(positions.get(str(o.pk)) or "—"),
                expected=str(index),
                correct=str(positions.get(str(o.pk))) == str(index),
                explanation=o.explanation,
            )
            for index, o in enumerate(options, 1)
        ]
    elif kind == QuestionKind.MATCHING:
        pairs = response.get("pairs") or {}
        by_id = {str(o.pk): o for o in options}
        rows = []
        for o in shown_options(answer, answer.option_order):
            chosen = by_id.get(str(pairs.get(str(o.pk))))
            given = chosen.match_text if chosen else "—"
            rows.append(
                FeedbackRow(
                    text=o.text,
                    given=given,
                    expected=o.match_text,
                    correct=chosen is not None
                    and scoring.normalize_text(given) == scoring.normalize_text(o.match_text),
                    explanation=o.explanation,
                )
            )
        feedback.rows = rows
    elif kind == QuestionKind.SHORT_ANSWER:
        feedback.given_text = response.get("text", "")
        feedback.expected_text = " / ".join(o.text for o in options if o.is_correct)
        matched = scoring.matching_option(question, options, answer.response)
        feedback.matched_explanation = matched.explanation if matched else ""
    elif kind == QuestionKind.NUMERIC:
        feedback.given_text = response.get("text", "")
        expected = number_shown(question.numeric_answer) if question.numeric_answer is not None else ""
        if question.numeric_tolerance:
            expected += " ± " + number_shown(question.numeric_tolerance)
        feedback.expected_text = expected
    elif kind == QuestionKind.PRACTICAL:
        feedback.scenario_done = result.correct
    return feedback


def attempt_feedback(*, attempt: Attempt) -> list[QuestionFeedback]:
    """Feedback on every answer of a graded attempt, scored as it was graded (practical questions
    against the scenarios completed before the attempt closed)."""
    answers = answers_with_questions(attempt=attempt)
    completed = frozenset()
    if any(a.question.kind == QuestionKind.PRACTICAL for a in answers):
        completed = completed_scenarios(official_id=attempt.official_id, until=attempt.closed_at)
    return [question_feedback(answer=answer, completed=completed) for answer in answers]


# --- Trainers' analysis ------------------------------------------------------------------------------


def can_analyse(user: User) -> bool:
    return user.is_authenticated and (user.is_trainer or user.is_department_head or user.is_administrator)


def analysis_quizzes(*, user: User) -> QuerySet[Quiz]:
    """Every quiz, with the number of scored attempts made by officials within the user's scope."""
    in_scope = Q(
        attempts__state__in=SCORED_STATES,
        attempts__official__in=officials_visible_to(user).values("pk"),
    )
    return Quiz.objects.annotate(
        scored_attempts=Count("attempts", filter=in_scope),
        officials=Count("attempts__official", filter=in_scope, distinct=True),
    ).order_by("title")


@dataclass
class CommuneShare:
    commune_id: int | None
    commune_name: str
    answered: int
    correct: int

    @property
    def share(self) -> float:
        return 100 * self.correct / self.answered if self.answered else 0.0


@dataclass
class QuestionShare:
    question_id: int
    code: str
    prompt: str
    kind: str
    answered: int = 0
    correct: int = 0
    communes: list[CommuneShare] = field(default_factory=list)

    @property
    def share(self) -> float:
        return 100 * self.correct / self.answered if self.answered else 0.0

    @property
    def kind_label(self) -> str:
        return QuestionKind(self.kind).label


def analysis_question_shares(*, user: User, quiz: Quiz) -> list[QuestionShare]:
    """Share of fully correct answers per question and per commune, among the scored attempts of
    officials in the user's scope; most-missed first. One aggregate query."""
    rows = (
        AttemptAnswer.objects.filter(
            attempt__quiz=quiz,
            attempt__state__in=SCORED_STATES,
            attempt__official__in=officials_visible_to(user).values("pk"),
        )
        .values(
            "question_id",
            "question__code",
            "question__prompt",
            "question__kind",
            "attempt__official__commune_id",
            "attempt__official__commune__name",
        )
        .annotate(answered=Count("pk"), correct=Count("pk", filter=Q(is_correct=True)))
        .order_by()
    )
    questions: dict[int, QuestionShare] = {}
    for row in rows:
        share = questions.setdefault(
            row["question_id"],
            QuestionShare(
                question_id=row["question_id"],
                code=row["question__code"],
                prompt=row["question__prompt"],
                kind=row["question__kind"],
            ),
        )
        share.answered += row["answered"]
        share.correct += row["correct"]
        share.communes.append(
            CommuneShare(
                commune_id=row["attempt__official__commune_id"],
                commune_name=row["attempt__official__commune__name"] or _("(chưa có xã/phường)"),
                answered=row["answered"],
                correct=row["correct"],
            )
        )
    for share in questions.values():
        share.communes.sort(key=lambda c: (c.share, vi_sort_key(c.commune_name)))
    return sorted(questions.values(), key=lambda q: (q.share, -q.answered, q.code))
