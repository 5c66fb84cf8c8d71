"""A failed task runs again later, each time after twice the delay, before it is left
failed for administrators to see (Reports → Background tasks).

django-tasks has no retries of its own. The task's row goes back to the queue with a later
``run_after``, so the attempts are counted by the workers that claimed it and the row
ends failed only after the last one.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.dispatch import receiver
from django.utils import timezone

from django_tasks import TaskResultStatus
from django_tasks.signals import task_finished
from django_tasks_db import DatabaseBackend
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)


def retry_delay(attempts):
    return timedelta(seconds=settings.TASK_RETRY_SECONDS * 2 ** (attempts - 1))


@receiver(task_finished, dispatch_uid="editorial_retry_failed_task")
def retry_failed_task(sender, task_result, **kwargs):
    """Queue a failed task again unless it has had all its attempts. Tasks the immediate
    backend runs inside a request (tests) are not retried: nothing waits for them."""
    if task_result.status != TaskResultStatus.FAILED or not issubclass(sender, DatabaseBackend):
        return
    attempts = len(task_result.worker_ids)
    name = task_result.task.name
    if attempts >= settings.TASK_MAX_ATTEMPTS:
        logger.error("task %s %s failed for good after %d attempts", name, task_result.id, attempts)
        return
    delay = retry_delay(attempts)
    DBTaskResult.objects.filter(pk=task_result.id, status=TaskResultStatus.FAILED).update(
        status=TaskResultStatus.READY, run_after=timezone.now() + delay, finished_at=None
    )
    logger.warning(
        "task %s %s failed (attempt %d of %d); next attempt in %d s",
        name,
        task_result.id,
        attempts,
        settings.TASK_MAX_ATTEMPTS,
        delay.total_seconds(),
    )
