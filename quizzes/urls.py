from django.urls import path

from portal.views import section_placeholder

app_name = "quizzes"

urlpatterns = [
    path("analysis/", section_placeholder, {"title": "analysis_index"}, name="analysis_index"),
]
