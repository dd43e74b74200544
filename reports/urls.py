from django.urls import path

from portal.views import section_placeholder

app_name = "reports"

urlpatterns = [
    path("", section_placeholder, {"title": "dashboard"}, name="dashboard"),
    path("me/", section_placeholder, {"title": "my_progress"}, name="my_progress"),
]
