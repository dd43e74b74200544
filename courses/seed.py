"""Demo courses: the course index under the home page, the review workflow, and the five courses of
``courses.seed_content`` with their drawn screenshots and PDF guides, assigned to every official of
the demo province with a due date. Idempotent: an existing course (found by slug) is left as it is,
so a second run changes nothing and never overwrites an editor's work."""

import io
from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Page, Site
from wagtail.rich_text import RichText

from courses.mockups import render_guide_pdf, render_screen
from courses.models import (
    Assignment,
    CourseIndexPage,
    CoursePage,
    CourseRequirement,
    LessonPage,
    RequirementKind,
)
from courses.seed_content import COURSES, CourseSpec, LessonSpec, StepSpec
from courses.services import course_assignments_sync, course_review_workflow_ensure
from people.models import Province

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


def _step_block(*, spec: StepSpec, image_title: str, filename: str, collection: Collection) -> tuple:
    png, (x, y, width, height) = render_screen(spec.screen)
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


def _lesson_body(*, course: CourseSpec, lesson: LessonSpec, collection: Collection, guide) -> list[tuple]:
    body = [("text", RichText(lesson.intro))]
    for number, step in enumerate(lesson.steps, start=1):
        body.append(
            _step_block(
                spec=step,
                image_title=f"{course.title} · {lesson.title} · bước {number}",
                filename=f"{course.slug}-{lesson.slug}-{number}.png",
                collection=collection,
            )
        )
    if lesson.practise:
        slug, title, description = lesson.practise
        body.append(("practise", {"scenario": slug, "title": title, "description": description}))
    if lesson.check:
        slug, title = lesson.check
        body.append(("check", {"quiz": slug, "title": title, "description": ""}))
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
    *, spec: CourseSpec, index: CourseIndexPage, province: Province, collection: Collection
) -> CoursePage:
    course = CoursePage(
        title=spec.title,
        slug=spec.slug,
        intro=spec.intro,
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
            body=_lesson_body(course=spec, lesson=lesson_spec, collection=collection, guide=guide),
        )
        course.add_child(instance=lesson)
        lesson.save_revision().publish()
    return course


def seed(stdout) -> None:
    # The home page (``portal.HomePage``, seeded before the courses) is the default site's root page.
    home = Site.objects.get(is_default_site=True).root_page.specific
    index = course_index(home)
    course_review_workflow_ensure(index=index)
    province = Province.objects.get(name__endswith=DEMO_PROVINCE)
    collection = _collection()
    for spec in COURSES:
        course = CoursePage.objects.child_of(index).filter(slug=spec.slug).first()
        if course is None:
            course = _course(spec=spec, index=index, province=province, collection=collection)
            stdout.write(f"Created the course {spec.slug} ({len(spec.lessons)} lessons).")
        # The publish signal queues the same sync for a task worker; doing it here makes the demo
        # ready without one.
        course_assignments_sync(course_id=course.pk)
