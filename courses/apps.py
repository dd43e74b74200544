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


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Khóa học")

    def ready(self):
        from core.catalogue import register_required, register_uses
        from courses import signals

        signals.connect()
        register_uses(_courses_using)
        register_required(_required_of)
