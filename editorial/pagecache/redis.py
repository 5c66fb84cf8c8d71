"""Django's Redis cache with one client per connection pool instead of one per call.

Django's ``RedisCacheClient.get_client`` builds a new ``redis.Redis`` for every cache
operation, and each one fills about 170 response callbacks: a page render makes some 20
cache calls, and a cache hit several. A ``redis.Redis`` is safe to share between threads
(it takes a connection from its pool per command), so one per pool is enough.
"""

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient


class ReusedClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients.setdefault(id(pool), self._client(connection_pool=pool))
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient

    def validate_key(self, key):
        """Accept every key: Django warns about keys memcached would refuse, which Redis
        takes, and checking each key of a page's twenty-odd versions costs a hit ~15%."""

    def get_or_add_many(self, data):
        """The value under each key of ``data`` once each missing one is added for good (as
        ``add`` would, never replacing one there), in one round trip: a page that shows ten
        articles no one has read since the cache was emptied made ten."""
        keys = {self.make_and_validate_key(key): key for key in data}
        if not keys:
            return {}
        serializer = self._cache._serializer
        with self._cache.get_client(write=True).pipeline(transaction=False) as pipeline:
            for made, key in keys.items():
                pipeline.set(made, serializer.dumps(data[key]), nx=True)
            pipeline.mget(list(keys))
            values = pipeline.execute()[-1]
        return {
            keys[made]: serializer.loads(value)
            for made, value in zip(keys, values, strict=True)
            if value is not None
        }
