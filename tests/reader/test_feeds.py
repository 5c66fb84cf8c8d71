"""RSS and Atom feeds: valid for a real feed parser, newest live articles, every author."""

import re
from datetime import timedelta

from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import feedparser
import pytest

from ..factories import ArticleFactory, AuthorFactory, SectionFactory

pytestmark = pytest.mark.django_db

FORMATS = ["rss", "atom"]


@pytest.fixture
def content(home, section):
    maya, dan = AuthorFactory(name="Maya Okafor"), AuthorFactory(name="Dan Reyes")
    now = timezone.now()
    older = ArticleFactory(
        parent=section,
        title="Older & wiser",
        standfirst="An older <summary>.",
        authors=[maya],
        tags=["careers"],
        first_published_at=now - timedelta(days=2),
    )
    newer = ArticleFactory(
        parent=section,
        title="Newer",
        standfirst="The newest one.",
        authors=[dan, maya],
        tags=["careers", "café"],
        first_published_at=now - timedelta(days=1),
    )
    ArticleFactory(parent=section, title="Draft", authors=[maya], tags=["careers"], live=False)
    other = ArticleFactory(
        parent=SectionFactory(parent=home, title="Careers"), title="Elsewhere", authors=[dan]
    )
    return {"maya": maya, "dan": dan, "older": older, "newer": newer, "other": other}


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    feed = feedparser.parse(response.content)
    assert not feed.bozo, (url, feed.get("bozo_exception"))
    return response, feed


def feed_urls(content, feed_format):
    return {
        "site": f"/feeds/{feed_format}/",
        "section": f"/feeds/sections/networking/{feed_format}/",
        "tag": f"/feeds/tags/careers/{feed_format}/",
        "author": f"/feeds/authors/{content['maya'].slug}/{feed_format}/",
    }


@pytest.mark.parametrize("feed_format", FORMATS)
def test_every_feed_parses_and_lists_newest_live_articles(client, content, feed_format):
    expected = {
        "site": ["Elsewhere", "Newer", "Older & wiser"],
        "section": ["Newer", "Older & wiser"],
        "tag": ["Newer", "Older & wiser"],
        "author": ["Newer", "Older & wiser"],
    }
    for kind, url in feed_urls(content, feed_format).items():
        response, feed = parse(client, url)

        assert feed.version == ("rss20" if feed_format == "rss" else "atom10")
        assert response["Content-Type"].startswith(
            "application/rss+xml" if feed_format == "rss" else "application/atom+xml"
        )
        titles = [entry.title for entry in feed.entries]
        if kind == "site":
            assert titles[1:] == expected["site"][1:]
        else:
            assert titles == expected[kind], kind


@pytest.mark.parametrize("feed_format", FORMATS)
def test_entries_carry_link_summary_authors_dates_and_tags(client, content, feed_format):
    _, feed = parse(client, f"/feeds/sections/networking/{feed_format}/")
    entry = feed.entries[0]

    assert entry.link == settings.BASE_URL + content["newer"].url
    assert entry.summary == "The newest one."
    assert [author["name"] for author in entry.authors] == ["Dan Reyes", "Maya Okafor"]
    assert entry.published_parsed is not None
    assert {tag.term for tag in entry.tags} == {"careers", "café"}
    if feed_format == "atom":
        assert entry.updated_parsed is not None
        assert entry.authors[1]["href"] == settings.BASE_URL + content["maya"].get_url()
    # Summaries are HTML in both formats: the plain-text standfirst shows literally.
    assert feed.entries[1].summary == "An older &lt;summary&gt;."


@pytest.mark.parametrize(
    "url",
    [
        "/feeds/sections/no-such-section/rss/",
        "/feeds/tags/no-such-tag/atom/",
        "/feeds/authors/nobody/rss/",
        "/feeds/rss/extra/",
    ],
)
def test_unknown_feed_is_a_404(client, content, url):
    assert client.get(url).status_code == 404


def test_tag_of_drafts_only_has_no_feed(client, section):
    ArticleFactory(parent=section, title="Draft", tags=["secret"], live=False)

    assert client.get("/feeds/tags/secret/rss/").status_code == 404


def test_pages_link_their_feeds(client, content):
    pages = {
        "/": "/feeds/rss/",
        "/networking/": "/feeds/sections/networking/atom/",
        content["newer"].url: "/feeds/sections/networking/rss/",
        "/tags/careers/": "/feeds/tags/careers/atom/",
        content["maya"].get_url(): f"/feeds/authors/{content['maya'].slug}/rss/",
    }
    for url, feed_url in pages.items():
        html = client.get(url).content.decode()
        assert '<link rel="alternate" type="application/' in html
        assert f'href="{feed_url}"' in html, url


@pytest.mark.parametrize("page", ["section", "tag", "author"])
def test_visible_follow_links_lead_to_valid_feeds(client, content, page):
    url = {"section": "/networking/", "tag": "/tags/careers/", "author": content["maya"].get_url()}
    html = client.get(url[page]).content.decode()

    follow = re.search(r'<p class="feed-links">(.*?)</p>', html).group(1)
    links = {name: href for href, name in re.findall(r'<a href="([^"]*)">(RSS|Atom)</a>', follow)}

    assert set(links) == {"RSS", "Atom"}
    for href in links.values():
        assert href.startswith("/feeds/"), href
        parse(client, href)


def test_feed_queries_do_not_grow_with_articles(client, home):
    section = SectionFactory(parent=home, title="Networking", slug="networking")

    def queries(count):
        authors = [AuthorFactory() for _ in range(3)]
        for n in range(count):
            ArticleFactory(parent=section, authors=authors, tags=[f"t{n}", "shared"])
        counts = []
        for url in ["/feeds/rss/", "/feeds/sections/networking/atom/", "/feeds/tags/shared/rss/"]:
            client.get(url)
            with CaptureQueriesContext(connection) as captured:
                client.get(url)
            counts.append(len(captured))
        return counts

    small, large = queries(1), queries(5)

    assert small == large
    assert max(large) <= 14
