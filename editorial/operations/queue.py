"""The task backends: Wagtail's index refreshes queued once per transaction, after it commits.

Wagtail queues a search and a reference index update on every save, and creating or
publishing an article saves it two or three times in one transaction: the worker (the
tests, inline) refreshed the same page that many times, when each refresh reads the object
as it stands when it runs.
"""

from django.db import transaction

from django_tasks.backends.immediate import ImmediateBackend
from django_tasks_db import DatabaseBackend

REFRESHES = frozenset(
    {"modelsearch.tasks.insert_or_update_object_task", "wagtail.tasks.update_reference_index_task"}
)


class RefreshesOncePerTransaction:
    """Queues a refresh asked for in a transaction once, after the commit.

    A refresh asked for again is left out while the first is still due to run with the
    commit. That is safe with savepoints: the first is dropped only by rolling back a
    savepoint it was asked for in; one since released can no longer roll back, and one
    still open encloses the second too. Other tasks, and refreshes asked for outside a
    transaction, are queued at once.
    """

    def enqueue(self, task, args, kwargs):
        connection = transaction.get_connection()
        if task.module_path not in REFRESHES or not connection.in_atomic_block:
            return super().enqueue(task, args, kwargs)
        key = (task.module_path, task.queue_name, repr(args), repr(sorted(kwargs.items())))
        waiting = connection.run_on_commit
        due = (getattr(callback, "refresh_key", None) for _, callback, _ in waiting)
        if key not in due:
            enqueue = super().enqueue

            def refresh():
                enqueue(task, args, kwargs)

            refresh.refresh_key = key
            # Robust: a refresh that cannot be queued must not fail what has been committed.
            transaction.on_commit(refresh, robust=True)
        # Wagtail ignores what enqueue returns; nothing is queued yet to report on.
        return None


class DatabaseTasks(RefreshesOncePerTransaction, DatabaseBackend):
    """Tasks kept in the database for ``manage.py db_worker``."""


class ImmediateTasks(RefreshesOncePerTransaction, ImmediateBackend):
    """Tasks run at once, in the process that queues them (the tests)."""
