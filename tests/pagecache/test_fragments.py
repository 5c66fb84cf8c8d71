"""Shared lists are fragments: a publication refreshes them, not every page including them."""

import random
import re

from django.core.cache import cache
from django.utils import timezone

import pytest

from editorial.content.trending import SET_KEY, refresh_trending_set, trending_set
from editorial.pagecache import middleware
from editorial.pagecache.middleware import entry_key
from editorial.readership.models import ArticleDailyViews

from ..factories import ArticleFactory, AuthorFactory, SectionFactory

INCLUDE = re.compile(r'<esi:include src="([^"]+)"/>')


@pytest.fixture(autouse=True, params=["locmem", "redis"])
def cache_backend(request):
    if request.param == "redis":
        request.getfixturevalue("redis_cache")


def latest_list(html):
    return html.split("Latest</h2>")[1].split("</section>")[0]


@pytest.mark.django_db
def test_a_publication_elsewhere_leaves_an_article_cached_with_a_fresh_latest_list(
    client, home, section
):
    article = ArticleFactory(parent=section, title="Article A", tags=["careers"])
    elsewhere = SectionFactory(parent=home, title="Elsewhere")
    assert client.get(article.url)["X-Cache"] == "miss"
    assert client.get(article.url)["X-Cache"] == "hit"

    ArticleFactory(parent=elsewhere, title="Breaking", tags=["weather"], authors=[AuthorFactory()])
    response = client.get(article.url)

    assert response["X-Cache"] == "hit"
    assert "Breaking" in latest_list(response.content.decode())


@pytest.mark.django_db
def test_a_news_day_keeps_article_pages_cached(client, home, settings):
    """One article published every few minutes, readers reading articles in between. The
    trending set's own refresh (at most once a minute) is kept out of a slow run."""
    settings.TRENDING_CACHE_SECONDS = 3600
    sections = [SectionFactory(parent=home, title=f"Desk {n}") for n in range(3)]
    articles = [
        ArticleFactory(parent=sections[n % 3], title=f"Story {n}", tags=[f"topic-{n}"])
        for n in range(12)
    ]
    for article in articles:
        client.get(article.url)
    pick = random.Random(7)
    outcomes = []
    for hour in range(24):
        news = ArticleFactory(
            parent=sections[hour % 3], title=f"News {hour}", tags=[f"news-{hour}"]
        )
        articles.append(news)
        for _ in range(30):
            outcomes.append(client.get(pick.choice(articles).url)["X-Cache"])
        assert f"News {hour}" in latest_list(client.get(articles[0].url).content.decode())

    assert outcomes.count("hit") / len(outcomes) > 0.95, outcomes.count("miss")


@pytest.mark.django_db
def test_a_related_article_published_refreshes_the_related_list_not_the_page(client, section):
    article = ArticleFactory(parent=section, title="Article A", tags=["ethics"])
    client.get(article.url)

    ArticleFactory(parent=section, title="Also on ethics", tags=["ethics"])
    response = client.get(article.url)

    assert response["X-Cache"] == "hit"
    related = response.content.decode().split("Related</h2>")[1].split("</section>")[0]
    assert "Also on ethics" in related


@pytest.mark.django_db
def test_a_proxy_that_resolves_includes_gets_them_and_the_fragment_at_its_own_url(client, section):
    article = ArticleFactory(parent=section, title="Article A")
    newer = ArticleFactory(parent=section, title="Newer")

    response = client.get(article.url, HTTP_SURROGATE_CAPABILITY='varnish="ESI/1.0"')
    includes = INCLUDE.findall(response.content.decode())
    fragment = client.get(includes[-1]).content.decode()

    assert response["Surrogate-Control"] == 'content="ESI/1.0"'
    assert len(includes) == 1 and "Latest</h2>" not in response.content.decode()
    assert "Latest</h2>" in fragment and newer.title in fragment
    assert article.title not in fragment


@pytest.mark.django_db
def test_a_fragment_put_into_pages_is_kept_uncompressed_and_the_page_compressed(client, section):
    article = ArticleFactory(parent=section)
    ArticleFactory(parent=section, title="Newer")
    client.get(article.url)

    page = cache.get(entry_key("testserver", article.url))
    src = INCLUDE.search(page["content"].decode()).group(1)
    fragment = cache.get(entry_key("testserver", src))
    served = cache.get(f"{entry_key('testserver', article.url)}:served")
    hit = client.get(article.url, HTTP_ACCEPT_ENCODING="br")

    assert b"Newer" in fragment["content"] and fragment["encoded"] == {}
    assert set(served["encoded"]) == {"br", "gzip"}
    assert hit["X-Cache"] == "hit" and hit["Content-Encoding"] == "br"


@pytest.mark.django_db
def test_with_the_cache_off_pages_look_up_no_versions_for_it(
    client, section, settings, monkeypatch
):
    settings.PAGE_CACHE_SECONDS = 0
    article = ArticleFactory(parent=section)
    ArticleFactory(parent=section, title="Newer")
    looked_up, real = [], middleware.current_versions

    def current_versions(names):
        looked_up.append(names)
        return real(names)

    monkeypatch.setattr(middleware, "current_versions", current_versions)
    response = client.get(article.url, HTTP_ACCEPT_ENCODING="br")

    assert response["X-Cache"] == "miss" and "Newer" in latest_list(response.content.decode())
    assert looked_up == []
    assert cache.get(entry_key("testserver", article.url)) is None


@pytest.mark.django_db
def test_a_forged_or_unknown_fragment_is_not_found(client, section):
    article = ArticleFactory(parent=section)
    src = INCLUDE.findall(
        client.get(article.url, HTTP_SURROGATE_CAPABILITY='v="ESI/1.0"').content.decode()
    )[0]
    name, token = src.strip("/").split("/")[1:]
    payload, signature = token.split(":")

    assert client.get(src).status_code == 200
    assert client.get(f"/fragments/{name}/{payload}:{signature[::-1]}/").status_code == 404
    assert client.get(f"/fragments/nonsense/{token}/").status_code == 404


@pytest.mark.django_db
def test_a_changed_fragment_changes_the_pages_validator(client, section):
    article = ArticleFactory(parent=section)
    first = client.get(article.url)

    ArticleFactory(parent=section, title="Newer")
    revalidated = client.get(article.url, HTTP_IF_NONE_MATCH=first["ETag"])

    assert revalidated.status_code == 200
    assert "Newer" in latest_list(revalidated.content.decode())


@pytest.mark.django_db
def test_signed_in_readers_get_fragments_resolved_too(admin_client, section):
    article = ArticleFactory(parent=section)
    ArticleFactory(parent=section, title="Newer")

    html = admin_client.get(article.url).content.decode()

    assert "esi:include" not in html and "Newer" in latest_list(html)


@pytest.mark.django_db
def test_articles_keep_the_page_cache_lifetime_and_the_badge_follows_the_trending_set(
    client, section, settings, proxy
):
    stories = [ArticleFactory(parent=section, title=f"Story {n}") for n in range(11)]
    oldest, newest = stories[0], stories[-1]
    leaving = stories[1]  # the last of the ten newest: it leaves when the oldest is read
    assert trending_set() == {story.pk for story in stories[1:]}
    for story in stories:
        response = client.get(story.url)
    assert f"s-maxage={settings.PAGE_CACHE_SECONDS}" in response["Cache-Control"]

    ArticleDailyViews.add({(oldest.pk, timezone.localdate()): 5})
    refresh_trending_set(previous=cache.get(SET_KEY))

    entered, left = client.get(oldest.url), client.get(leaving.url)
    assert entered["X-Cache"] == "miss" and "badge--trending" in entered.content.decode()
    assert left["X-Cache"] == "miss" and "badge--trending" not in left.content.decode()
    assert client.get(newest.url)["X-Cache"] == "hit"
    assert proxy.purged >= {f"http://testserver{oldest.url}", f"http://testserver{leaving.url}"}
    assert f"http://testserver{newest.url}" not in proxy.purged


@pytest.mark.django_db
def test_the_trending_set_is_refreshed_once_due_and_not_before(client, section, settings):
    story = ArticleFactory(parent=section)
    first = trending_set()
    ArticleFactory(parent=section, title="Newer")
    assert trending_set() == first

    settings.TRENDING_CACHE_SECONDS = 0
    beacon = client.post("/views/", {"page": story.pk}, HTTP_USER_AGENT="Mozilla/5.0")
    assert beacon.status_code == 204

    assert len(cache.get(SET_KEY)["ids"]) == 2


@pytest.mark.django_db
def test_an_emptied_cache_finds_the_trending_set_stored_and_invalidates_only_changed_badges(
    client, section, django_assert_num_queries
):
    stories = [ArticleFactory(parent=section, title=f"Story {n}") for n in range(11)]
    oldest, leaving, newest = stories[0], stories[1], stories[-1]
    ranked = trending_set()
    for story in stories:
        client.get(story.url)

    cache.delete(SET_KEY)
    with django_assert_num_queries(1):
        assert trending_set() == ranked

    cache.delete(SET_KEY)
    ArticleDailyViews.add({(oldest.pk, timezone.localdate()): 5})
    refresh_trending_set()

    assert oldest.pk in trending_set() and leaving.pk not in trending_set()
    assert client.get(oldest.url)["X-Cache"] == "miss"
    assert client.get(leaving.url)["X-Cache"] == "miss"
    assert client.get(newest.url)["X-Cache"] == "hit"
