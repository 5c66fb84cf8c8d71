"""The task queue as operations see it: whether a worker runs the tasks, and its heartbeat,
a task that ``run_periodic`` queues on every run."""

from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task, task_backends
from django_tasks_db import DatabaseBackend

from .models import Heartbeat

WORKER = "worker"


@task()
def record_worker_heartbeat():
    """Proves that a worker takes tasks from the queue: readiness reports the worker as
    late when this has not run for ``WORKER_MAX_DELAY_MINUTES``."""
    Heartbeat.record_success(WORKER)


def uses_worker():
    """Whether tasks wait in the database for ``manage.py db_worker``; the immediate backend
    (tests) runs them at once, inside the request."""
    return isinstance(task_backends[DEFAULT_TASK_BACKEND_ALIAS], DatabaseBackend)
