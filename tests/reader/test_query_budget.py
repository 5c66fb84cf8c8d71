"""Public pages render in a fixed number of queries, whatever the amount of content, with
every cache empty as after a restart or an invalidation, and warm."""

import pytest

from ..factories import (
    AlternativeFactory,
    ArticleFactory,
    AuthorFactory,
    ImageFactory,
    SectionFactory,
    alternatives_block,
    paragraph,
)
from .public_pages import (
    ARTICLE_PAGE,
    LISTING_PAGE,
    OTHER_PAGE,
    clear_caches,
    front_page,
    publish_with,
    queries_for,
)

# Measure full renders: the page cache would turn the second request into a hit.
pytestmark = pytest.mark.usefixtures("without_page_cache")


def build(home, size):
    """A site whose every dimension grows with ``size``; returns the URLs to measure with
    the budget of each."""
    sections = [SectionFactory(parent=home) for _ in range(size)]
    authors = [AuthorFactory() for _ in range(size * 2)]
    alternatives = [AlternativeFactory() for _ in range(size * 2)]
    image = ImageFactory()
    tags = [f"tag {n}" for n in range(size * 3)]
    for section in sections:
        for n in range(size * 2):
            article = ArticleFactory(
                parent=section,
                authors=authors[: size + n % 2],
                tags=tags,
                hero_image=image,
                hero_alt="A desk",
                body=[paragraph("Text.")] * size + [alternatives_block(alternatives)],
            )
    publish_with(home, body=front_page(sections))
    return [
        ("/", LISTING_PAGE),
        (sections[0].url, LISTING_PAGE),
        (article.url, ARTICLE_PAGE),
        ("/tags/tag-0/", LISTING_PAGE),
        (authors[0].get_url(), LISTING_PAGE),
        ("/search/?q=article", OTHER_PAGE),
        ("/feeds/rss/", OTHER_PAGE),
        (f"/feeds/sections/{sections[0].slug}/atom/", OTHER_PAGE),
        ("/feeds/tags/tag-0/rss/", OTHER_PAGE),
        ("/sitemap.xml", OTHER_PAGE),
    ]


def measure(client, pages, warm, committer):
    """Queries and their limit per URL; pages without a cold budget are measured warm."""
    measured = {}
    for url, budget in pages:
        warm_only = warm or budget.cold is None
        limit = budget.warm if warm_only else budget.cold
        measured[url] = (queries_for(client, url, committer, warm=warm_only), limit)
    return measured


@pytest.mark.django_db
@pytest.mark.parametrize("warm", [False, True], ids=["cold", "warm"])
def test_public_pages_stay_within_budget_as_content_grows(
    client, home, warm, commit_between_requests
):
    small = measure(client, build(home, 1), warm, commit_between_requests)
    large = measure(client, build(home, 4), warm, commit_between_requests)

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
        ready=True,
    )
    clear_caches()
    if warm:
        client.get(article.url)

    with django_assert_max_num_queries(ARTICLE_PAGE.warm if warm else ARTICLE_PAGE.cold):
        client.get(article.url)
