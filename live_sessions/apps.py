from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LiveSessionsConfig(AppConfig):
    name = "live_sessions"
    verbose_name = _("Buổi hỗ trợ trực tuyến")

    def ready(self):
        from live_sessions.board import board_activity_push
        from live_sessions.selectors import participant_ids_of_trainer
        from people import permissions
        from progress import registry

        registry.on_activity(board_activity_push)
        permissions.trainer_officials_source_set(participant_ids_of_trainer)
