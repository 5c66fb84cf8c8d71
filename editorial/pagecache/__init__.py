"""Whole-page cache for readers, invalidated exactly by what each page showed.

While a public page renders, the code that loads content records *dependencies*
(``recording``): names built by the kinds declared with ``dependencies.Dependency``, such
as one article, one tag or "the newest articles". A cached page is stored with the
version of each dependency it saw (``versions``). A change gives the affected
dependencies new versions once its transaction commits (``versions.invalidate``), so the
next reader of any page that showed it gets a fresh render. A cache hit costs two cache
reads and no database query (``middleware``).

Parts of a page that many pages share (listings) are cached as *fragments* the same way
(``fragments``): stored with the versions of what they showed, so one invalidation
reaches both.

When ``WAGTAILFRONTENDCACHE`` configures a caching proxy or CDN, every stored page's URL
is also indexed under each of its dependencies, and invalidation purges the indexed URLs
through ``wagtail.contrib.frontend_cache``: the proxy forgets exactly what Django's cache
does.

This package imports nothing else of ``editorial``: it could be an app of its own.
"""
