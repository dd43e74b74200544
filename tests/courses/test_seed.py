"""The demo courses: five courses with the shared slugs, real step-by-step lessons with drawn
screenshots, linked to the shared quiz and scenario slugs, assigned to the demo province; a second
run changes nothing."""

from io import StringIO

import pytest
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
