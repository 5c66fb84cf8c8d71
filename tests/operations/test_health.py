"""``/healthz/`` and ``/readyz/``: the process answers; readiness checks the database and
the cache (either failing is a 503) and reports the worker's and the scheduler's
heartbeats, with no secret and no version."""

import json
from datetime import timedelta

from django.conf import settings as django_settings
from django.core.management import call_command
from django.utils import timezone

import pytest

from editorial.operations.models import Heartbeat

from ..tasks import run_queued_tasks

pytestmark = pytest.mark.django_db


def readiness(client, **headers):
    response = client.get("/readyz/", **headers)
    return response, json.loads(response.content)


def beat(name, minutes_ago):
    Heartbeat.objects.update_or_create(
        name=name, defaults={"last_success": timezone.now() - timedelta(minutes=minutes_ago)}
    )


def test_healthz_answers_whatever_the_host_without_a_query(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz/", HTTP_HOST="10.1.2.3")

    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert response["Cache-Control"] == "no-store"


def test_readyz_is_ok_when_everything_ran_recently(client, database_tasks):
    beat("publish_scheduled", 1)
    beat("worker", 1)

    response, report = readiness(client, HTTP_HOST="10.1.2.3")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert report["status"] == "ok"
    assert {name: check["status"] for name, check in report["checks"].items()} == {
        "database": "ok",
        "cache": "ok",
        "worker": "ok",
        "scheduler": "ok",
    }
    assert report["checks"]["scheduler"]["seconds_since_success"] == 60
    assert report["checks"]["worker"]["queued"] == 0


def test_readyz_reports_a_late_scheduler_and_worker_without_failing(
    client, settings, database_tasks
):
    settings.SCHEDULED_PUBLISHING_MAX_DELAY_MINUTES = 15
    beat("publish_scheduled", 16)

    response, report = readiness(client)

    assert response.status_code == 200
    assert report["status"] == "degraded"
    assert report["checks"]["scheduler"] == {"status": "late", "seconds_since_success": 960}
    assert report["checks"]["worker"]["status"] == "late"
    assert report["checks"]["worker"]["seconds_since_success"] is None


def test_the_worker_heartbeat_is_recorded_by_the_worker(client, database_tasks):
    beat("publish_scheduled", 0)
    call_command("run_periodic", "worker_heartbeat", verbosity=0)
    assert readiness(client)[1]["checks"]["worker"]["status"] == "late"

    run_queued_tasks()

    assert readiness(client)[1]["checks"]["worker"]["status"] == "ok"


def test_readyz_fails_when_the_cache_does_not_answer(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            # A port nothing listens on.
            "LOCATION": "redis://127.0.0.1:9/0",
        }
    }

    response, report = readiness(client)

    assert response.status_code == 503
    assert report["status"] == "failing"
    assert report["checks"]["cache"] == {"status": "failing"}
    assert report["checks"]["database"] == {"status": "ok"}


def test_readyz_gives_away_no_secret_or_version(client):
    body = client.get("/readyz/").content.decode()

    database = django_settings.DATABASES["default"]
    for secret in (django_settings.SECRET_KEY, database["NAME"], database.get("HOST") or "x9"):
        assert str(secret) not in body
    assert "version" not in body.lower()


def test_readyz_refuses_other_methods(client):
    assert client.post("/readyz/").status_code == 405
