"""Pages rendered once and served again without rendering, with holes for what differs from one
request to the next (the user's name, the CSRF token: ``core.page_holes``).

A page is kept under a key that names one page for ever: the key is made from the versions of
everything the page shows (a published revision, the tree version, a user's progress version, the
language, the day...), so a change makes a new key and nothing kept has to be dropped. An entry is
kept in the shared cache and, when it is served to many users (a lesson page), in the memory of each
process that served it (``core.local_store``).
Used by ``courses.page_store`` (lesson pages, "Khóa học của tôi") and ``reports.pages`` ("Tiến độ
của tôi").
"""

import hashlib

from django.contrib.messages import get_messages
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import get_language

from core import local_store, page_holes

CACHE_SECONDS = 3600


def digest(parts) -> str:
    """A short hash of ``parts`` (a tuple of plain values), for a key."""
    return hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()


def menus(user) -> tuple:
    """What the header's menus depend on."""
    return (user.is_official, user.is_trainer, user.is_department_head, user.is_administrator, user.is_staff)


def own_page_key(request, *, name: str, versions: tuple) -> str:
    """The key of a page of the request's user's own, ``name`` (with its shape): made of its address,
    the language, the user, today's date (what is overdue), the role's menus and ``versions`` (the
    versions of what the page shows, and anything else of the user's it depends on)."""
    user = request.user
    page = (
        request.get_host(),
        request.path,
        get_language(),
        user.pk,
        timezone.localdate().isoformat(),
        menus(user),
        versions,
    )
    return f"{name}:{digest(page)}"


def shareable(request) -> bool:
    """May this request be answered with a kept page? Never a preview, a request with a query
    string, nor one with a message waiting (it is rendered, showing the message)."""
    return not (getattr(request, "is_preview", False) or request.GET or len(get_messages(request)))


def kept_response(*, request, key: str, render, shared: bool = True):
    """The page kept under ``key`` (a key that never changes meaning) with this user's name and token
    filled in, from the shared cache, and from this process's memory when the page is ``shared``
    (served to many users: a lesson page); else ``render()``, rendered and kept. A page of one user's
    own is not kept in the process: at the peak the same process rarely serves it again, and it would
    push the shared pages out of the process's small store. Only a complete HTML page with status 200
    is kept."""
    name = request.user.get_full_name()
    kept = local_store.get(key) if shared else None
    if kept is None:
        kept = cache.get(key)
        if isinstance(kept, tuple) and len(kept) == 2:
            if shared:
                local_store.put(key, kept)
        else:
            kept = None
    if kept is not None:
        content, content_type = kept
        return HttpResponse(page_holes.fill(content, request, name=name), content_type=content_type)
    response = render()
    if hasattr(response, "render") and not response.is_rendered:
        response.render()
    if (
        response.status_code == 200
        and not getattr(response, "streaming", False)
        and response.get("Content-Type", "").startswith("text/html")
    ):
        content = page_holes.cut(response.content.decode(response.charset), name=name)
        if content is not None:
            kept = (content, response["Content-Type"])
            cache.set(key, kept, CACHE_SECONDS)
            if shared:
                local_store.put(key, kept)
    return response
