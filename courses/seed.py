"""Demo courses: the course index under the home page, the review workflow, and the courses shipped as
data in ``courses/content/`` (one YAML file a course in ``courses/``; the drawn systems in
``systems.yaml``), with their drawn screenshots and PDF guides, assigned to every official of the demo
province with a due date.
The files' fields are described in docs/adding-a-course.md; ``core.content`` reads and checks them.

Idempotent: an existing course (found by slug) is left as it is, so a second run changes nothing and
never overwrites an editor's work."""

import functools
import html
import io
import re
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Literal

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Page, Site
from wagtail.rich_text import RichText

from core import catalogue
from core.content import ContentError, content_file_load, content_files_load
from courses.mockups import MESSAGE_COLOURS, Screen, render_guide_pdf, render_screen, screen_check
from courses.models import (
    Assignment,
    CourseIndexPage,
    CoursePage,
    CourseRequirement,
    LessonPage,
    RequirementKind,
)
from courses.services import course_assignments_sync, course_review_workflow_ensure
from people.models import Province

CONTENT = Path(__file__).resolve().parent / "content"
SYSTEMS_FILE = CONTENT / "systems.yaml"
COURSES_FOLDER = CONTENT / "courses"
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def _slug(value: str) -> None:
    if not SLUG.match(value):
        raise ValueError(f"{value!r} is not a slug (lower-case letters, digits and hyphens, no diacritics)")


# --- The schema of the content files (core.content reads them into these) ---


@dataclass
class SystemSpec:
    """A drawn system, in ``systems.yaml``: what every screen of it shares."""

    name: str
    address: str = ""
    menu: list[str] = field(default_factory=list)
    active: str = ""  # the menu item shown as selected, unless a screen names another
    phone: bool = False
    signed_in: bool = True  # its header shows the signed-in official's name, unless a screen says not


@dataclass
class ScreenSpec:
    system: str  # a key of systems.yaml
    heading: str
    target: str  # the element to highlight: a button, menu item, field label, first cell of a row, "message"
    active: str | None = None
    signed_in: bool | None = None  # False on a sign-in screen: no name in the header; None: the system's
    message: tuple[Literal[tuple(MESSAGE_COLOURS)], str] | None = None
    fields: list[tuple[str, str]] = field(default_factory=list)
    table: list[list[str]] = field(default_factory=list)
    buttons: list[str] = field(default_factory=list)


@dataclass
class StepSpec:
    instruction: str
    screen: ScreenSpec
    expected: str
    mistake: str = ""
    fix: str = ""

    def __post_init__(self):
        if bool(self.mistake) != bool(self.fix):
            raise ValueError("a mistake always comes with its fix: give both or neither")


@dataclass
class PractiseSpec:
    scenario: str  # a sandbox scenario's slug; the lesson shows that practice's own title
    description: str

    def __post_init__(self):
        _slug(self.scenario)


@dataclass
class CheckSpec:
    quiz: str
    title: str

    def __post_init__(self):
        _slug(self.quiz)


@dataclass
class LessonSpec:
    slug: str
    title: str
    summary: str
    intro: str  # plain text; paragraphs separated by an empty line
    steps: list[StepSpec]
    practise: PractiseSpec | None = None
    check: CheckSpec | None = None

    def __post_init__(self):
        _slug(self.slug)


@dataclass
class CourseSpec:
    slug: str
    title: str
    intro: str  # plain text; paragraphs separated by an empty line
    quiz: str
    scenarios: list[str]
    due_in_days: int
    lessons: list[LessonSpec]

    def __post_init__(self):
        for slug in [self.slug, self.quiz, *self.scenarios]:
            _slug(slug)
        if self.due_in_days < 1:
            raise ValueError("due_in_days must be 1 or more")
        if not self.lessons:
            raise ValueError("a course needs at least one lesson")


def paragraphs_html(text: str) -> str:
    """Plain text with paragraphs separated by an empty line, as HTML paragraphs."""
    paragraphs = [" ".join(part.split()) for part in re.split(r"\n\s*\n", text)]
    return "".join(f"<p>{html.escape(part, quote=False)}</p>" for part in paragraphs if part)


def screen_build(*, spec: ScreenSpec, systems: dict[str, SystemSpec]) -> Screen:
    """The screen to draw: the step's screen on top of its system's common parts."""
    system = systems[spec.system]
    return Screen(
        system=system.name,
        address=system.address,
        menu=list(system.menu),
        active=system.active if spec.active is None else spec.active,
        phone=system.phone,
        signed_in=system.signed_in if spec.signed_in is None else spec.signed_in,
        heading=spec.heading,
        target=spec.target,
        message=spec.message,
        fields=list(spec.fields),
        table=[list(row) for row in spec.table],
        buttons=list(spec.buttons),
    )


@dataclass
class ShippedCourses:
    systems: dict[str, SystemSpec]
    courses: list[CourseSpec]


@functools.cache
def shipped_course_choices() -> tuple[tuple[str, str], ...]:
    """``(slug, title)`` of each shipped course, in the order of the content files."""
    return tuple((course.slug, course.title) for course in shipped_courses().courses)


def _scenario_check(*, file: Path, path: str, slug: str) -> None:
    """Refuse a practice the sandbox does not have (its list, through core.catalogue)."""
    known = dict(catalogue.choices("scenario"))
    if slug not in known:
        raise ContentError(file=file, path=path, message=f"{slug!r} is not a sandbox scenario")


def shipped_courses(*, folder: Path = COURSES_FOLDER, systems_file: Path = SYSTEMS_FILE) -> ShippedCourses:
    """The shipped courses, read and checked: every reference to a system names one of
    ``systems.yaml``, every screen's target is something drawn on it, lesson slugs are unique in their
    course, course slugs are unique and match the file names (``<slug>.yaml`` after an optional
    ordering prefix ``NN-``)."""
    systems = content_file_load(path=systems_file, schema=dict[str, SystemSpec])
    courses, seen = [], {}
    for loaded in content_files_load(folder=folder, schema=CourseSpec):
        course = loaded.data
        if re.sub(r"^\d+-", "", loaded.path.stem) != course.slug:
            raise ContentError(file=loaded.path, path="slug", message="must match the file name")
        if course.slug in seen:
            raise ContentError(
                file=loaded.path, path="slug", message=f"also used by {seen[course.slug].name}"
            )
        seen[course.slug] = loaded.path
        lesson_slugs = [lesson.slug for lesson in course.lessons]
        for index, slug in enumerate(course.scenarios):
            _scenario_check(file=loaded.path, path=f"scenarios[{index}]", slug=slug)
        for lesson_index, lesson in enumerate(course.lessons):
            if lesson_slugs.index(lesson.slug) != lesson_index:
                raise ContentError(
                    file=loaded.path,
                    path=f"lessons[{lesson_index}].slug",
                    message="another lesson has this slug",
                )
            if lesson.practise:
                _scenario_check(
                    file=loaded.path,
                    path=f"lessons[{lesson_index}].practise.scenario",
                    slug=lesson.practise.scenario,
                )
            for step_index, step in enumerate(lesson.steps):
                path = f"lessons[{lesson_index}].steps[{step_index}].screen"
                if step.screen.system not in systems:
                    raise ContentError(
                        file=loaded.path,
                        path=f"{path}.system",
                        message=f"{step.screen.system!r} is not a system of {systems_file.name}: "
                        f"{', '.join(systems)}",
                    )
                try:
                    screen_check(screen_build(spec=step.screen, systems=systems))
                except KeyError as exc:
                    raise ContentError(file=loaded.path, path=f"{path}.target", message=exc.args[0]) from None
        courses.append(course)
    return ShippedCourses(systems=systems, courses=courses)


# --- Applying them ---

INDEX_SLUG = "khoa-hoc"
COLLECTION_NAME = "Khóa học mẫu"
DEMO_PROVINCE = "Bắc Ninh"


def course_index(home: Page) -> CourseIndexPage:
    """The one course index, created under the home page when missing."""
    index = CourseIndexPage.objects.first()
    if index is None:
        index = CourseIndexPage(
            title="Khóa học",
            slug=INDEX_SLUG,
            intro=(
                "<p>Các khóa học “cầm tay chỉ việc”: từng bước trên màn hình của hệ thống, việc cần bấm, kết "
                "quả đúng, lỗi thường gặp và cách khắc phục.</p>"
            ),
        )
        home.add_child(instance=index)
        index.save_revision().publish()
    return index


def _collection() -> Collection:
    existing = Collection.objects.filter(name=COLLECTION_NAME).first()
    return existing or Collection.get_first_root_node().add_child(name=COLLECTION_NAME)


def _image(*, title: str, filename: str, png: bytes, collection: Collection):
    Image = get_image_model()
    image = Image.objects.filter(title=title).first()
    if image is None:
        image = Image(title=title, collection=collection, file=ImageFile(io.BytesIO(png), name=filename))
        image._set_image_file_metadata()
        image.save()
    return image


def _guide(*, spec: CourseSpec, collection: Collection):
    Document = get_document_model()
    title = f"Tóm tắt khóa học: {spec.title}"
    document = Document.objects.filter(title=title).first()
    if document is None:
        pdf = render_guide_pdf(
            title=spec.title,
            lessons=[(lesson.title, [step.instruction for step in lesson.steps]) for lesson in spec.lessons],
        )
        document = Document(
            title=title, collection=collection, file=ContentFile(pdf, name=f"{spec.slug}.pdf")
        )
        document._set_document_file_metadata()
        document.save()
    return document


def _step_block(
    *, spec: StepSpec, systems: dict[str, SystemSpec], image_title: str, filename: str, collection: Collection
) -> tuple:
    png, (x, y, width, height) = render_screen(screen_build(spec=spec.screen, systems=systems))
    return (
        "step",
        {
            "instruction": spec.instruction,
            "screenshot": _image(title=image_title, filename=filename, png=png, collection=collection),
            "highlight_x": x,
            "highlight_y": y,
            "highlight_width": width,
            "highlight_height": height,
            "expected_result": spec.expected,
            "common_mistake": spec.mistake,
            "mistake_fix": spec.fix,
        },
    )


def _lesson_body(
    *, course: CourseSpec, lesson: LessonSpec, systems: dict[str, SystemSpec], collection: Collection, guide
) -> list[tuple]:
    body = [("text", RichText(paragraphs_html(lesson.intro)))]
    for number, step in enumerate(lesson.steps, start=1):
        body.append(
            _step_block(
                spec=step,
                systems=systems,
                image_title=f"{course.title} · {lesson.title} · bước {number}",
                filename=f"{course.slug}-{lesson.slug}-{number}.png",
                collection=collection,
            )
        )
    if lesson.practise:
        practise = lesson.practise
        body.append(
            (
                "practise",
                {"scenario": practise.scenario, "description": practise.description},
            )
        )
    if lesson.check:
        body.append(("check", {"quiz": lesson.check.quiz, "title": lesson.check.title, "description": ""}))
        body.append(
            (
                "guide",
                {
                    "document": guide,
                    "title": "Bản tóm tắt khóa học (PDF)",
                    "description": "In ra để cạnh máy tính: các bước chính của từng bài.",
                },
            )
        )
    return body


def _course(
    *,
    spec: CourseSpec,
    systems: dict[str, SystemSpec],
    index: CourseIndexPage,
    province: Province,
    collection: Collection,
) -> CoursePage:
    course = CoursePage(
        title=spec.title,
        slug=spec.slug,
        intro=paragraphs_html(spec.intro),
        requirements=[CourseRequirement(kind=RequirementKind.QUIZ, key=spec.quiz)]
        + [CourseRequirement(kind=RequirementKind.SCENARIO, key=slug) for slug in spec.scenarios],
        assignments=[
            Assignment(province=province, due_date=timezone.localdate() + timedelta(days=spec.due_in_days))
        ],
    )
    index.add_child(instance=course)
    course.save_revision().publish()
    guide = _guide(spec=spec, collection=collection)
    for lesson_spec in spec.lessons:
        lesson = LessonPage(
            title=lesson_spec.title,
            slug=lesson_spec.slug,
            summary=lesson_spec.summary,
            body=_lesson_body(
                course=spec, lesson=lesson_spec, systems=systems, collection=collection, guide=guide
            ),
        )
        course.add_child(instance=lesson)
        lesson.save_revision().publish()
    return course


def seed(stdout) -> None:
    shipped = shipped_courses()  # every file read and checked before anything is created
    # The home page (``portal.HomePage``, seeded before the courses) is the default site's root page.
    home = Site.objects.get(is_default_site=True).root_page.specific
    index = course_index(home)
    course_review_workflow_ensure(index=index)
    province = Province.objects.get(name__endswith=DEMO_PROVINCE)
    collection = _collection()
    for spec in shipped.courses:
        course = CoursePage.objects.child_of(index).filter(slug=spec.slug).first()
        if course is None:
            course = _course(
                spec=spec, systems=shipped.systems, index=index, province=province, collection=collection
            )
            stdout.write(f"Created the course {spec.slug} ({len(spec.lessons)} lessons).")
        # The publish signal queues the same sync for a task worker; doing it here makes the demo
        # ready without one.
        course_assignments_sync(course_id=course.pk)
