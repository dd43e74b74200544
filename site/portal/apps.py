from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Trang chủ")

    def ready(self):
        from portal import checks, page_cache  # noqa: F401 - checks registers the system checks

        page_cache.connect()
