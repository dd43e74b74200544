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


class SandboxConfig(AppConfig):
    name = "sandbox"
    verbose_name = _("Môi trường thực hành")

    def ready(self):
        from core.catalogue import register_items

        register_items("scenario", _scenario_items)
