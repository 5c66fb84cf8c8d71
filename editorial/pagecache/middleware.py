"""Serve anonymous readers whole pages from the cache, and store what they may share.

Only anonymous GET/HEAD requests without a session are served from or stored in the
cache, and only for views that opt in with ``recording.cache_publicly`` (pages, listings
and fragments), so the admin, previews, forms and signed-in users never see a shared
page. Every HTML response, cached or not, has its fragment includes resolved here unless
a caching proxy in front said it resolves them itself (``fragments``).

A page is stored twice when it includes fragments: as rendered, with its includes (what
a proxy gets, and what survives a change to a fragment), and as served, with the
fragments in place and already compressed with gzip and brotli. A hit is one cache round
trip: the entries and the versions they were stored with come back in one ``get_many``,
because each process remembers which versions an entry needed the last time.
"""

import gzip
import hashlib
import logging
import re
import time

from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.urls import resolve
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date

import brotli

from .fragments import INCLUDE, render_fragment
from .metrics import PAGE_CACHE_REQUESTS
from .recording import recording
from .versions import KEY_PREFIX, current_versions, index_url, purges_frontend_cache, version_key

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
# How many entries' version keys a process remembers; past it, it starts again.
REMEMBERED_ENTRIES = 20_000
# Stored once and served many times: a stronger setting than per response would afford.
ENCODERS = {
    "br": lambda content: brotli.compress(content, quality=6),
    "gzip": lambda content: gzip.compress(content, compresslevel=6, mtime=0),
}
ACCEPTS = {encoding: re.compile(rf"\b{encoding}\b") for encoding in ENCODERS}
# Headers of the stored response that do not describe the body a hit sends.
PER_RESPONSE_HEADERS = {"Content-Length", "Content-Encoding", "X-Cache"}

logger = logging.getLogger(__name__)


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


def entry_key(host, path, page="", query=""):
    # Neither the path nor the page number holds a "?": the query, last, cannot be confused.
    url = f"{host}{path}?{page}?{query}"
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


def proxy_resolves_includes(request):
    return "ESI/1.0" in request.headers.get("Surrogate-Capability", "")


def make_entry(content, status, headers, versions, stored_at, expires_at, compress):
    """What the cache keeps of a response: the body (and its compressed forms when it is
    served as it is), the headers, and the versions of what it showed."""
    headers = {name: value for name, value in headers.items() if name not in PER_RESPONSE_HEADERS}
    headers["ETag"] = f'"{hashlib.sha256(content).hexdigest()[:32]}"'
    headers["Last-Modified"] = http_date(stored_at)
    return {
        "content": content,
        "encoded": {name: encode(content) for name, encode in ENCODERS.items()} if compress else {},
        "includes": bool(INCLUDE.search(content)),
        "status": status,
        "headers": headers,
        "versions": versions,
        "stored_at": stored_at,
        "expires_at": expires_at,
    }


def put(key, entry):
    timeout = int(entry["expires_at"] - time.time())
    if settings.PAGE_CACHE_SECONDS and timeout > 0:
        cache.set(key, entry, timeout=timeout)


class PublicPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.remembered_versions = {}

    def __call__(self, request):
        if not is_cacheable_request(request):
            return self.with_fragments(request, self.get_response(request))
        key = entry_key(
            request.get_host(), request.path, request.GET.get("page", ""), search_query(request)
        )
        proxy = proxy_resolves_includes(request)
        served_key = key if proxy else f"{key}:served"
        found = self.fetch({served_key, key})
        if served_key in found:
            return self.respond(request, found[served_key], "hit", proxy)
        entry, state = found.get(key), "hit"
        if entry is None:
            with recording() as shown:
                response = self.get_response(request)
            if not is_cacheable_response(response, shown):
                return self.with_fragments(request, response)
            url, for_proxy = request.build_absolute_uri(), kept_by_proxy(request)
            entry, state = self.store(url, key, response, shown, for_proxy), "miss"
        if entry["includes"] and not proxy:
            entry = self.assemble(request, served_key, entry)
        return self.respond(request, entry, state, proxy)

    def fetch(self, keys):
        """The entries under ``keys`` that are still current, in one cache round trip when
        this process has seen them before."""
        if not settings.PAGE_CACHE_SECONDS:
            return {}
        wanted = set(keys)
        for key in keys:
            wanted.update(self.remembered_versions.get(key, ()))
        found = cache.get_many(wanted)
        entries = {key: found[key] for key in keys if key in found}
        unknown = {name for entry in entries.values() for name in entry["versions"]} - found.keys()
        if unknown:
            found.update(cache.get_many(unknown))
        current = {}
        for key, entry in entries.items():
            if all(found.get(name) == value for name, value in entry["versions"].items()):
                current[key] = entry
                if len(self.remembered_versions) >= REMEMBERED_ENTRIES:
                    self.remembered_versions = {}
                self.remembered_versions[key] = tuple(entry["versions"])
        return current

    def store(self, url, key, response, shown, for_proxy, served_alone=True):
        """Cache ``response`` as rendered, for as long as what it showed allows; with
        ``for_proxy``, a caching proxy may keep it too, and is purged with it.

        What is kept for no time (the cache off, or a page that expires at once) needs
        neither the versions of what it showed nor compressing, nor does a fragment that
        is not ``served_alone`` but only put into the page that includes it."""
        now = time.time()
        lifetime = settings.PAGE_CACHE_SECONDS
        if shown.max_age is not None:
            lifetime = min(lifetime, shown.max_age)
        patch_cache_control(response, public=True, max_age=settings.PAGE_CACHE_BROWSER_SECONDS)
        if for_proxy:
            # The proxy is purged with our cache, so it may keep the page as long as we do.
            patch_cache_control(response, s_maxage=lifetime)
        versions = current_versions(shown.dependencies) if lifetime > 0 else {}
        entry = make_entry(
            response.content,
            response.status_code,
            response.headers,
            {version_key(name): value for name, value in versions.items()},
            stored_at=int(now),
            expires_at=now + lifetime,
            compress=lifetime > 0 and served_alone and not INCLUDE.search(response.content),
        )
        if lifetime and for_proxy:
            index_url(url, shown.dependencies)
        put(key, entry)
        return entry

    def assemble(self, request, served_key, entry):
        """``entry`` with its fragments in place, cached until the page or one of them
        changes."""
        content, fragments = self.resolve_includes(request, entry["content"])
        versions = dict(entry["versions"])
        for fragment in fragments.values():
            versions.update(fragment["versions"])
        served = make_entry(
            content,
            entry["status"],
            entry["headers"],
            versions,
            stored_at=max(entry["stored_at"], *(f["stored_at"] for f in fragments.values())),
            expires_at=min(entry["expires_at"], *(f["expires_at"] for f in fragments.values())),
            # Compressed once for the many hits to come; with the cache off there are none.
            compress=bool(settings.PAGE_CACHE_SECONDS),
        )
        put(served_key, served)
        return served

    def resolve_includes(self, request, content):
        """``content`` with its fragments in place, and those fragments' entries by src."""
        fragments = self.fragments(request, content)
        return INCLUDE.sub(lambda match: fragments[match.group(1)]["content"], content), fragments

    def fragments(self, request, content):
        """``{src: entry}`` for every include in ``content``, from the cache or rendered."""
        host = request.get_host()
        keys = {entry_key(host, src.decode()): src for src in INCLUDE.findall(content)}
        found = self.fetch(keys.keys())
        return {
            src: found.get(key) or self.render_fragment(request, key, src.decode())
            for key, src in keys.items()
        }

    def render_fragment(self, request, key, src):
        """The fragment at ``src`` rendered and stored as if it had been requested."""
        try:
            match = resolve(src)
            if match.view_name != "pagecache:fragment":
                raise Http404(src)
            with recording() as shown:
                response = HttpResponse(render_fragment(request, **match.kwargs))
        except Http404:
            # A page cached before the secret key changed: leave the fragment out.
            logger.warning("page cache: cannot resolve the include of %s", src)
            now = time.time()
            return make_entry(b"", 200, {}, {}, int(now), now, compress=False)
        url = request.build_absolute_uri(src)
        return self.store(url, key, response, shown, purges_frontend_cache(), served_alone=False)

    def respond(self, request, entry, state, proxy=False):
        PAGE_CACHE_REQUESTS.labels(state).inc()
        headers, content = entry["headers"], entry["content"]
        etag = headers["ETag"]
        encoding = next(
            (
                name
                for name in entry["encoded"]
                if ACCEPTS[name].search(request.META.get("HTTP_ACCEPT_ENCODING", ""))
            ),
            None,
        )
        if encoding:
            content, etag = entry["encoded"][encoding], f'{etag[:-1]}-{encoding}"'
        conditional = get_conditional_response(request, etag=etag, last_modified=entry["stored_at"])
        response = conditional or HttpResponse(content, status=entry["status"])
        for name, value in headers.items():
            if conditional is None or name in ("Last-Modified", "Cache-Control"):
                response[name] = value
        response["ETag"] = etag
        if conditional is None:
            response["Content-Length"] = len(content)
            response["X-Cache"] = state
            if encoding:
                response["Content-Encoding"] = encoding
        if entry["encoded"]:
            patch_vary_headers(response, ("Accept-Encoding",))
        if proxy and entry["includes"]:
            response["Surrogate-Control"] = 'content="ESI/1.0"'
        return response

    def with_fragments(self, request, response):
        """``response`` with its includes resolved, for pages the cache does not share."""
        if (
            response.streaming
            or not response.get("Content-Type", "").startswith("text/html")
            or proxy_resolves_includes(request)
            or not INCLUDE.search(response.content)
        ):
            return response
        response.content, _ = self.resolve_includes(request, response.content)
        if response.has_header("Content-Length"):
            response["Content-Length"] = len(response.content)
        return response
