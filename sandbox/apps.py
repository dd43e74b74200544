from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _scenario_items(keys: list[str]) -> dict:
    """The practices among ``keys``, by slug, with their titles and pages (core.catalogue)."""
    from django.urls import reverse

    from core.catalogue import ItemLink
    from sandbox.scenarios.catalogue import SCENARIOS

    return {
        key: ItemLink(
            kind="scenario",
            key=key,
            title=SCENARIOS[key].title,
            url=reverse("sandbox:scenario", kwargs={"slug": key}),
        )
        for key in keys
        if key in SCENARIOS
    }


def _scenario_choices() -> list[tuple[str, str]]:
    """The practices an author may pick from (core.catalogue): ``(slug, "Bài 5: title")``, by task
    number as the sandbox lists them, the unnumbered ones after."""
    from django.utils.translation import gettext

    from sandbox.scenarios.engine import scenarios_in_order

    return [
        (
            scenario.slug,
            gettext("Bài %(number)s: %(title)s") % {"number": scenario.task, "title": scenario.title}
            if scenario.task
            else scenario.title,
        )
        for scenario in scenarios_in_order()
    ]


class SandboxConfig(AppConfig):
    name = "sandbox"
    verbose_name = _("Môi trường thực hành")

    def ready(self):
        from core.catalogue import register_choices, register_items
        from sandbox.scenarios.engine import run_event_logged
        from sandbox.services import run_event_watch

        # The scenario engine checks every event logged while a run is active.
        run_event_watch(run_event_logged)
        # How other apps name a practice (core.catalogue).
        register_items("scenario", _scenario_items)
        register_choices("scenario", _scenario_choices)
