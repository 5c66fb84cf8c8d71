"""A caching proxy for the page cache to purge: a real HTTP server that records PURGEs."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


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
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_port}",
        }
    }
    yield server
    server.shutdown()
    server.server_close()
