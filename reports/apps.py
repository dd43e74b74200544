from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Báo cáo tiến độ")

    def ready(self):
        from progress import registry
        from reports.summaries import course_entries_changed_queue

        # The dashboards' summaries follow the ledger's course rows.
        registry.on_course_rows_changed(course_entries_changed_queue)
