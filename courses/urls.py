from django.urls import path

from courses import views

app_name = "courses"

urlpatterns = [
    path("", views.my_courses, name="my_courses"),
    path("search/", views.search, name="search"),
    path("courses/<int:course_id>/print/", views.course_print, name="print"),
    path("lessons/<int:lesson_id>/done/", views.lesson_complete, name="lesson_complete"),
]
