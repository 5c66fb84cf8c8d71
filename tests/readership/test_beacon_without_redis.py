"""With Redis unreachable the beacon answers cleanly on both of its paths: a 503 with
Retry-After and one warning for the outage, and counting resumes when Redis is back."""

import logging
import socket
import threading

from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart

import pytest

from .conftest import Beacons

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("redis_cache")]


@pytest.fixture
def beacons(commit_between_requests):
    return Beacons("redis", commit_between_requests)


def closed_port():
    """A loopback port nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_with_redis_unreachable_a_beacon_gets_a_503_and_the_outage_one_warning(
    beacons, article, settings, caplog
):
    assert beacons.send(article.pk, address="10.9.9.9") == 204
    reachable = settings.CACHES
    settings.CACHES = {
        "default": {**reachable["default"], "LOCATION": f"redis://127.0.0.1:{closed_port()}/0"}
    }

    with caplog.at_level(logging.INFO, logger="editorial.reader.beacon"):
        statuses = [beacons.send(article.pk, address=f"10.0.{n}.1") for n in range(3)]
        # Not the form the fast path reads: Django's view answers it.
        multipart = encode_multipart(BOUNDARY, {"page": article.pk})
        statuses.append(beacons.send(article.pk, body=multipart, content_type=MULTIPART_CONTENT))

        assert statuses == [503] * 4
        assert beacons.headers["Retry-After"] == "60"
        # Django adds its own line for the 503 of its view, as for any 5xx; no traceback.
        assert all(record.exc_info is None for record in caplog.records)
        (warning,) = [r for r in caplog.records if r.name == "editorial.reader.beacon"]
        assert warning.levelname == "WARNING"
        assert "Redis unreachable" in warning.getMessage()

        settings.CACHES = reachable
        assert beacons.send(article.pk, address="10.0.9.1") == 204
    assert "Redis reachable again" in caplog.records[-1].getMessage()
    assert beacons.views(article) == 2


@pytest.fixture
def silent_redis():
    """A loopback address that accepts connections and never answers, as a Redis whose
    host hangs does."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(16)
        yield f"redis://127.0.0.1:{server.getsockname()[1]}/0"


def test_a_redis_that_stops_answering_gets_a_503_within_the_timeout_not_a_hung_request(
    beacons, article, settings, silent_redis, commit_between_requests
):
    # What creating the article waits for runs here, in the test's transaction and with
    # Redis answering, not in the beacon's thread (another connection) against the silent one.
    commit_between_requests.commit()
    settings.CACHES = {
        "default": {
            **settings.CACHES["default"],
            "LOCATION": silent_redis,
            "OPTIONS": settings.REDIS_CACHE_OPTIONS,
        }
    }
    statuses = []
    sender = threading.Thread(
        target=lambda: statuses.append(beacons.send(article.pk, address="10.0.1.1")), daemon=True
    )

    sender.start()
    # Our two seconds, not redis-py's default of five or the operating system's minutes.
    sender.join(timeout=4)

    assert not sender.is_alive(), "the beacon still waits on a Redis that never answers"
    assert statuses == [503]
