"""Public pages as the reader tests build them: the listing blocks placed on them, and the
number of queries any of them may take."""

import uuid

from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

# Home, section, tag and author pages with every cache empty: routing and the site take
# half of these, each list of cards one (content.cards).
LISTING_BUDGET = 8
# An article with every cache empty: routing, byline, tags, corrections, trending, and the
# "Related" and "Latest" lists under it (four queries of their own).
ARTICLE_BUDGET = 17
# Search, feeds and the sitemap, warm: with Wagtail's site and URL caches filled.
BUDGET = 12


def listing(block_type, count=3, heading="", **extra):
    """A listing block (trending, latest or related posts) as it is stored in a body."""
    return {
        "type": block_type,
        "value": {"heading": heading, "count": count, **extra},
        "id": str(uuid.uuid4()),
    }


def publish_with(page, **fields):
    """Set ``fields`` on ``page`` and publish it, as an editor does."""
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def clear_caches():
    """Empty every cache: Wagtail's site root paths, the trending selection, the page cache
    and its listing fragments all live in Django's caches."""
    for cache in caches.all():
        cache.clear()


def queries_for(client, url, warm=False):
    """How many queries a reader's request for ``url`` makes with every cache empty, or,
    ``warm``, after a first request filled Wagtail's site and URL caches and the listing
    fragments, as on a running server."""
    clear_caches()
    if warm:
        client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)
