"""``/metrics``: Prometheus' text format for operators only (an allowed network or the
bearer token), with requests by view, the page cache, the beacon, the task queue and
scheduled publishing's lag."""

from datetime import timedelta

from django.core.mail import send_mail
from django.utils import timezone

from wagtail.models import Revision

import pytest
from prometheus_client.parser import text_string_to_metric_families

from editorial.pagecache.versions import invalidate_now

from ..factories import ArticleFactory
from ..tasks import BROKEN_MAIL_SERVER, run_queued_tasks

pytestmark = pytest.mark.django_db

OPERATOR = "10.0.0.7"
READER = "203.0.113.9"


@pytest.fixture
def operators(settings):
    settings.METRICS_ALLOWED_NETWORKS = ["10.0.0.0/8"]
    settings.METRICS_TOKEN = "s3cret-token-for-prometheus"


def scrape(client, address=OPERATOR, **headers):
    response = client.get("/metrics", REMOTE_ADDR=address, **headers)
    assert response.status_code == 200
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(response.content.decode())
        for sample in family.samples
    }


def value(samples, name, **labels):
    return samples.get((name, tuple(sorted(labels.items()))), 0)


@pytest.mark.parametrize(
    ("address", "headers", "allowed"),
    [
        (OPERATOR, {}, True),
        (READER, {}, False),
        (READER, {"HTTP_AUTHORIZATION": "Bearer s3cret-token-for-prometheus"}, True),
        (READER, {"HTTP_AUTHORIZATION": "Bearer wrong"}, False),
        (READER, {"HTTP_AUTHORIZATION": "s3cret-token-for-prometheus"}, False),
        ("not-an-address", {}, False),
    ],
)
def test_metrics_are_for_operators_only(client, operators, address, headers, allowed):
    response = client.get("/metrics", REMOTE_ADDR=address, **headers)

    assert response.status_code == (200 if allowed else 403)
    assert response["Cache-Control"] == "no-store"
    assert (b"editorial_http_requests_total" in response.content) is allowed


def test_without_a_token_only_allowed_networks_read_metrics(client, settings):
    settings.METRICS_ALLOWED_NETWORKS = []
    settings.METRICS_TOKEN = ""

    assert client.get("/metrics", REMOTE_ADDR="127.0.0.1").status_code == 403
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer ").status_code == 403


def test_behind_a_proxy_the_readers_address_counts(client, operators, settings):
    settings.CLIENT_IP_HEADER = "HTTP_X_REAL_IP"

    refused = client.get("/metrics", REMOTE_ADDR=OPERATOR, HTTP_X_REAL_IP=READER)

    assert refused.status_code == 403


def test_requests_are_counted_and_timed_by_view(client, operators, section):
    before = scrape(client)
    client.get(section.url)
    client.get(section.url)
    client.get("/tags/nothing-here/")

    after = scrape(client)

    served = ("editorial_http_requests_total", "wagtail_serve", "GET", "2xx")
    page_cache = ("editorial_http_requests_total", "page_cache", "GET", "2xx")
    for name, view, method, status in (served, page_cache):
        labels = {"view": view, "method": method, "status": status}
        assert value(after, name, **labels) - value(before, name, **labels) == 1
    tag = {"view": "editorial:tag", "method": "GET", "status": "4xx"}
    assert (
        value(after, "editorial_http_requests_total", **tag)
        - value(before, "editorial_http_requests_total", **tag)
        == 1
    )
    count = "editorial_http_request_duration_seconds_count"
    assert (
        value(after, count, view="wagtail_serve") - value(before, count, view="wagtail_serve") == 1
    )


def test_page_cache_beacon_and_invalidations_are_counted(client, operators, section):
    article = ArticleFactory(parent=section)
    before = scrape(client)

    client.get(article.url)
    client.get(article.url)
    client.post("/views/", {"page": article.pk}, HTTP_USER_AGENT="Mozilla/5.0 Firefox/140.0")
    client.post("/views/", {"page": "x"})
    read = scrape(client)
    invalidate_now({"tag:work", "tag:life"})
    invalidated = scrape(client)

    def grew(after, name, **labels):
        return value(after, name, **labels) - value(before, name, **labels)

    assert grew(read, "editorial_page_cache_requests_total", result="miss") >= 1
    assert grew(read, "editorial_page_cache_requests_total", result="hit") >= 1
    assert grew(read, "editorial_view_beacons_total", outcome="accepted") == 1
    assert grew(read, "editorial_view_beacons_total", outcome="refused") == 1
    assert grew(read, "editorial_views_counted_total") == 1
    invalidations = "editorial_page_cache_invalidations_total"
    assert value(invalidated, invalidations) - value(read, invalidations) == 2


def test_queue_depth_failures_and_scheduled_lag_are_read_from_the_database(
    cast, client, operators, database_tasks, settings
):
    revision = Revision.page_revisions.get(
        object_id=str(cast["article"].pk), approved_go_live_at__isnull=False
    )
    revision.approved_go_live_at = timezone.now() - timedelta(minutes=5)
    revision.save(update_fields=["approved_go_live_at"])
    settings.EMAIL_BACKEND = "editorial.operations.mail.QueuedEmailBackend"
    settings.EMAIL_DELIVERY_BACKEND = BROKEN_MAIL_SERVER
    settings.TASK_MAX_ATTEMPTS = 1
    before = scrape(client)
    send_mail("One", "Text", "desk@example.com", ["a@example.com"])
    send_mail("Two", "Text", "desk@example.com", ["a@example.com"])

    queued = scrape(client)
    run_queued_tasks()
    failed = scrape(client)

    depth = "editorial_task_queue_depth"
    assert value(queued, depth) - value(before, depth) == 2
    assert value(queued, "editorial_tasks", state="ready") == value(queued, depth)
    assert value(failed, depth) == 0
    assert value(failed, "editorial_tasks", state="failed") == 2
    assert 300 <= value(failed, "editorial_scheduled_publishing_lag_seconds") < 360
