"""Fixtures that the reader tests share."""

import pytest


@pytest.fixture
def without_page_cache(settings):
    """Every request renders its page and its fragments, so what a test measures is the
    rendering itself, not a page-cache hit."""
    settings.PAGE_CACHE_SECONDS = 0
