"""A cache hit does only what a hit needs: one trip to the cache, a stored body sent; a
miss that finds versions missing creates them all in one more."""

import gzip

from django.core.cache import cache

import brotli
import pytest

from editorial.pagecache.versions import current_versions, version_key

from ..factories import ArticleFactory


@pytest.mark.django_db
def test_a_hit_is_one_round_trip_to_redis(client, section, redis_round_trips):
    article = ArticleFactory(parent=section)
    ArticleFactory(parent=section, title="Newer")
    client.get(article.url)
    assert client.get(article.url)["X-Cache"] == "hit"

    redis_round_trips.round_trips = 0
    response = client.get(article.url)

    assert response["X-Cache"] == "hit" and "Newer" in response.content.decode()
    assert redis_round_trips.round_trips == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("encoding", "decompress"), [("br", brotli.decompress), ("gzip", gzip.decompress)]
)
def test_hits_are_sent_compressed_as_stored(client, section, encoding, decompress):
    article = ArticleFactory(parent=section)
    plain = client.get(article.url)

    compressed = client.get(article.url, HTTP_ACCEPT_ENCODING=f"{encoding}, deflate")
    revalidated = client.get(
        article.url, HTTP_ACCEPT_ENCODING=encoding, HTTP_IF_NONE_MATCH=compressed["ETag"]
    )

    assert compressed["X-Cache"] == "hit" and compressed["Content-Encoding"] == encoding
    assert decompress(compressed.content) == plain.content
    assert int(compressed["Content-Length"]) == len(compressed.content) < len(plain.content)
    assert "Accept-Encoding" in compressed["Vary"]
    assert compressed["ETag"] != plain["ETag"]
    assert revalidated.status_code == 304


@pytest.mark.django_db
def test_a_page_without_fragments_is_sent_compressed_too(client, section):
    ArticleFactory(parent=section)
    client.get(section.url)

    response = client.get(section.url, HTTP_ACCEPT_ENCODING="gzip")

    assert response["X-Cache"] == "hit" and response["Content-Encoding"] == "gzip"
    assert b"</html>" in gzip.decompress(response.content)


def test_missing_versions_are_created_together_and_never_replace_one(redis_round_trips):
    cache.set(version_key("page:1"), 7, timeout=None)
    names = [f"page:{number}" for number in range(1, 11)]

    redis_round_trips.round_trips = 0
    versions = current_versions(names)

    assert redis_round_trips.round_trips == 2
    assert versions["page:1"] == 7 and len(set(versions.values())) == len(names)
    assert current_versions(names) == versions
