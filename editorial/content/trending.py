"""The trending set: the articles that wear the "Trending" badge, refreshed periodically.

Article pages are cached for ``PAGE_CACHE_SECONDS``; only the articles whose badge comes
or goes when the set is refreshed have their pages invalidated, not every article every
minute. The periodic job ``refresh_trending`` refreshes the set every minute; should the
timer stop, it is still refreshed at most once every ``TRENDING_CACHE_SECONDS`` across all
processes, by whichever request finds it due first: an article rendered, or a view
counted by the beacon (which every reader's visit sends, cached page or not). The set is
kept in the database as well as in the cache, so that an empty cache costs a reader one
small query rather than ranking the archive.
"""

import logging
import time
from datetime import UTC, datetime

from django.conf import settings
from django.core.cache import cache

from editorial.pagecache.dependencies import invalidates
from editorial.pagecache.versions import invalidate_now

from .dependencies import TRENDING
from .models.trending import TrendingSelection
from .queries import TRENDING_SET_SIZE, trending_queryset

SET_KEY = "editorial:trending-set"
REFRESH_LOCK_KEY = "editorial:trending-set:refreshing"

logger = logging.getLogger(__name__)


def trending_set():
    """Ids of the articles in the trending set, refreshed first when it is due."""
    current = cache.get(SET_KEY)
    if current is None:
        current = stored_set()
        if current is not None:
            cache.set(SET_KEY, current, timeout=None)
    due = current is None or time.time() - current["at"] >= settings.TRENDING_CACHE_SECONDS
    if due and (
        current is None
        or cache.add(REFRESH_LOCK_KEY, True, timeout=settings.TRENDING_CACHE_SECONDS)
    ):
        current = refresh_trending_set(current)
    return frozenset(current["ids"])


def refresh_trending():
    """Compute the set now, whoever computed it last: the periodic job, so that readers'
    requests seldom find it due."""
    return refresh_trending_set(cache.get(SET_KEY))


@invalidates(TRENDING)
def refresh_trending_set(previous=None):
    """Compute the set again and invalidate the pages of articles that entered or left it.

    Without a previous set (the first ever) no one knows which badges are out of date,
    so every badge is invalidated. Nothing here waits for a commit: the set is read from
    committed views and stored in one statement.
    """
    if previous is None:
        previous = stored_set()
    ids = list(trending_queryset()[:TRENDING_SET_SIZE].values_list("pk", flat=True))
    current = {"ids": ids, "at": time.time()}
    TrendingSelection.objects.bulk_create(
        [
            TrendingSelection(
                pk=1, article_ids=ids, computed_at=datetime.fromtimestamp(current["at"], UTC)
            )
        ],
        update_conflicts=True,
        unique_fields=["id"],
        update_fields=["article_ids", "computed_at"],
    )
    cache.set(SET_KEY, current, timeout=None)
    if previous is None:
        invalidate_now({TRENDING()})
        logger.info("trending set computed afresh: %d articles", len(ids))
    elif changed := set(ids) ^ set(previous["ids"]):
        invalidate_now(TRENDING.all(changed))
        logger.info("trending set refreshed: %d articles entered or left", len(changed))
    return current


def stored_set():
    """The set as last stored, in the cache's shape, or ``None`` before the first ranking."""
    stored = TrendingSelection.objects.filter(pk=1).first()
    if stored is None:
        return None
    return {"ids": stored.article_ids, "at": stored.computed_at.timestamp()}
