"""Building course trees for tests (unit and browser): a home page as the site root, the course
index, courses with lessons made of step blocks, and screenshots drawn with Pillow."""

import io
from datetime import date

from django.conf import settings
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page, Site
from wagtail.rich_text import RichText

from courses.models import Assignment, CourseIndexPage, CoursePage, CourseRequirement, LessonPage
from portal.models import HomePage


def site_home() -> HomePage:
    """The home page as the default site's root (made the same way every time, so page paths match
    across tests sharing one server process)."""
    home = HomePage.objects.first()
    if home is None:
        # A transactional test's flush took Wagtail's root page and locale with it.
        Locale.objects.get_or_create(
            language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
        )
        root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))
        home = root.add_child(instance=HomePage(title="Trang chủ", slug="trang-chu"))
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.save()
    return home


def course_index() -> CourseIndexPage:
    index = CourseIndexPage.objects.first()
    if index is None:
        index = site_home().add_child(instance=CourseIndexPage(title="Khóa học", slug="khoa-hoc"))
        index.save_revision().publish()
    return index


def screenshot(title: str = "Màn hình đăng nhập", size=(640, 400)):
    """A small PNG stored as a Wagtail image."""
    buffer = io.BytesIO()
    PILImage.new("RGB", size, "#dbe7f3").save(buffer, format="PNG")
    if Collection.get_first_root_node() is None:  # a transactional test's flush took it
        Collection.add_root(name="Root")
    image = get_image_model()(title=title, file=ImageFile(buffer, name="man-hinh.png"))
    image._set_image_file_metadata()
    image.save()
    return image


def step(instruction: str, image, *, expected="Trang chủ mở ra.", mistake="", fix="", area=(10, 20, 30, 10)):
    x, y, width, height = area
    return (
        "step",
        {
            "instruction": instruction,
            "screenshot": image,
            "highlight_x": x,
            "highlight_y": y,
            "highlight_width": width,
            "highlight_height": height,
            "expected_result": expected,
            "common_mistake": mistake,
            "mistake_fix": fix,
        },
    )


def lesson(
    course: CoursePage, title: str, *, body=None, required=True, slug=None, publish=True
) -> LessonPage:
    page = LessonPage(
        title=title,
        slug=slug or f"bai-{course.get_children_count() + 1}",
        summary=f"Tóm tắt: {title}",
        required=required,
        body=body if body is not None else [("text", RichText(f"<p>{title}</p>"))],
    )
    course.add_child(instance=page)
    if publish:
        page.save_revision().publish()
    return page


def course(
    title: str = "Đăng nhập và tài khoản",
    *,
    slug: str = "dang-nhap-tai-khoan",
    lessons: int = 3,
    quizzes=(),
    scenarios=(),
    live_session: bool = False,
    assignments=(),
    image=None,
) -> CoursePage:
    """A published course with ``lessons`` published lessons, each with two step blocks."""
    page = CoursePage(
        title=title,
        slug=slug,
        intro="<p>Khóa học thử nghiệm.</p>",
        require_live_session=live_session,
        requirements=[CourseRequirement(kind="quiz", key=key) for key in quizzes]
        + [CourseRequirement(kind="scenario", key=key) for key in scenarios],
        assignments=[Assignment(**kwargs) for kwargs in assignments],
    )
    course_index().add_child(instance=page)
    page.save_revision().publish()
    image = image or screenshot()
    for number in range(1, lessons + 1):
        lesson(
            page,
            f"Bài {number}: đăng nhập lần {number}",
            slug=f"bai-{number}",
            body=[
                ("text", RichText(f"<p>Giới thiệu bài {number}.</p>")),
                step(f"Nhập tên đăng nhập (bài {number})", image),
                step(
                    f"Bấm nút Đăng nhập (bài {number})", image, mistake="Bật Caps Lock.", fix="Tắt Caps Lock."
                ),
            ],
        )
    return page


def due(days_from_today: int) -> date:
    from datetime import timedelta

    from django.utils import timezone

    return timezone.localdate() + timedelta(days=days_from_today)


def assigned_course(province, *, due_in_days: int = 0) -> CoursePage:
    """A course of three lessons assigned to ``province``'s officials, due in ``due_in_days`` days,
    with the assignment applied to the ledger."""
    from courses.services import course_assignments_sync

    page = course(assignments=[{"province": province, "due_date": due(due_in_days)}])
    course_assignments_sync(course_id=page.pk)
    return page
