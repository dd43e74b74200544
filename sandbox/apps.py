from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SandboxConfig(AppConfig):
    name = "sandbox"
    verbose_name = _("Môi trường thực hành")

    def ready(self):
        from sandbox.scenarios.engine import run_event_logged
        from sandbox.services import run_event_watch

        # The scenario engine checks every event logged while a run is active.
        run_event_watch(run_event_logged)
