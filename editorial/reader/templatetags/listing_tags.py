"""Listings of article cards, cached as page-cache fragments (``pagecache.fragments``).

Trending, latest and related lists are shared by many pages, so a page that shows several
of them pays their queries only when one of the articles they showed, or the set of
newest articles, changes; trending lists also expire after ``TRENDING_CACHE_SECONDS``.
Previews are never cached and never read the cache: they show the draft's choices.
"""

from django import template
from django.template.loader import render_to_string

from editorial.content.dependencies import LATEST
from editorial.pagecache.fragments import cached_fragment
from editorial.pagecache.recording import depends_on

register = template.Library()


def cached_html(context, key, render):
    request = context.get("request")
    if getattr(request, "is_preview", False):
        return render()

    def render_listing():
        # Any newly published article may belong in a list, whichever articles it showed.
        depends_on(LATEST())
        return render()

    return cached_fragment(f"listing:{key}", render_listing)


@register.simple_tag(takes_context=True)
def cached_listing(context, key, heading, articles):
    """Render ``articles`` (a list or a callable returning one) under ``heading``."""

    def render():
        return render_to_string(
            "includes/listing.html",
            {"heading": heading, "articles": articles() if callable(articles) else articles},
            request=context.get("request"),
        )

    return cached_html(context, key, render)


@register.simple_tag(takes_context=True)
def cached_listing_blocks(context, page):
    """The ``body`` of a home or section page, which holds only listing blocks.

    Caching the whole stream also spares the query that loads the sections its blocks
    are limited to.
    """
    if not page.body:
        return ""
    key = f"listing-blocks:{page.pk}:{page.live_revision_id}"
    return cached_html(context, key, lambda: page.body.render_as_block(context.flatten()))
