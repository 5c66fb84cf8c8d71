"""Test settings: only speed changes, behaviour stays as in production."""

import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import env_int

SECRET_KEY = "test-only-key-0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tasks run at once, inside the request; tests of the queue and the worker switch to the
# database backend (tests/operations).
TASKS = {"default": {"BACKEND": "editorial.operations.queue.ImmediateTasks"}}
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "editorial-tests",
        # Never cull: a test that counts hits or purges must not lose entries to the
        # default limit of 300, which a dozen pages with their index already exceed.
        "OPTIONS": {"MAX_ENTRIES": 1_000_000},
    }
}
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
# Uploads of each test process (pytest-xdist runs several) stay apart and go at its end.
MEDIA_ROOT = BASE_DIR / ".test-media" / str(os.getpid())  # noqa: F405
# New connections per request, unless a script (bench/pg_restart.py) asks for production's.
DATABASES["default"]["CONN_MAX_AGE"] = env_int("CONN_MAX_AGE", 0)  # noqa: F405
# Serve static files straight from the apps, as runserver does: no collectstatic in tests.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not Django's shared in-memory database: there a live server's request that
    # meets another's write (an autosave beside a click) fails at once with "database
    # table is locked", where the file, as the product's own SQLite does, waits its turn.
    # WAL lets reads go on beside the write; a test database need not survive a crash.
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": str(Path(tempfile.gettempdir()) / f"editorial-test-{os.getpid()}.sqlite3")
    }
    DATABASES["default"]["OPTIONS"] = {  # noqa: F405
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF;",
        "timeout": 20,
    }
