"""A caching proxy in front is purged by the page cache's own invalidation, URL by URL."""

import re

from django.urls import reverse

import pytest

from editorial.pagecache.fragments import include
from editorial.pagecache.versions import indexed_urls

from ..factories import ArticleFactory, AuthorFactory, SectionFactory


@pytest.fixture
def site(home, section):
    """An article and every kind of page and fragment that shows it, and pages that do not.

    Every article's "Latest" list may now show it, and so may the related lists of the
    articles sharing its tags, but the pages including those lists stay as they were.
    """
    writer, other_writer = AuthorFactory(name="Amara Bello"), AuthorFactory(name="Ike Obi")
    article = ArticleFactory(parent=section, authors=[writer], tags=["ethics"])
    elsewhere = SectionFactory(parent=home, title="Elsewhere")
    related = ArticleFactory(parent=elsewhere, authors=[other_writer], tags=["ethics"])
    unrelated = ArticleFactory(parent=elsewhere, authors=[other_writer], tags=["other"])
    showing = [
        article.url,
        section.url,
        "/",
        "/tags/ethics/",
        writer.get_url(),
        "/feeds/rss/",
        "/feeds/atom/",
        f"/feeds/sections/{section.slug}/rss/",
        "/feeds/tags/ethics/atom/",
        f"/feeds/authors/{writer.slug}/rss/",
        "/sitemap.xml",
        # Every article's "Latest" list may show a new publication.
        *(more_fragment(shown) for shown in (article, related, unrelated)),
    ]
    not_showing = [
        elsewhere.url,
        other_writer.get_url(),
        "/tags/other/",
        related.url,
        unrelated.url,
    ]
    return article, showing, not_showing


def more_fragment(article):
    """The URL of the fragment ``article``'s page includes under its body."""
    html = include("more", headings=["Related", "Latest"], count=3, **article.related_params())
    return re.search(r'src="([^"]+)"', html).group(1)


def absolute(urls):
    return {f"http://testserver{url}" for url in urls}


@pytest.mark.django_db
def test_publishing_purges_exactly_the_pages_that_show_the_article_once_committed(
    client, proxy, site, django_capture_on_commit_callbacks
):
    article, showing, not_showing = site
    for url in showing + not_showing:
        assert client.get(url).status_code == 200, url
    assert "s-maxage" in client.get(article.url)["Cache-Control"]
    proxy.purged.clear()

    with django_capture_on_commit_callbacks(execute=True):
        article.title = "Retitled"
        article.save_revision().publish()
        assert proxy.purged == set(), "purged before the transaction committed"

    assert proxy.purged == absolute(showing)


@pytest.mark.django_db
def test_unpublishing_purges_exactly_the_pages_that_showed_the_article(
    client, proxy, site, django_capture_on_commit_callbacks
):
    article, showing, not_showing = site
    for url in showing + not_showing:
        client.get(url)
    proxy.purged.clear()

    with django_capture_on_commit_callbacks(execute=True):
        article.unpublish()

    assert proxy.purged == absolute(showing)


@pytest.mark.django_db
def test_without_a_proxy_nothing_is_indexed_for_purging(client, site):
    article, showing, _ = site
    client.get(article.url)

    assert "s-maxage" not in client.get(article.url)["Cache-Control"]
    assert indexed_urls([f"page:{article.pk}"]) == set()


@pytest.mark.django_db
def test_a_view_restriction_purges_the_pages_that_showed_what_it_hides_once_committed(
    client, admin_client, proxy, site, django_capture_on_commit_callbacks
):
    article, showing, not_showing = site
    for url in showing + not_showing:
        client.get(url)
    proxy.purged.clear()
    privacy = reverse("wagtailadmin_pages:set_privacy", args=[article.pk])

    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(privacy, {"restriction_type": "password", "password": "secret"})
        assert proxy.purged == set(), "purged before the transaction committed"

    assert proxy.purged == absolute(showing)
