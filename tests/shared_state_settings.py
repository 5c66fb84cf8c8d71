"""Test settings with production's shared state, for app servers started by the tests:
Redis as the cache (``REDIS_URL``, under ``CACHE_KEY_PREFIX``), as several app servers
share it."""

import os

from config.settings.test import *  # noqa: F403

CACHES = {
    "default": {
        "BACKEND": "editorial.pagecache.redis.RedisCache",
        "LOCATION": os.environ["REDIS_URL"],
        "KEY_PREFIX": os.environ["CACHE_KEY_PREFIX"],
    }
}
