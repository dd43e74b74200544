"""Pages rendered once and served again without rendering: lesson pages to every signed-in user who
would see the same page, and each official's "Khóa học của tôi" to them (``my_courses_response``).

A lesson page differs from one official to the next in few ways: their name in the header, their CSRF
token, the menus of their role, and what they have done of the lesson (done or not, which of its
practise and check blocks are done). Everything else (the lesson's published revision, its course's
shape and neighbours, the language) is the same for all. So the page is kept whole, under a key made
of those things (``page_key``), with holes for the name and the token (``core.page_holes``), and
served to the next official in the same state without rendering it (``core.kept_pages``): rendering
was two thirds of a lesson request's work (docs/benchmarks.md, issue 18). Each process also keeps the
lesson pages it served in its own memory (``core.local_store``): a page served again asks the shared
cache nothing.

Nothing has to be dropped when something changes: the key is made afresh on every request from what
the request has just read (the page's live revision, checked by one query; the tree version, new
after any publish; the official's progress, new after any ledger write; the user's own row), so a
changed page simply has a new key and the old entry is never read again. Never kept: a preview, a
request with a query string, a request with a message waiting (it is rendered, showing the message),
and the course's last lesson while the course still needs quizzes or practices (their titles are
not part of the key).
"""

from django.core.cache import cache
from django.db import connection
from django.utils.translation import get_language

from core.kept_pages import digest, kept_response, menus, own_page_key, shareable
from core.page_tree import TREE_KEY, tree_version
from courses.progress import official_progress, progress_keys

# Bump when what is kept changes shape: entries of the old shape are then never read.
SHAPE = 3


def page_key(*, request, lesson, view) -> str:
    """The cache key of the lesson's page in the state ``view`` (what the official has done of it),
    as the request's user's role sees it, in the request's language."""
    page = (
        request.get_host(),
        request.path,
        get_language(),
        lesson.pk,
        lesson.live_revision_id,
        tree_version(request),
        menus(request.user),
        (view.done, view.body_done, view.can_record),
    )
    return f"courses:lesson-page:{SHAPE}:{digest(page)}"


def lesson_response(*, request, lesson, view, render):
    """The lesson page for ``request``: the kept page of its state, with this user's name and token
    filled in, or ``render()`` (a ``TemplateResponse``), rendered and kept for the next one."""
    if view.remaining or not shareable(request):
        return render()
    return kept_response(
        request=request, key=page_key(request=request, lesson=lesson, view=view), render=render
    )


def my_courses_response(*, request, render):
    """ "Khóa học của tôi" for ``request``: ``render(progress)`` makes the page from the official's
    progress. An official's page is kept under the version of their progress, the tree version, the
    day (what is overdue), the language and their role's menus: their own page, served again until
    one of those changes. Never kept inside a transaction (the progress read there may be rolled
    back), nor with a message waiting."""
    user = request.user
    if not user.is_official or connection.in_atomic_block or not shareable(request):
        return render(None)
    keys = [*progress_keys(user.pk), TREE_KEY]
    found = cache.get_many(keys)
    version, tree = found.get(keys[0]), found.get(TREE_KEY)
    if not version or not tree:  # made anew by the reads below: keep nothing this time
        return render(official_progress(official_id=user.pk, found=found))
    request._pages_tree_version = tree
    return kept_response(
        request=request,
        key=own_page_key(request, name=f"courses:my-courses:{SHAPE}", versions=(version, tree)),
        render=lambda: render(official_progress(official_id=user.pk, found=found)),
        shared=False,
    )
