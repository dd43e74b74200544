from django.urls import path

from portal.views import section_placeholder

app_name = "sandbox"

urlpatterns = [
    path("", section_placeholder, {"title": "home"}, name="home"),
]
