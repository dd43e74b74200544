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


def _scenario_outline() -> list:
    """The shipped practices by area, numbered by their task (DOMAIN.md §5), with their steps
    (core.catalogue)."""
    from django.urls import reverse

    from core.catalogue import PickItem
    from sandbox.scenarios.catalogue import AREAS, SCENARIOS

    areas = list(AREAS)
    ordered = sorted(SCENARIOS.values(), key=lambda item: (areas.index(item.area), item.task or 1000))
    return [
        PickItem(
            key=scenario.slug,
            title=f"{scenario.task}. {scenario.title}" if scenario.task else scenario.title,
            url=reverse("sandbox:scenario", kwargs={"slug": scenario.slug}),
            group=AREAS.get(scenario.area, ""),
            steps=tuple((str(number), step.title) for number, step in enumerate(scenario.steps, start=1)),
        )
        for scenario in ordered
    ]


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
        from core.catalogue import register_choices, register_items, register_outline
        from sandbox.scenarios.engine import run_event_logged
        from sandbox.services import run_event_watch

        # The scenario engine checks every event logged while a run is active.
        run_event_watch(run_event_logged)
        # How other apps name a practice (core.catalogue).
        register_items("scenario", _scenario_items)
        register_outline("scenario", _scenario_outline)
        register_choices("scenario", _scenario_choices)
