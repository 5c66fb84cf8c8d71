"""The sitemap lists every live public page, tag and author with a date; robots.txt finds it."""

import xml.etree.ElementTree as ET  # noqa: N817

from django.conf import settings

from wagtail.models import PageViewRestriction

import pytest

from ..factories import ArticleFactory, AuthorFactory, SectionFactory

pytestmark = pytest.mark.django_db

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def sitemap_entries(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 - our own response
    return {
        url.find("sm:loc", NS).text: getattr(url.find("sm:lastmod", NS), "text", None)
        for url in root.findall("sm:url", NS)
    }


def test_sitemap_lists_live_public_pages_tags_and_authors_with_dates(client, home, section):
    author, idle_author = AuthorFactory(name="Maya Okafor"), AuthorFactory(name="Idle Writer")
    article = ArticleFactory(parent=section, authors=[author], tags=["café culture"])
    draft = ArticleFactory(parent=section, authors=[author], tags=["secret"], live=False)
    private_section = SectionFactory(parent=home, title="Members")
    PageViewRestriction.objects.create(
        page=private_section, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    private = ArticleFactory(parent=private_section, tags=["hidden"])

    entries = sitemap_entries(client)
    paths = {loc.removeprefix(settings.BASE_URL) for loc in entries}

    assert {"/", section.url, article.url, "/tags/caf%C3%A9-culture/", author.get_url()} <= paths
    assert not paths & {draft.url, private.url, private_section.url, idle_author.get_url()}
    assert not paths & {"/tags/secret/", "/tags/hidden/"}
    assert all(entries.values())


def test_robots_txt_points_to_the_sitemap(client, home):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert f"Sitemap: {settings.BASE_URL}/sitemap.xml" in lines
    assert "Disallow: /admin/" in lines
