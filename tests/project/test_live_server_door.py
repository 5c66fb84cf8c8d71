"""The live server's door (tests/liveserver.py): no request reaches the app between tests,
and a test ends only once the requests it let in are answered and closed."""

import threading

import pytest

from ..liveserver import Door


class SlowApp:
    def __init__(self):
        self.called = 0
        self.entered = threading.Event()
        self.go_on = threading.Event()

    def __call__(self, environ, start_response):
        self.called += 1
        self.entered.set()
        self.go_on.wait(10)
        start_response("200 OK", [])
        return [b"served"]


def ask(door):
    statuses = []
    response = door({}, lambda status, headers: statuses.append(status))
    body = b"".join(response)
    getattr(response, "close", lambda: None)()
    return statuses[0], body


def test_a_request_between_tests_is_refused_without_reaching_the_app():
    app = SlowApp()
    app.go_on.set()
    door = Door(app)
    assert ask(door)[0].startswith("503")
    door.open()
    assert ask(door) == ("200 OK", b"served")
    door.shut()
    assert ask(door)[0].startswith("503")
    assert app.called == 1


def test_shutting_waits_until_the_response_inside_is_closed():
    app = SlowApp()
    door = Door(app)
    door.open()
    served = []
    request = threading.Thread(target=lambda: served.append(door({}, lambda *args: None)))
    request.start()
    assert app.entered.wait(10)
    with pytest.raises(TimeoutError):
        door.shut(timeout=0.2)
    app.go_on.set()
    request.join(10)
    with pytest.raises(TimeoutError):
        door.shut(timeout=0.2)
    served[0].close()
    door.shut(timeout=1)
