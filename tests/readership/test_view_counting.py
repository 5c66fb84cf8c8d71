"""The view beacon: one count per reader and day, nothing from bots, drafts or bad input."""

import urllib.request
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

from django.test import Client
from django.urls import reverse
from django.utils import timezone

import pytest
import time_machine

from editorial.models import ArticleDailyViews

from ..factories import ArticleFactory, restrict

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Firefox/140.0"
URL = reverse("editorial:views")


def beacon(client, page_id, user_agent=BROWSER, **extra):
    return client.post(URL, {"page": page_id}, HTTP_USER_AGENT=user_agent, **extra)


def views_of(article):
    return sum(ArticleDailyViews.objects.filter(article=article).values_list("views", flat=True))


@pytest.mark.django_db
def test_beacon_counts_a_view_for_today_without_a_csrf_token(article):
    client = Client(enforce_csrf_checks=True)

    response = beacon(client, article.pk)

    assert response.status_code == 204
    row = ArticleDailyViews.objects.get(article=article)
    assert (row.day, row.views) == (timezone.localdate(), 1)


@pytest.mark.django_db
def test_beacon_ignores_the_same_reader_twice_on_one_day(client, article):
    beacon(client, article.pk)
    beacon(client, article.pk)
    beacon(client, article.pk, REMOTE_ADDR="10.0.0.2")
    beacon(client, article.pk, user_agent=BROWSER + " Other")

    assert views_of(article) == 2


@pytest.mark.django_db
def test_beacon_counts_the_same_reader_again_the_next_day(client, article):
    with time_machine.travel(timezone.now() - timedelta(days=1)):
        beacon(client, article.pk)
    beacon(client, article.pk)

    assert ArticleDailyViews.objects.filter(article=article).count() == 2
    assert views_of(article) == 2


@pytest.mark.django_db
def test_beacon_counts_each_article_separately_for_one_reader(client, section, article):
    other = ArticleFactory(parent=section)

    beacon(client, article.pk)
    beacon(client, other.pk)

    assert (views_of(article), views_of(other)) == (1, 1)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "user_agent",
    [
        "",
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0)",
        "facebookexternalhit/1.1",
        "Slackbot-LinkExpanding 1.0",
        "Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome/120.0 Safari/537.36",
        "curl/8.5.0",
        "python-requests/2.32",
    ],
)
def test_beacon_ignores_bots_and_scripts(client, article, user_agent):
    response = beacon(client, article.pk, user_agent=user_agent)

    assert response.status_code == 204
    assert views_of(article) == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    "value", ["", "abc", "-1", "0", "1.5", "1e3", "\u0661\u0662", "99999999999", " 1", "1; drop"]
)
def test_beacon_rejects_malformed_ids(client, article, value):
    response = beacon(client, value)

    assert response.status_code == 400
    assert not ArticleDailyViews.objects.exists()


@pytest.mark.django_db
def test_beacon_rejects_a_missing_field_and_other_encodings(client, article):
    assert client.post(URL, HTTP_USER_AGENT=BROWSER).status_code == 400
    response = client.post(
        URL, f'{{"page": {article.pk}}}', content_type="application/json", HTTP_USER_AGENT=BROWSER
    )
    assert response.status_code == 400
    assert not ArticleDailyViews.objects.exists()


@pytest.mark.django_db
def test_beacon_rejects_large_bodies(client, article):
    response = client.post(URL, {"page": article.pk, "padding": "x" * 500}, HTTP_USER_AGENT=BROWSER)

    assert response.status_code == 413
    assert not ArticleDailyViews.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["get", "put", "delete"])
def test_beacon_is_post_only(client, article, method):
    response = getattr(client, method)(URL, HTTP_USER_AGENT=BROWSER)

    assert response.status_code == 405


@pytest.mark.django_db
def test_beacon_ignores_unknown_draft_private_and_non_article_pages(client, home, section):
    draft = ArticleFactory(parent=section, live=False)
    hidden = ArticleFactory(parent=section)
    restrict(hidden)

    for page_id in [draft.pk, hidden.pk, section.pk, home.pk, 987654]:
        assert beacon(client, page_id).status_code == 404, page_id

    assert not ArticleDailyViews.objects.exists()


@pytest.mark.django_db
def test_article_page_loads_the_beacon_script_without_inline_code(client, article):
    html = client.get(article.url).content.decode()

    assert "editorial/js/views.js" in html
    assert f'data-page="{article.pk}"' in html
    assert f'data-url="{URL}"' in html
    assert "<script>" not in html


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_beacons_are_all_counted(postgres, live_server, section, settings):
    settings.CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    article = ArticleFactory(parent=section)
    readers = 240

    def send(reader):
        request = urllib.request.Request(  # noqa: S310 (our own live server)
            live_server.url + URL,
            data=f"page={article.pk}".encode(),
            headers={"User-Agent": BROWSER, "X-Real-IP": f"10.{reader // 256}.{reader % 256}.1"},
            method="POST",
        )
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return response.status

    with ThreadPoolExecutor(max_workers=16) as pool:
        statuses = list(pool.map(send, range(readers)))

    assert statuses == [204] * readers
    assert ArticleDailyViews.objects.get(article=article).views == readers


@pytest.mark.django_db
def test_beacon_tells_readers_apart_by_the_proxy_header_when_configured(client, article, settings):
    settings.CLIENT_IP_HEADER = "HTTP_X_REAL_IP"

    beacon(client, article.pk, HTTP_X_REAL_IP="198.51.100.1")
    beacon(client, article.pk, HTTP_X_REAL_IP="198.51.100.1")
    beacon(client, article.pk, HTTP_X_REAL_IP="198.51.100.2")

    assert views_of(article) == 2
