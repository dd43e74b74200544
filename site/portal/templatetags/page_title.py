"""One pattern for every page's title: "‹page› · Hỗ trợ chuyển đổi số cấp xã", started by "Lỗi:" while
the page shows errors (a bound form that failed, or a view's ``page_has_errors``), so the first thing a
screen reader says after a failed submission is that it failed."""

from django import template
from django.forms import BaseForm
from django.utils.translation import gettext as _

register = template.Library()


def _has_errors(context) -> bool:
    if context.get("page_has_errors"):
        return True
    for layer in context.dicts:
        for value in layer.values():
            if isinstance(value, BaseForm) and value.is_bound and value.errors:
                return True
    return False


class PageTitleNode(template.Node):
    child_nodelists = ("nodelist",)

    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        site = _("Hỗ trợ chuyển đổi số cấp xã")
        separator = " · "
        page = " ".join(self.nodelist.render(context).split())
        if page.endswith(separator + site):
            page = page[: -len(separator + site)]
        title = site if not page or page == site else f"{page}{separator}{site}"
        if _has_errors(context):
            title = _("Lỗi: %(title)s") % {"title": title}
        return title


@register.tag
def page_title(parser, token):
    """``{% page_title %}‹page›{% endpage_title %}``: the page's title in the site's pattern."""
    nodelist = parser.parse(("endpage_title",))
    parser.delete_first_token()
    return PageTitleNode(nodelist)
