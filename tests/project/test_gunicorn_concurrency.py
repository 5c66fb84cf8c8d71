"""Parallel readers through a real gunicorn with several workers: every view is counted.

The server is a separate process, so the test data must be committed (``transaction``)
and the server pointed at the test database by name.
"""

import urllib.request
from concurrent.futures import ThreadPoolExecutor

from django.db import connection

import pytest

from editorial.models import ArticleDailyViews

from ..factories import ArticleFactory
from ..gunicorn_server import GunicornServer, database_url

READERS = 300


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_parallel_beacons_through_gunicorn_workers_are_counted_exactly(postgres, section):
    article = ArticleFactory(parent=section)
    other = ArticleFactory(parent=section)

    def send(reader):
        page = article if reader % 3 else other
        request = urllib.request.Request(  # noqa: S310 (our own server)
            server.url + "/views/",
            data=f"page={page.pk}".encode(),
            headers={
                "User-Agent": "Mozilla/5.0 Firefox/140.0",
                "X-Real-IP": f"10.{reader // 256}.{reader % 256}.1",
            },
            method="POST",
        )
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return response.status

    with GunicornServer(
        database_url(connection.settings_dict), workers=3, CLIENT_IP_HEADER="HTTP_X_REAL_IP"
    ) as server:
        assert len(server.worker_pids()) == 3
        with ThreadPoolExecutor(max_workers=24) as pool:
            statuses = list(pool.map(send, range(READERS)))

    assert statuses == [204] * READERS
    to_other = len(range(0, READERS, 3))
    assert ArticleDailyViews.objects.get(article=article).views == READERS - to_other
    assert ArticleDailyViews.objects.get(article=other).views == to_other
