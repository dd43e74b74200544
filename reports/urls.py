from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("provinces/<int:province_id>/", views.province_dashboard, name="province"),
    path("communes/<int:commune_id>/", views.commune_dashboard, name="commune"),
    path("officials/<int:official_id>/", views.official_detail, name="official"),
    path(
        "officials/<int:official_id>/certificates/<int:course_id>/",
        views.certificate_download,
        name="certificate_download",
    ),
    path("me/", views.my_progress, name="my_progress"),
    path("me/notifications/read/", views.notifications_read, name="notifications_read"),
    path("exports/", views.export_create, name="export_create"),
    path("exports/<uuid:job_id>/", views.export_detail, name="export_detail"),
    path("exports/<uuid:job_id>/status/", views.export_status, name="export_status"),
    path("exports/<uuid:job_id>/download/", views.export_download, name="export_download"),
    path("reminders/", views.reminders, name="reminders"),
    path("reminders/send/", views.reminders_send, name="reminders_send"),
    path("verify/<str:code>/", views.certificate_verify, name="certificate_verify"),
]
