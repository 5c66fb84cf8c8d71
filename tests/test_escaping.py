"""Hostile text typed into any editable field is shown as text, never run as markup."""

import uuid

from django.urls import reverse

import pytest

from .factories import AlternativeFactory, ArticleFactory, AuthorFactory, alternatives_block

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
