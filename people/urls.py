from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from people import views
from people.forms import EmailResetForm

app_name = "people"

urlpatterns = [
    path("import/", views.import_page, name="import"),
    path("import/example.csv", views.import_example, name="import_example"),
    path("import/<int:pk>/", views.import_job, name="import_job"),
    path("import/<int:pk>/status/", views.import_job_status, name="import_job_status"),
    path("import/<int:pk>/errors.csv", views.import_job_report, name="import_job_report"),
    path("import/<int:pk>/slips/", views.import_job_slips, name="import_job_slips"),
    path("import/<int:pk>/slips/clear/", views.import_job_slips_clear, name="import_job_slips_clear"),
    path("officials/", views.official_list, name="official_list"),
    path("officials/<int:pk>/", views.official_edit, name="official_edit"),
    path("communes/", views.commune_list, name="commune_list"),
    path("communes/codes.csv", views.commune_codes, name="commune_codes"),
    path("communes/<str:code>/", views.commune_detail, name="commune_detail"),
    path("login/", views.SignInView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "password/done/",
        auth_views.PasswordChangeDoneView.as_view(template_name="people/password_change_done.html"),
        name="password_change_done",
    ),
    path(
        "password/reset/",
        auth_views.PasswordResetView.as_view(
            template_name="people/password_reset.html",
            form_class=EmailResetForm,
            email_template_name="people/email/password_reset.txt",
            subject_template_name="people/email/password_reset_subject.txt",
            success_url=reverse_lazy("people:password_reset_done"),
        ),
        name="password_reset",
    ),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="people/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(template_name="people/password_reset_complete.html"),
        name="password_reset_complete",
    ),
]
