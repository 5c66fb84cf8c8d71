"""Versions of dependencies: what a cached page saw, and what a change makes stale."""

import hashlib
import logging
import secrets
import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.dispatch import Signal

from wagtail.contrib.frontend_cache.utils import PurgeBatch

from .metrics import INVALIDATIONS, PURGED_URLS

KEY_PREFIX = "page-cache"

logger = logging.getLogger(__name__)

# Sent with the names of an invalidation in the transaction of the change: what is
# derived from them and kept in the database (stored article bodies) goes with the change,
# and stays if it is rolled back.
dependencies_changed = Signal()


def version_key(name):
    return f"{KEY_PREFIX}:version:{name}"


def new_version():
    """A random version: an integer, which Django's Redis cache stores as it is instead of
    pickled, so a hit checks its twenty-odd versions without unpickling any."""
    return secrets.randbits(63)


def current_versions(names):
    """Versions of ``names``, creating any that are missing.

    A missing version is never recorded as "none": if it were, and the version key were
    later evicted after an invalidation, the stale page would look current again.
    """
    keys = {version_key(name): name for name in names}
    found = cache.get_many(keys)
    missing = {key: new_version() for key in keys if key not in found}
    if hasattr(cache, "get_or_add_many"):
        # Redis (``pagecache.redis``): all of them in one round trip.
        found.update(cache.get_or_add_many(missing))
    elif missing:
        for key, value in missing.items():
            cache.add(key, value, timeout=None)
        found.update(cache.get_many(list(missing)))
    return {keys[key]: value for key, value in found.items()}


def invalidate(*names):
    """Make every cached page that depended on one of ``names`` stale, once committed.

    Before the commit a reader would still be served the old content and could store it
    under the new version; after a rollback nothing changed.
    """
    names = set(names)
    if names:
        dependencies_changed.send(sender=None, names=names)
        transaction.on_commit(lambda: invalidate_now(names))


def invalidate_now(names):
    # The URLs indexed under the versions that are about to go, read before they go.
    urls = drop_index(names) if purges_frontend_cache() else set()
    cache.set_many({version_key(name): new_version() for name in names}, timeout=None)
    INVALIDATIONS.inc(len(names))
    logger.info("page cache: invalidated %s", ", ".join(sorted(names)))
    if purges_frontend_cache():
        # Through the task queue: the worker sends the PURGE requests, and tries again
        # later when the proxy does not answer (purging.PurgingHTTPBackend).
        PurgeBatch(urls).purge()
        PURGED_URLS.inc(len(urls))
        logger.info("page cache: queued %d URLs for purging from the frontend cache", len(urls))


def purges_frontend_cache():
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


# The index of URLs to purge, kept per dependency, per version of it and per period of
# PAGE_CACHE_SECONDS: a page stored in one period has left the proxy by the end of the
# next (its s-maxage is at most that long), so only the current period and the one before
# are read, and an index expires two periods after it began. An invalidation drops the
# index of the versions it replaces. So the index holds at most the URLs stored in the
# last two periods, however often the same pages are rendered and invalidated.


def index_keys(names):
    """``{name: [its index's counter for the previous period, for this one]}``."""
    period = int(time.time() // settings.PAGE_CACHE_SECONDS)
    return {
        name: [f"{KEY_PREFIX}:urls:{name}:{version}:{p}" for p in (period - 1, period)]
        for name, version in current_versions(names).items()
    }


def marker_key(counter, url):
    return f"{counter}:seen:{hashlib.sha256(url.encode()).hexdigest()}"


def index_url(url, names):
    """Remember that the page at ``url`` showed ``names``, for purging the proxy.

    The cache API has no atomic set, but ``add`` and ``incr`` are atomic: ``add`` of a
    marker admits each (name, URL) pair once a period, and ``incr`` gives it its own slot,
    so concurrent renders never overwrite each other's URLs.
    """
    lifetime = 2 * settings.PAGE_CACHE_SECONDS
    counters = [keys[-1] for keys in index_keys(names).values()]
    markers = {marker_key(counter, url): counter for counter in counters}
    seen = cache.get_many(markers)
    for marker, counter in markers.items():
        if marker in seen or not cache.add(marker, True, timeout=lifetime):
            continue
        cache.add(counter, 0, timeout=lifetime)
        cache.set(f"{counter}:{cache.incr(counter)}", url, timeout=lifetime)


def index_entries(names):
    """The counters of ``names``' current index, and their slots: ``{slot key: URL}``."""
    if not settings.PAGE_CACHE_SECONDS:
        return {}, {}
    counters = [key for keys in index_keys(names).values() for key in keys]
    counts = cache.get_many(counters)
    slots = [
        f"{counter}:{slot}" for counter, count in counts.items() for slot in range(1, count + 1)
    ]
    return counts, cache.get_many(slots)


def indexed_urls(names):
    return set(index_entries(names)[1].values())


def drop_index(names):
    """The URLs indexed under ``names``' current versions, forgetting them."""
    counts, slots = index_entries(names)
    markers = [marker_key(slot.rsplit(":", 1)[0], url) for slot, url in slots.items()]
    cache.delete_many([*counts, *slots, *markers])
    return set(slots.values())
