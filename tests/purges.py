"""A caching proxy stand-in for the tests that follow purges: it answers PURGE as Varnish
does, or with a 503 while ``down``, and remembers each absolute URL purged."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class PurgeRecorder(BaseHTTPRequestHandler):
    def do_PURGE(self):  # noqa: N802 (the HTTP method's name)
        self.server.attempts += 1
        if self.server.down:
            self.send_response(503)
        else:
            self.server.purged.add(f"http://{self.headers['Host']}{self.path}")
            self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


def recording_proxy(settings):
    """Start the stand-in and point Wagtail's frontend cache at it; a generator for a
    fixture to yield from, which stops the server afterwards."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), PurgeRecorder)
    server.purged, server.attempts, server.down = set(), 0, False
    server.url = f"http://127.0.0.1:{server.server_port}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "editorial.pagecache.purging.PurgingHTTPBackend",
            "LOCATION": server.url,
        }
    }
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
