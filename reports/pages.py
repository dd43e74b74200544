""" "Tiến độ của tôi" kept for each user: rendered once and served again until something it shows
changes (``core.kept_pages``).

The page shows the user's assigned courses (their ledger rows and the courses' titles), their last
notifications, and links that depend on their role and commune. Its key is made of the versions of
all of these, read in one round trip: the official's progress version (new after any write of their
ledger rows), their notifications version (new after any write of their notifications), the tree
version (new after any publish), today's date (what is overdue), the language, the role's menus and
the user's commune role. A change makes a new key, so nothing kept has to be dropped. Never kept
inside a transaction (what is read there may be rolled back), nor with a message waiting.
"""

from django.core.cache import cache
from django.db import connection

from core.kept_pages import kept_response, own_page_key, shareable
from core.page_tree import TREE_KEY, tree_version
from progress.ledger_cache import progress_version, version_key
from reports.models import NOTIFICATION_VERSIONS

# Bump when what is kept changes shape: entries of the old shape are then never read.
SHAPE = 1


def _versions(user) -> dict:
    """The cache keys of the versions the page depends on, each with what makes it anew."""
    versions = {
        NOTIFICATION_VERSIONS.key(user.pk): lambda: NOTIFICATION_VERSIONS.current(user.pk),
        TREE_KEY: tree_version,
    }
    if user.is_official:
        versions[version_key(user.pk)] = lambda: progress_version(user.pk)
    return versions


def my_progress_response(*, request, render):
    """ "Tiến độ của tôi" for ``request``: the user's kept page, with their name and token filled
    in, or ``render()``, rendered and kept for their next visit."""
    user = request.user
    if connection.in_atomic_block or not shareable(request):
        return render()
    versions = _versions(user)
    found = cache.get_many(list(versions))
    # A version the cache lost is made anew before the page is read: a write that commits after
    # that read gives a newer one, so what is kept under this one is never served after the write.
    current = tuple(found.get(key) or make() for key, make in versions.items())
    key = own_page_key(
        request, name=f"reports:my-progress:{SHAPE}", versions=(*current, user.job_role, user.commune_id)
    )
    return kept_response(request=request, key=key, render=render, shared=False)
