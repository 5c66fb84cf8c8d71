"""Serve anonymous readers whole pages from the cache, and store what they may share.

Only anonymous GET/HEAD requests without a session are served from or stored in the
cache, and only for views that opt in with ``recording.cache_publicly`` (pages and
listings), so the admin, previews, forms and signed-in users never see a shared page.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date

from .recording import recording
from .versions import KEY_PREFIX, current_versions, index_url, purges_frontend_cache

CACHEABLE_CONTENT_TYPES = (
    "text/html",
    "application/rss+xml",
    "application/atom+xml",
    "application/xml",
    "text/xml",
    "text/plain",
)
MAX_PAGE_NUMBER = 10_000
# A search (``q``) is shared by every reader who asks it, spaces aside. Longer text is
# no reader's search worth keeping: it is answered, never stored.
MAX_QUERY_LENGTH = 200


def search_query(request):
    """The ``q`` parameter as the cache key holds it: runs of spaces count as one."""
    return " ".join(request.GET.get("q", "").split())


def is_cacheable_request(request):
    if request.method not in ("GET", "HEAD"):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False
    if set(request.GET) - {"page", "q"}:
        return False
    if len(search_query(request)) > MAX_QUERY_LENGTH:
        return False
    page_number = request.GET.get("page")
    return page_number is None or (
        page_number.isdigit() and 0 < int(page_number) <= MAX_PAGE_NUMBER
    )


def entry_key(request):
    # Neither the path nor the page number holds a "?": the query, last, cannot be confused.
    url = (
        f"{request.get_host()}{request.path}?{request.GET.get('page', '')}?{search_query(request)}"
    )
    return f"{KEY_PREFIX}:entry:{hashlib.sha256(url.encode()).hexdigest()}"


def is_cacheable_response(response, shown):
    return (
        shown.cacheable
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and response.get("Content-Type", "").split(";")[0] in CACHEABLE_CONTENT_TYPES
        and "private" not in response.get("Cache-Control", "")
    )


def kept_by_proxy(request):
    """Whether the caching proxy may keep the page, purged with our cache.

    Search results are not: each query is another URL that every publication would
    purge, and the index of URLs to purge would grow with every query ever asked.
    """
    return purges_frontend_cache() and not search_query(request)


def add_validators(response, content, stored_at, lifetime, for_proxy):
    response["ETag"] = f'"{hashlib.sha256(content).hexdigest()[:32]}"'
    response["Last-Modified"] = http_date(stored_at)
    patch_cache_control(response, public=True, max_age=settings.PAGE_CACHE_BROWSER_SECONDS)
    if for_proxy:
        # The proxy is purged with our cache, so it may keep the page as long as we do.
        patch_cache_control(response, s_maxage=lifetime)


class PublicPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_cacheable_request(request):
            return self.get_response(request)
        key = entry_key(request)
        entry = cache.get(key) if settings.PAGE_CACHE_SECONDS else None
        if entry is not None and current_versions(entry["versions"].keys()) == entry["versions"]:
            return self.respond_from_cache(request, entry)

        with recording() as shown:
            response = self.get_response(request)
        if is_cacheable_response(response, shown):
            self.store(request, key, response, shown)
            response["X-Cache"] = "miss"
            return get_conditional_response(
                request,
                etag=response["ETag"],
                last_modified=response.stored_at,
                response=response,
            )
        return response

    def store(self, request, key, response, shown):
        response.stored_at = int(time.time())
        lifetime = settings.PAGE_CACHE_SECONDS
        if shown.max_age is not None:
            lifetime = min(lifetime, shown.max_age)
        for_proxy = kept_by_proxy(request)
        add_validators(response, response.content, response.stored_at, lifetime, for_proxy)
        if not lifetime:
            return
        if for_proxy:
            index_url(request.build_absolute_uri(), shown.dependencies)
        entry = {
            "content": response.content,
            "status": response.status_code,
            "headers": dict(response.items()),
            "stored_at": response.stored_at,
            "versions": current_versions(shown.dependencies),
        }
        cache.set(key, entry, timeout=lifetime)

    def respond_from_cache(self, request, entry):
        conditional = get_conditional_response(
            request, etag=entry["headers"].get("ETag"), last_modified=entry["stored_at"]
        )
        if conditional is not None:
            for header in ("ETag", "Last-Modified", "Cache-Control"):
                conditional[header] = entry["headers"][header]
            return conditional
        response = HttpResponse(entry["content"], status=entry["status"])
        for header, value in entry["headers"].items():
            response[header] = value
        response["X-Cache"] = "hit"
        return response
