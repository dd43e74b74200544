"""The site's home page, the root of the Wagtail page tree that courses live under."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class HomePage(Page):
    """The landing page: what the platform is, and where each kind of user starts."""

    intro = RichTextField(_("giới thiệu"), blank=True, features=["bold", "italic", "link", "ol", "ul"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    max_count = 1

    class Meta:
        verbose_name = _("trang chủ")
