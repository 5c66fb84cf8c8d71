"""Every page describes itself: title, description, canonical URL; articles add social
cards, JSON-LD and breadcrumbs."""

import json
import re

from django.conf import settings

import pytest

from ..factories import ArticleFactory, AuthorFactory, ImageFactory
from ..html_head import head_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def tricky_article(section):
    """An article with all that its head describes (two authors, a tag, a hero image), and
    a title that tries to break out of the script element of its JSON-LD."""
    return ArticleFactory(
        parent=section,
        title='Tricky </script><script>alert("x")</script> & title',
        standfirst="What the article says, in one line.",
        authors=[AuthorFactory(name="Maya Okafor"), AuthorFactory(name="Dan Reyes")],
        tags=["careers"],
        hero_image=ImageFactory(),
        hero_alt="Two people talking",
    )


def test_every_page_has_a_unique_title_a_description_and_a_canonical_url(
    client, section, tricky_article
):
    author = tricky_article.authors[0]
    for n in range(13):
        ArticleFactory(parent=section, title=f"Filler {n}", tags=["careers"])
    urls = [
        "/",
        section.url,
        section.url + "?page=2",
        tricky_article.url,
        "/tags/careers/",
        author.get_url(),
        "/search/",
        "/search/?q=filler",
    ]
    titles = []
    for url in urls:
        head = head_of(client, url)
        titles.append(head.title)
        assert head.meta["description"][0].strip(), url
        canonical = [link["href"] for link in head.links if link.get("rel") == "canonical"]
        assert len(canonical) == 1, url
        assert canonical[0].startswith(f"{settings.BASE_URL}/"), url
    assert len(set(titles)) == len(titles), titles
    assert (
        head_of(client, section.url + "?page=2&utm_source=x").links[0]["href"].endswith("?page=2")
    )


def test_canonical_drops_tracking_parameters(client, section, tricky_article):
    head = head_of(client, tricky_article.url + "?utm_source=newsletter")

    canonical = next(link["href"] for link in head.links if link.get("rel") == "canonical")
    assert canonical == settings.BASE_URL + tricky_article.url


def test_article_has_social_cards_with_an_absolute_image(client, tricky_article):
    head = head_of(client, tricky_article.url)

    assert head.meta["og:type"] == ["article"]
    assert head.meta["og:title"] == [tricky_article.title]
    assert head.meta["og:description"] == ["What the article says, in one line."]
    assert head.meta["og:url"] == [settings.BASE_URL + tricky_article.url]
    image = head.meta["og:image"][0]
    assert re.fullmatch(
        re.escape(settings.BASE_URL) + r"/media/images/.+\.fill-1200x630\.png", image
    )
    assert head.meta["twitter:card"] == ["summary_large_image"]
    assert head.meta["twitter:image"] == [image]
    assert head.meta["twitter:title"] == [tricky_article.title]
    assert head.meta["twitter:image:alt"] == ["Two people talking"]
    assert len(head.meta["article:author"]) == 2


def test_article_json_ld_names_every_author_and_cannot_be_broken_out_of(client, tricky_article):
    response = client.get(tricky_article.url)
    html = response.content.decode()
    head = head_of(client, tricky_article.url)

    # The title's </script> is escaped: exactly one script element, fully parseable.
    assert html.count('<script type="application/ld+json">') == 1
    assert '<script>alert("x")' not in html
    data = json.loads(head.json_ld[0])
    article_data, breadcrumbs = data["@graph"]
    assert article_data["@type"] == "NewsArticle"
    assert article_data["headline"] == tricky_article.title
    assert [author["name"] for author in article_data["author"]] == ["Maya Okafor", "Dan Reyes"]
    assert all(author["@type"] == "Person" for author in article_data["author"])
    assert (
        article_data["author"][0]["url"] == settings.BASE_URL + tricky_article.authors[0].get_url()
    )
    assert article_data["datePublished"] and article_data["dateModified"]
    assert article_data["image"][0]["url"].startswith(f"{settings.BASE_URL}/media/images/")
    assert article_data["articleSection"] == "Networking"
    assert breadcrumbs["@type"] == "BreadcrumbList"
    assert [item["name"] for item in breadcrumbs["itemListElement"]] == [
        "The Working Week",
        "Networking",
        tricky_article.title,
    ]


def test_article_shows_breadcrumbs_home_section_article(client, tricky_article):
    html = client.get(tricky_article.url).content.decode()

    crumbs = re.search(r'<nav class="breadcrumbs" aria-label="Breadcrumb">(.*?)</nav>', html, re.S)
    assert crumbs
    assert re.findall(r'<a href="([^"]+)">', crumbs.group(1)) == ["/", "/networking/"]
    assert 'aria-current="page"' in crumbs.group(1)


def test_article_page_stays_within_budget_with_metadata(
    client, tricky_article, django_assert_max_num_queries
):
    client.get(tricky_article.url)

    with django_assert_max_num_queries(14):
        client.get(tricky_article.url)
