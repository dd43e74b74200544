from django.urls import path

from sandbox import views

app_name = "sandbox"

urlpatterns = [
    path("", views.home, name="home"),
    path("scenarios/<slug:slug>/", views.scenario, name="scenario"),
]
