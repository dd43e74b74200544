from django.urls import path

from portal.views import section_placeholder

app_name = "courses"

urlpatterns = [
    path("", section_placeholder, {"title": "my_courses"}, name="my_courses"),
]
