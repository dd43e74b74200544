from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LiveSessionsConfig(AppConfig):
    name = "live_sessions"
    verbose_name = _("Buổi hỗ trợ trực tuyến")
