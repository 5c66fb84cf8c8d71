"""A real gunicorn, several workers, serving this project against a given database.

Used by the concurrency test and by ``bench/pg_restart.py``; both need requests to go
through separate worker processes, as in production, not through Django's test client.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent


def database_url(settings_dict):
    """A DATABASE_URL for the database that Django's ``settings_dict`` points at."""
    user = quote(settings_dict["USER"] or "")
    password = f":{quote(settings_dict['PASSWORD'])}" if settings_dict["PASSWORD"] else ""
    host = settings_dict["HOST"] or "localhost"
    port = settings_dict["PORT"] or 5432
    return f"postgres://{user}{password}@{host}:{port}/{quote(settings_dict['NAME'])}"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class GunicornServer:
    """``with GunicornServer(url, workers=3) as server:`` serves at ``server.url``.

    Test settings (their fixed secret key, no HTTPS redirect) with the database given;
    the access log goes nowhere so that load does not flood the output; ``output`` is a
    file for gunicorn's own output and error log. Further keyword arguments are
    environment variables (``CONN_MAX_AGE="60"``).
    """

    def __init__(self, database_url, workers=3, timeout=10, output=None, **extra_env):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.workers = workers
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "DATABASE_URL": database_url,
            "GUNICORN_BIND": f"127.0.0.1:{self.port}",
            "WEB_CONCURRENCY": str(workers),
            "GUNICORN_TIMEOUT": str(timeout),
            "GUNICORN_ACCESS_LOG": os.devnull,
            **extra_env,
        }
        self.env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        self.output = output
        self.process = None

    def __enter__(self):
        command = [sys.executable, "-m", "gunicorn", "-c", "config/gunicorn.py", "config.wsgi"]
        self.process = subprocess.Popen(  # noqa: S603
            command, cwd=ROOT, env=self.env, stdout=self.output, stderr=self.output
        )
        self.wait_until_serving()
        return self

    def __exit__(self, *exc_info):
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def worker_pids(self):
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()]

    def wait_until_serving(self, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with status {self.process.returncode}")
            try:
                with urllib.request.urlopen(self.url + "/robots.txt", timeout=5):  # noqa: S310
                    if len(self.worker_pids()) == self.workers:
                        return
            # Refused, or slow to answer while the workers start on a busy machine.
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not answer within {timeout}s")
