from django.urls import path

from quizzes import views

app_name = "quizzes"

urlpatterns = [
    path("analysis/", views.analysis_index, name="analysis_index"),
    path("analysis/<slug:slug>/", views.analysis_detail, name="analysis_detail"),
    path("questions/<int:pk>/regrade/", views.question_regrade, name="question_regrade"),
    path("attempts/<int:pk>/", views.result, name="result"),
    path("attempts/<int:pk>/review/", views.review, name="review"),
    path("attempts/<int:pk>/submit/", views.submit, name="submit"),
    path("attempts/<int:pk>/<int:position>/", views.question, name="question"),
    path("<slug:slug>/", views.start, name="start"),
]
