"""One public address: every link the site gives out starts with ``BASE_URL``, and the
demo's Wagtail site is set to it, whatever host the request came in by."""

import io
import json
import re
import xml.etree.ElementTree as ET  # noqa: N817
from html.parser import HTMLParser

from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from wagtail.models import Site

import feedparser
import pytest

from editorial.models import ArticlePage, SectionPage

from ..factories import ArticleFactory, UserFactory
from ..html_head import head_of
from ..workflow import approve_in_editor, submit_through_admin

PUBLIC = "http://news.example.test:8123"
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
SEED_SLUG = "is-buying-linkedin-connections-ethical"


class InputValues(HTMLParser):
    def __init__(self):
        super().__init__()
        self.values = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input" and attrs.get("id"):
            self.values[attrs["id"]] = attrs.get("value")


@pytest.fixture
def public(demo, settings):
    """The demo loaded (again) with ``BASE_URL`` set to an address no request uses."""
    settings.BASE_URL = settings.WAGTAILADMIN_BASE_URL = PUBLIC
    call_command("load_demo", "--no-users", stdout=io.StringIO())
    return PUBLIC


def test_the_demo_site_takes_its_host_and_port_from_base_url(public):
    site = Site.objects.get(is_default_site=True)

    assert (site.hostname, site.port, site.root_url) == ("news.example.test", 8123, PUBLIC)


def test_every_surface_gives_the_one_public_address(client, public):
    seed = ArticlePage.objects.get(slug=SEED_SLUG)
    seed_address = public + seed.url

    sitemap = ET.fromstring(client.get("/sitemap.xml").content)  # noqa: S314 - our own response
    locations = [loc.text for loc in sitemap.iter(f"{SITEMAP_NS}loc")]
    assert seed_address in locations
    assert all(location.startswith(f"{public}/") for location in locations)
    assert f"Sitemap: {public}/sitemap.xml" in client.get("/robots.txt").content.decode()

    head = head_of(client, seed.url)
    assert [link["href"] for link in head.links if link.get("rel") == "canonical"] == [seed_address]
    assert head.meta["og:url"] == [seed_address]
    assert head.meta["og:image"][0].startswith(f"{public}/media/")
    article_data, breadcrumbs = json.loads(head.json_ld[0])["@graph"]
    assert article_data["@id"] == article_data["mainEntityOfPage"] == seed_address
    assert article_data["publisher"]["url"] == f"{public}/"
    crumbs = [item["item"] for item in breadcrumbs["itemListElement"]]
    assert crumbs == [f"{public}/", public + seed.get_parent().url, seed_address]

    for feed_format in ("rss", "atom"):
        feed = feedparser.parse(client.get(f"/feeds/sections/networking/{feed_format}/").content)
        assert feed.feed.link == public + seed.get_parent().url
        assert seed_address in [entry.link for entry in feed.entries]
        assert all(entry.link in locations for entry in feed.entries)
    atom = feedparser.parse(client.get("/feeds/atom/").content)
    assert {link.href for link in atom.feed.links if link.rel == "self"} == {
        f"{public}/feeds/atom/"
    }
    assert all(author.href in locations for entry in atom.entries for author in entry.authors)


def test_review_emails_and_shareable_previews_give_the_public_address(client, public):
    author, editor = UserFactory(role="author"), UserFactory(role="editor")
    section = SectionPage.objects.get(slug="networking")
    article = ArticleFactory(parent=section, writer=author, tags=["work"], ready=True, live=False)
    article = submit_through_admin(client, author, article)
    client.force_login(editor)

    approve_in_editor(client, article)

    assert ArticlePage.objects.get(pk=article.pk).live, [m.subject for m in mail.outbox]
    approval = next(message for message in mail.outbox if message.to == [author.email])
    assert f"{public}{ArticlePage.objects.get(pk=article.pk).url}" in approval.body
    links = [link for message in mail.outbox for link in re.findall(r"https?://\S+", message.body)]
    assert links
    assert all(link.startswith(f"{public}/") for link in links)

    response = client.post(
        reverse("editorial_shareable_previews", args=[article.pk]), {"hours": 24, "note": ""}
    )
    parser = InputValues()
    parser.feed(response.content.decode())
    preview = parser.values["new-preview-url"]
    assert preview.startswith(f"{public}/preview/")
    client.logout()
    assert client.get(preview.removeprefix(public)).status_code == 200
