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


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Khóa học")

    def ready(self):
        from core.catalogue import register_uses
        from courses import signals

        signals.connect()
        register_uses(_courses_using)
