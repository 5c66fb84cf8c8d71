"""Counting views: who is one reader, and where a count waits before the database.

A reader is an address narrowed to what one subscriber controls (an IPv4 address, an
IPv6 /64), whatever browser it announces: rotating the user agent buys nothing. The
network around it (IPv4 /24, IPv6 /48) counts at most ``VIEW_CAP_PER_NETWORK`` readers
per article and day, so that rotating addresses inside one network buys little more.
Both are remembered for a day as keyed hashes whose key (the day's salt) is random and
forgotten with the day: nothing stored identifies a reader, even to whoever holds the
``SECRET_KEY``.

With Redis as the cache (``REDIS_URL``) a view is counted in Redis in one round trip and
:func:`flush_view_counts` moves the counts into ``ArticleDailyViews``, each exactly once
however flushes overlap or fail; without it (the SQLite demo) a view goes straight to the
database with the same upsert.
"""

import enum
import hashlib
import hmac
import ipaddress
import logging
import secrets
import uuid
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache
from django.db import transaction
from django.utils import timezone

from .metrics import VIEWS_COUNTED
from .models import ArticleDailyViews, FlushedViewBatch

# Longer than the rest of any day: the keys hold the day's salt's hashes only.
SEEN_SECONDS = 24 * 60 * 60
SALT_SECONDS = 2 * SEEN_SECONDS
# Batch records guard against applying a batch twice after a flush died between the
# database commit and the Redis cleanup; the next flush, a minute later, cleans up.
BATCH_RECORD_DAYS = 7

PENDING_KEY = "views:pending"
BATCHES_KEY = "views:batches"
COUNTABLE_KEY = "views:countable"
COUNTABLE_MARKER = "version:"

logger = logging.getLogger(__name__)


class Outcome(enum.Enum):
    COUNTED = "counted"
    NOT_COUNTED = "not counted"  # a repeat reader, a full network, a bot, no address
    NOT_COUNTABLE = "not countable"  # no live, public article has this id
    UNKNOWN = "unknown"  # the countable articles are not in Redis: ask the database


# The beacon's one round trip: is the article countable (KEYS[4] holds the version the
# countable set must carry, ARGV[4] the article), is this reader new today (KEYS[1]), is
# its network under its cap (KEYS[2]); if so add one to the article's pending count
# (KEYS[3], field ARGV[3]). ARGV[5] is 1 to count, 0 only to check.
COUNT_SCRIPT = """
if KEYS[4] ~= '' then
    local version = redis.call('GET', KEYS[4])
    if not version or redis.call('SISMEMBER', KEYS[5], 'version:' .. version) == 0 then
        return 'unknown'
    end
    if redis.call('SISMEMBER', KEYS[5], ARGV[4]) == 0 then
        return 'not countable'
    end
end
if ARGV[5] == '0' or not redis.call('SET', KEYS[1], '1', 'NX', 'EX', ARGV[1]) then
    return 'not counted'
end
local readers = redis.call('INCR', KEYS[2])
if readers == 1 then
    redis.call('EXPIRE', KEYS[2], ARGV[1])
end
if readers > tonumber(ARGV[2]) then
    return 'not counted'
end
redis.call('HINCRBY', KEYS[3], ARGV[3], 1)
return 'counted'
"""

# The flush's handoff: the pending counts become a batch of their own under a new name in
# one atomic step, so views counted meanwhile start a new pending hash, and two flushes
# can never take the same counts. Returns every batch not yet cleaned up.
HANDOFF_SCRIPT = """
if redis.call('EXISTS', KEYS[1]) == 1 then
    redis.call('RENAME', KEYS[1], KEYS[3])
    redis.call('SADD', KEYS[2], ARGV[1])
end
return redis.call('SMEMBERS', KEYS[2])
"""


def redis_client():
    """The default cache's Redis client, or ``None`` when the cache is not Redis."""
    backend = caches["default"]
    if isinstance(backend, RedisCache):
        return backend._cache.get_client(write=True)
    return None


def key(name):
    """``name`` under the cache's own prefix, as Django's cache would store it."""
    return cache.make_key(name)


def reader_and_network(address):
    """``(reader, network)`` as text for a client address, or ``None`` if it is none."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return None
    if ip.version == 6 and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    if ip.version == 4:
        return str(ip), str(ipaddress.ip_network(f"{ip}/24", strict=False))
    return (
        str(ipaddress.ip_network(f"{ip}/64", strict=False)),
        str(ipaddress.ip_network(f"{ip}/48", strict=False)),
    )


_salts = {}


def daily_salt(day):
    """The day's random key, shared by every process through the cache and gone after
    two days; each process remembers today's."""
    salt = _salts.get(day)
    if salt is None:
        name = f"views:salt:{day.isoformat()}"
        salt = cache.get_or_set(name, secrets.token_hex(32), SALT_SECONDS)
        _salts.clear()
        _salts[day] = salt
    return salt


def seen_keys(address, article_id, day):
    """The cache keys of a reader and of its network for one article and day, or ``None``
    for a client without an address."""
    parts = reader_and_network(address)
    if parts is None:
        return None
    salt = daily_salt(day).encode()

    def digest(kind, value):
        message = f"{kind}\n{value}\n{article_id}".encode()
        return hmac.new(salt, message, hashlib.sha256).hexdigest()[:32]

    reader, network = parts
    return f"views:seen:{digest('reader', reader)}", f"views:network:{digest('network', network)}"


def count_view(address, article_id, day=None, *, count=True, countable_version_key=None):
    """Count one view of ``article_id`` by the reader at ``address``.

    ``count=False`` only checks. With ``countable_version_key`` (Redis only) the article
    must be in the countable set stored for the version that key holds, which makes the
    answer ``NOT_COUNTABLE`` or, without such a set, ``UNKNOWN``; without it the caller
    has checked the article.
    """
    day = day or timezone.localdate()
    keys = seen_keys(address, article_id, day)
    client = redis_client()
    if client is None:
        return count_in_database(keys, article_id, day) if count else Outcome.NOT_COUNTED
    reader, network = keys or ("", "")
    result = script(client, COUNT_SCRIPT)(
        keys=[
            key(reader),
            key(network),
            key(PENDING_KEY),
            countable_version_key or "",
            key(COUNTABLE_KEY),
        ],
        args=[
            SEEN_SECONDS,
            settings.VIEW_CAP_PER_NETWORK,
            f"{article_id}:{day.isoformat()}",
            article_id,
            1 if count and keys else 0,
        ],
    )
    return Outcome(result.decode())


_scripts = {}


def script(client, source):
    """``source`` registered with ``client``: later calls send its hash, not its text."""
    registered = _scripts.get((id(client), source))
    if registered is None:
        registered = _scripts.setdefault((id(client), source), client.register_script(source))
    return registered


def count_in_database(keys, article_id, day):
    """Without Redis: the same rules through the cache, and the upsert at once."""
    if keys is None:
        return Outcome.NOT_COUNTED
    reader, network = keys
    if not cache.add(reader, True, SEEN_SECONDS):
        return Outcome.NOT_COUNTED
    cache.add(network, 0, SEEN_SECONDS)
    if cache.incr(network) > settings.VIEW_CAP_PER_NETWORK:
        return Outcome.NOT_COUNTED
    ArticleDailyViews.add({(article_id, day): 1})
    VIEWS_COUNTED.inc()
    return Outcome.COUNTED


def store_countable_articles(ids, version):
    """Keep ``ids`` in Redis as the articles a beacon may count while the visibility of
    articles is at ``version``; replaced whole, in one step."""
    client = redis_client()
    if client is None:
        return
    building = key(f"{COUNTABLE_KEY}:building:{uuid.uuid4().hex}")
    members = [f"{COUNTABLE_MARKER}{version}", *map(str, ids)]
    pipe = client.pipeline(transaction=False)
    for start in range(0, len(members), 1000):
        pipe.sadd(building, *members[start : start + 1000])
    pipe.expire(building, SEEN_SECONDS)
    pipe.rename(building, key(COUNTABLE_KEY))
    pipe.execute()


@dataclass
class FlushSummary:
    batches: int = 0
    views: int = 0
    rows: int = 0
    dropped: int = 0  # views of articles deleted since they were counted
    already_applied: int = 0


def flush_view_counts():
    """Move every view waiting in Redis into ``ArticleDailyViews``, each exactly once.

    The pending counts are handed off to a batch with a new id in one atomic step; a
    batch is applied in one transaction that records its id, and removed from Redis
    after the commit. A flush that dies before the commit leaves the batch for the next
    one; after it, the record makes the next one only clean up. Two flushes at once
    take different counts, and at most one of them applies a leftover batch: the
    second waits on the first one's record and then finds it. Safe to run at any time;
    without Redis there is nothing to flush.
    """
    summary = FlushSummary()
    client = redis_client()
    if client is None:
        return summary
    for batch_id in hand_off(client):
        store_batch(client, batch_id, summary)
        drop_batch(client, batch_id)
    FlushedViewBatch.objects.filter(
        flushed_at__lt=timezone.now() - timedelta(days=BATCH_RECORD_DAYS)
    ).delete()
    VIEWS_COUNTED.inc(summary.views)
    if summary.batches:
        logger.info(
            "view counts flushed: %d views in %d rows from %d batches",
            summary.views,
            summary.rows,
            summary.batches,
        )
    return summary


def hand_off(client):
    """Make the pending counts a new batch; the ids of every batch waiting to be stored."""
    batch_id = uuid.uuid4().hex
    waiting = script(client, HANDOFF_SCRIPT)(
        keys=[key(PENDING_KEY), key(BATCHES_KEY), key(batch_key(batch_id))], args=[batch_id]
    )
    return sorted(value.decode() for value in waiting)


def batch_key(batch_id):
    return f"views:batch:{batch_id}"


def store_batch(client, batch_id, summary):
    """Add a batch's counts to the database in one transaction that records its id,
    unless a flush did so before."""
    counts = {}
    for field, value in client.hgetall(key(batch_key(batch_id))).items():
        article_id, day = field.decode().split(":")
        counts[(int(article_id), date.fromisoformat(day))] = int(value)
    with transaction.atomic():
        _, created = FlushedViewBatch.objects.get_or_create(batch=batch_id)
        if not created:
            summary.already_applied += 1
            return
        articles = ArticleDailyViews._meta.get_field("article").related_model
        existing = set(
            articles.objects.filter(pk__in={article for article, _ in counts}).values_list(
                "pk", flat=True
            )
        )
        kept = {row: views for row, views in counts.items() if row[0] in existing}
        ArticleDailyViews.add(kept)
    summary.batches += 1
    summary.views += sum(kept.values())
    summary.rows += len(kept)
    summary.dropped += sum(counts.values()) - sum(kept.values())


def drop_batch(client, batch_id):
    pipe = client.pipeline(transaction=True)
    pipe.delete(key(batch_key(batch_id)))
    pipe.srem(key(BATCHES_KEY), batch_id)
    pipe.execute()
