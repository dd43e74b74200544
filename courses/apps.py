from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _courses_using(*, official_id: int, kind: str, key: str) -> list:
    """The official's courses whose completion rule involves this item (core.catalogue): what a
    finished practice or quiz counts toward."""
    from core.catalogue import ItemLink
    from courses.completion import completion_rules
    from courses.progress import official_progress
    from courses.structure import courses_shapes

    progress = official_progress(official_id=official_id)
    rules = completion_rules(course_ids=progress.course_ids())
    wanted = [course_id for course_id, rule in rules.items() if rule.involves(kind, key)]
    return [
        ItemLink(kind="course", key=str(shape.pk), title=shape.title, url=shape.url)
        for shape in courses_shapes(course_ids=wanted)
    ]


def _required_of(*, official_id: int, kind: str) -> dict:
    """The quizzes or practices (``kind``) the official's courses require, with those courses."""
    from core.catalogue import ItemLink
    from courses.completion import completion_rules
    from courses.progress import official_progress
    from courses.structure import courses_shapes

    progress = official_progress(official_id=official_id)
    rules = completion_rules(course_ids=progress.course_ids())
    shapes = {shape.pk: shape for shape in courses_shapes(course_ids=list(rules))}
    found: dict[str, list] = {}
    for course_id, rule in rules.items():
        keys = rule.scenarios if kind == "scenario" else rule.quizzes if kind == "quiz" else ()
        shape = shapes.get(course_id)
        for key in sorted(keys):
            if shape is not None:
                found.setdefault(key, []).append(
                    ItemLink(kind="course", key=str(shape.pk), title=shape.title, url=shape.url)
                )
    return found


def _shipped_course_choices() -> list[tuple[str, str]]:
    """The shipped courses (``courses/content/courses/``) by slug and title (core.catalogue): the
    courses a quiz or a live session may be about. Read from the content files once a process."""
    from courses.seed import shipped_course_choices

    return shipped_course_choices()


def _lessons_outline() -> list:
    """The published lessons by course, with their steps (core.catalogue)."""
    from courses.structure import lessons_outline

    return lessons_outline()


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Khóa học")

    def ready(self):
        from core import request_reads
        from core.catalogue import register_choices, register_outline, register_required, register_uses
        from courses import pages, signals
        from courses.models import LearnerOnlyPage
        from courses.services import official_courses_begin, official_courses_evaluate
        from progress import registry

        signals.connect()
        # Course progress follows the ledger: a course is in progress once any item of it moved, and
        # is re-evaluated when an item of an official is completed.
        registry.on_item_moved(official_courses_begin)
        registry.on_item_completed(official_courses_evaluate)
        # What serving a course or lesson page reads and writes (the models import neither).
        LearnerOnlyPage.serving = pages
        # The official's own keys, read with the route of every page they open (core.request_reads).
        request_reads.register(pages.request_keys)
        # What other apps may ask of courses without importing them (core.catalogue).
        register_uses(_courses_using)
        register_required(_required_of)
        register_choices("course", _shipped_course_choices)
        register_outline("lesson", _lessons_outline)
