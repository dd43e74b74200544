from django.urls import path

from live_sessions import views

app_name = "live_sessions"

urlpatterns = [
    path("", views.session_list, name="list"),
    path("new/", views.session_create, name="create"),
    path("<int:pk>/", views.session_detail, name="detail"),
    path("<int:pk>/edit/", views.session_edit, name="edit"),
    path("<int:pk>/open/", views.session_transition, {"transition": "open"}, name="open"),
    path("<int:pk>/card/", views.card_push, name="card_push"),
    path("<int:pk>/end/", views.session_transition, {"transition": "end"}, name="end"),
]
