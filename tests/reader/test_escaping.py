"""Hostile text typed into any editable field is shown as text, never run as markup."""

import json
import re
import uuid
from html import unescape
from xml.etree import ElementTree

from django.core import mail
from django.urls import reverse

from wagtail.test.utils.form_data import rich_text, streamfield

import feedparser
import pytest

from editorial.models import Alternative

from ..factories import (
    AlternativeFactory,
    ArticleFactory,
    AuthorFactory,
    alternatives_block,
    article_edit_form,
)
from ..workflow import submit_through_admin, workflow_action

ATTRIBUTE_BREAKOUT = '"><svg onload=alert(1)>'
SCRIPT_BREAKOUT = "</script><script>alert(1)</script>"
HOSTILE = f"{ATTRIBUTE_BREAKOUT}{SCRIPT_BREAKOUT}"
# What would run if the text were not escaped, wherever it ends up.
EXECUTABLE = ["<svg onload", "<script>alert(1)", "onload=alert(1)>"]


def block(kind, value):
    return {"type": kind, "value": value, "id": str(uuid.uuid4())}


@pytest.fixture
def hostile_article(section):
    author = AuthorFactory(name=f"Eve {HOSTILE}", role=HOSTILE, bio=HOSTILE, slug="eve")
    alternative = AlternativeFactory(
        title=f"Alt {HOSTILE}", summary="<p>&lt;svg onload=alert(1)&gt;</p>"
    )
    return ArticleFactory(
        parent=section,
        title=f"Title {HOSTILE}",
        slug="hostile",
        standfirst=f"Standfirst {HOSTILE}",
        seo_title=f"SEO {HOSTILE}",
        search_description=f"Description {HOSTILE}",
        hero_alt=HOSTILE,
        hero_caption=HOSTILE,
        authors=[author],
        tags=[f"tag {HOSTILE}"[:100]],
        body=[
            block("heading", {"text": f"Heading {HOSTILE}"[:120], "anchor": ""}),
            block("paragraph", "<p>&quot;&gt;&lt;svg onload=alert(1)&gt;</p>"),
            block(
                "key_points",
                {
                    "points": [
                        {"type": "item", "value": {"title": HOSTILE[:100], "text": "<p>t</p>"}}
                    ]
                },
            ),
            block("quote", {"quote": HOSTILE, "attribution": HOSTILE}),
            block("callout", {"tone": "note", "title": HOSTILE[:100], "text": "<p>x</p>"}),
            alternatives_block([alternative], intro="<p>intro</p>"),
        ],
    )


def assert_inert(html, where):
    for fragment in EXECUTABLE:
        assert fragment not in html, f"{fragment!r} unescaped on {where}"


@pytest.mark.django_db
def test_public_pages_show_hostile_text_as_text(client, home, section, hostile_article):
    tag_slug = hostile_article.tags.first().slug
    urls = [hostile_article.url, section.url, "/", f"/tags/{tag_slug}/", "/authors/eve/"]

    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert "&lt;svg onload=alert(1)&gt;" in html or "&lt;/script&gt;" in html, url
        assert_inert(html, url)


@pytest.mark.django_db
def test_admin_listings_show_hostile_text_as_text(admin_client, section, hostile_article):
    urls = [
        reverse("wagtailadmin_explore", args=(section.pk,)),
        reverse("wagtailadmin_pages:edit", args=(hostile_article.pk,)),
        reverse("wagtailsnippets_editorial_author:list"),
        reverse("wagtailsnippets_editorial_alternative:list"),
    ]

    for url in urls:
        response = admin_client.get(url)
        assert response.status_code == 200, url
        assert_inert(response.content.decode(), url)


# What word processors paste: vertical tab (Word's line break), form feed, unit separator.
PASTED_CONTROLS = "\x0b\x0c\x1f"


@pytest.fixture
def pasted_article(section):
    author = AuthorFactory(name=f"Zoe{PASTED_CONTROLS}Writer", slug="zoe")
    return ArticleFactory(
        parent=section,
        title=f"Pasted{PASTED_CONTROLS}title {HOSTILE}",
        slug="pasted",
        standfirst=f"Pasted{PASTED_CONTROLS}standfirst",
        authors=[author],
        tags=[f"pasted{PASTED_CONTROLS}tag"],
    )


def feed_urls(section, hostile_article, pasted_article):
    tags = [hostile_article.tags.first().slug, pasted_article.tags.first().slug]
    prefixes = ["", f"sections/{section.slug}/", *(f"tags/{tag}/" for tag in tags)]
    prefixes += ["authors/eve/", "authors/zoe/"]
    return [f"/feeds/{prefix}{kind}/" for prefix in prefixes for kind in ("rss", "atom")]


@pytest.mark.django_db
def test_feeds_stay_well_formed_and_carry_hostile_text_as_text(
    client, section, hostile_article, pasted_article
):
    for url in feed_urls(section, hostile_article, pasted_article):
        response = client.get(url)
        assert response.status_code == 200, url
        xml = response.content.decode()

        ElementTree.fromstring(response.content)  # noqa: S314 (our own output)
        feed = feedparser.parse(response.content)
        assert not feed.bozo, (url, feed.get("bozo_exception"))
        assert_inert(xml, url)
        assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", xml), url
        titles = {entry.title for entry in feed.entries}
        assert titles <= {f"Title {HOSTILE}", f"Pasted   title {HOSTILE}"}, url
        assert titles, url
    rss = feedparser.parse(client.get("/feeds/rss/").content)
    entry = next(e for e in rss.entries if e.title.startswith("Title"))
    # The summary is HTML: the hostile text arrives as escaped characters, not markup.
    assert "<" not in entry.summary
    assert unescape(entry.summary) == f"Standfirst {HOSTILE}"
    assert f"tag {HOSTILE}"[:100] in {tag.term for tag in entry.tags}


def structured_data(html):
    """The JSON-LD element's text, up to the first end tag a browser would see."""
    start = html.index('<script type="application/ld+json">') + len(
        '<script type="application/ld+json">'
    )
    return json.loads(html[start : html.index("</script>", start)])


@pytest.mark.django_db
def test_json_ld_keeps_hostile_text_as_data(client, hostile_article, pasted_article):
    page = client.get(hostile_article.url).content.decode()

    article, breadcrumbs = structured_data(page)["@graph"]
    assert article["headline"] == f"Title {HOSTILE}"
    assert article["description"] == f"Description {HOSTILE}"
    assert article["author"][0]["name"] == f"Eve {HOSTILE}"
    assert article["keywords"] == [f"tag {HOSTILE}"[:100]]
    assert breadcrumbs["itemListElement"][-1]["name"] == f"Title {HOSTILE}"

    pasted = structured_data(client.get(pasted_article.url).content.decode())["@graph"][0]
    assert pasted["headline"] == f"Pasted{PASTED_CONTROLS}title {HOSTILE}"


@pytest.mark.django_db
@pytest.mark.parametrize("use_html", [False, True])
def test_review_emails_show_hostile_title_and_reason_as_text(
    client, section, settings, users, use_html
):
    settings.WAGTAILADMIN_NOTIFICATION_USE_HTML = use_html
    writer, editor = users["author"], users["editor"]
    article = ArticleFactory(
        parent=section,
        title=f"Title {HOSTILE}",
        writer=writer,
        ready=True,
        live=False,
    )
    article = submit_through_admin(client, writer, article)
    client.force_login(editor)
    workflow_action(client, article, "reject", comment=f"Reason {HOSTILE}")

    messages = [m for m in mail.outbox if "rejected" in m.subject]
    assert messages and any(m.to == [editor.email] for m in mail.outbox)
    for message in mail.outbox:
        assert HOSTILE in message.subject or "Title" not in message.subject
        if use_html:
            html = message.alternatives[0][0]
            assert_inert(html, message.subject)
            assert "Title &quot;&gt;&lt;svg onload=alert(1)&gt;" in html
        else:
            assert not message.alternatives
            assert f"Title {HOSTILE}" in message.body
    for message in messages:
        expected = "Reason &quot;&gt;&lt;svg" if use_html else f"Reason {HOSTILE}"
        assert expected in (message.alternatives[0][0] if use_html else message.body)


UNSAFE_URLS = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
]


def contentstate_links(urls):
    """Draftail's form value for a paragraph with one link per URL, as the editor posts it."""
    entity_ranges = [{"key": n, "offset": 2 * n, "length": 1} for n in range(len(urls))]
    entities = {
        str(n): {"type": "LINK", "mutability": "MUTABLE", "data": {"url": url}}
        for n, url in enumerate(urls)
    }
    block = {
        "key": "a1b2c",
        "type": "unstyled",
        "depth": 0,
        "text": " ".join("x" * len(urls)),
        "inlineStyleRanges": [],
        "entityRanges": entity_ranges,
        "data": {},
    }
    return json.dumps({"blocks": [block], "entityMap": entities})


@pytest.mark.django_db
def test_javascript_and_data_links_do_not_survive_the_editor(admin_client, client, section):
    article = ArticleFactory(parent=section, slug="linked")
    body = streamfield([("paragraph", contentstate_links([*UNSAFE_URLS, "https://example.com/"]))])
    url = reverse("wagtailadmin_pages:edit", args=(article.pk,))

    response = admin_client.post(url, article_edit_form(article, body=body))

    assert response.status_code == 302
    article.refresh_from_db()
    article.get_latest_revision().publish()
    page = client.get(article.url).content.decode()
    assert '<a href="https://example.com/">x</a>' in page
    for scheme in ("javascript:", "java\tscript:", "data:"):
        assert scheme not in page.lower()


@pytest.mark.django_db
@pytest.mark.parametrize("link", UNSAFE_URLS)
def test_alternative_link_refuses_javascript_and_data_urls(admin_client, link):
    url = reverse("wagtailsnippets_editorial_alternative:add")
    data = {"title": "Link", "summary": rich_text("<p>Text</p>"), "link_url": link}

    response = admin_client.post(url, {**data, "link_text": "More", "tags": ""})

    assert response.status_code == 200
    assert "link_url" in response.context["form"].errors
    assert not Alternative.objects.exists()
