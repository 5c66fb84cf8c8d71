"""The task queue in tests: the database backend instead of the immediate one, and its
tasks run in the test's own process and transaction, as ``db_worker`` runs them."""

from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

DATABASE_TASKS = {"default": {"BACKEND": "editorial.operations.queue.DatabaseTasks"}}
WORKER_ID = "test-worker"
# EMAIL_DELIVERY_BACKEND for a mail server that refuses every message.
BROKEN_MAIL_SERVER = "tests.tasks.BrokenMailServer"


class BrokenMailServer:
    def __init__(self, **kwargs):
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        return False

    def send_messages(self, messages):
        raise ConnectionRefusedError("the mail server refused the connection")


def run_queued_tasks(most=100):
    """Run every task that is due, oldest first, including those they queue; how many."""
    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=WORKER_ID,
        excluded_queue_names=[],
    )
    ran = 0
    while (result := DBTaskResult.objects.ready().first()) is not None:
        assert ran < most, "tasks keep queueing tasks"
        result.claim(WORKER_ID)
        worker.run_task(result)
        ran += 1
    return ran
