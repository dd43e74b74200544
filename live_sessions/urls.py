from django.urls import path

from portal.views import section_placeholder

app_name = "live_sessions"

urlpatterns = [
    path("", section_placeholder, {"title": "list"}, name="list"),
]
