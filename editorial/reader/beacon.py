"""The view-counting beacon: what the article page's script posts to after it loads.

Pages may be served from a cache, so counting happens here, in a request of its own. The
endpoint only ever adds one to a counter, which is why it can go without a CSRF token:
a forged request achieves no more than a reader opening the article. What could inflate
a count cheaply is refused: requests from other sites, prefetches and prerenders, bots,
and the same reader or network again (``readership.counting``).

Every visit sends one, so with Redis the common case never reaches Django:
:class:`BeaconApplication` sits in front of it (``config/wsgi.py``) and answers a
well-formed beacon with one Redis round trip and no SQL, checking the article against
the countable articles kept in Redis for the current visibility of articles (the
version of the sitemap's page-cache dependency, which every publication, unpublication,
restriction, move or deletion renews). Anything else, and a beacon arriving before the
countable articles are known again, goes on to :func:`count_view`, the reference.
"""

import io
import logging
import re
from http import HTTPStatus
from urllib.parse import parse_qsl, urlsplit

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.http.request import split_domain_port, validate_host
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from redis import RedisError

from editorial.content.dependencies import SITEMAP
from editorial.content.models import ArticlePage
from editorial.content.queries import live_and_public
from editorial.content.trending import trending_set
from editorial.pagecache.versions import current_versions, version_key
from editorial.readership import counting
from editorial.readership.counting import Outcome
from editorial.readership.metrics import VIEW_BEACONS
from editorial.roles import client_address, environ_client_address

# "page=<id>" is all a beacon carries; anything larger is not ours.
MAX_BODY_BYTES = 200
MAX_PAGE_ID = 2**31 - 1
# Crawlers, link previewers, monitors and scripted clients that announce themselves.
BOT_USER_AGENT = re.compile(
    r"bot|crawl|spider|slurp|archiver|fetch|scan|monitor|preview|headless|lighthouse|"
    r"pingdom|facebookexternalhit|embedly|python|curl|wget|httpclient|okhttp|java/|go-http",
    re.IGNORECASE,
)
# Headers by which browsers mark a speculative load: nobody has read the page yet.
PURPOSE_HEADERS = ("HTTP_SEC_PURPOSE", "HTTP_PURPOSE", "HTTP_X_PURPOSE", "HTTP_X_MOZ")
SPECULATIVE = re.compile(r"prefetch|prerender|preview", re.IGNORECASE)
DEFAULT_PORTS = {"http": 80, "https": 443}
REFRESH_LOCK_KEY = "views:countable:refreshing"
REFRESH_LOCK_SECONDS = 10
# How long a client is asked to wait while Redis, where views are counted, is unreachable.
RETRY_AFTER_SECONDS = 60

logger = logging.getLogger(__name__)


def is_bot(user_agent):
    return not user_agent or bool(BOT_USER_AGENT.search(user_agent))


def is_speculative(environ):
    return any(SPECULATIVE.search(environ.get(header, "")) for header in PURPOSE_HEADERS)


def counts(environ):
    """Whether a beacon with these headers may count at all: no bot, no prefetch."""
    return not is_bot(environ.get("HTTP_USER_AGENT", "")) and not is_speculative(environ)


def origin_of(url, default_scheme):
    """``(host, port)`` of an origin or a Host header, or ``None`` if it is no such thing."""
    try:
        parts = urlsplit(url if "//" in url else f"//{url}", scheme=default_scheme)
        port = parts.port or DEFAULT_PORTS.get(parts.scheme)
    except ValueError:
        return None
    return (parts.hostname, port) if parts.hostname else None


def is_cross_site(environ):
    """Whether the beacon comes from another site's page, by the browser's word.

    ``Sec-Fetch-Site`` must be same-origin when sent; ``Origin``, which browsers send
    with every POST, must be this host (or ``BASE_URL``). Clients that send neither are
    not browsers on another site, and are left to the other rules.
    """
    fetch_site = environ.get("HTTP_SEC_FETCH_SITE")
    if fetch_site is not None and fetch_site != "same-origin":
        return True
    origin = environ.get("HTTP_ORIGIN")
    if origin is None:
        return False
    scheme = urlsplit(origin).scheme
    if scheme not in DEFAULT_PORTS:
        return True
    # Without a Host header, WSGI's server name and port say where the request went.
    host = environ.get("HTTP_HOST") or (
        f"{environ.get('SERVER_NAME', '')}:{environ.get('SERVER_PORT', '')}"
    )
    found = origin_of(origin, scheme)
    return found is None or found not in {
        origin_of(host, scheme),
        origin_of(settings.BASE_URL, scheme),
    }


def is_allowed_host(environ):
    """Whether Django would accept the request's host, as ``HttpRequest.get_host`` decides.

    The port plays no part in that decision, so the host without a Host header is the
    server's name alone.
    """
    if settings.USE_X_FORWARDED_HOST and "HTTP_X_FORWARDED_HOST" in environ:
        host = environ["HTTP_X_FORWARDED_HOST"]
    else:
        host = environ.get("HTTP_HOST", environ.get("SERVER_NAME", ""))
    allowed_hosts = settings.ALLOWED_HOSTS
    if settings.DEBUG and not allowed_hosts:
        allowed_hosts = [".localhost", "127.0.0.1", "[::1]"]
    domain, _ = split_domain_port(host)
    return bool(domain) and validate_host(domain, allowed_hosts)


def parse_page_id(value):
    """The article id of a well-formed beacon's ``page`` value, else ``None``."""
    if not value.isascii() or not value.isdigit() or len(value) > 10:
        return None
    page_id = int(value)
    return page_id if 0 < page_id <= MAX_PAGE_ID else None


def countable_version_key():
    """The cache key holding the version the countable articles must have been stored for."""
    return cache.make_key(version_key(SITEMAP()))


def refresh_countable_articles():
    """Store the ids of live, public articles for the beacon's light path, one process
    at a time. The version is read before the query: a change committed meanwhile has
    renewed it, and the set stored under the old one is never used."""
    if not cache.add(REFRESH_LOCK_KEY, True, REFRESH_LOCK_SECONDS):
        return
    try:
        version = current_versions([SITEMAP()])[SITEMAP()]
        ids = live_and_public(ArticlePage.objects.all()).values_list("pk", flat=True)
        counting.store_countable_articles(list(ids), version)
    finally:
        cache.delete(REFRESH_LOCK_KEY)


def refused(reason, status):
    """Log a beacon that counts nothing; every article view sends one, so the line is
    DEBUG only. The text is for the script and whoever debugs it, untranslated."""
    logger.debug("view beacon refused (%s): %s", status, reason)
    VIEW_BEACONS.labels("refused").inc()
    return reason, status


_redis_down = False


def redis_unavailable(error):
    """The answer to a beacon while Redis is unreachable: 503, since counting without it
    could not tell readers apart. The outage is logged once per process when it begins,
    not once per reader."""
    global _redis_down
    if not _redis_down:
        _redis_down = True
        logger.warning("view beacon: Redis unreachable, views are not counted: %s", error)
    VIEW_BEACONS.labels("unavailable").inc()
    return "Counting is unavailable, try again later.", 503


def redis_available():
    global _redis_down
    if _redis_down:
        _redis_down = False
        logger.info("view beacon: Redis reachable again, views are counted")


@csrf_exempt
@require_POST
def count_view(request):
    """Add one view of a live, public article, once per reader and day; 204 when accepted."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return text_response(*refused("Malformed Content-Length.", 400))
    if length > MAX_BODY_BYTES:
        return text_response(*refused("Beacon too large.", 413))
    page_id = parse_page_id(request.POST.get("page", ""))
    if page_id is None:
        return text_response(*refused("Expected page=<article id>.", 400))
    if is_cross_site(request.META):
        return text_response(*refused("Not from this site.", 403))
    if not live_and_public(ArticlePage.objects.filter(pk=page_id)).exists():
        return text_response(*refused("No such article.", 404))
    address, day, counted = client_address(request), timezone.localdate(), counts(request.META)
    try:
        outcome = counting.count_view(
            address, page_id, day, count=counted, countable_version_key=countable_version_key()
        )
        if outcome is Outcome.UNKNOWN:
            refresh_countable_articles()
        if outcome in (Outcome.UNKNOWN, Outcome.NOT_COUNTABLE):
            counting.count_view(address, page_id, day, count=counted)
        # Every reader's visit that reaches Django comes here: a clock for the trending set.
        trending_set()
    except RedisError as error:
        return text_response(*redis_unavailable(error))
    redis_available()
    VIEW_BEACONS.labels("accepted").inc()
    return HttpResponse(status=204)


def text_response(reason, status):
    response = HttpResponse(reason, status=status, content_type="text/plain")
    if status == 503:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


class BeaconApplication:
    """WSGI middleware that counts well-formed beacons in Redis before Django sees them.

    It only answers what it is sure of, exactly as :func:`count_view` would: a beacon
    from another site (403), of an article that is not countable (404), counted or not
    (204), or arriving while Redis is unreachable (503). Without Redis as the cache, and
    for anything malformed, unusual or unknown, the request goes on to Django unchanged.
    """

    def __init__(self, application):
        self.application = application
        self.path = reverse("editorial:views")

    def __call__(self, environ, start_response):
        if (
            environ.get("REQUEST_METHOD") != "POST"
            or environ.get("PATH_INFO") != self.path
            or counting.redis_client() is None
        ):
            return self.application(environ, start_response)
        try:
            answer = self.answer(environ)
        except RedisError as error:
            answer = redis_unavailable(error)
        if answer is None:
            return self.application(environ, start_response)
        reason, status = answer
        if status == 204:
            start_response("204 No Content", [])
            return []
        body = reason.encode()
        headers = [
            ("Content-Type", "text/plain"),
            ("Content-Length", str(len(body))),
            ("X-Content-Type-Options", "nosniff"),
        ]
        if status == 503:
            headers.append(("Retry-After", str(RETRY_AFTER_SECONDS)))
        start_response(f"{status} {HTTPStatus(status).phrase}", headers)
        return [body]

    def answer(self, environ):
        """``(reason, status)`` for a beacon it can answer, else ``None``; the body it read
        is put back for Django."""
        try:
            length = int(environ.get("CONTENT_LENGTH") or "")
        except ValueError:
            return None
        content_type = environ.get("CONTENT_TYPE", "").split(";")[0].strip().lower()
        if not 0 < length <= MAX_BODY_BYTES or content_type != "application/x-www-form-urlencoded":
            return None
        body = environ["wsgi.input"].read(length)
        environ["wsgi.input"] = io.BytesIO(body)
        try:
            fields = parse_qsl(body.decode("ascii"), strict_parsing=True, max_num_fields=1)
        except ValueError:
            return None
        page_id = parse_page_id(fields[0][1]) if fields and fields[0][0] == "page" else None
        # A host Django refuses gets Django's own 400, logged as Django logs it.
        if page_id is None or not is_allowed_host(environ):
            return None
        if is_cross_site(environ):
            return refused("Not from this site.", 403)
        outcome = counting.count_view(
            environ_client_address(environ),
            page_id,
            count=counts(environ),
            countable_version_key=countable_version_key(),
        )
        redis_available()
        if outcome is Outcome.UNKNOWN:
            return None
        if outcome is Outcome.NOT_COUNTABLE:
            return refused("No such article.", 404)
        VIEW_BEACONS.labels("accepted").inc()
        return "", 204
