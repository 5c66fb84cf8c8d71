"""The index of URLs to purge from the proxy stays bounded: every entry expires, and an
invalidation drops the entries of the versions it replaces."""

from django.conf import settings

import pytest
import redis

from editorial.pagecache.versions import KEY_PREFIX

from ..factories import ArticleFactory

ROUNDS = 4


def index_keys():
    """The index's keys in Redis, with their remaining lifetimes."""
    cache = settings.CACHES["default"]
    with redis.Redis.from_url(cache["LOCATION"]) as client:
        keys = list(client.scan_iter(match=f"{cache['KEY_PREFIX']}:*:{KEY_PREFIX}:urls:*"))
        return {key: client.ttl(key) for key in keys}


@pytest.mark.django_db
def test_renders_and_invalidations_of_the_same_pages_do_not_grow_the_index(
    client, proxy, redis_cache, section
):
    article = ArticleFactory(parent=section, tags=["ethics"])
    urls = [article.url, section.url, "/", "/tags/ethics/", "/feeds/rss/"]
    after_render, after_invalidation = [], []

    for round_number in range(ROUNDS):
        for url in urls:
            assert client.get(url)["X-Cache"] == "miss", url
        keys = index_keys()
        after_render.append(len(keys))
        assert all(0 < ttl <= 2 * settings.PAGE_CACHE_SECONDS for ttl in keys.values())
        proxy.purged.clear()
        article.title = f"Round {round_number}"
        article.save_revision().publish()
        client.get("/robots.txt")  # runs the invalidation, as the next request would
        after_invalidation.append(len(index_keys()))
        pages = {purged for purged in proxy.purged if "/fragments/" not in purged}
        assert pages == {f"http://testserver{url}" for url in urls}

    assert after_render == [after_render[0]] * ROUNDS
    pairs = zip(after_invalidation, after_render, strict=True)
    assert all(dropped < kept for dropped, kept in pairs)
