"""Counts that cannot be gamed cheaply: other sites, prefetches, rotating browsers or
addresses, on both of the beacon's paths (with Redis and without)."""

from datetime import timedelta

from django.core.cache import caches
from django.utils import timezone

import pytest
import time_machine

from editorial.content.trending import refresh_trending_set
from editorial.models import ArticleDailyViews
from editorial.readership.counting import daily_salt

from ..factories import ArticleFactory
from .conftest import BROWSER, READER

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_ORIGIN": "https://elsewhere.example"},
        {"HTTP_ORIGIN": "http://testserver.example"},
        {"HTTP_ORIGIN": "http://testserver:8080"},
        {"HTTP_ORIGIN": "null"},
        {"HTTP_SEC_FETCH_SITE": "cross-site"},
        {"HTTP_SEC_FETCH_SITE": "same-site"},
        {"HTTP_SEC_FETCH_SITE": "cross-site", "HTTP_ORIGIN": "http://testserver"},
    ],
)
def test_a_beacon_from_another_site_is_refused_and_not_counted(beacons, article, headers):
    assert beacons.send(article.pk, **headers) == 403
    assert beacons.views(article) == 0


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_ORIGIN": "http://testserver"},
        {"HTTP_ORIGIN": "http://testserver:80", "HTTP_SEC_FETCH_SITE": "same-origin"},
        {"HTTP_ORIGIN": "http://127.0.0.1:8000"},  # BASE_URL
        {},
    ],
)
def test_a_beacon_from_this_site_is_counted(beacons, article, headers):
    assert beacons.send(article.pk, **headers) == 204
    assert beacons.views(article) == 1


@pytest.mark.parametrize(
    ("headers", "use_x_forwarded_host"),
    [
        ({"HTTP_HOST": "elsewhere.example", "HTTP_ORIGIN": "http://elsewhere.example"}, False),
        ({"HTTP_HOST": "testserver.example"}, False),
        ({"HTTP_HOST": "testserver:port"}, False),
        ({"HTTP_HOST": ""}, False),
        ({"HTTP_X_FORWARDED_HOST": "elsewhere.example"}, True),
    ],
)
def test_a_beacon_for_a_host_django_refuses_gets_its_400_and_is_not_counted(
    beacons, article, headers, use_x_forwarded_host, settings
):
    settings.USE_X_FORWARDED_HOST = use_x_forwarded_host
    assert beacons.send(article.pk, address="10.9.9.9") == 204  # the countable articles known

    assert beacons.send(article.pk, **headers) == 400
    assert beacons.views(article) == 1


def test_a_beacon_through_an_allowed_forwarded_host_is_counted(beacons, article, settings):
    settings.USE_X_FORWARDED_HOST = True

    assert beacons.send(article.pk, address="10.9.9.9") == 204

    headers = {"HTTP_HOST": "internal.invalid", "HTTP_X_FORWARDED_HOST": "localhost"}
    assert beacons.send(article.pk, **headers) == 204
    assert beacons.views(article) == 2


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_SEC_PURPOSE": "prefetch"},
        {"HTTP_SEC_PURPOSE": "prefetch;prerender"},
        {"HTTP_PURPOSE": "prefetch"},
        {"HTTP_X_PURPOSE": "preview"},
        {"HTTP_X_MOZ": "prefetch"},
    ],
)
def test_prefetches_and_prerenders_are_not_counted(beacons, article, headers):
    assert beacons.send(article.pk, **headers) == 204
    assert beacons.views(article) == 0
    assert beacons.send(article.pk) == 204
    assert beacons.views(article) == 1


def test_one_address_counts_once_whatever_browser_it_announces(beacons, article):
    for number in range(20):
        assert beacons.send(article.pk, user_agent=f"{BROWSER} build/{number}") == 204

    assert beacons.views(article) == 1


def test_an_ipv6_reader_counts_once_across_its_64(beacons, article):
    for number in range(1, 20):
        beacons.send(article.pk, address=f"2001:db8:1:2::{number:x}")
    beacons.send(article.pk, address="2001:db8:1:3::1")

    assert beacons.views(article) == 2


def test_a_network_counts_at_most_its_daily_cap_per_article(beacons, article, section, settings):
    settings.VIEW_CAP_PER_NETWORK = 5
    other = ArticleFactory(parent=section)
    for host in range(1, 30):
        beacons.send(article.pk, address=f"198.51.100.{host}")
    beacons.send(other.pk, address="198.51.100.1")
    beacons.send(article.pk, address="198.51.101.1")

    assert beacons.views(article) == 6
    assert beacons.views(other) == 1


def test_the_cap_is_per_day(beacons, article, settings):
    settings.VIEW_CAP_PER_NETWORK = 1
    with time_machine.travel(timezone.now() - timedelta(days=1)):
        beacons.send(article.pk, address="198.51.100.1")
        beacons.send(article.pk, address="198.51.100.2")
    beacons.send(article.pk, address="198.51.100.2")

    assert beacons.views(article) == 2


def test_a_client_without_an_address_is_not_counted(beacons, article, settings):
    settings.CLIENT_IP_HEADER = "HTTP_X_REAL_IP"

    assert beacons.send(article.pk, HTTP_X_REAL_IP="unknown") == 204
    assert beacons.views(article) == 0


def test_nothing_stored_names_the_reader(beacons, article):
    user_agent = f"{BROWSER} marker-7f3a"
    beacons.send(article.pk, user_agent=user_agent)
    beacons.views(article)

    stored = stored_cache_entries()
    assert stored, "the beacon stored nothing in the cache"
    for text in (READER, "203.0.113.", user_agent, "marker-7f3a"):
        assert not any(text.encode() in entry for entry in stored), text


def test_the_salt_is_random_and_new_each_day(beacons):
    today = timezone.localdate()
    assert daily_salt(today) != daily_salt(today - timedelta(days=1))
    assert len(daily_salt(today)) == 64


def stored_cache_entries():
    """Every key and value the default cache holds, as bytes (Redis or local memory)."""
    backend = caches["default"]
    if hasattr(backend, "_cache") and hasattr(backend._cache, "get_client"):
        client = backend._cache.get_client()
        prefix = backend.make_key("")[: -len(":1:")] if backend.key_prefix else ""
        entries = []
        for key in client.scan_iter(match=f"{prefix}*"):
            kind = client.type(key)
            entries.append(key)
            if kind == b"string":
                entries.append(client.get(key))
            elif kind == b"hash":
                entries += [item for pair in client.hgetall(key).items() for item in pair]
            elif kind == b"set":
                entries += list(client.smembers(key))
        return entries
    return [key.encode() for key in backend._cache] + list(backend._cache.values())


def test_200_beacons_with_rotating_browsers_do_not_make_an_article_trend(beacons, section, article):
    today = timezone.localdate()
    read = [ArticleFactory(parent=section, title=f"Read {n}") for n in range(10)]
    ArticleDailyViews.objects.bulk_create(
        ArticleDailyViews(article=other, day=today, views=3) for other in read
    )

    for number in range(200):
        beacons.send(article.pk, user_agent=f"Mozilla/5.0 (Windows NT 10.0) Chrome/{number}.0")
    assert beacons.views(article) == 1

    assert article.pk not in refresh_trending_set()["ids"]
