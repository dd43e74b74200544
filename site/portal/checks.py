"""System checks across apps (``manage.py check``, run by CI and at every server start).

The shipped course files name quizzes (a course's required quiz, a lesson's "Tự kiểm tra" block) that
live in the quizzes' own files. Neither loader may read the other's files (each already checks the
other's slugs the other way round, or they would read each other for ever), so the wiring layer
checks that every quiz a course names exists: a typo would make a course nobody can complete.
"""

from django.core.checks import Error, register


def course_quiz_errors(courses, quizzes) -> list[Error]:
    """An error for each quiz slug named by ``courses`` (course specs) that no quiz of ``quizzes`` has."""
    known = {quiz.slug for quiz in quizzes}
    errors = []
    for course in courses:
        named = [("quiz", course.quiz)] + [
            (f"lessons[{index}].check.quiz", lesson.check.quiz)
            for index, lesson in enumerate(course.lessons)
            if lesson.check
        ]
        for path, slug in named:
            if slug not in known:
                errors.append(
                    Error(
                        f"The course {course.slug!r} names the quiz {slug!r} at {path}, "
                        "which no quiz file has.",
                        hint="Correct the slug, or add quizzes/content/<slug>.yaml (docs/adding-a-quiz.md).",
                        id="portal.E001",
                    )
                )
    return errors


@register()
def shipped_courses_name_shipped_quizzes(app_configs, **kwargs) -> list[Error]:
    from courses.seed import shipped_courses
    from quizzes.seed import shipped_quizzes

    return course_quiz_errors(shipped_courses().courses, shipped_quizzes())
