"""Whole-page cache for readers, invalidated exactly by what each page showed.

While a public page renders, the code that loads content records *dependencies*:
``page:<id>`` for every article or page shown, ``section:<id>``, ``tag:<slug>`` and
``author:<id>`` for listings whose membership can change, ``latest`` for "newest
articles" lists, ``nav`` for the section menu, ``alternative:<id>`` for snippets. A
cached page is stored with the version of each dependency it saw. Publishing or
unpublishing content gives the affected dependencies new versions (``invalidate``), so
the next reader of any page that showed it gets a fresh render. A cache hit costs two
cache reads and no database query.

Parts of a page that many pages share (listings) are cached as *fragments* the same way:
stored with the versions of what they showed, so one invalidation reaches both.

When ``WAGTAILFRONTENDCACHE`` configures a caching proxy or CDN, every stored page's URL
is also indexed under each of its dependencies, and ``invalidate`` purges the indexed
URLs through ``wagtail.contrib.frontend_cache``: the proxy forgets exactly what Django's
cache does.

Only anonymous GET/HEAD requests without a session are served from or stored in the
cache, and only for views that opt in with ``cache_publicly`` (pages and listings), so
the admin, previews, forms and signed-in users never see a shared page.
"""

import hashlib
import time
import uuid
from contextvars import ContextVar
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django.utils.safestring import mark_safe

from wagtail.contrib.frontend_cache.utils import PurgeBatch

KEY_PREFIX = "page-cache"
CACHEABLE_CONTENT_TYPES = (
    "text/html",
    "application/rss+xml",
    "application/atom+xml",
    "application/xml",
    "text/xml",
    "text/plain",
)
MAX_PAGE_NUMBER = 10_000


@dataclass
class Recording:
    """What the current request's render depended on."""

    cacheable: bool = False
    dependencies: set[str] = field(default_factory=set)
    max_age: int | None = None


_recording: ContextVar[Recording | None] = ContextVar("page_cache_recording", default=None)


def depends_on(*names):
    recording = _recording.get()
    if recording is not None:
        recording.dependencies.update(names)


def cache_publicly(*names):
    """Mark the current response as shareable by every anonymous reader."""
    recording = _recording.get()
    if recording is None:
        return
    recording.cacheable = True
    recording.dependencies.update(names)


def expires_within(seconds):
    """Shorten the cached page's life for content that changes with time (trending).

    The shortest lifetime asked for during a render wins.
    """
    recording = _recording.get()
    if recording is not None:
        recording.max_age = min(seconds, recording.max_age or seconds)


def version_key(name):
    return f"{KEY_PREFIX}:version:{name}"


def current_versions(names):
    """Versions of ``names``, creating any that are missing.

    A missing version is never recorded as "none": if it were, and the version key were
    later evicted after an invalidation, the stale page would look current again.
    """
    keys = {version_key(name): name for name in names}
    found = cache.get_many(keys)
    missing = {key: uuid.uuid4().hex for key in keys if key not in found}
    for key, value in missing.items():
        cache.add(key, value, timeout=None)
    if missing:
        found.update(cache.get_many(list(missing)))
    return {keys[key]: value for key, value in found.items()}


def invalidate(*names):
    """Give ``names`` new versions; every cached page that depended on one is stale."""
    cache.set_many({version_key(name): uuid.uuid4().hex for name in names}, timeout=None)
    if purges_frontend_cache():
        PurgeBatch(indexed_urls(names)).purge()


def purges_frontend_cache():
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def url_count_key(name):
    return f"{KEY_PREFIX}:urls:{name}"


def index_url(url, names):
    """Remember that the page at ``url`` showed ``names``, for purging the proxy.

    The cache API has no atomic set, but ``add`` and ``incr`` are atomic: ``add`` of a
    marker admits each (name, URL) pair once, and ``incr`` gives it its own slot, so
    concurrent renders never overwrite each other's URLs.
    """
    digest = hashlib.sha256(url.encode()).hexdigest()
    markers = {f"{url_count_key(name)}:seen:{digest}": name for name in names}
    seen = cache.get_many(markers)
    for marker, name in markers.items():
        if marker in seen or not cache.add(marker, True, timeout=None):
            continue
        counter = url_count_key(name)
        cache.add(counter, 0, timeout=None)
        cache.set(f"{counter}:{cache.incr(counter)}", url, timeout=None)


def indexed_urls(names):
    counts = cache.get_many([url_count_key(name) for name in names])
    slots = [
        f"{counter}:{slot}" for counter, count in counts.items() for slot in range(1, count + 1)
    ]
    return set(cache.get_many(slots).values())


def cached_fragment(key, render):
    """``render()``'s HTML, shared between pages until something it showed changes.

    The fragment is stored with the versions of the dependencies recorded while it
    rendered, and the page that includes it depends on them too, hit or miss. Its
    lifetime is the page cache's, or less if it asked for less (trending).
    ``PAGE_CACHE_SECONDS=0`` turns fragments off with the page cache.
    """
    fragment_key = f"{KEY_PREFIX}:fragment:{hashlib.sha256(str(key).encode()).hexdigest()}"
    if settings.PAGE_CACHE_SECONDS:
        entry = cache.get(fragment_key)
        if entry is not None and current_versions(entry["versions"]) == entry["versions"]:
            depends_on(*entry["versions"])
            if entry["expires_at"] is not None:
                expires_within(max(1, int(entry["expires_at"] - time.time())))
            return mark_safe(entry["html"])  # noqa: S308 (rendered by our templates)
    fragment = Recording()
    token = _recording.set(fragment)
    try:
        html = render()
    finally:
        _recording.reset(token)
    depends_on(*fragment.dependencies)
    if fragment.max_age is not None:
        expires_within(fragment.max_age)
    if settings.PAGE_CACHE_SECONDS:
        lifetime = min(settings.PAGE_CACHE_SECONDS, fragment.max_age or settings.PAGE_CACHE_SECONDS)
        entry = {
            "html": str(html),
            "versions": current_versions(fragment.dependencies),
            "expires_at": time.time() + fragment.max_age if fragment.max_age else None,
        }
        cache.set(fragment_key, entry, timeout=lifetime)
    return mark_safe(html)  # noqa: S308 (rendered by our templates)


def is_cacheable_request(request):
    if request.method not in ("GET", "HEAD"):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False
    if set(request.GET) - {"page"}:
        return False
    page_number = request.GET.get("page")
    return page_number is None or (
        page_number.isdigit() and 0 < int(page_number) <= MAX_PAGE_NUMBER
    )


def entry_key(request):
    url = f"{request.get_host()}{request.path}?{request.GET.get('page', '')}"
    return f"{KEY_PREFIX}:entry:{hashlib.sha256(url.encode()).hexdigest()}"


def is_cacheable_response(response, recording):
    return (
        recording.cacheable
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and response.get("Content-Type", "").split(";")[0] in CACHEABLE_CONTENT_TYPES
        and "private" not in response.get("Cache-Control", "")
    )


def add_validators(response, content, stored_at, lifetime):
    response["ETag"] = f'"{hashlib.sha256(content).hexdigest()[:32]}"'
    response["Last-Modified"] = http_date(stored_at)
    patch_cache_control(response, public=True, max_age=settings.PAGE_CACHE_BROWSER_SECONDS)
    if purges_frontend_cache():
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

        recording = Recording()
        token = _recording.set(recording)
        try:
            response = self.get_response(request)
        finally:
            _recording.reset(token)
        if is_cacheable_response(response, recording):
            self.store(request, key, response, recording)
            response["X-Cache"] = "miss"
            return get_conditional_response(
                request,
                etag=response["ETag"],
                last_modified=response.stored_at,
                response=response,
            )
        return response

    def store(self, request, key, response, recording):
        response.stored_at = int(time.time())
        lifetime = settings.PAGE_CACHE_SECONDS
        if recording.max_age is not None:
            lifetime = min(lifetime, recording.max_age)
        add_validators(response, response.content, response.stored_at, lifetime)
        if not lifetime:
            return
        if purges_frontend_cache():
            index_url(request.build_absolute_uri(), recording.dependencies)
        entry = {
            "content": response.content,
            "status": response.status_code,
            "headers": dict(response.items()),
            "stored_at": response.stored_at,
            "versions": current_versions(recording.dependencies),
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
