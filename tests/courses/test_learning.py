"""My courses, opening lessons, "Đã xong bài này", resuming, and who may see a course at all."""

import pytest
from django.urls import reverse

from progress.models import ProgressEntry, ProgressStatus
from progress.services import progress_record
from tests.courses.builders import due
from tests.factories import DepartmentHeadFactory, OfficialFactory


def _entry(official, kind, key):
    return ProgressEntry.objects.get(official=official, kind=kind, key=str(key))


def test_my_courses_lists_assigned_courses_with_status_progress_and_due_date(signed_in, course, lessons):
    response = signed_in.get(reverse("courses:my_courses"))
    html = response.content.decode()
    assert course.title in html
    assert "Chưa bắt đầu" in html
    assert "Đã học 0/3 bài" in html
    assert "Hạn hoàn thành: " + due(10).strftime("%d/%m/%Y") in html
    assert "Bắt đầu học" in html and lessons[0].url in html
    assert "Quá hạn" not in html


def test_overdue_courses_are_flagged(signed_in, course, assigned):
    ProgressEntry.objects.filter(official=assigned, kind="course").update(due_date=due(-1))
    assert "Quá hạn" in signed_in.get(reverse("courses:my_courses")).content.decode()


def test_my_courses_is_empty_for_an_official_without_assignment(client, course, other_official):
    client.force_login(other_official)
    html = client.get(reverse("courses:my_courses")).content.decode()
    assert course.title not in html
    assert "Bạn chưa được giao khóa học nào" in html


def test_my_courses_needs_sign_in(client, db):
    response = client.get(reverse("courses:my_courses"))
    assert response.status_code == 302 and response.url.startswith(reverse("people:login"))


def test_opening_a_lesson_records_progress_resume_and_live_board(
    signed_in, assigned, course, lessons, activity_calls
):
    response = signed_in.get(lessons[1].url)
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"]
    assert _entry(assigned, "lesson", lessons[1].pk).status == ProgressStatus.IN_PROGRESS
    course_row = _entry(assigned, "course", course.pk)
    assert course_row.status == ProgressStatus.IN_PROGRESS
    assert course_row.detail["last_lesson_id"] == lessons[1].pk
    # ``found``: what the page read from the cache with its progress (where the board last saw them).
    assert [{name: value for name, value in call.items() if name != "found"} for call in activity_calls] == [
        {
            "official_id": assigned.pk,
            "kind": "lesson",
            "key": str(lessons[1].pk),
            "label": f"{course.title} · {lessons[1].title}",
        }
    ]


def test_lesson_page_shows_numbered_steps_and_the_done_button(signed_in, lessons):
    html = signed_in.get(lessons[0].url).content.decode()
    assert "Bước 1" in html and "Bước 2" in html
    assert "Bật Caps Lock." in html and "Tắt Caps Lock." in html
    assert "Đã xong bài này" in html
    assert reverse("courses:lesson_complete", args=[lessons[0].pk]) in html
    assert "Bài 1/3" in html


def test_done_marks_the_lesson_and_moves_on(signed_in, assigned, lessons):
    url = reverse("courses:lesson_complete", args=[lessons[0].pk])
    assert signed_in.get(url).status_code == 405
    response = signed_in.post(url)
    assert response.status_code == 302 and response.url == lessons[1].url
    assert _entry(assigned, "lesson", lessons[0].pk).status == ProgressStatus.COMPLETED
    html = signed_in.get(lessons[0].url).content.decode()
    assert "Bạn đã xong bài này" in html
    # Re-opening a finished lesson never makes it unfinished.
    assert _entry(assigned, "lesson", lessons[0].pk).status == ProgressStatus.COMPLETED


def test_last_lesson_done_goes_back_to_the_course(signed_in, course, lessons):
    response = signed_in.post(reverse("courses:lesson_complete", args=[lessons[2].pk]))
    assert response.url == course.url


def test_resume_where_the_official_left_off(client, assigned, lessons):
    client.force_login(assigned)
    client.get(lessons[0].url)
    client.post(reverse("courses:lesson_complete", args=[lessons[0].pk]))
    client.get(lessons[1].url)
    client.logout()
    client.force_login(assigned)
    html = client.get(reverse("courses:my_courses")).content.decode()
    assert "Đã học 1/3 bài" in html and "Học tiếp" in html
    assert f'href="{lessons[1].url}"' in html


def test_resume_skips_a_last_lesson_already_done(assigned, course, lessons):
    from courses.selectors import my_courses
    from courses.services import lesson_complete, lesson_open

    lesson_open(official=assigned, lesson=lessons[0])
    lesson_complete(official=assigned, lesson=lessons[0])
    lesson_complete(official=assigned, lesson=lessons[1])
    assert my_courses(official=assigned)[0].resume.pk == lessons[2].pk


def test_my_courses_runs_a_fixed_number_of_queries(assigned, course, lessons, django_assert_max_num_queries):
    from courses.selectors import my_courses

    # Cold caches: the ledger, the tree version, the live courses, the course's lessons and its
    # required quizzes and practices (read once per published version of the tree).
    with django_assert_max_num_queries(6):
        rows = my_courses(official=assigned)
    assert rows[0].lessons_total == 3


# --- Who may see a course ---


@pytest.mark.parametrize("target", ["course", "lesson", "print"])
def test_an_official_without_the_course_gets_404(client, course, lessons, other_official, target):
    client.force_login(other_official)
    url = {
        "course": course.url,
        "lesson": lessons[0].url,
        "print": reverse("courses:print", args=[course.pk]),
    }[target]
    assert client.get(url).status_code == 404


def test_an_unassigned_official_cannot_mark_a_lesson_done(client, lessons, other_official):
    client.force_login(other_official)
    assert client.post(reverse("courses:lesson_complete", args=[lessons[0].pk])).status_code == 404
    assert not ProgressEntry.objects.filter(official=other_official).exists()


def test_an_official_of_the_same_commune_without_the_assignment_gets_404(client, course, lessons, commune):
    from courses.models import Assignment

    Assignment.objects.filter(course=course).update(province=None, commune=None, job_role="land")
    stranger = OfficialFactory(commune=commune)
    client.force_login(stranger)
    assert client.get(lessons[0].url).status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(client, course, lessons):
    response = client.get(lessons[0].url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("people:login")) and "next=" in response.url


def test_department_heads_get_404(client, course, province):
    client.force_login(DepartmentHeadFactory(province=province))
    assert client.get(course.url).status_code == 404


def test_trainers_read_every_lesson_without_leaving_progress(client, trainer, lessons):
    client.force_login(trainer)
    response = client.get(lessons[0].url)
    assert response.status_code == 200
    assert "Đã xong bài này" not in response.content.decode()
    assert not ProgressEntry.objects.exists()


def test_course_page_shows_lessons_done_and_requirements(signed_in, assigned, course, lessons):
    progress_record(
        official=assigned, kind="lesson", key=str(lessons[0].pk), status="completed", course_id=course.pk
    )
    html = signed_in.get(course.url).content.decode()
    assert "Đã học 1/3 bài" in html
    assert html.count("Đã xong") >= 1
    assert reverse("courses:print", args=[course.pk]) in html


def test_finishing_the_last_required_item_congratulates(signed_in, assigned, course, lessons):
    for lesson in lessons[:2]:
        signed_in.post(reverse("courses:lesson_complete", args=[lesson.pk]))
    response = signed_in.post(reverse("courses:lesson_complete", args=[lessons[2].pk]), follow=True)
    assert f"Bạn đã hoàn thành khóa học “{course.title}”" in response.content.decode()
    assert _entry(assigned, "course", course.pk).status == ProgressStatus.COMPLETED
