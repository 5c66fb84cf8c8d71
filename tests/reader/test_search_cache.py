"""Search results come from the page cache, on Redis as in production, and any change to
an article reaches the next search."""

import pytest

from editorial.content.dependencies import SEARCH
from editorial.pagecache.versions import indexed_urls

from ..factories import ArticleFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("redis_cache")]


def search(client, query, **params):
    response = client.get("/search/", {"q": query, **params})
    assert response.status_code == 200
    return response


def test_a_repeated_search_is_a_hit_without_queries(client, section, django_assert_num_queries):
    ArticleFactory(parent=section, title="Walrus facts")
    first = search(client, "walrus")

    with django_assert_num_queries(0):
        again = search(client, "  walrus ")

    assert (first["X-Cache"], again["X-Cache"]) == ("miss", "hit")
    assert again.content == first.content
    assert "Walrus facts" in again.content.decode()


def test_each_query_and_page_of_results_is_its_own_entry(client, section):
    for n in range(13):
        ArticleFactory(parent=section, title=f"Otter story {n}")
    ArticleFactory(parent=section, title="Walrus facts")
    search(client, "otter")

    walrus = search(client, "walrus")
    second_page = search(client, "otter", page=2)

    assert (walrus["X-Cache"], second_page["X-Cache"]) == ("miss", "miss")
    assert "Walrus facts" in walrus.content.decode()
    assert second_page.content.decode().count('class="card"') == 1
    assert search(client, "otter", page=2)["X-Cache"] == "hit"


def test_a_publication_is_in_the_next_search(client, section):
    ArticleFactory(parent=section, title="Walrus facts")
    search(client, "walrus")
    assert search(client, "walrus")["X-Cache"] == "hit"

    ArticleFactory(parent=section, title="Walrus migrations")

    assert "Walrus migrations" in search(client, "walrus").content.decode()


def test_an_unpublication_leaves_the_next_search(client, section):
    article = ArticleFactory(parent=section, title="Walrus facts")
    assert "Walrus facts" in search(client, "walrus").content.decode()

    article.unpublish()

    assert "Walrus facts" not in search(client, "walrus").content.decode()


def test_a_changed_article_shows_its_change_in_the_next_search(client, section):
    article = ArticleFactory(parent=section, title="Walrus facts")
    assert "Walrus facts" in search(client, "walrus").content.decode()

    article.title = "Walrus truths"
    article.save_revision().publish()

    assert "Walrus truths" in search(client, "walrus").content.decode()


@pytest.mark.parametrize("query", ["walrus " * 100, "x" * 10_000])
def test_a_query_too_long_to_share_is_answered_but_never_stored(client, section, query):
    ArticleFactory(parent=section, title="Walrus facts")

    for _ in range(2):
        response = search(client, query)
        assert "X-Cache" not in response


def test_search_results_are_not_left_to_the_caching_proxy(client, section, settings):
    article = ArticleFactory(parent=section, title="Walrus facts")
    settings.WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": "http://127.0.0.1:9",
        }
    }

    results = search(client, "walrus")

    assert results["X-Cache"] == "miss"
    assert "s-maxage" not in results["Cache-Control"]
    assert indexed_urls({SEARCH()}) == set()
    assert "s-maxage" in client.get(article.url)["Cache-Control"]
