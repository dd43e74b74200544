from django.urls import path
from wagtail import hooks

from courses import views
from courses.choosers import commune_chooser_viewset


@hooks.register("register_admin_urls")
def register_screenshot_preview():
    return [
        path(
            "courses/screenshots/<int:image_id>/",
            views.screenshot_preview,
            name="courses_screenshot_preview",
        )
    ]


@hooks.register("register_admin_viewset")
def register_commune_chooser():
    return commune_chooser_viewset
