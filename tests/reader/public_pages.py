"""Public pages as the reader tests build them: the listing blocks placed on them, and the
number of queries any of them may take."""

import uuid
from typing import NamedTuple

from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from editorial.content.trending import refresh_trending_set

# Search, feeds and the sitemap, warm: with Wagtail's site and URL caches filled.
BUDGET = 12


class Budget(NamedTuple):
    """Queries a page may take with every cache empty (``None``: not budgeted) and warm."""

    cold: int | None
    warm: int


# Routing and the site take half of these, each list of cards one (content.cards). The
# front page's lead story, rows of sections and lists fit in it too, however many.
LISTING_PAGE = Budget(cold=8, warm=7)
# The whole response, its fragments included: the site (with its root page), routing (the
# sections of the navigation, the article with its card, its stored body and whether it
# has restrictions or corrections to load), the hero's renditions, trending, the site's
# root paths, and the "Related" and "Latest" lists under the body (one each).
ARTICLE_PAGE = Budget(cold=8, warm=6)
OTHER_PAGE = Budget(cold=None, warm=BUDGET)


def listing(block_type, count=3, heading="", **extra):
    """A listing block (trending, latest or related posts) as it is stored in a body."""
    return {
        "type": block_type,
        "value": {"heading": heading, "count": count, **extra},
        "id": str(uuid.uuid4()),
    }


def front_page(sections, pick=None):
    """Every block of the front page: the lead story (the editor's ``pick`` or the newest),
    trending and latest lists, a row for each of ``sections``."""
    return [
        {"type": "lead_story", "value": {"article": pick}, "id": str(uuid.uuid4())},
        listing("trending_posts", heading="Most read"),
        listing("latest_posts", heading="Just in"),
        *(
            {"type": "section_row", "value": {"section": section.pk}, "id": str(uuid.uuid4())}
            for section in sections
        ),
    ]


def publish_with(page, **fields):
    """Set ``fields`` on ``page`` and publish it, as an editor does."""
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def clear_caches():
    """Empty every cache: Wagtail's site root paths, the trending set, the page cache and its
    listing fragments all live in Django's caches. The trending set stays stored in the
    database, ranked as the periodic refresh of a running site has it."""
    refresh_trending_set()
    for cache in caches.all():
        cache.clear()


def queries_for(client, url, committer, warm=False):
    """How many queries a reader's request for ``url`` makes with every cache empty, or,
    ``warm``, after a first request filled Wagtail's site and URL caches and the listing
    fragments, as on a running server. What the setup left waiting for its commit (the
    ``commit_between_requests`` fixture) runs first: on a running server it has run."""
    committer.commit()
    clear_caches()
    if warm:
        client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)
