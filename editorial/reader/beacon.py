"""The view-counting beacon: what the article page's script posts to after it loads.

Pages may be served from a cache, so counting happens here, in a request of its own. The
endpoint only ever adds one to a counter, which is why it can go without a CSRF token:
a forged request achieves no more than a reader opening the article.
"""

import hashlib
import hmac
import logging
import re

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from editorial.content.models import ArticlePage
from editorial.content.queries import live_and_public
from editorial.content.trending import trending_set
from editorial.readership.metrics import VIEW_BEACONS, VIEWS_COUNTED
from editorial.readership.models import ArticleDailyViews
from editorial.roles import client_address

# "page=<id>" is all a beacon carries; anything larger is not ours.
MAX_BODY_BYTES = 200
MAX_PAGE_ID = 2**31 - 1
# Crawlers, link previewers, monitors and scripted clients that announce themselves.
BOT_USER_AGENT = re.compile(
    r"bot|crawl|spider|slurp|archiver|fetch|scan|monitor|preview|headless|lighthouse|"
    r"pingdom|facebookexternalhit|embedly|python|curl|wget|httpclient|okhttp|java/|go-http",
    re.IGNORECASE,
)
# Long enough to cover the rest of the day the key is for.
SEEN_SECONDS = 24 * 60 * 60

logger = logging.getLogger(__name__)


def is_bot(user_agent):
    return not user_agent or bool(BOT_USER_AGENT.search(user_agent))


def reader_key(request, page_id, day):
    """A keyed hash of address, browser, day and article: it recognises a reader's second
    beacon of the day without keeping who they are, and is forgotten after a day."""
    message = "\n".join(
        [
            client_address(request),
            request.META.get("HTTP_USER_AGENT", ""),
            day.isoformat(),
            str(page_id),
        ]
    )
    digest = hmac.new(settings.SECRET_KEY.encode(), message.encode(), hashlib.sha256)
    return f"editorial:seen:{digest.hexdigest()}"


def parse_page_id(request):
    """The article id of a well-formed beacon, else ``None``."""
    value = request.POST.get("page", "")
    if not value.isascii() or not value.isdigit() or len(value) > 10:
        return None
    page_id = int(value)
    return page_id if 0 < page_id <= MAX_PAGE_ID else None


def refused(reason, status):
    """The answer to a beacon that counts nothing; every article view sends one, so the
    log line is DEBUG only. The text is for the script and whoever debugs it, untranslated."""
    logger.debug("view beacon refused (%s): %s", status, reason)
    VIEW_BEACONS.labels("refused").inc()
    return HttpResponse(reason, status=status, content_type="text/plain")


@csrf_exempt
@require_POST
def count_view(request):
    """Add one view of a live, public article, once per reader and day; 204 when accepted."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return refused("Malformed Content-Length.", 400)
    if length > MAX_BODY_BYTES:
        return refused("Beacon too large.", 413)
    page_id = parse_page_id(request)
    if page_id is None:
        return refused("Expected page=<article id>.", 400)
    if not live_and_public(ArticlePage.objects.filter(pk=page_id)).exists():
        return refused("No such article.", 404)
    day = timezone.localdate()
    if not is_bot(request.META.get("HTTP_USER_AGENT", "")) and cache.add(
        reader_key(request, page_id, day), True, SEEN_SECONDS
    ):
        ArticleDailyViews.record(page_id, day)
        VIEWS_COUNTED.inc()
    VIEW_BEACONS.labels("accepted").inc()
    # Every reader's visit comes here, cached page or not: the trending set's clock.
    trending_set()
    return HttpResponse(status=204)
