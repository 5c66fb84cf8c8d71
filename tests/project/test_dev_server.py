"""The development server's log: one line per request, and its start-up lines once."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MISSING = "/static/editorial/no-such-file.css"
PRESENT = "/static/editorial/css/site.css"
WATCHING = "Watching for file changes"
READY = "Quit the server with"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def status_of(url):
    """The status of ``url``, its body read to the end as a browser does: the server logs a
    request once it has sent all of it, and not if the client hangs up first."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - our own server
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        error.read()
        return error.code


@pytest.fixture
def dev_server_log(tmp_path):
    """Run ``manage.py runserver`` (with its autoreloader) as ``make demo`` does, request
    a missing and a present static file, stop it once it has logged them (and a second
    more for any repeat) and return everything it printed."""
    port = free_port()
    log = tmp_path / "runserver.log"
    environment = {
        key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"
    }
    environment["DATABASE_URL"] = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    server = subprocess.Popen(  # noqa: S603
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=environment,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        # Requests as a developer sends them: once the server says it is ready.
        while READY not in log.read_text():
            assert time.monotonic() < deadline and server.poll() is None, log.read_text()
            time.sleep(0.2)
        assert status_of(base + PRESENT) == 200
        assert status_of(base + MISSING) == 404
        while not all(text in log.read_text() for text in (PRESENT, MISSING, WATCHING)):
            assert time.monotonic() < deadline, log.read_text()
            time.sleep(0.2)
        time.sleep(1)
    finally:
        os.killpg(server.pid, signal.SIGINT)
        server.wait(timeout=30)
    return log.read_text().splitlines()


def test_each_request_is_logged_once_and_the_reloader_speaks_once(dev_server_log):
    assert len([line for line in dev_server_log if MISSING in line]) == 1, dev_server_log
    assert len([line for line in dev_server_log if PRESENT in line]) == 1, dev_server_log
    assert len([line for line in dev_server_log if WATCHING in line]) == 1
