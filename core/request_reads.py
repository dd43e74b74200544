"""The cache reads of serving a page, gathered into one round trip.

Each cache round trip costs a signed-in request about 0.15 ms of CPU here, more than the Python around
it (docs/benchmarks.md, issue 18). ``portal.page_cache`` reads the tree version and the page's route
in one round trip before any page is served; an app whose pages read keys of the user's own while
being served (courses: the official's progress, where the live board last saw them) registers a
function naming them for a request, and they are read in that same round trip. The app then takes
them with :func:`found` instead of asking the cache again.

Values read this way are as fresh as any read in the request: they are read once, at its start.
"""

from collections.abc import Callable, Iterable

_providers: list[Callable[..., Iterable[str]]] = []


def register(provider: Callable[..., Iterable[str]]) -> None:
    """``provider(request)`` names the keys its app will read while serving ``request``'s page."""
    if provider not in _providers:
        _providers.append(provider)


def keys_for(request) -> list[str]:
    """The keys the registered apps will read for ``request``."""
    keys: list[str] = []
    for provider in _providers:
        keys.extend(provider(request))
    return keys


def remember(request, keys: Iterable[str], found: dict) -> None:
    """What one ``cache.get_many(keys)`` of the request found (keys missing from ``found`` are not
    in the cache)."""
    request._core_request_reads = (frozenset(keys), found)


def found(request, keys: Iterable[str]) -> dict | None:
    """What the request's round trip found of ``keys`` (those absent are not in the cache), or None
    when it did not read all of them."""
    read = getattr(request, "_core_request_reads", None)
    if read is None:
        return None
    asked, values = read
    keys = list(keys)
    if not asked.issuperset(keys):
        return None
    return {key: values[key] for key in keys if key in values}
