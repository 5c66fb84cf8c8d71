"""Public pages render in a fixed number of queries, whatever the amount of content, with
every cache empty as after a restart or an invalidation, and warm."""

import pytest

from ..factories import (
    AlternativeFactory,
    ArticleFactory,
    AuthorFactory,
    SectionFactory,
    alternatives_block,
    paragraph,
)
from .public_pages import ARTICLE_BUDGET, BUDGET, LISTING_BUDGET, clear_caches, queries_for

# Measure full renders: the page cache would turn the second request into a hit.
pytestmark = pytest.mark.usefixtures("without_page_cache")


def build(home, size):
    """A site whose every dimension grows with ``size``; returns the URLs to measure with
    the budget of each."""
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
        ("/", LISTING_BUDGET),
        (sections[0].url, LISTING_BUDGET),
        (article.url, ARTICLE_BUDGET),
        ("/tags/tag-0/", LISTING_BUDGET),
        (authors[0].get_url(), LISTING_BUDGET),
        ("/search/?q=article", BUDGET),
        ("/feeds/rss/", BUDGET),
        (f"/feeds/sections/{sections[0].slug}/atom/", BUDGET),
        ("/feeds/tags/tag-0/rss/", BUDGET),
        ("/sitemap.xml", BUDGET),
    ]


def measure(client, pages, warm):
    """Queries and budget per URL; search, feeds and the sitemap have a warm budget only."""
    return {
        url: (queries_for(client, url, warm=warm or budget == BUDGET), budget)
        for url, budget in pages
    }


@pytest.mark.django_db
@pytest.mark.parametrize("warm", [False, True], ids=["cold", "warm"])
def test_public_pages_stay_within_budget_as_content_grows(client, home, warm):
    small = measure(client, build(home, 1), warm)
    large = measure(client, build(home, 4), warm)

    over = {
        url: measured
        for url, measured in [*small.items(), *large.items()]
        if measured[0] > measured[1]
    }
    assert not over
    assert list(small.values()) == list(large.values()), (small, large)


@pytest.mark.django_db
@pytest.mark.parametrize("warm", [False, True], ids=["cold", "warm"])
def test_showcase_article_budget(client, home, warm, django_assert_max_num_queries):
    """The benchmark's showcase: five authors, ten tags, five alternatives."""
    section = SectionFactory(parent=home)
    article = ArticleFactory(
        parent=section,
        authors=[AuthorFactory() for _ in range(5)],
        tags=[f"t{n}" for n in range(10)],
        body=[alternatives_block([AlternativeFactory() for _ in range(5)])],
    )
    clear_caches()
    if warm:
        client.get(article.url)

    with django_assert_max_num_queries(ARTICLE_BUDGET):
        client.get(article.url)
