"""Purging the caching proxy from the task worker.

Wagtail's HTTP backend logs a proxy that does not answer and carries on, and waits for it
without limit. This one gives up after ``PURGE_TIMEOUT_SECONDS`` and fails, so that the
purge task fails and the queue tries it again later (``editorial.operations.signals``).
"""

from urllib.parse import urlsplit, urlunsplit
from urllib.request import urlopen

from wagtail.contrib.frontend_cache.backends.http import HTTPBackend, PurgeRequest

PURGE_TIMEOUT_SECONDS = 10


class PurgingHTTPBackend(HTTPBackend):
    def purge(self, url):
        parts = urlsplit(url)
        request = PurgeRequest(
            url=urlunsplit((self.cache_scheme, self.cache_netloc, parts.path, parts.query, "")),
            headers={"Host": parts.netloc, "User-Agent": "editorial-frontend-cache"},
        )
        # The proxy's address comes from settings, never from a request.
        with urlopen(request, timeout=PURGE_TIMEOUT_SECONDS):  # noqa: S310
            pass
