"""Prometheus metrics for operators, at ``/metrics``.

Counters kept by the processes that serve (requests here, the page cache's in
``pagecache.metrics``, the beacon's in ``readership.metrics``), in multiprocess mode under
gunicorn: with ``PROMETHEUS_MULTIPROC_DIR`` set, every worker writes its own files there
and a scrape adds them up (``config/gunicorn.py`` clears the folder at start and forgets
a dead worker's gauges). What the database knows (the task queue, scheduled publishing's
lag, heartbeats) is read when scraped, so every server reports the same.
"""

import os

from django.db.models import Count, Min
from django.utils import timezone

from wagtail.models import Revision

from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from prometheus_client import (
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily

from .jobs import JOBS
from .models import Heartbeat
from .tasks import WORKER, uses_worker

REQUESTS = Counter(
    "editorial_http_requests",
    "Requests answered, by view, method and status class.",
    ["view", "method", "status"],
)
LATENCY = Histogram(
    "editorial_http_request_duration_seconds",
    "Time to answer a request, by view.",
    ["view"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)


class DatabaseCollector:
    """The task queue, scheduled publishing and heartbeats, read at each scrape."""

    def collect(self):
        now = timezone.now()
        if uses_worker():
            yield from self.task_metrics(now)
        overdue = Revision.objects.filter(approved_go_live_at__lte=now).aggregate(
            oldest=Min("approved_go_live_at")
        )["oldest"]
        yield GaugeMetricFamily(
            "editorial_scheduled_publishing_lag_seconds",
            "How long the oldest revision due to go live has waited for scheduled publishing.",
            value=(now - overdue).total_seconds() if overdue else 0,
        )
        beats = GaugeMetricFamily(
            "editorial_last_success_timestamp_seconds",
            "When each periodic job, and the task worker, last succeeded (Unix time).",
            labels=["job"],
        )
        for name, last in Heartbeat.last_successes([*(j.name for j in JOBS), WORKER]).items():
            if last is not None:
                beats.add_metric([name], last.timestamp())
        yield beats

    def task_metrics(self, now):
        by_status = dict(
            DBTaskResult.objects.values_list("status").annotate(count=Count("pk")).order_by()
        )
        ready = DBTaskResult.objects.ready()
        yield GaugeMetricFamily(
            "editorial_task_queue_depth",
            "Background tasks due to run and waiting for a worker.",
            value=ready.count(),
        )
        oldest = ready.aggregate(oldest=Min("enqueued_at"))["oldest"]
        yield GaugeMetricFamily(
            "editorial_task_queue_oldest_seconds",
            "How long the oldest task due to run has waited since it was queued.",
            value=(now - oldest).total_seconds() if oldest else 0,
        )
        states = GaugeMetricFamily(
            "editorial_tasks", "Background tasks kept in the database, by state.", labels=["state"]
        )
        for status in TaskResultStatus:
            states.add_metric([status.value.lower()], by_status.get(status.value, 0))
        yield states


def exposition():
    """The metrics of every process of this server, in Prometheus' text format."""
    registry = CollectorRegistry()
    registry.register(DatabaseCollector())
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        multiprocess.MultiProcessCollector(registry)
        return generate_latest(registry)
    return generate_latest(REGISTRY) + generate_latest(registry)
