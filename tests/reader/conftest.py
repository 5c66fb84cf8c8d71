"""Fixtures that the reader tests share."""

import pytest


@pytest.fixture
def without_page_cache(settings):
    """Every request renders its page, so what a test measures is the rendering itself (and
    the listing cache), not a page-cache hit."""
    settings.MIDDLEWARE = [
        name
        for name in settings.MIDDLEWARE
        if name != "editorial.pagecache.middleware.PublicPageCacheMiddleware"
    ]
