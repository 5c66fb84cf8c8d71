"""Hidden content never reaches readers: for each kind of hidden content, every public
surface (pages, listing blocks, tag and author pages, search, feeds, sitemap, JSON-LD,
robots.txt and the view beacon) is fetched and must not show its marker."""

from datetime import timedelta

from django.utils import timezone

from wagtail.models import PageViewRestriction

import pytest

from editorial.models import ArticleDailyViews

from ..factories import (
    AlternativeFactory,
    ArticleFactory,
    AuthorFactory,
    add_views,
    alternatives_block,
    paragraph,
    restrict,
)
from .public_pages import listing, publish_with

pytestmark = pytest.mark.django_db

# In every text of the hidden content; no public answer may contain it.
MARKER = "Qzxleakmarker"
HIDDEN_TAG = f"{MARKER} tag"
VISIBLE_TITLE = "Visible story"


def hidden_fields(**extra):
    return {
        "title": f"{MARKER} title",
        "slug": "hidden-story",
        "standfirst": f"{MARKER} standfirst",
        "seo_title": f"{MARKER} seo",
        "search_description": f"{MARKER} description",
        "body": [paragraph(f"{MARKER} body")],
        "tags": ["careers", HIDDEN_TAG],
        **extra,
    }


def draft(section, author):
    return ArticleFactory(parent=section, live=False, authors=[author], **hidden_fields())


def unapproved_revision(section, author):
    article = ArticleFactory(
        parent=section, title="Published version", slug="live-story", authors=[author]
    )
    article.tags.add(HIDDEN_TAG)
    for name, value in hidden_fields(slug=f"{MARKER.lower()}-new").items():
        if name != "tags":
            setattr(article, name, value)
    article.save_revision()
    article.refresh_from_db()
    return article


def scheduled(section, author):
    tomorrow = timezone.now() + timedelta(days=1)
    article = ArticleFactory(
        parent=section, authors=[author], go_live_at=tomorrow, **hidden_fields()
    )
    assert not article.live
    return article


def password_protected(section, author):
    article = ArticleFactory(parent=section, authors=[author], **hidden_fields())
    restrict(article)
    return article


def login_protected(section, author):
    article = ArticleFactory(parent=section, authors=[author], **hidden_fields())
    PageViewRestriction.objects.create(page=article, restriction_type=PageViewRestriction.LOGIN)
    return article


def unpublished_alternatives(section, author):
    """Never published, and live with a newer unpublished revision: both in a live article."""
    never = AlternativeFactory(title=f"{MARKER} alternative", summary=f"<p>{MARKER}</p>")
    never.live = False
    never.save()
    edited = AlternativeFactory(title="Published alternative")
    edited.title = f"{MARKER} edited alternative"
    edited.save_revision()
    return ArticleFactory(
        parent=section,
        title="Article with alternatives",
        slug="with-alternatives",
        authors=[author],
        tags=["careers"],
        body=[paragraph("Try these."), alternatives_block([never, edited])],
    )


def unpublished_author(section, author):
    hidden_author = AuthorFactory(
        name=f"{MARKER} Writer", slug=f"{MARKER.lower()}-author", bio=MARKER, live=False
    )
    return ArticleFactory(
        parent=section,
        title="Co-written article",
        slug="co-written",
        authors=[author, hidden_author],
        tags=["careers"],
    )


HIDDEN_KINDS = {
    "draft": draft,
    "unapproved-revision": unapproved_revision,
    "scheduled": scheduled,
    "password-restricted": password_protected,
    "login-restricted": login_protected,
    "unpublished-alternative": unpublished_alternatives,
    "unpublished-author": unpublished_author,
}


def feeds(*prefixes):
    return [f"/feeds/{prefix}{kind}/" for prefix in prefixes for kind in ("rss", "atom")]


@pytest.mark.parametrize("kind", HIDDEN_KINDS)
def test_hidden_content_appears_on_no_public_surface(client, home, section, kind):
    author = AuthorFactory(name="Ada Writer", slug="ada")
    hidden = HIDDEN_KINDS[kind](section, author)
    # Many views: a leak into trending would put it first.
    add_views(hidden, 1000)
    visible = ArticleFactory(
        parent=section,
        title=VISIBLE_TITLE,
        slug="visible-story",
        authors=[author],
        tags=["careers"],
        related=[hidden],
        body=[paragraph("Text."), listing("related_posts", count=5)],
    )
    add_views(visible, 1)
    blocks = [listing("trending_posts", count=5), listing("latest_posts", count=5)]
    publish_with(home, body=blocks)
    publish_with(section, body=blocks)
    hidden_slug = f"/{MARKER.lower()}-"
    # Surfaces that list the visible article, and must therefore show it.
    listings = [
        "/",
        section.url,
        visible.url,
        "/tags/careers/",
        "/authors/ada/",
        "/search/?q=visible",
        "/sitemap.xml",
        *feeds("", f"sections/{section.slug}/", "tags/careers/", "authors/ada/"),
    ]
    others = [
        hidden.url or "/networking/hidden-story/",
        "/robots.txt",
        f"/tags{hidden_slug}tag/",
        f"/authors{hidden_slug}author/",
        *feeds(f"tags{hidden_slug}tag/", f"authors{hidden_slug}author/"),
    ]

    for url in listings + others:
        response = client.get(url)
        text = response.content.decode()

        assert response.status_code < 500, url
        assert MARKER not in text, f"{kind} leaks on {url}"
        assert MARKER.lower() not in text, f"{kind} leaks on {url}"
        if url in listings:
            assert response.status_code == 200, url
            assert "visible-story" in text, url
            if kind != "unapproved-revision":
                assert "hidden-story" not in text, f"{kind} leaks on {url}"

    search = client.get("/search/", {"q": MARKER})
    assert search.context["articles"].paginator.count == 0, f"{kind} found by search"

    if hidden.live and not kind.endswith("restricted"):
        return
    views = ArticleDailyViews.objects.filter(article=hidden).values_list("views", flat=True)
    beacon = client.post("/views/", {"page": hidden.pk}, HTTP_USER_AGENT="Mozilla/5.0")
    assert beacon.status_code == 404
    assert list(views) == [1000]
