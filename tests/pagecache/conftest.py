"""Fixtures that the page-cache tests share."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import redis


class PurgeRecorder(BaseHTTPRequestHandler):
    """Answers PURGE like Varnish does and remembers the absolute URL purged."""

    def do_PURGE(self):  # noqa: N802 (the HTTP method's name)
        self.server.purged.add(f"http://{self.headers['Host']}{self.path}")
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def proxy(settings):
    server = ThreadingHTTPServer(("127.0.0.1", 0), PurgeRecorder)
    server.purged = set()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "editorial.pagecache.purging.PurgingHTTPBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_port}",
        }
    }
    yield server
    server.shutdown()
    server.server_close()


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
