"""Public pages render in a fixed number of queries, whatever the amount of content."""

import pytest

from ..factories import (
    AlternativeFactory,
    ArticleFactory,
    AuthorFactory,
    SectionFactory,
    alternatives_block,
    paragraph,
)
from .public_pages import BUDGET, queries_for

# Measure full renders: the page cache would turn the second request into a hit.
pytestmark = pytest.mark.usefixtures("without_page_cache")


def build(home, size):
    """A site whose every dimension grows with ``size``; returns the URLs to measure."""
    sections = [SectionFactory(parent=home) for _ in range(size)]
    authors = [AuthorFactory() for _ in range(size * 2)]
    alternatives = [AlternativeFactory() for _ in range(size * 2)]
    tags = [f"tag {n}" for n in range(size * 3)]
    for section in sections:
        for n in range(size * 2):
            article = ArticleFactory(
                parent=section,
                authors=authors[: size + n % 2],
                tags=tags,
                body=[paragraph("Text.")] * size + [alternatives_block(alternatives)],
            )
    return [
        "/",
        sections[0].url,
        article.url,
        "/tags/tag-0/",
        authors[0].get_url(),
        "/search/?q=article",
        "/feeds/rss/",
        f"/feeds/sections/{sections[0].slug}/atom/",
        "/feeds/tags/tag-0/rss/",
        "/sitemap.xml",
    ]


@pytest.mark.django_db
def test_public_pages_stay_within_budget_as_content_grows(client, home):
    small = [queries_for(client, url, warm=True) for url in build(home, 1)]
    large = [queries_for(client, url, warm=True) for url in build(home, 4)]

    assert max(small + large) <= BUDGET, list(zip(small, large, strict=True))
    assert small == large


@pytest.mark.django_db
def test_article_page_budget(client, home, django_assert_max_num_queries):
    section = SectionFactory(parent=home)
    authors = [AuthorFactory() for _ in range(6)]
    article = ArticleFactory(
        parent=section,
        authors=authors,
        tags=[f"t{n}" for n in range(10)],
        body=[alternatives_block([AlternativeFactory() for _ in range(5)])],
    )
    client.get(article.url)

    with django_assert_max_num_queries(BUDGET):
        client.get(article.url)
