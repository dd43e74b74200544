"""The shipped courses name only quizzes that exist (portal.checks, run by ``manage.py check``)."""

import dataclasses

from django.core.management import call_command

from courses.seed import shipped_courses
from portal.checks import course_quiz_errors
from quizzes.seed import shipped_quizzes


def test_the_shipped_courses_name_only_shipped_quizzes():
    assert course_quiz_errors(shipped_courses().courses, shipped_quizzes()) == []
    call_command("check")  # the check is registered and passes


def test_a_course_naming_a_missing_quiz_is_an_error_naming_the_course_and_the_place():
    course = shipped_courses().courses[0]
    typo = dataclasses.replace(course, quiz="kiem-tra-dang-nhp")
    errors = course_quiz_errors([typo], shipped_quizzes())
    assert [error.id for error in errors] == ["portal.E001"]
    assert repr(course.slug) in errors[0].msg and "'kiem-tra-dang-nhp'" in errors[0].msg
    assert "at quiz" in errors[0].msg


def test_a_lesson_check_naming_a_missing_quiz_is_an_error():
    course = next(c for c in shipped_courses().courses if any(lesson.check for lesson in c.lessons))
    index, lesson = next((i, lesson) for i, lesson in enumerate(course.lessons) if lesson.check)
    lessons = list(course.lessons)
    lessons[index] = dataclasses.replace(lesson, check=dataclasses.replace(lesson.check, quiz="khong-co"))
    errors = course_quiz_errors([dataclasses.replace(course, lessons=lessons)], shipped_quizzes())
    assert len(errors) == 1 and f"lessons[{index}].check.quiz" in errors[0].msg
