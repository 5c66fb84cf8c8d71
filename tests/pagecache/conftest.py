"""Fixtures that the page-cache tests share."""

import pytest
import redis

from ..purges import recording_proxy


@pytest.fixture
def proxy(settings):
    yield from recording_proxy(settings)


class CountingConnectionPool(redis.ConnectionPool):
    """A real connection pool that counts how often a command takes a connection: once
    per round trip to Redis, whatever the command."""

    round_trips = 0

    def get_connection(self, *args, **kwargs):
        CountingConnectionPool.round_trips += 1
        return super().get_connection(*args, **kwargs)


@pytest.fixture
def redis_round_trips(redis_cache, settings):
    """Redis as the cache, through a pool that counts round trips (``round_trips``)."""
    settings.CACHES = {
        "default": {
            **settings.CACHES["default"],
            "OPTIONS": {"pool_class": f"{__name__}.CountingConnectionPool"},
        }
    }
    return CountingConnectionPool
