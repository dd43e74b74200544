"""The version of the published page tree, in the cache: a new one whenever the tree changes.

Everything cached from the tree (``portal.page_cache``'s routes and pages, ``courses.structure``'s
course shapes) carries the version it was made under, so nothing made before a change is served after
it. ``portal.page_cache`` connects :func:`tree_changed` to Wagtail's page and site signals.
"""

import uuid

from django.core.cache import cache
from django.db import transaction

TREE_KEY = "pages:tree-version"


def tree_version(request=None) -> str:
    """The current version of the published tree (a new one is made if the cache lost it); read once
    per request when ``request`` is given."""
    version = getattr(request, "_pages_tree_version", None)
    if version is None:
        version = cache.get(TREE_KEY)
        if version is None:
            cache.add(TREE_KEY, uuid.uuid4().hex, None)
            version = cache.get(TREE_KEY)
        if request is not None:
            request._pages_tree_version = version
    return version


def tree_changed(**kwargs) -> None:
    """The published tree changed (a signal receiver): every cached route and page is stale once the
    change commits."""
    transaction.on_commit(lambda: cache.set(TREE_KEY, uuid.uuid4().hex, None))
