"""Wagtail's publish signals, handed to the services (no logic here)."""

from wagtail.signals import page_published, page_unpublished

from courses import services
from courses.models import CoursePage, LessonPage


def _published(sender, instance, **kwargs):
    services.page_published(page=instance)


def _unpublished(sender, instance, **kwargs):
    services.page_unpublished(page=instance)


def connect() -> None:
    for model in (CoursePage, LessonPage):
        page_published.connect(_published, sender=model, dispatch_uid=f"courses-published-{model.__name__}")
        page_unpublished.connect(
            _unpublished, sender=model, dispatch_uid=f"courses-unpublished-{model.__name__}"
        )
