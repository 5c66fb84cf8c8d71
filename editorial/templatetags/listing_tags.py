"""Listings of article cards whose rendering is cached for ``LISTING_CACHE_SECONDS``.

Trending, latest and related lists change slowly compared with how often pages are read,
so a page that shows several of them pays their queries once a minute, not per request.
Previews are never cached and never read the cache: they show the draft's choices.
"""

import hashlib

from django import template
from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from editorial import page_cache

register = template.Library()


def cached_html(context, key, render):
    # A page showing a list goes stale when any article is published, and at the latest
    # when the list's own cached rendering does.
    page_cache.depends_on("latest")
    page_cache.expires_within(settings.LISTING_CACHE_SECONDS)
    request = context.get("request")
    if getattr(request, "is_preview", False):
        return render()
    cache_key = f"editorial:listing:{hashlib.sha256(str(key).encode()).hexdigest()[:40]}"
    html = cache.get(cache_key)
    if html is None:
        html = render()
        cache.set(cache_key, html, settings.LISTING_CACHE_SECONDS)
    return mark_safe(html)  # noqa: S308 (our own rendered templates)


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
    key = f"listing-blocks:{page.pk}:{page.live_revision_id}"
    return cached_html(context, key, lambda: page.body.render_as_block(context.flatten()))
