"""Fixtures of the operations tests: a real task worker, and a proxy that records
purges."""

import os
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings as django_settings
from django.db import connection

import pytest

from ..gunicorn_server import database_url
from ..purges import recording_proxy
from ..tasks import DATABASE_TASKS

ROOT = Path(__file__).resolve().parents[2]
MESSAGE_END = "-" * 79 + "\n"


@pytest.fixture
def proxy(settings):
    yield from recording_proxy(settings)


@pytest.fixture
def database_tasks(settings):
    """Tasks wait in the database, as in production, instead of running at once."""
    settings.TASKS = DATABASE_TASKS


class WorkerProcess:
    """``manage.py db_worker`` in a process of its own, on the test database."""

    def __init__(self, mail_dir, log_path, **env):
        self.mail_dir = mail_dir
        self.log = open(log_path, "wb")  # noqa: SIM115 (kept open for the child)
        self.process = subprocess.Popen(  # noqa: S603
            [sys.executable, "manage.py", "db_worker", "--no-reload", "--interval", "0.1"]
            + ["--no-startup-delay"],
            cwd=ROOT,
            env={
                **os.environ,
                "DJANGO_SETTINGS_MODULE": "tests.operations.worker_settings",
                "DATABASE_URL": database_url(connection.settings_dict),
                "MEDIA_ROOT": str(django_settings.MEDIA_ROOT),
                "EMAIL_FILE_PATH": str(mail_dir),
                **env,
            },
            stdout=self.log,
            stderr=self.log,
        )
        self.log_path = log_path

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()

    def mails(self):
        """The mail files the worker has written whole: Django's file backend creates a
        file before writing to it, and ends each message with a line of dashes."""
        texts = (path.read_text() for path in sorted(self.mail_dir.glob("*.log")))
        return [text for text in texts if text.endswith(MESSAGE_END)]

    def wait_for(self, condition, seconds=30):
        """Wait until ``condition()`` is true, failing with the worker's log if not."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if condition():
                return
            assert self.process.poll() is None, self.log_path.read_text()
            time.sleep(0.1)
        pytest.fail(f"the worker did not get there in {seconds} s:\n{self.log_path.read_text()}")


@pytest.fixture
def start_worker(tmp_path, database_tasks):
    """``start_worker(**env)`` starts a worker with these extra environment variables."""
    workers = []

    def start(**env):
        mail_dir = tmp_path / "mail"
        mail_dir.mkdir(exist_ok=True)
        worker = WorkerProcess(mail_dir, tmp_path / f"worker-{len(workers)}.log", **env)
        workers.append(worker)
        return worker

    yield start
    for worker in workers:
        worker.stop()
