from django.urls import path

from quizzes import views

app_name = "quizzes"

urlpatterns = [
    path("analysis/", views.analysis_index, name="analysis_index"),
    path("<slug:slug>/", views.start, name="start"),
]
