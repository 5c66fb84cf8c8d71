"""Whole-page cache for readers, invalidated exactly by what each page showed.

While a public page renders, the code that loads content records *dependencies*
(``recording``): names built by the kinds declared with ``dependencies.Dependency``, such
as one article, one tag or "the newest articles". A cached page is stored with the
version of each dependency it saw (``versions``). A change gives the affected
dependencies new versions once its transaction commits (``versions.invalidate``), so the
next reader of any page that showed it gets a fresh render. A cache hit costs one cache
round trip and no database query (``middleware``).

Parts of pages that many pages share and that change more often than they do (lists of
the newest or most read articles) are *fragments* (``fragments``): the page holds an
edge-side include, and the fragment has its own URL, cache entry and dependencies, so a
change to the list leaves the pages including it cached.

When ``WAGTAILFRONTENDCACHE`` configures a caching proxy or CDN, the URL of every stored
page and fragment is also indexed under each of its dependencies, and invalidation purges
the indexed URLs through ``wagtail.contrib.frontend_cache``: the proxy forgets exactly
what Django's cache does.

This package imports nothing else of ``editorial``: it could be an app of its own.
"""
