"""Cross-process locks for jobs that must not run twice at once."""

import zlib
from contextlib import contextmanager

from django.db import connection


def job_lock_key(name):
    return zlib.crc32(f"editorial:{name}".encode())


@contextmanager
def exclusive_job(name):
    """Yield whether this process may run ``name``; only one may at a time.

    On PostgreSQL this is a session advisory lock, so it holds across gunicorn workers,
    timers and machines sharing the database, and is released if the process dies.
    SQLite serves a single development process and needs no lock.
    """
    if connection.vendor != "postgresql":
        yield True
        return
    key = job_lock_key(name)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [key])
        acquired = cursor.fetchone()[0]
    try:
        yield acquired
    finally:
        if acquired:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [key])
