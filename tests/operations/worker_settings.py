"""Settings of the ``db_worker`` process that the queue tests start: the test settings
with the database task backend, the test process's media folder, and mail written to
files the test reads (``EMAIL_FILE_PATH``)."""

import os
from pathlib import Path

from config.settings.test import *  # noqa: F403

TASKS = {"default": {"BACKEND": "editorial.operations.queue.DatabaseTasks"}}
MEDIA_ROOT = Path(os.environ["MEDIA_ROOT"])
EMAIL_BACKEND = "editorial.operations.mail.QueuedEmailBackend"
EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = os.environ["EMAIL_FILE_PATH"]
