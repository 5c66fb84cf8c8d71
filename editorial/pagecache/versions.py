"""Versions of dependencies: what a cached page saw, and what a change makes stale."""

import hashlib
import logging
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from wagtail.contrib.frontend_cache.utils import PurgeBatch

KEY_PREFIX = "page-cache"

logger = logging.getLogger(__name__)


def version_key(name):
    return f"{KEY_PREFIX}:version:{name}"


def current_versions(names):
    """Versions of ``names``, creating any that are missing.

    A missing version is never recorded as "none": if it were, and the version key were
    later evicted after an invalidation, the stale page would look current again.
    """
    keys = {version_key(name): name for name in names}
    found = cache.get_many(keys)
    missing = {key: uuid.uuid4().hex for key in keys if key not in found}
    for key, value in missing.items():
        cache.add(key, value, timeout=None)
    if missing:
        found.update(cache.get_many(list(missing)))
    return {keys[key]: value for key, value in found.items()}


def invalidate(*names):
    """Make every cached page that depended on one of ``names`` stale, once committed.

    Before the commit a reader would still be served the old content and could store it
    under the new version; after a rollback nothing changed.
    """
    names = set(names)
    if names:
        transaction.on_commit(lambda: invalidate_now(names))


def invalidate_now(names):
    cache.set_many({version_key(name): uuid.uuid4().hex for name in names}, timeout=None)
    logger.info("page cache: invalidated %s", ", ".join(sorted(names)))
    if purges_frontend_cache():
        urls = indexed_urls(names)
        PurgeBatch(urls).purge()
        logger.info("page cache: purged %d URLs from the frontend cache", len(urls))


def purges_frontend_cache():
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def url_count_key(name):
    return f"{KEY_PREFIX}:url-count:{name}"


def url_slot_key(name, slot):
    # Apart from the counters: a name may be another's name plus ":<n>" ("trending:5").
    return f"{KEY_PREFIX}:url-slot:{slot}:{name}"


def index_url(url, names):
    """Remember that the page at ``url`` showed ``names``, for purging the proxy.

    The cache API has no atomic set, but ``add`` and ``incr`` are atomic: ``add`` of a
    marker admits each (name, URL) pair once, and ``incr`` gives it its own slot, so
    concurrent renders never overwrite each other's URLs.
    """
    digest = hashlib.sha256(url.encode()).hexdigest()
    markers = {f"{KEY_PREFIX}:url-seen:{digest}:{name}": name for name in names}
    seen = cache.get_many(markers)
    for marker, name in markers.items():
        if marker in seen or not cache.add(marker, True, timeout=None):
            continue
        counter = url_count_key(name)
        cache.add(counter, 0, timeout=None)
        cache.set(url_slot_key(name, cache.incr(counter)), url, timeout=None)


def indexed_urls(names):
    counters = {url_count_key(name): name for name in names}
    counts = cache.get_many(counters)
    slots = [
        url_slot_key(counters[counter], slot)
        for counter, count in counts.items()
        for slot in range(1, count + 1)
    ]
    return set(cache.get_many(slots).values())
