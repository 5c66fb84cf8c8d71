"""A door in front of the live server, open only while a test that uses it runs.

A browser keeps talking after its test ends: a closing page sends beacons (Wagtail's
editing-session release) that can reach the server while pytest-django empties the database
for the next test, or blocks database access between tests. Such a request deadlocks the
emptying or fails the next test's setup. So each test opens the door as it starts; at its
end the door shuts, the requests already inside are waited for, and what arrives later is
answered 503 without touching the database.
"""

import threading


class Door:
    def __init__(self, app):
        self.app = app
        self.is_open = False
        self.inside = 0
        self.changed = threading.Condition()

    def __call__(self, environ, start_response):
        with self.changed:
            if not self.is_open:
                start_response("503 Service Unavailable", [("Content-Type", "text/plain")])
                return [b"No test is running.\n"]
            self.inside += 1
        try:
            return Served(self.app(environ, start_response), self.left)
        except BaseException:
            self.left()
            raise

    def left(self):
        with self.changed:
            self.inside -= 1
            self.changed.notify_all()

    def open(self):
        with self.changed:
            self.is_open = True

    def shut(self, timeout=60):
        """Let no request in, and wait for those inside to be answered and closed."""
        with self.changed:
            self.is_open = False
            if not self.changed.wait_for(lambda: self.inside == 0, timeout):
                raise TimeoutError(f"{self.inside} live-server requests still running")


class Served:
    """A response that counts as inside until the server closes it: Django's
    request_finished handlers, which use the database, run on that close."""

    def __init__(self, response, on_close):
        self.response = response
        self.on_close = on_close

    def __iter__(self):
        return iter(self.response)

    def close(self):
        try:
            close = getattr(self.response, "close", None)
            if close is not None:
                close()
        finally:
            self.on_close()
