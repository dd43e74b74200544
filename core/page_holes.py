"""Pages rendered once and served to many visitors: holes where each visitor's own parts go.

A page kept for more than one visitor must carry neither one visitor's CSRF token (in every form) nor
their name (in the header, ``<span class="who">``). :func:`cut` replaces them with holes before the
page is kept; :func:`fill` puts the current visitor's own in when it is served. Used by
``portal.page_cache`` (anonymous pages) and ``core.kept_pages`` (the signed-in pages kept whole).
"""

import re

from django.middleware.csrf import get_token
from django.utils.html import escape

# The CSRF field as Django's {% csrf_token %} renders it, and the hole it leaves in a kept page.
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')
CSRF_HOLE = 'name="csrfmiddlewaretoken" value="\x00csrf-token\x00"'
# The signed-in person's name as the header shows it (templates/includes/header.html).
NAME_OPEN, NAME_CLOSE = '<span class="who">', "</span>"
NAME_HOLE = f"{NAME_OPEN}\x00name\x00{NAME_CLOSE}"


def _shown(name: str) -> str:
    return f"{NAME_OPEN}{escape(name)}{NAME_CLOSE}"


def cut(content: str, *, name: str | None = None) -> str | None:
    """``content`` with holes for the CSRF token and, when ``name`` is given, for the header's name.
    None when the name is not shown exactly once where the header shows it: such a page is not to be
    kept for others."""
    content = CSRF_FIELD.sub(CSRF_HOLE, content)
    if name is not None:
        shown = _shown(name)
        if content.count(shown) != 1 or NAME_HOLE in content:
            return None
        content = content.replace(shown, NAME_HOLE)
    return content


def fill(content: str, request, *, name: str | None = None) -> str:
    """The kept page with this visitor's own CSRF token in its forms and, when ``name`` is given, their
    name in the header."""
    if CSRF_HOLE in content:
        content = content.replace(CSRF_HOLE, f'name="csrfmiddlewaretoken" value="{get_token(request)}"')
    if name is not None:
        content = content.replace(NAME_HOLE, _shown(name))
    return content
