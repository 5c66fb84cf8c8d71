"""Periodic jobs: ``manage.py run_periodic``, started every minute by a timer, runs each
job that is due and records its heartbeat, so that readiness and the dashboard can tell
when one has stopped."""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from editorial.management.locks import exclusive_job

from .models import Heartbeat

# A timer firing every minute finds a one-minute job due although its last run ended a
# moment less than a minute ago.
TIMER_SLACK = timedelta(seconds=10)

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    name: str
    every: timedelta
    run: Callable[[], object]

    def is_due(self, last_success, now):
        return last_success is None or now - last_success > self.every - TIMER_SLACK


@dataclass(frozen=True)
class Outcome:
    job: Job
    state: str  # "done", "failed" or "skipped"
    seconds: float = 0.0
    error: str = ""


def due_jobs(jobs, now=None):
    now = now or timezone.now()
    last = Heartbeat.last_successes([job.name for job in jobs])
    return [job for job in jobs if job.is_due(last[job.name], now)]


def run_job(job):
    """Run ``job`` unless another process is running it; record its success or failure."""
    with exclusive_job(f"periodic:{job.name}") as acquired:
        if not acquired:
            logger.warning("periodic job %s skipped: another run holds it", job.name)
            return Outcome(job, "skipped")
        started = timezone.now()
        try:
            job.run()
        except Exception as error:
            logger.exception("periodic job %s failed", job.name)
            Heartbeat.record_failure(job.name, error)
            return Outcome(job, "failed", error=f"{type(error).__name__}: {error}")
        seconds = (timezone.now() - started).total_seconds()
        Heartbeat.record_success(job.name)
        logger.info("periodic job %s done in %.1f s", job.name, seconds)
        return Outcome(job, "done", seconds)
