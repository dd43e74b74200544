"""Lesson pages rendered once and served to every signed-in user who would see the same page.

A lesson page differs from one official to the next in few ways: their name in the header, their CSRF
token, the menus of their role, and what they have done of the lesson (done or not, which of its
practise and check blocks are done). Everything else (the lesson's published revision, its course's
shape and neighbours, the language) is the same for all. So the page is kept whole, under a key made
of the things that are the same for all (``page_key``) and, within it, the official's state, with
holes for the name and the token (``core.page_holes``), and served to the next official in the same
state without rendering it: rendering was two thirds of a lesson request's work (docs/benchmarks.md,
issue 18). Each process also keeps the states it served in its own memory (``core.local_store``),
so a page served again asks the shared cache nothing.

Nothing has to be dropped when something changes: the key is made afresh on every request from what
the request has just read (the page's live revision, checked by one query; the tree version, new
after any publish; the official's progress, new after any ledger write; the user's own row), so a
changed page simply has a new key and the old entry is never read again. Never kept: a preview, a
request with a query string, a request with a message waiting (it is rendered, showing the message),
and the course's last lesson while the course still needs quizzes or practices (their titles are
not part of the key).
"""

import hashlib

from django.contrib.messages import get_messages
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.translation import get_language

from core import local_store, page_holes
from core.page_tree import tree_version

# Bump when what is kept changes shape: entries of the old shape are then never read.
SHAPE = 2
CACHE_SECONDS = 3600
# At most this many states of one page are kept together (a lesson with many practise and check
# blocks has many combinations of them done); beyond it, the oldest are dropped.
MOST_STATES = 16


def page_key(*, request, lesson) -> str:
    """The cache key of the lesson's page as the request's user's role sees it, in the request's
    language: it holds the page in each state kept so far (``_state``)."""
    user = request.user
    page = (
        request.get_host(),
        request.path,
        get_language(),
        lesson.pk,
        lesson.live_revision_id,
        tree_version(request),
        # The header's menus.
        user.is_official,
        user.is_trainer,
        user.is_department_head,
        user.is_administrator,
        user.is_staff,
    )
    digest = hashlib.blake2b(repr(page).encode(), digest_size=16).hexdigest()
    return f"courses:lesson-page:{SHAPE}:{digest}"


def _state(view) -> tuple:
    """What the official has done of the lesson, as the page shows it."""
    return (view.done, view.body_done, view.can_record)


def _shareable(request, view) -> bool:
    return not (
        getattr(request, "is_preview", False) or request.GET or view.remaining or len(get_messages(request))
    )


def lesson_response(*, request, lesson, view, render):
    """The lesson page for ``request``: the kept page of its state, with this user's name and token
    filled in, or ``render()`` (a ``TemplateResponse``), rendered and kept for the next one."""
    if not _shareable(request, view):
        return render()
    key = page_key(request=request, lesson=lesson)
    state = _state(view)
    # Each state of the page under a key of its own in this process (``core.local_store``): the
    # page key carries the revision and the tree version, so the page in a state never changes.
    local_key = f"{key}:{hashlib.blake2b(repr(state).encode(), digest_size=8).hexdigest()}"
    name = request.user.get_full_name()
    kept = local_store.get(local_key)
    states = None
    if kept is None:
        states = cache.get(key)
        states = states if isinstance(states, dict) else {}
        kept = states.get(state)
        if isinstance(kept, tuple) and len(kept) == 2:
            local_store.put(local_key, kept)
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
            # Two workers adding a state at once may lose one of them: it is rendered again later.
            states = dict(list(states.items())[-(MOST_STATES - 1) :])
            states[state] = kept
            cache.set(key, states, CACHE_SECONDS)
            local_store.put(local_key, kept)
    return response
