from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _quiz_items(keys: list[str]) -> dict:
    """The quizzes among ``keys``, by slug, with their titles and start pages (core.catalogue)."""
    from django.urls import reverse

    from core.catalogue import ItemLink
    from quizzes.models import Quiz

    return {
        slug: ItemLink(
            kind="quiz", key=slug, title=title, url=reverse("quizzes:start", kwargs={"slug": slug})
        )
        for slug, title in Quiz.objects.filter(slug__in=keys).values_list("slug", "title")
    }


class QuizzesConfig(AppConfig):
    name = "quizzes"
    verbose_name = _("Bài kiểm tra")

    def ready(self):
        from core.catalogue import register_items

        register_items("quiz", _quiz_items)
