"""The page cache's counters for operators' metrics (``/metrics``)."""

from prometheus_client import Counter

PAGE_CACHE_REQUESTS = Counter(
    "editorial_page_cache_requests",
    "Cacheable page and fragment answers, by whether the page cache had them (hit or miss).",
    ["result"],
)
INVALIDATIONS = Counter(
    "editorial_page_cache_invalidations", "Dependencies invalidated in the page cache."
)
PURGED_URLS = Counter(
    "editorial_frontend_cache_purged_urls", "URLs queued for purging from the caching proxy."
)
