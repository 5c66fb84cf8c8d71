"""Liveness and readiness, for load balancers, probes and people.

``/healthz/`` says the process answers, with no query. ``/readyz/`` checks what serving
needs (the database and the cache: either failing makes it a 503) and reports what
background work needs (the worker and the scheduler: late is reported, not a 503, since
a stopped timer must not take every app server out of the load balancer). No check says
more than its state and an age: no error text, host, secret or version.
"""

import logging
import secrets
import time

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.utils import timezone

from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from .jobs import PUBLISH_SCHEDULED
from .models import Heartbeat, is_late
from .tasks import WORKER, uses_worker

OK, LATE, FAILING = "ok", "late", "failing"
PROBE_KEY = "editorial:readiness-probe"

logger = logging.getLogger(__name__)


def check_database():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        logger.exception("readiness: the database does not answer")
        return {"status": FAILING}
    return {"status": OK}


def check_cache():
    value = secrets.token_hex(8)
    try:
        cache.set(PROBE_KEY, value, timeout=60)
        found = cache.get(PROBE_KEY)
    except Exception:
        logger.exception("readiness: the cache does not answer")
        return {"status": FAILING}
    return {"status": OK if found == value else FAILING}


def heartbeat_check(name, limit_minutes):
    last = Heartbeat.last_success_of(name)
    return {
        "status": LATE if is_late(last, limit_minutes) else OK,
        "seconds_since_success": None
        if last is None
        else int((timezone.now() - last).total_seconds()),
    }


def check_worker():
    if not uses_worker():
        return {"status": OK, "mode": "immediate"}
    report = heartbeat_check(WORKER, settings.WORKER_MAX_DELAY_MINUTES)
    report["queued"] = DBTaskResult.objects.ready().count()
    report["failed"] = DBTaskResult.objects.filter(status=TaskResultStatus.FAILED).count()
    return report


def check_scheduler():
    return heartbeat_check(PUBLISH_SCHEDULED, settings.SCHEDULED_PUBLISHING_MAX_DELAY_MINUTES)


REQUIRED = {"database": check_database, "cache": check_cache}
REPORTED = {"worker": check_worker, "scheduler": check_scheduler}


def readiness():
    """``(ready, report)``: the state of every check, and a summary."""
    started = time.perf_counter()
    checks = {name: check() for name, check in REQUIRED.items()}
    ready = all(report["status"] == OK for report in checks.values())
    if checks["database"]["status"] == OK:
        checks.update({name: check() for name, check in REPORTED.items()})
    else:
        checks.update({name: {"status": "unknown"} for name in REPORTED})
    status = OK if all(r["status"] == OK for r in checks.values()) else "degraded"
    report = {
        "status": status if ready else FAILING,
        "checks": checks,
        "seconds": round(time.perf_counter() - started, 3),
    }
    return ready, report
