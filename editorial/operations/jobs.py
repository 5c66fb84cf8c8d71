"""The periodic jobs, by name; ``run_periodic`` runs each once its interval has passed.

A job is any function taking no argument; add one with a line in ``JOBS``.
"""

import io
from datetime import timedelta

from django.core.management import call_command

from editorial.content.trending import refresh_trending

from .periodic import Job
from .tasks import record_worker_heartbeat, uses_worker

# Scheduled publishing, and the heartbeat readiness and the dashboard read.
PUBLISH_SCHEDULED = "publish_scheduled"
# Finished tasks are kept this long for the Background tasks report, failed ones longer.
TASK_RESULT_DAYS = 14
FAILED_TASK_RESULT_DAYS = 30


def publish_scheduled():
    call_command(PUBLISH_SCHEDULED, stdout=io.StringIO())


def prune_task_results():
    if uses_worker():
        call_command(
            "prune_db_task_results",
            queue_name="*",
            min_age_days=TASK_RESULT_DAYS,
            failed_min_age_days=FAILED_TASK_RESULT_DAYS,
            verbosity=0,
        )


JOBS = (
    Job(PUBLISH_SCHEDULED, timedelta(minutes=1), publish_scheduled),
    Job("refresh_trending", timedelta(minutes=1), refresh_trending),
    Job("worker_heartbeat", timedelta(minutes=1), record_worker_heartbeat.enqueue),
    Job("prune_task_results", timedelta(days=1), prune_task_results),
)
