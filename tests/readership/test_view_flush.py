"""With Redis, the beacon counts without Django or SQL and the flush stores every count
exactly once, however it is interrupted or doubled."""

import threading
from io import StringIO

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wagtail.models import PageViewRestriction

import pytest

from editorial.content.trending import trending_set
from editorial.models import ArticleDailyViews, FlushedViewBatch
from editorial.readership import counting

from ..factories import ArticleFactory, restrict
from .conftest import Beacons

pytestmark = pytest.mark.usefixtures("redis_cache")


@pytest.fixture
def beacons(commit_between_requests):
    return Beacons("redis", commit_between_requests)


def readers(count, start=0):
    """``count`` addresses, each in a network of its own."""
    return [f"10.{n // 256}.{n % 256}.1" for n in range(start, start + count)]


def stored_views(article):
    return sum(ArticleDailyViews.objects.filter(article=article).values_list("views", flat=True))


@pytest.mark.django_db
def test_a_beacon_is_counted_without_django_and_without_sql(beacons, article):
    beacons.send(article.pk, address="10.9.9.9")  # the first one learns the countable articles
    reached_django = beacons.django.calls

    with CaptureQueriesContext(connection) as queries:
        statuses = [beacons.send(article.pk, address=address) for address in readers(20)]

    assert statuses == [204] * 20
    assert len(queries) == 0
    assert beacons.django.calls == reached_django
    assert stored_views(article) == 0
    counting.flush_view_counts()
    assert stored_views(article) == 21


@pytest.mark.django_db
def test_unknown_draft_and_private_articles_are_refused_without_django(
    beacons, section, home, article
):
    draft = ArticleFactory(parent=section, live=False)
    hidden = ArticleFactory(parent=section)
    restrict(hidden)
    beacons.send(article.pk)
    reached_django = beacons.django.calls

    for page_id in [draft.pk, hidden.pk, section.pk, home.pk, 987654]:
        assert beacons.send(page_id) == 404, page_id

    assert beacons.django.calls == reached_django
    counting.flush_view_counts()
    assert ArticleDailyViews.objects.filter(article__in=[draft, hidden]).count() == 0


@pytest.mark.django_db
def test_an_article_published_later_is_counted_on_its_next_beacon(beacons, section, article):
    beacons.send(article.pk)
    later = ArticleFactory(parent=section, live=False)
    assert beacons.send(later.pk) == 404

    later.save_revision().publish()

    assert beacons.send(later.pk, address="10.1.1.1") == 204
    assert beacons.views(later) == 1


@pytest.mark.django_db
def test_an_unpublished_article_is_refused_on_its_next_beacon(beacons, article):
    assert beacons.send(article.pk) == 204

    article.unpublish()

    assert beacons.send(article.pk, address="10.1.1.1") == 404
    assert beacons.views(article) == 1


def set_privacy(admin, page, **data):
    url = reverse("wagtailadmin_pages:set_privacy", args=[page.pk])
    assert admin.post(url, data).status_code == 200


@pytest.mark.django_db
def test_an_article_moved_under_a_restricted_section_is_refused_on_its_next_beacon(
    beacons, admin_client, section, careers, article
):
    set_privacy(admin_client, careers, restriction_type="password", password="secret")
    assert beacons.send(article.pk) == 204
    move = reverse("wagtailadmin_pages:move_confirm", args=[article.pk, careers.pk])

    assert admin_client.post(move).status_code == 302

    assert beacons.send(article.pk, address="10.1.1.1") == 404
    move_back = reverse("wagtailadmin_pages:move_confirm", args=[article.pk, section.pk])
    assert admin_client.post(move_back).status_code == 302
    assert beacons.send(article.pk, address="10.1.1.2") == 204
    assert beacons.views(article) == 2


@pytest.mark.django_db
def test_a_restriction_on_the_section_stops_counting_until_it_is_lifted(
    beacons, admin_client, section, article
):
    assert beacons.send(article.pk) == 204

    set_privacy(admin_client, section, restriction_type="login")
    assert beacons.send(article.pk, address="10.1.1.1") == 404

    set_privacy(admin_client, section, restriction_type=PageViewRestriction.NONE)
    assert beacons.send(article.pk, address="10.1.1.2") == 204
    assert beacons.views(article) == 2


@pytest.mark.django_db
def test_malformed_beacons_go_on_to_django_and_count_nothing(beacons, article):
    beacons.send(article.pk, address="10.9.9.9")
    cases = {
        "page=abc": 400,
        f"page={article.pk}&padding=" + "x" * 300: 413,
        "": 400,
        "%FF=1": 400,
    }
    for body, status in cases.items():
        assert beacons.send(article.pk, body=body) == status, body

    assert beacons.views(article) == 1


@pytest.mark.django_db
def test_a_flush_stores_each_count_once(beacons, section, article):
    other = ArticleFactory(parent=section)
    for address in readers(7):
        beacons.send(article.pk, address=address)
    for address in readers(3):
        beacons.send(other.pk, address=address)

    summary = counting.flush_view_counts()
    again = counting.flush_view_counts()

    assert (summary.views, summary.rows, summary.batches) == (10, 2, 1)
    assert (again.views, again.batches) == (0, 0)
    assert (stored_views(article), stored_views(other)) == (7, 3)


@pytest.mark.django_db
def test_a_flush_that_died_before_its_commit_is_completed_by_the_next(beacons, article):
    for address in readers(5):
        beacons.send(article.pk, address=address)
    client = counting.redis_client()
    counting.hand_off(client)  # the flush died here: the counts are a batch, not stored

    for address in readers(2, start=100):
        beacons.send(article.pk, address=address)
    summary = counting.flush_view_counts()

    assert (summary.batches, summary.views) == (2, 7)
    assert stored_views(article) == 7
    assert counting.hand_off(client) == []


@pytest.mark.django_db
def test_a_flush_that_died_after_its_commit_is_not_stored_twice(beacons, article):
    for address in readers(5):
        beacons.send(article.pk, address=address)
    client = counting.redis_client()
    (batch,) = counting.hand_off(client)
    counting.store_batch(client, batch, counting.FlushSummary())  # died before cleaning up
    assert stored_views(article) == 5

    summary = counting.flush_view_counts()

    assert (summary.already_applied, summary.views) == (1, 0)
    assert stored_views(article) == 5
    assert counting.hand_off(client) == []


@pytest.mark.django_db
def test_views_of_an_article_deleted_before_the_flush_are_dropped(beacons, section, article):
    doomed = ArticleFactory(parent=section)
    beacons.send(article.pk)
    beacons.send(doomed.pk)
    doomed.delete()

    summary = counting.flush_view_counts()

    assert (summary.views, summary.dropped) == (1, 1)
    assert stored_views(article) == 1


@pytest.mark.django_db
def test_the_command_flushes_and_says_what_it_stored(beacons, article):
    for address in readers(4):
        beacons.send(article.pk, address=address)
    output = StringIO()

    call_command("flush_view_counts", stdout=output)

    assert output.getvalue() == "Flushed 4 views into 1 article-days from 1 batches.\n"
    assert stored_views(article) == 4
    assert FlushedViewBatch.objects.count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_flushes_running_at_once_while_readers_count_store_every_view_once(
    postgres, beacons, article
):
    beacons.send(article.pk, address="10.255.255.1")
    total = 600
    sent = threading.Event()

    def flush_until_sent():
        try:
            while not sent.is_set():
                counting.flush_view_counts()
        finally:
            connection.close()

    flushers = [threading.Thread(target=flush_until_sent) for _ in range(3)]
    for flusher in flushers:
        flusher.start()
    try:
        statuses = [beacons.send(article.pk, address=address) for address in readers(total)]
    finally:
        sent.set()
        for flusher in flushers:
            flusher.join()
    counting.flush_view_counts()

    assert statuses == [204] * total
    assert stored_views(article) == total + 1


@pytest.mark.django_db
def test_run_periodic_stores_waiting_views_before_ranking_trending(beacons, section, article):
    newer = [ArticleFactory(parent=section) for _ in range(10)]
    assert article.pk not in trending_set() and newer[0].pk in trending_set()
    for address in readers(5):
        assert beacons.send(article.pk, address=address) == 204

    call_command("run_periodic", "flush_view_counts", "refresh_trending", stdout=StringIO())

    assert stored_views(article) == 5
    assert article.pk in trending_set()
