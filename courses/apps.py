from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Khóa học")

    def ready(self):
        from courses import pages, signals
        from courses.models import LearnerOnlyPage
        from courses.services import official_courses_evaluate
        from progress import registry

        signals.connect()
        # Course completion follows the ledger: re-evaluated when an item of an official is completed.
        registry.on_item_completed(official_courses_evaluate)
        # What serving a course or lesson page reads and writes (the models import neither).
        LearnerOnlyPage.serving = pages
