"""Under gunicorn's several workers, ``/metrics`` adds up what every worker counted
(prometheus-client's multiprocess mode, set up by ``config/gunicorn.py``)."""

import urllib.request

from django.db import connection

import pytest
from prometheus_client.parser import text_string_to_metric_families

from ..gunicorn_server import GunicornServer, database_url

REQUESTS = 40
SCRAPES = 6


def robots_count(url):
    with urllib.request.urlopen(url + "/metrics", timeout=30) as response:  # noqa: S310
        text = response.read().decode()
    return sum(
        sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
        if sample.name == "editorial_http_requests_total"
        and sample.labels["view"] == "editorial:robots"
    )


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_every_worker_counts_into_one_scrape(postgres, home):
    with GunicornServer(
        database_url(connection.settings_dict), workers=3, METRICS_ALLOWED_NETWORKS="127.0.0.1"
    ) as server:
        for _ in range(REQUESTS):
            with urllib.request.urlopen(server.url + "/robots.txt", timeout=30):  # noqa: S310
                pass
        counts = {robots_count(server.url) for _ in range(SCRAPES)}
        pids = server.worker_pids()

    assert len(pids) == 3
    # Readiness probing while starting fetched robots.txt too; every scrape, whichever worker
    # answers it, sees the same total.
    assert len(counts) == 1
    assert counts.pop() >= REQUESTS
