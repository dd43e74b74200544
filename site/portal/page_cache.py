"""Wagtail's page routing and anonymous pages, cached, and invalidated whenever the published tree
changes.

Wagtail finds the page for a URL by walking the tree from the site's root, one level at a time: two
queries a level, eight for a lesson four levels down, on every request. The routes of published
pages only change when a page is published, unpublished, moved or deleted, or a site is changed;
each of those bumps one *tree version* in the cache (after the change commits), and every cached
route and page carries the version it was made under, so nothing made before a change is served
after it. The version and a route are read in one round trip, with the keys of the user's own that
the apps' pages will read (``core.request_reads``).

What is cached:

- the route: ``(host, path)`` to the page's model, id and row, with the view restrictions (privacy)
  of the page and its ancestors. A hit takes the page from the entry (one plain query checks it is
  still live at the same revision) and hands it to Wagtail's own
  ``serve`` view, so the ``on_serve_page``/``before_serve_page`` hooks (view restrictions, allowed
  methods) and the page's ``serve`` run exactly as without the cache. Only plain routes of live
  pages are kept (no route arguments), for GET and HEAD. A change to privacy settings also makes a
  new tree version.
- the whole response of a page served to an anonymous visitor, per language, when it sets no cookie
  (the home page), with a hole where the CSRF token of its forms was, filled in for each visitor;
  never for a visitor with a message waiting, nor for a page with view restrictions (privacy).
  Pages for signed-in users carry names and progress and are never stored whole here (lesson pages
  are kept by ``courses.page_store``, per state of the page, with a hole for the name).
"""

from django.apps import apps
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language
from wagtail.models import Page
from wagtail.views import serve as wagtail_serve

from core import page_holes, request_reads
from core.page_tree import TREE_KEY, tree_changed, tree_version

ROUTE_SECONDS = 24 * 3600
LIVE_REVISION_SQL = f'SELECT "live", "live_revision_id" FROM "{Page._meta.db_table}" WHERE "id" = %s'
ANONYMOUS_SECONDS = 600


def _route_key(request, path: str) -> str:
    return f"pages:route:{request.get_host()}:{path}"


def _anonymous_key(request, path: str) -> str:
    return f"pages:anon:{request.get_host()}:{get_language()}:{path}"


def _route_valid(entry, version: str) -> bool:
    return isinstance(entry, tuple) and len(entry) == 5 and entry[0] == version


def _route_from_cache(request, path: str, version: str, entry) -> list | None:
    """Give Wagtail the cached route of ``path`` and return its view restrictions; None when there is
    no cached route that still holds."""
    if not _route_valid(entry, version):
        return None
    _version, label, page_id, restrictions, page = entry
    try:
        model = apps.get_model(label)
    except LookupError:
        return None
    # The page's row as it was when the route was cached, unpickled afresh for this request: loading
    # it through the ORM cost about 1.5 ms of CPU (3,300 Python calls, most of them compiling the
    # SQL) on every signed-in request. One plain query checks it still holds: the page is live and
    # its published revision is the one kept, even after a change made outside Wagtail's signals.
    if not isinstance(page, model) or page.pk != page_id:
        return None
    with connection.cursor() as cursor:
        cursor.execute(LIVE_REVISION_SQL, [page_id])
        now = cursor.fetchone()
    if now is None or not now[0] or now[1] != page.live_revision_id:
        return None
    # The view restrictions of the page and its ancestors (Wagtail's check before serving), read
    # with the route: they change only with a new tree version (see ``connect``).
    page.get_view_restrictions = lambda: restrictions
    request._wagtail_route_for_request = (page, [], {})
    return restrictions


def _route_remember(request, path: str, version: str) -> list | None:
    """Find and cache the route of ``path``; return its view restrictions (None: not cacheable)."""
    route = Page.route_for_request(request, path)
    if route is None:
        return None
    page, args, kwargs = route
    if args or kwargs or not page.live:
        return None
    restrictions = list(page.get_view_restrictions())
    # A fresh copy of the row to keep: routing leaves attributes of its own on ``page``.
    row = type(page).objects.filter(pk=page.pk, live=True).first()
    if row is None:
        return None
    entry = (version, page._meta.label, page.pk, restrictions, row)
    cache.set(_route_key(request, path), entry, ROUTE_SECONDS)
    return restrictions


def serve(request, path):
    """Wagtail's ``serve`` view, with its routing (and anonymous pages) cached."""
    if request.method not in ("GET", "HEAD"):
        return wagtail_serve(request, path)
    anonymous = not request.user.is_authenticated
    keys = [TREE_KEY, _route_key(request, path)]
    if anonymous:
        keys.append(_anonymous_key(request, path))
    else:  # what the apps' pages will read of the user's own, in the same round trip
        keys += request_reads.keys_for(request)
    found = cache.get_many(keys)
    request_reads.remember(request, keys, found)
    version = found.get(TREE_KEY) or tree_version()
    request._pages_tree_version = version
    # A visitor with a message waiting (signed out, say) gets the page rendered with the message.
    anonymous = anonymous and not len(get_messages(request))
    route = found.get(keys[1])
    # Never a whole stored page for a page with view restrictions: one visitor's answer (the page,
    # after their password) is not another's (the password form).
    if anonymous and _route_valid(route, version) and not route[3]:
        stored = found.get(keys[2])
        if isinstance(stored, tuple) and len(stored) == 3 and stored[0] == version:
            response = HttpResponse(page_holes.fill(stored[1], request), content_type=stored[2])
            patch_vary_headers(response, ["Cookie"])
            return response
    restrictions = _route_from_cache(request, path, version, route)
    if restrictions is None:
        restrictions = _route_remember(request, path, version)
    response = wagtail_serve(request, path)
    if anonymous and restrictions == []:
        _anonymous_remember(request, path, version, response)
    return response


def _anonymous_remember(request, path: str, version: str, response) -> None:
    """Keep an anonymous page that is the same for every visitor of its language, but for the CSRF
    token of its forms, which is cut out and filled in for each visitor."""
    if (
        response.status_code != 200
        or getattr(response, "streaming", False)
        or response.cookies
        or getattr(request, "is_preview", False)
        or request.GET
        or not response.get("Content-Type", "").startswith("text/html")
    ):
        return
    if hasattr(response, "render") and not response.is_rendered:
        response.render()
    content = page_holes.cut(response.content.decode(response.charset))
    cache.set(_anonymous_key(request, path), (version, content, response["Content-Type"]), ANONYMOUS_SECONDS)


def connect() -> None:
    """Bump the tree version on every change to the published tree."""
    from django.db.models.signals import post_delete, post_save
    from wagtail.models import PageViewRestriction, Site
    from wagtail.signals import page_published, page_unpublished, post_page_move

    page_published.connect(tree_changed, dispatch_uid="pages-tree-published")
    page_unpublished.connect(tree_changed, dispatch_uid="pages-tree-unpublished")
    post_page_move.connect(tree_changed, dispatch_uid="pages-tree-moved")
    post_delete.connect(_page_deleted, dispatch_uid="pages-tree-deleted")
    post_save.connect(_site_saved, sender=Site, dispatch_uid="pages-tree-site-saved")
    post_delete.connect(_site_saved, sender=Site, dispatch_uid="pages-tree-site-deleted")
    # Privacy settings are read with the route.
    post_save.connect(_site_saved, sender=PageViewRestriction, dispatch_uid="pages-tree-privacy-saved")
    post_delete.connect(_site_saved, sender=PageViewRestriction, dispatch_uid="pages-tree-privacy-deleted")


def _page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        tree_changed()


def _site_saved(sender, instance, **kwargs):
    """A site, or a page's privacy, changed."""
    tree_changed()
