"""The demo courses: five courses with the shared slugs, real step-by-step lessons with drawn
screenshots, linked to the shared quiz and scenario slugs, assigned to the demo province; a second
run changes nothing."""

import shutil
from datetime import timedelta
from io import StringIO

import pytest
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Revision, WorkflowPage

from courses.models import CourseIndexPage, CoursePage, LessonPage
from progress.models import ProgressEntry

COURSE_SLUGS = {
    "dang-nhap-tai-khoan",
    "quan-ly-van-ban",
    "chu-ky-so",
    "mot-cua-dien-tu",
    "hop-truc-tuyen-thu-cong-vu",
}
QUIZ_SLUGS = {
    "kiem-tra-dang-nhap",
    "kiem-tra-van-ban",
    "kiem-tra-ky-so",
    "kiem-tra-mot-cua",
    "kiem-tra-hop-truc-tuyen-thu-cong-vu",
}
# docs/architecture.md, "Shared identifiers of the shipped content".
SCENARIO_SLUGS = {
    "dang-nhap-co-ban",
    "dang-nhap-vneid",
    "vb-den-tiep-nhan",
    "vb-den-tra-lai",
    "vb-den-giay",
    "vb-den-hoa-toc",
    "vb-den-phan-cong",
    "vb-den-chuyen-thu-hoi",
    "vb-den-hoan-thanh",
    "vb-di-du-thao",
    "vb-di-trinh-ky",
    "ky-so-usb",
    "ky-so-tu-xa",
    "vb-di-phat-hanh",
    "vb-di-thu-hoi-thay-the",
    "hs-khai-sinh-tiep-nhan",
    "hs-bo-sung-tu-choi",
    "hs-lien-thong-khai-sinh",
    "hs-chung-thuc",
    "hs-thu-phi",
    "hs-qua-han",
    "hs-tra-ket-qua",
    "hs-rut-dung",
    "hs-tra-cuu-bao-cao",
    "hs-ket-hon-treo-may",
}


def _counts():
    return (
        Page.objects.count(),
        Revision.objects.count(),
        get_image_model().objects.count(),
        get_document_model().objects.count(),
        ProgressEntry.objects.count(),
        sorted(ProgressEntry.objects.values_list("official_id", "key", "due_date")),
    )


@pytest.mark.slow
def test_seed_builds_the_demo_courses_and_is_idempotent(db, province, official, other_official):
    from courses import seed as courses_seed
    from portal import seed as portal_seed

    portal_seed.seed(StringIO())
    courses_seed.seed(StringIO())
    first = _counts()

    index = CourseIndexPage.objects.get()
    assert WorkflowPage.objects.get(page=index).workflow.name == "Duyệt khóa học"
    courses = CoursePage.objects.live().child_of(index)
    assert set(courses.values_list("slug", flat=True)) == COURSE_SLUGS
    scenarios, quizzes = set(), set()
    for course in courses:
        lessons = LessonPage.objects.live().child_of(course)
        assert lessons.count() >= 4, course.slug
        assert {r.kind for r in course.requirements.all()} >= {"quiz"}
        for lesson in lessons:
            steps = [block for block in lesson.body if block.block_type == "step"]
            assert len(steps) >= 3, lesson.slug
            for block in steps:
                assert block.value["screenshot"].width == 1024
                assert block.value.highlight is not None
                assert block.value["expected_result"]
            scenarios |= {b.value["scenario"] for b in lesson.body if b.block_type == "practise"}
            quizzes |= {b.value["quiz"] for b in lesson.body if b.block_type == "check"}
            assert " " in lesson.search_text
    assert quizzes == QUIZ_SLUGS
    assert scenarios <= SCENARIO_SLUGS and len(scenarios) >= 10
    assigned = ProgressEntry.objects.filter(kind="course", official=official)
    assert assigned.count() == 5 and all(entry.due_date for entry in assigned)
    assert not ProgressEntry.objects.filter(official=other_official).exists()  # another province

    courses_seed.seed(StringIO())
    assert _counts() == first


# The shipped courses as they were when they moved from Python literals to data files: steps per
# lesson, in order. A change of the content files that loses or adds a step shows here.
STEPS_PER_LESSON = {
    "dang-nhap-tai-khoan": [3, 3, 3, 4],
    "quan-ly-van-ban": [3, 3, 3, 4],
    "chu-ky-so": [3, 3, 3, 3],
    "mot-cua-dien-tu": [4, 3, 3, 4],
    "hop-truc-tuyen-thu-cong-vu": [3, 3, 3, 3],
}


@pytest.mark.slow
def test_seed_builds_exactly_the_courses_of_the_content_files(db, province):
    from courses import seed as courses_seed
    from portal import seed as portal_seed

    portal_seed.seed(StringIO())
    courses_seed.seed(StringIO())
    shipped = courses_seed.shipped_courses()
    index = CourseIndexPage.objects.get()
    courses = list(CoursePage.objects.child_of(index).order_by("path"))
    assert [course.slug for course in courses] == list(STEPS_PER_LESSON)
    assert [spec.slug for spec in shipped.courses] == list(STEPS_PER_LESSON)
    for course, spec in zip(courses, shipped.courses, strict=True):
        lessons = list(LessonPage.objects.child_of(course).order_by("path"))
        steps = [[block for block in lesson.body if block.block_type == "step"] for lesson in lessons]
        assert [len(lesson_steps) for lesson_steps in steps] == STEPS_PER_LESSON[course.slug]
        assert course.title == spec.title
        assert [(r.kind, r.key) for r in course.requirements.all()] == [("quiz", spec.quiz)] + [
            ("scenario", slug) for slug in spec.scenarios
        ]
        for lesson, lesson_steps, lesson_spec in zip(lessons, steps, spec.lessons, strict=True):
            assert (lesson.slug, lesson.title, lesson.summary) == (
                lesson_spec.slug,
                lesson_spec.title,
                lesson_spec.summary,
            )
            assert [
                (b.value["instruction"], b.value["expected_result"], b.value["common_mistake"])
                for b in lesson_steps
            ] == [(s.instruction, s.expected, s.mistake) for s in lesson_spec.steps]

    # A few fields exactly as the Python literals produced them.
    sign_in = courses[0]
    assert sign_in.intro == (
        "<p>Lỗi hay gặp nhất sau khi sáp nhập là nhập sai tên đăng nhập hoặc mật khẩu: mỗi lần như vậy mất "
        "cả buổi gọi điện nhờ hỗ trợ. Khóa học này hướng dẫn từng màn hình: đăng nhập lần đầu, đổi mật "
        "khẩu, xử lý khi nhập sai, tránh bị khóa tài khoản, đặt lại mật khẩu và đăng nhập bằng VNeID.</p>"
    )
    first, *_, last = LessonPage.objects.child_of(sign_in).order_by("path")
    assert [block.block_type for block in first.body] == ["text", "step", "step", "step", "practise"]
    assert [block.block_type for block in last.body][-2:] == ["check", "guide"]
    step = first.body[1].value
    assert step["instruction"] == "Nhập tên đăng nhập được cấp vào ô “Tên đăng nhập”"
    assert (step["highlight_x"], step["highlight_y"], step["highlight_width"], step["highlight_height"]) == (
        23.3,
        43.4,
        74.8,
        13.8,
    )
    assert (
        step["screenshot"].title
        == "Đăng nhập và quản lý tài khoản · Đăng nhập lần đầu và đổi mật khẩu · bước 1"
    )
    assert first.body[4].value["scenario"] == "dang-nhap-co-ban"
    assert last.body[-2].value["quiz"] == "kiem-tra-dang-nhap"
    assert sign_in.assignments.get().due_date == timezone.localdate() + timedelta(days=21)


def _content_copy(tmp_path):
    from courses import seed as courses_seed

    target = tmp_path / "content"
    shutil.copytree(courses_seed.CONTENT, target)
    return target, target / "courses" / "01-dang-nhap-tai-khoan.yaml"


@pytest.mark.parametrize(
    ("old", "new", "path", "message"),
    [
        (
            "        expected: Trang chủ của hệ thống mở ra, góc phải màn hình hiện họ tên của bạn.\n",
            "",
            "lessons[0].steps[1].expected",
            "is required",
        ),
        (
            "          target: Tên đăng nhập\n",
            "          target: Tên đăng nhập sai\n",
            "lessons[0].steps[0].screen.target",
            "nothing labelled",
        ),
        (
            "      scenario: dang-nhap-co-ban\n",
            "      scenario: dang-nhap-co-bn\n",
            "lessons[0].practise.scenario",
            "is not a sandbox scenario",
        ),
        (
            "          system: sso\n",
            "          system: ssso\n",
            "lessons[0].steps[0].screen.system",
            "is not a system of systems.yaml",
        ),
        ("due_in_days: 21", "due_in_days: ba tuần", "due_in_days", "expected a whole number"),
        ("slug: dang-nhap-tai-khoan", "slug: dang-nhap", "slug", "must match the file name"),
        (
            "  - slug: dat-lai-mat-khau\n",
            "  - slug: dang-nhap-lan-dau\n",
            "lessons[2].slug",
            "another lesson has this slug",
        ),
        (
            "      scenario: dang-nhap-co-ban\n",
            "      scenario: Đăng nhập\n",
            "lessons[0].practise",
            "is not a slug",
        ),
        (
            "        fix: Nhìn đèn Caps Lock",
            "        fixed: Nhìn đèn Caps Lock",
            "lessons[0].steps[1].fixed",
            "unknown key",
        ),
    ],
)
def test_a_malformed_course_file_fails_naming_the_file_and_the_field(tmp_path, old, new, path, message):
    from core.content import ContentError
    from courses import seed as courses_seed

    folder, file = _content_copy(tmp_path)
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        courses_seed.shipped_courses(folder=folder / "courses", systems_file=folder / "systems.yaml")
    assert (caught.value.file, caught.value.path) == (file, path)
    assert message in caught.value.message
    assert str(caught.value).startswith(f"{file}: {path}: ")


def test_a_malformed_systems_file_fails_naming_it(tmp_path):
    from core.content import ContentError
    from courses import seed as courses_seed

    folder, _file = _content_copy(tmp_path)
    systems = folder / "systems.yaml"
    systems.write_text(systems.read_text(encoding="utf-8").replace("  phone: true", "  phone: yes please", 1))
    with pytest.raises(ContentError, match=r"systems\.yaml: vneid-app\.phone: expected true or false"):
        courses_seed.shipped_courses(folder=folder / "courses", systems_file=systems)


def test_the_courses_quizzes_and_live_sessions_offer_are_the_course_files():
    """Adding a course file is enough: quizzes and live sessions pick courses from the files' slugs and
    titles (core.catalogue), not from lists of their own."""
    from core.catalogue import choices
    from courses import seed as courses_seed
    from live_sessions.forms import SessionForm
    from quizzes.models import Quiz, course_choices

    shipped = [(course.slug, course.title) for course in courses_seed.shipped_courses().courses]
    assert len(shipped) == 5
    assert choices("course") == shipped
    assert list(course_choices()) == shipped
    assert [tuple(choice) for choice in Quiz._meta.get_field("course_slug").choices][-5:] == shipped
    assert [tuple(choice) for choice in SessionForm.base_fields["course_slug"].choices][1:] == shipped
