"""Listings of article cards whose rendering is cached for ``LISTING_CACHE_SECONDS``.

Trending, latest and related lists change slowly compared with how often pages are read,
so a page that shows several of them pays their queries once a minute, not per request.
"""

from django import template
from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string

register = template.Library()


@register.simple_tag(takes_context=True)
def cached_listing(context, key, heading, articles):
    """Render ``articles`` (a list or a callable returning one) under ``heading``.

    Previews are never cached and never read the cache: they show the draft's choices.
    """
    request = context.get("request")
    preview = getattr(request, "is_preview", False)
    cache_key = f"editorial:listing:{key}"
    if not preview:
        html = cache.get(cache_key)
        if html is not None:
            return html
    html = render_to_string(
        "includes/listing.html",
        {"heading": heading, "articles": articles() if callable(articles) else articles},
        request=request,
    )
    if not preview:
        cache.set(cache_key, html, settings.LISTING_CACHE_SECONDS)
    return html
