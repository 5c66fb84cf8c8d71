"""The trending set: the articles that wear the "Trending" badge, refreshed periodically.

Article pages are cached for ``PAGE_CACHE_SECONDS``; only the articles whose badge comes
or goes when the set is refreshed have their pages invalidated, not every article every
minute. The set is refreshed at most once every ``TRENDING_CACHE_SECONDS`` across all
processes, by whichever request finds it due first: an article rendered, or a beacon
that reaches Django's view (without Redis, every one; with Redis the counts reach the
database at the flush, and the periodic work refreshes the set after it).
"""

import logging
import time

from django.conf import settings
from django.core.cache import cache

from editorial.pagecache.dependencies import invalidates
from editorial.pagecache.versions import invalidate_now

from .dependencies import TRENDING
from .queries import TRENDING_SET_SIZE, trending_queryset

SET_KEY = "editorial:trending-set"
REFRESH_LOCK_KEY = "editorial:trending-set:refreshing"

logger = logging.getLogger(__name__)


def trending_set():
    """Ids of the articles in the trending set, refreshed first when it is due."""
    current = cache.get(SET_KEY)
    due = current is None or time.time() - current["at"] >= settings.TRENDING_CACHE_SECONDS
    if due and (
        current is None
        or cache.add(REFRESH_LOCK_KEY, True, timeout=settings.TRENDING_CACHE_SECONDS)
    ):
        current = refresh_trending_set(current)
    return frozenset(current["ids"])


@invalidates(TRENDING)
def refresh_trending_set(previous=None):
    """Compute the set again and invalidate the pages of articles that entered or left it.

    Without the previous set (a flushed or evicted cache) no one knows which badges are
    out of date, so every badge is invalidated. Nothing here waits for a commit: the set
    is read from committed views and kept only in the cache.
    """
    ids = list(trending_queryset()[:TRENDING_SET_SIZE].values_list("pk", flat=True))
    current = {"ids": ids, "at": time.time()}
    cache.set(SET_KEY, current, timeout=None)
    if previous is None:
        invalidate_now({TRENDING()})
        logger.info("trending set computed afresh: %d articles", len(ids))
    elif changed := set(ids) ^ set(previous["ids"]):
        invalidate_now(TRENDING.all(changed))
        logger.info("trending set refreshed: %d articles entered or left", len(changed))
    return current
